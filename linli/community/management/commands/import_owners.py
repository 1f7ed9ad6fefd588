from linli.community.management.importing import CompoundImportCommand
from linli.community.owner_imports import owner_import


class Command(CompoundImportCommand):
    help = "Import a compound's owner register (building, unit, room, owner, phone, identity[, area, developer]) from .xlsx or .csv; a bad row imports nothing."

    def importer(self, *, compound, data, filename):
        return owner_import(compound=compound, data=data, filename=filename, actor=None)

    def done(self, report):
        return f"{report.created} new owners, {report.updated} units set."
