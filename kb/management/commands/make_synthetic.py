"""python manage.py make_synthetic --events N [--seed S] [--clear]
   python manage.py make_synthetic --articles N --out DIR [--seed S]

Synthetic data for performance work (kb.synthetic): realistic records in
the database at any size, or raw article files in the style of seeds/ for
import benchmarks.  The same N and S give the same rows or the same files.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kb.services.data_version import data_changed
from kb.synthetic.articles import articles_write
from kb.synthetic.records import SyntheticExists, synthetic_build, synthetic_clear


class Command(BaseCommand):
    help = "Fill the database with synthetic records, or write synthetic raw articles."

    def add_arguments(self, parser):
        what = parser.add_mutually_exclusive_group()
        what.add_argument("--events", type=int, help="how many events to write to the database")
        what.add_argument("--articles", type=int, help="how many raw article files to write to --out")
        parser.add_argument("--out", type=Path, help="folder for --articles (made when missing)")
        parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
        parser.add_argument("--clear", action="store_true",
                            help="delete every synthetic row first (alone: only delete)")
        parser.add_argument("--batch", type=int, default=5000,
                            help="events written per transaction (default 5000)")

    def handle(self, *args, events, articles, out, seed, clear, batch, **options):
        self.verbosity = options["verbosity"]
        if events is None and articles is None and not clear:
            raise CommandError("give --events N, --articles N --out DIR, or --clear")
        if articles is not None:
            self._articles(articles, out, seed)
            return
        if clear:
            started = time.perf_counter()
            counts = synthetic_clear()
            data_changed()
            self.stdout.write(f"cleared in {time.perf_counter() - started:.1f}s: " + _counts(counts))
        if events is not None:
            self._events(events, seed, batch)

    def _events(self, events: int, seed: int, batch: int) -> None:
        if events < 1 or batch < 1:
            raise CommandError("--events and --batch must be positive")
        started = time.perf_counter()

        def progress(done: int) -> None:
            if self.verbosity > 1:
                self.stdout.write(f"  {done} events, {time.perf_counter() - started:.1f}s")

        try:
            counts = synthetic_build(events=events, seed=seed, batch_events=batch, on_batch=progress)
        except SyntheticExists as error:
            raise CommandError(str(error)) from error
        data_changed()  # bulk writes: no signals
        self.stdout.write(f"built in {time.perf_counter() - started:.1f}s: " + _counts(counts))

    def _articles(self, count: int, out: Path | None, seed: int) -> None:
        if out is None:
            raise CommandError("--articles needs --out DIR")
        if count < 1:
            raise CommandError("--articles must be positive")
        started = time.perf_counter()
        paths = articles_write(count=count, out=out, seed=seed)
        self.stdout.write(f"wrote {len(paths)} articles to {out} in {time.perf_counter() - started:.1f}s")


def _counts(counts) -> str:
    return ", ".join(f"{name} {count}" for name, count in sorted(counts.items()))
