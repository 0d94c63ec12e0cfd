"""python manage.py measure_extraction [--articles DIR] [--expected DIR] [--real dev|sealed] [-v 2]

Runs the repair and extraction pipeline over articles that have a file of
expected facts and prints precision and recall for events (all, and the core
kinds), organisations (all, and those not flagged for review), people,
positions, quotes (found; found with the right speaker) and regions; of the matched core events, the share with the
right date and with a proper title; plus speed and where the time goes.
Needs no database: the gazetteer comes from fixtures/regions.json.

`--real dev` (or `sealed`) measures the real-article set: facts from
tests/data/real/<split>/, texts from the git-ignored var/corpus/real/ (third-
party pages are never committed; tests/data/real/README.md says how to
retrieve them).  Entries whose text is missing are listed and left out.
"""

import json
import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kb.ingest.extract.article import extract
from kb.ingest.extract.document import Document
from kb.ingest.extract.gazetteer import Gazetteer
from kb.ingest.pipeline import repair_article
from kb.ingest.quality import score_article, totals


class Command(BaseCommand):
    help = "Measure extraction precision and recall against expected facts."

    def add_arguments(self, parser):
        base = Path(settings.BASE_DIR)
        parser.add_argument("--articles", default=str(base / "seeds"))
        parser.add_argument("--expected", default=str(base / "tests" / "data" / "expected"))
        parser.add_argument("--gazetteer", default=str(base / "fixtures" / "regions.json"))
        parser.add_argument("--real", choices=("dev", "sealed"),
                            help="the real-article set: facts from tests/data/real/<split>/")
        parser.add_argument("--corpus", default=str(base / "var" / "corpus" / "real"),
                            help="where the real articles' texts are (with --real)")
        parser.add_argument("--json", dest="json_path", help="also write the figures as JSON")

    def handle(self, *args, **options):
        pairs = self._real_pairs(options) if options["real"] else self._pairs(options)
        gazetteer = Gazetteer.from_fixture(options["gazetteer"])
        per_article, seconds, chars = [], Counter(), 0
        for article_path, expected_path in pairs:
            expected = json.loads(expected_path.read_text(encoding="utf-8"))
            clock = time.perf_counter()
            article = repair_article(article_path.read_bytes(), file_name=article_path.name,
                                     max_bytes=settings.KB_IMPORT_MAX_BYTES)
            seconds["repair"] += time.perf_counter() - clock
            clock = time.perf_counter()
            extraction = extract(Document.of_article(article), gazetteer)
            seconds["extract"] += time.perf_counter() - clock
            chars += len(article.raw_text)
            scores = score_article(extraction, article, expected)
            per_article.append(scores)
            if options["verbosity"] >= 2:
                self._print_details(article_path.name, scores)
        total = totals(per_article)
        self.stdout.write(f"{'':24}{'precision':>10}{'recall':>8}   found/predicted  matched/expected")
        for name, score in total.items():
            self.stdout.write(f"{name:24}{score.precision:>10.2f}{score.recall:>8.2f}   "
                              f"{score.found:>5}/{score.predicted:<9} {score.matched:>5}/{score.expected}")
        elapsed = sum(seconds.values())
        self.stdout.write(
            f"\n{len(pairs)} articles, {chars} characters in {elapsed:.2f}s "
            f"({len(pairs) / elapsed:.1f} articles/s, {chars / elapsed:,.0f} chars/s; "
            + ", ".join(f"{k} {v / elapsed:.0%}" for k, v in seconds.items()) + ")"
        )
        if options["json_path"]:
            Path(options["json_path"]).write_text(json.dumps({
                name: {"precision": s.precision, "recall": s.recall, "found": s.found,
                       "predicted": s.predicted, "matched": s.matched, "expected": s.expected}
                for name, s in total.items()
            }, ensure_ascii=False, indent=2), encoding="utf-8")

    def _pairs(self, options) -> list[tuple[Path, Path]]:
        expected_dir = Path(options["expected"])
        articles = sorted(Path(options["articles"]).glob("*"))
        pairs = [(a, expected_dir / f"{a.stem}.json") for a in articles]
        pairs = [(a, e) for a, e in pairs if e.exists()]
        if not pairs:
            raise CommandError(f"no article in {options['articles']} has expected facts in {expected_dir}")
        return pairs

    def _real_pairs(self, options) -> list[tuple[Path, Path]]:
        facts_dir = Path(settings.BASE_DIR) / "tests" / "data" / "real" / options["real"]
        corpus = Path(options["corpus"])
        facts = sorted(facts_dir.glob("*.json"))
        if not facts:
            raise CommandError(f"no facts files in {facts_dir}")
        pairs = [(corpus / f"{f.stem}.txt", f) for f in facts]
        missing = [a for a, _ in pairs if not a.exists()]
        if missing:
            self.stderr.write(
                f"{len(missing)} of {len(pairs)} texts are missing in {corpus} (retrieve them as "
                f"tests/data/real/README.md says): " + ", ".join(a.stem for a in missing))
        pairs = [(a, f) for a, f in pairs if a.exists()]
        if not pairs:
            raise CommandError(f"none of the {len(facts)} real articles of '{options['real']}' has its "
                               f"text in {corpus}; retrieve them as tests/data/real/README.md says")
        return pairs

    def _print_details(self, name, scores):
        self.stdout.write(f"== {name}")
        for kind, score in scores.items():
            if score.misses or score.junk:
                self.stdout.write(f"  {kind}: missed {score.misses}")
                self.stdout.write(f"  {' ' * len(kind)}  junk   {score.junk}")
