"""Write one table of the public CSV export contract (see kb.exporting)."""

from django.core.management.base import BaseCommand

from kb.exporting import TABLES, exporter_classes, write_csv


class _Unterminated:
    """Hands text to the command's stdout without the newline OutputWrapper
    would otherwise add to the BOM."""

    def __init__(self, stdout):
        self._stdout = stdout

    def write(self, text):
        self._stdout.write(text, ending="")


class Command(BaseCommand):
    help = (
        "Export one table as UTF-8 CSV, streamed row by row.  Unlike the site's CSV download, "
        "which always starts with a UTF-8 byte-order mark so that Excel reads the Chinese, "
        "this command writes none unless asked (--bom): scripts, databases and Unix tools "
        "read plain UTF-8, and a BOM would stick to the first column's name."
    )

    def add_arguments(self, parser):
        parser.add_argument("table", choices=TABLES)
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.add_argument(
            "--bom",
            action="store_true",
            help="start with a UTF-8 byte-order mark, as the web download does (for Excel)",
        )

    def handle(self, *args, table, output=None, bom=False, **options):
        exporter = exporter_classes()[table]()
        queryset = exporter.default_queryset()
        if output and output != "-":
            with open(output, "w", encoding="utf-8", newline="") as out:
                count = write_csv(exporter, queryset, out, bom=bom)
            self.stderr.write(f"{count} rows written to {output}")
        else:
            count = write_csv(exporter, queryset, _Unterminated(self.stdout), bom=bom)
            self.stderr.write(f"{count} rows written")
