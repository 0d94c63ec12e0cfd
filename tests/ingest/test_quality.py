"""The extraction measured against the expected facts of the seeds (a
regression guard: the figures for articles it was not tuned on are in the
README), and the scorer itself on a small case."""

import functools
import json
from pathlib import Path

from kb.ingest.extract.article import extract
from kb.ingest.extract.document import Document
from kb.ingest.extract.gazetteer import Gazetteer
from kb.ingest.pipeline import repair_article
from kb.ingest.quality import score_article, score_regions, totals

ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def gazetteer():
    return Gazetteer.from_fixture(ROOT / "fixtures" / "regions.json")


def scores_for(article_path, expected_path):
    article = repair_article(article_path.read_bytes(), file_name=article_path.name, max_bytes=5_000_000)
    doc = Document.of_article(article)
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    return score_article(extract(doc, gazetteer()), article, expected)


def test_quality_on_the_seeds_stays_high():
    per_article = [scores_for(path, ROOT / "tests" / "data" / "expected" / f"{path.stem}.json")
                   for path in sorted((ROOT / "seeds").glob("*.txt"))]
    total = totals(per_article)
    for name in ("events", "organisations", "people", "positions", "quotes", "quotes+speaker"):
        assert total[name].precision >= 0.95, (name, total[name].junk)
        assert total[name].recall >= 0.95, (name, total[name].misses)


def test_quality_regions_score_counts_both_ways():
    class Found:
        regions = [type("M", (), {"name": n, "text": n})() for n in ("上海市", "杭州市", "中国", "东方市")]

    score = score_regions(Found, {"regions": ["上海市", "杭州市", "南京市"], "optional_regions": ["中国"]})
    assert (score.found, score.predicted, score.matched, score.expected) == (2, 3, 2, 3)
    assert score.junk == ["东方市"] and score.misses == ["南京市"]
    assert round(score.precision, 2) == 0.67 and round(score.recall, 2) == 0.67


def test_quality_region_matches_by_the_name_the_text_gives_it():
    class Found:
        regions = [type("M", (), {"name": "香港特别行政区", "text": "香港"})(),
                   type("M", (), {"name": "澳门特别行政区", "text": "澳門"})()]

    score = score_regions(Found, {"regions": ["香港", "澳门"]})
    assert (score.found, score.predicted, score.matched, score.expected) == (2, 2, 2, 2)
    assert score.junk == [] and score.misses == []


def test_quality_position_matches_a_body_under_any_of_its_spellings():
    text = "九江市政府代表团来访。九江市政府副市长王志刚介绍了情况。"
    article = repair_article(text.encode(), file_name="a.txt", max_bytes=5_000_000)
    extraction = extract(Document.of_article(article), gazetteer())
    assert [o.name for o in extraction.organisations] == ["九江市人民政府"]
    expected = {"organisations": [{"name": "九江市政府"}],
                "people": [{"name": "王志刚", "positions": [["副市长", "九江市政府"]]}]}
    score = score_article(extraction, article, expected)["positions"]
    assert (score.matched, score.expected, score.found, score.predicted) == (1, 1, 1, 1)
