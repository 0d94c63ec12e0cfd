"""Shared by the organisation, people and quote tests: a small hand-made
gazetteer, the seed and hand-written articles as Documents, and the scoring
against tests/data/expected.

Seeds go through kb.ingest.pipeline.repair_article, as the importer reads them.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

from kb.chinese import to_simplified
from kb.ingest.extract.document import Document
from kb.ingest.extract.gazetteer import Gazetteer
from kb.ingest.extract.regions import find_regions

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT / "seeds"
ARTICLES = ROOT / "tests" / "data" / "articles"
EXPECTED = ROOT / "tests" / "data" / "expected"
FIXTURE = ROOT / "fixtures" / "regions.json"


def _place(slug, name, level, parent=None, aliases=(), members=()):
    return {"slug": slug, "name": name, "level": level, "parent": parent,
            "aliases": list(aliases), "members": list(members)}


# Provinces, cities and districts of the seeds and of tests/data/articles.
GAZETTEER_ENTRIES = [
    _place("china", "中国", "country", aliases=["中华人民共和国"]),
    _place("yrd", "长三角", "macro", aliases=["长江三角洲"],
           members=["310000", "320000", "330000", "340000"]),
    _place("310000", "上海市", "province", "china", ["上海", "沪", "申"]),
    _place("320000", "江苏省", "province", "china", ["江苏", "苏"]),
    _place("330000", "浙江省", "province", "china", ["浙江", "浙"]),
    _place("340000", "安徽省", "province", "china", ["安徽", "皖"]),
    _place("220000", "吉林省", "province", "china", ["吉林", "吉"]),
    _place("440000", "广东省", "province", "china", ["广东", "粤"]),
    _place("110000", "北京市", "province", "china", ["北京", "京"]),
    _place("420000", "湖北省", "province", "china", ["湖北", "鄂"]),
    _place("360000", "江西省", "province", "china", ["江西", "赣"]),
    _place("510000", "四川省", "province", "china", ["四川", "川"]),
    _place("220100", "长春市", "prefecture", "220000", ["长春"]),
    _place("320500", "苏州市", "prefecture", "320000", ["苏州"]),
    _place("440300", "深圳市", "prefecture", "440000", ["深圳"]),
    _place("440600", "佛山市", "prefecture", "440000", ["佛山"]),
    _place("320400", "常州市", "prefecture", "320000", ["常州"]),
    _place("330100", "杭州市", "prefecture", "330000", ["杭州"]),
    _place("340100", "合肥市", "prefecture", "340000", ["合肥"]),
    _place("320100", "南京市", "prefecture", "320000", ["南京"]),
    _place("420100", "武汉市", "prefecture", "420000", ["武汉"]),
    _place("330400", "嘉兴市", "prefecture", "330000", ["嘉兴"]),
    _place("330200", "宁波市", "prefecture", "330000", ["宁波"]),
    _place("320200", "无锡市", "prefecture", "320000", ["无锡"]),
    _place("510100", "成都市", "prefecture", "510000", ["成都"]),
    _place("320700", "连云港市", "prefecture", "320000", ["连云港"]),
    _place("330481", "海宁市", "county", "330400", ["海宁"]),
    _place("310117", "松江区", "county", "310000", ["松江"]),
    _place("310113", "宝山区", "county", "310000", ["宝山"]),
    _place("320506", "吴中区", "county", "320500", ["吴中"]),
    _place("330114", "钱塘区", "county", "330100", ["钱塘"]),
    _place("320413", "金坛区", "county", "320400", ["金坛"]),
    _place("320412", "武进区", "county", "320400", ["武进"]),
    _place("330212", "鄞州区", "county", "330200", ["鄞州"]),
    _place("320214", "新吴区", "county", "320200", ["新吴"]),
    _place("ccxq", "长春新区", "zone", "220100"),
    _place("zjkxc", "张江科学城", "zone", "310000"),
    _place("g60", "长三角G60科创走廊", "zone", "yrd", ["G60科创走廊"]),
]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer.from_entries(GAZETTEER_ENTRIES)


@lru_cache(maxsize=1)
def full_gazetteer() -> Gazetteer:
    """The project's fixture when it exists, else the hand-made one."""
    if FIXTURE.exists():
        try:
            return Gazetteer.from_fixture(FIXTURE)
        except (ValueError, KeyError):
            pass
    return gazetteer()


@cache
def seed_document(stem: str) -> Document:
    """A seed as the repair pipeline gives it."""
    from kb.ingest.pipeline import repair_article

    path = SEEDS / f"{stem}.txt"
    article = repair_article(path.read_bytes(), file_name=path.name, max_bytes=5_000_000)
    return Document.of_article(article)


def article_document(name: str) -> Document:
    return Document((ARTICLES / name).read_text(encoding="utf-8").strip("\n"))


def regions_of(doc: Document, gaz: Gazetteer | None = None):
    return find_regions(doc, gaz or gazetteer())


def expected(stem: str) -> dict:
    return json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))


def seed_stems() -> list[str]:
    return sorted(p.stem for p in SEEDS.glob("*.txt"))


# --- scoring against tests/data/expected -------------------------------------------

_PUNCT = str.maketrans("，：；！？（）", ",:;!?()")


def _norm(s: str) -> str:
    return to_simplified(s).translate(_PUNCT).replace(" ", "")


def score(predicted: list[str], expected_items: list[dict], names=lambda e: [e["name"]]):
    """(true positives, false positives, misses): predicted strings against
    the expected items (optional items count neither way)."""
    tp, fp, matched = [], [], set()
    for p in predicted:
        hit = next((i for i, e in enumerate(expected_items)
                    if _norm(p) in {_norm(n) for n in names(e)}), None)
        if hit is None:
            fp.append(p)
        elif not expected_items[hit].get("optional"):
            tp.append(p)
            matched.add(hit)
    misses = [e for i, e in enumerate(expected_items)
              if i not in matched and not e.get("optional") and not e.get("credit")]
    return tp, fp, misses


def org_names(e: dict) -> list[str]:
    return [e["name"], *e.get("alt_names", [])]


def quote_matches(q, e: dict) -> bool:
    speaker = q.speaker or q.speaker_label
    return (speaker == e["speaker"] or (not e["speaker"] and not speaker)) and \
        q.kind == e["kind"] and _norm(e["text"]) in _norm(q.text)


# --- running the extractors ----------------------------------------------------------


def extract(doc: Document, gaz: Gazetteer | None = None):
    """(organisations, people, quotes, terms) of a document."""
    from kb.ingest.extract.organisations import find_organisations
    from kb.ingest.extract.people import find_people
    from kb.ingest.extract.quotes import find_quotes

    gaz = gaz or gazetteer()
    regions = find_regions(doc, gaz)
    orgs = find_organisations(doc, regions, gaz)
    people = find_people(doc, orgs, regions)
    quotes, terms = find_quotes(doc, people, orgs)
    return orgs, people, quotes, terms


def text_document(text: str, **kwargs) -> Document:
    return Document(text, **kwargs)
