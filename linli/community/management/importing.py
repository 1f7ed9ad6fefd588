"""What `import_households` and `import_owners` share: a compound named on the command line and
a file imported all or nothing, every bad row printed."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from linli.community.imports import ImportRejected
from linli.community.models import Compound


class CompoundImportCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--compound", required=True, help="Compound name (or id)")
        parser.add_argument(
            "--neighborhood", help="Neighborhood short name, when compound names repeat"
        )

    def importer(self, *, compound: Compound, data: bytes, filename: str) -> Any:
        raise NotImplementedError

    def done(self, report: Any) -> str:
        raise NotImplementedError

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
            report = self.importer(compound=matches[0], data=path.read_bytes(), filename=path.name)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages))
        except ImportRejected as rejected:
            for e in rejected.report.errors:
                self.stderr.write(f"row {e.row}, {e.column}: {e.message}")
            raise CommandError(f"{len(rejected.report.errors)} errors; nothing was imported.")
        self.stdout.write(self.style.SUCCESS(self.done(report)))
