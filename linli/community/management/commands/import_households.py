from linli.community.imports import household_import
from linli.community.management.importing import CompoundImportCommand


class Command(CompoundImportCommand):
    help = "Import households (building, unit, room, area, owner_occupied) from an .xlsx or .csv file; a bad row imports nothing."

    def importer(self, *, compound, data, filename):
        return household_import(compound=compound, data=data, filename=filename, actor=None)

    def done(self, report):
        return (
            f"{report.created} created, {report.updated} updated, "
            f"{report.buildings_created} new buildings."
        )
