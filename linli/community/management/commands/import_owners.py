from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from linli.community.imports import ImportRejected
from linli.community.models import Compound
from linli.community.owner_imports import owner_import


class Command(BaseCommand):
    help = "Import a compound's owner register (building, unit, room, owner, phone, identity[, area, developer]) from .xlsx or .csv; a bad row imports nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--compound", required=True, help="Compound name (or id)")
        parser.add_argument(
            "--neighborhood", help="Neighborhood short name, when compound names repeat"
        )

    def handle(self, *args, file, compound, neighborhood, **options):
        path = Path(file)
        if not path.exists():
            raise CommandError(f"{file} does not exist.")
        qs = Compound.objects.select_related("neighborhood")
        if neighborhood:
            qs = qs.filter(neighborhood__slug=neighborhood)
        matches = list(
            qs.filter(pk=int(compound)) if compound.isdigit() else qs.filter(name=compound)
        )
        if len(matches) != 1:
            raise CommandError(
                f"Found {len(matches)} compounds named {compound!r}; name the neighborhood with --neighborhood."
            )
        try:
            report = owner_import(
                compound=matches[0], data=path.read_bytes(), filename=path.name, actor=None
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages))
        except ImportRejected as rejected:
            for e in rejected.report.errors:
                self.stderr.write(f"row {e.row}, {e.column}: {e.message}")
            raise CommandError(f"{len(rejected.report.errors)} errors; nothing was imported.")
        self.stdout.write(
            self.style.SUCCESS(f"{report.created} new owners, {report.updated} units set.")
        )
