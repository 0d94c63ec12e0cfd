"""python manage.py import_seeds [PATH ...]

Reads raw article files (files or folders; default seeds/), repairs them and
fills the knowledge base.  One transaction per file; a refused file is
reported with its reason and the rest go on (--strict stops at the first).
Exit status 1 when any file was refused.
"""

import sys
import time
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kb.services.imports import FileReport, paths_import

STATUS_LABELS = {
    "created": "新建 created",
    "updated": "更新 updated",
    "unchanged": "未变 unchanged",
    "skipped": "跳过 skipped (curated)",
    "refused": "拒绝 refused",
}


class Command(BaseCommand):
    help = "Import raw article files (default: seeds/) into the knowledge base."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", default=["seeds/"], help="files or folders")
        parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--keep-going", action="store_true", default=True,
                          help="go on after a refused file (default)")
        mode.add_argument("--strict", action="store_true", help="stop at the first refused file")
        parser.add_argument("--max-bytes", type=int, default=settings.KB_IMPORT_MAX_BYTES,
                            help="refuse files larger than this (default 5 MB)")
        parser.add_argument("--workers", type=int, default=1,
                            help="processes for decoding, repair and extraction (writes stay in this one)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        parser.add_argument("--no-warm", action="store_true",
                            help="do not ask for the timeline afterwards (it warms the shared cache)")

    def handle(self, *args, **options):
        started = time.perf_counter()
        show_progress = not options["no_progress"] and sys.stderr.isatty()
        reports = paths_import(
            paths=options["paths"],
            max_bytes=options["max_bytes"],
            dry_run=options["dry_run"],
            strict=options["strict"],
            workers=max(1, options["workers"]),
            on_file=self._progress if show_progress else None,
        )
        if show_progress:
            sys.stderr.write("\n")
        self._print_refusals(reports)
        self._print_summary(reports, time.perf_counter() - started, options["dry_run"])
        if not options["dry_run"] and not options["no_warm"] and any(
                r.status in ("created", "updated") for r in reports):
            from kb.cache_warming import public_pages_warm

            try:
                pages, milliseconds = public_pages_warm()
            except Exception as error:  # noqa: BLE001 - the import is done; warming is a courtesy
                self.stderr.write(f"cache not warmed: {type(error).__name__}: {error}")
            else:
                self.stdout.write(f"  cache warmed: {pages} page(s) in {milliseconds:.0f} ms")
        refused = [r for r in reports if r.status == "refused"]
        if refused:
            raise CommandError(f"{len(refused)} file(s) refused", returncode=1)

    def _progress(self, report: FileReport, number: int, total: int) -> None:
        if total < 2:
            return
        width = 30
        done = int(width * number / total)
        sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {number}/{total} {report.path[-40:]:<40}")
        sys.stderr.flush()

    def _print_refusals(self, reports) -> None:
        for report in reports:
            if report.status == "refused":
                self.stderr.write(f"{report.path}: {report.reason}")

    def _print_summary(self, reports, seconds: float, dry_run: bool) -> None:
        statuses = Counter(r.status for r in reports)
        records = Counter()
        for report in reports:
            records.update(report.counts)
        prefix = "(dry run: nothing written) " if dry_run else ""
        self.stdout.write(f"{prefix}files read: {len(reports)} in {seconds:.2f}s")
        for status in ("created", "updated", "unchanged", "skipped", "refused"):
            self.stdout.write(f"  {STATUS_LABELS[status]:<24} {statuses.get(status, 0):>6}")
        if records:
            self.stdout.write("records:")
            for name, count in sorted(records.items()):
                self.stdout.write(f"  {name:<32} {count:>6}")
        if reports and statuses.get("unchanged", 0) == len(reports):
            self.stdout.write("nothing changed: every file is already imported as it is")
