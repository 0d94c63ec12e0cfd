"""Extraction quality: precision and recall of an article's extraction
against a hand-written file of expected facts (tests/data/expected/*.json).

Both ways: recall is what the extraction finds of the expected facts,
precision is how much of what it finds is expected.  Items marked
"optional" in the expected file are debatable: found or not, they count
neither way.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kb import dates as D
from kb.chinese import to_simplified
from kb.ingest.edits import apply_edits
from kb.ingest.extract.article import Extraction
from kb.ingest.page_chrome import FOLD
from kb.ingest.pinyin import find_pinyin
from kb.ingest.pipeline import RepairedArticle


@dataclass
class Score:
    found: int = 0  # predictions that match an expected fact
    predicted: int = 0  # predictions that count (optional matches excluded)
    matched: int = 0  # expected facts that were found
    expected: int = 0
    misses: list[str] = field(default_factory=list)
    junk: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.found += other.found
        self.predicted += other.predicted
        self.matched += other.matched
        self.expected += other.expected
        self.misses += other.misses
        self.junk += other.junk

    @property
    def precision(self) -> float:
        return self.found / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def _clean(text: str) -> str:
    return re.sub(r"[\s“”\"'‘’「」,，。、:：!！?？()（）]", "", text)


def _match_sets(predicted: list[tuple[str, set[str]]], expected: list[dict],
                names_of) -> Score:
    """Generic one-to-one matching of named items by overlapping name sets."""
    score = Score()
    taken: set[int] = set()
    hit_expected: set[int] = set()
    for label, names in predicted:
        match = None
        for i, item in enumerate(expected):
            if names & names_of(item):
                match = i
                if i not in taken:
                    break
        if match is None:
            score.predicted += 1
            score.junk.append(label)
            continue
        if expected[match].get("optional"):
            continue
        score.predicted += 1
        score.found += 1
        taken.add(match)
        hit_expected.add(match)
    for i, item in enumerate(expected):
        if item.get("optional"):
            continue
        score.expected += 1
        if i in hit_expected:
            score.matched += 1
        else:
            score.misses.append(item.get("name") or item.get("match") or item.get("text", ""))
    return score


def score_organisations(x: Extraction, expected: dict, *, unflagged_only: bool = False) -> Score:
    """Organisations found against the expected ones; `unflagged_only`
    scores what a curator may trust without review (the records not
    flagged): its precision, and the share of the expected it covers."""
    orgs = [o for o in x.organisations if not (unflagged_only and o.flagged)]
    predicted = [(o.name, {_clean(n) for n in (o.name, *o.aliases)}) for o in orgs]
    return _match_sets(
        predicted, expected.get("organisations", []),
        lambda e: {_clean(n) for n in (e["name"], *e.get("aliases", []), *e.get("alt_names", []))},
    )


def score_people(x: Extraction, article: RepairedArticle, expected: dict) -> Score:
    names = [p.name for p in x.people] + [c.name for c in article.meta.credits]
    predicted = [(n, {n}) for n in dict.fromkeys(names)]
    return _match_sets(predicted, expected.get("people", []), lambda e: {e["name"]})


def score_positions(x: Extraction, expected: dict) -> Score:
    org_names: dict[str, set[str]] = {}
    for org in expected.get("organisations", []):
        names = {_clean(n) for n in (org["name"], *org.get("aliases", []), *org.get("alt_names", []))}
        for n in names:
            org_names[n] = names
    # A position names a body by its canonical name; any of its spellings
    # may be the one the facts use.
    spellings = {_clean(o.name): {_clean(n) for n in (o.name, *o.aliases)} for o in x.organisations}

    def same_body(got_org: str, wanted_org: str) -> bool:
        return bool(spellings.get(got_org, {got_org}) & org_names.get(wanted_org, {wanted_org}))

    # A former title (原三组负责人, 第十二届…副主席) may be written either way.
    got = {(p.name, title, _clean(pos.organisation)) for p in x.people for pos in p.positions
           for title in ({pos.title, "原" + pos.title} if pos.former else {pos.title})}
    score = Score()
    wanted = [(p["name"], t, _clean(o or "")) for p in expected.get("people", []) if not p.get("optional")
              for t, o in p.get("positions", [])]
    wanted_names = {p["name"] for p in expected.get("people", []) if not p.get("optional")}
    for name, title, org in wanted:
        score.expected += 1
        ok = any(n == name and t == title and same_body(o, org) for n, t, o in got)
        score.matched += ok
        if not ok:
            score.misses.append(f"{name}:{title}@{org}")
    held = {}
    for name, title, org in got:
        if name in wanted_names:  # the person itself is scored elsewhere
            held.setdefault((name, title.removeprefix("原"), org), []).append((name, title, org))
    for variants in held.values():
        score.predicted += 1
        ok = any(n == name and t == title and same_body(org, o)
                 for name, title, org in variants for n, t, o in wanted)
        score.found += ok
        if not ok:
            score.junk.append("{}:{}@{}".format(*variants[0]))
    return score


def score_quotes(x: Extraction, expected: dict, *, attribution: bool, kind: str | None = None) -> Score:
    """Quotes found (and with the right speaker and kind when `attribution`);
    `kind` limits both sides to direct or indirect speech."""
    score = Score()
    wanted = [q for q in expected.get("quotes", []) if kind is None or q["kind"] == kind]
    hit: set[int] = set()
    for quote in (q for q in x.quotes if kind is None or q.kind == kind):
        speaker = quote.speaker or quote.speaker_label
        same_text = [i for i, item in enumerate(wanted) if _clean(item["text"]) in _clean(quote.text)]
        if same_text and all(wanted[i].get("optional") for i in same_text):
            continue  # a debatable quote counts neither way
        match = None
        for i in same_text:
            item = wanted[i]
            if not attribution or (item["speaker"] == speaker and item["kind"] == quote.kind):
                match = i
                break
        _count_prediction(score, match, hit, f"{speaker}:{quote.text[:16]}")
    _count_expected(score, wanted, hit, lambda item: f"{item['speaker']}:{item['text'][:16]}")
    return score


def _count_prediction(score: Score, match: int | None, hit: set[int], label: str) -> None:
    score.predicted += 1
    if match is None:
        score.junk.append(label)
    else:
        score.found += 1
        hit.add(match)


def _count_expected(score: Score, wanted: list[dict], hit: set[int], label) -> None:
    for i, item in enumerate(wanted):
        if item.get("optional"):
            continue
        score.expected += 1
        if i in hit:
            score.matched += 1
        else:
            score.misses.append(label(item))


def score_regions(x: Extraction, expected: dict) -> Score:
    """A place found matches when its official name or a name the text
    gives it is the one expected (香港 for 香港特别行政区)."""
    forms: dict[str, set[str]] = {}
    for m in x.regions:
        forms.setdefault(m.name, {m.name}).add(to_simplified(m.text))
    wanted = set(expected.get("regions", []))
    optional = set(expected.get("optional_regions", []))
    seen = set().union(*forms.values()) if forms else set()
    score = Score(expected=len(wanted), matched=len(wanted & seen))
    counted = [name for name, names in forms.items() if not names & optional]
    score.predicted = len(counted)
    score.found = sum(1 for name in counted if forms[name] & wanted)
    score.misses = sorted(wanted - seen)
    score.junk = sorted(name for name in counted if not forms[name] & wanted)
    return score


CORE_KINDS = ("forum", "training", "alliance", "agreement", "visit")


def _kinds(item: dict) -> set[str]:
    return {item["kind"], *item.get("alt_kinds", [])}


def _starts(item: dict) -> set[str]:
    return {item.get("start", ""), *item.get("alt_starts", [])}


def anchor_spans(text: str, anchor: str) -> list[tuple[int, int]]:
    """Where an expected event's anchor (copied from the page as written)
    stands in the repaired Simplified text."""
    # Pages with pinyin glued after characters: the anchor as copied may
    # hold glosses the repair removed from the text.
    needle = apply_edits(anchor, find_pinyin(anchor))
    needle = to_simplified(needle).translate(FOLD)
    folded = text.translate(FOLD)
    spans, at = [], folded.find(needle)
    while at >= 0:
        spans.append((at, at + len(needle)))
        at = folded.find(needle, at + 1)
    return spans


def _event_matches(event, item: dict, anchors: list[tuple[int, int]] | None = None) -> bool:
    """An event of the hand-written sets matches by its title and its date;
    one of the real-article set (an `anchor` instead of a `match`) by its
    title holding the expected name or its evidence covering the anchor,
    whatever its date: the date is scored on its own."""
    if event.kind not in _kinds(item):
        return False
    if "anchor" in item:
        name = item.get("name")
        if name and _clean(to_simplified(name)) in _clean(event.title):
            return True
        return any(s < e_end and e_start < e
                   for s, e in anchors or ()
                   for e_start, e_end in (*event.spans, *((x.start, x.end) for x in event.sentences)))
    if _clean(item["match"]) not in _clean(event.title):
        return False
    if "start" not in item:
        return True
    return D.iso_at_precision(event.start_date, event.precision) in _starts(item)


def _closeness(event, item: dict) -> tuple[int, int]:
    name = item.get("name") or item.get("match") or ""
    named = bool(name) and _clean(to_simplified(name)) in _clean(event.title)
    return (0 if named else 1, 0 if event.kind == item["kind"] else 1)


def _event_label(event) -> str:
    return f"{event.kind}:{D.iso_at_precision(event.start_date, event.precision)}:{event.title[:24]}"


def _expected_label(item: dict) -> str:
    return f"{item['kind']}:{item.get('start', '')}:{item.get('match') or item.get('name') or item.get('anchor')}"


def match_events(events, wanted: list[dict], text: str = "") -> tuple[list[int | None], Score]:
    """One-to-one matching of predicted to expected events: the index of the
    expected event each prediction matches (None for junk) and the score."""
    anchors = [anchor_spans(text, item["anchor"]) if "anchor" in item else None for item in wanted]
    score = Score()
    hit: set[int] = set()
    matches: list[int | None] = []
    for event in events:
        # The best free item: its name in the title, then its own kind, then
        # any match (an anchor in a sentence two events share).
        free = [i for i, item in enumerate(wanted) if i not in hit and _event_matches(event, item, anchors[i])]
        match = min(free, key=lambda i: _closeness(event, wanted[i]), default=None)
        if match is None:
            match = next((i for i, item in enumerate(wanted) if _event_matches(event, item, anchors[i])), None)
            if match is not None and not wanted[match].get("optional"):
                match = None  # a duplicate of an event already found
        matches.append(match)
        if match is not None and wanted[match].get("optional"):
            continue
        _count_prediction(score, match, hit, _event_label(event))
    _count_expected(score, wanted, hit, _expected_label)
    return matches, score


def score_events(x: Extraction, expected: dict, text: str = "", *, kinds=None) -> Score:
    events = [e for e in x.events if kinds is None or e.kind in kinds]
    wanted = [item for item in expected.get("events", []) if kinds is None or _kinds(item) & set(kinds)]
    return match_events(events, wanted, text)[1]


def score_event_details(x: Extraction, expected: dict, text: str = "", *, kinds=CORE_KINDS) -> dict[str, Score]:
    """Of the matched events: how many carry the right date at the right
    precision, and how many carry a proper title (the name the text gives,
    or a generated title flagged as generated when it gives none)."""
    events = [e for e in x.events if e.kind in kinds]
    wanted = [item for item in expected.get("events", []) if _kinds(item) & set(kinds)]
    matches, _ = match_events(events, wanted, text)
    dates, titles = Score(), Score()
    for event, match in zip(events, matches, strict=True):
        if match is None or wanted[match].get("optional"):
            continue
        item = wanted[match]
        label = _event_label(event)
        dates.predicted += 1
        dates.expected += 1
        if D.iso_at_precision(event.start_date, event.precision) in _starts(item):
            dates.found += 1
            dates.matched += 1
        else:
            dates.junk.append(f"{label} (expected {item.get('start') or 'unknown'})")
        name = item.get("name") if "anchor" in item else item.get("match")
        titles.predicted += 1
        titles.expected += 1
        if name and _clean(to_simplified(name)) in _clean(event.title):
            ok = True
        else:
            ok = not name and event.title_generated
        titles.found += ok
        titles.matched += ok
        if not ok:
            titles.junk.append(f"{label} (expected {name or 'a flagged generated title'})")
    return {"event dates": dates, "event titles": titles}


def score_article(x: Extraction, article: RepairedArticle, expected: dict) -> dict[str, Score]:
    return {
        "events": score_events(x, expected, article.text),
        "core events": score_events(x, expected, article.text, kinds=CORE_KINDS),
        **score_event_details(x, expected, article.text),
        "organisations": score_organisations(x, expected),
        "organisations unflagged": score_organisations(x, expected, unflagged_only=True),
        "people": score_people(x, article, expected),
        "positions": score_positions(x, expected),
        "quotes": score_quotes(x, expected, attribution=False),
        "quotes+speaker": score_quotes(x, expected, attribution=True),
        "direct+speaker": score_quotes(x, expected, attribution=True, kind="direct"),
        "regions": score_regions(x, expected),
    }


def totals(per_article: list[dict[str, Score]]) -> dict[str, Score]:
    out: dict[str, Score] = {}
    for scores in per_article:
        for name, score in scores.items():
            out.setdefault(name, Score()).add(score)
    return out


def counts_line(scores: dict[str, Score]) -> Counter:
    return Counter({name: s.found for name, s in scores.items()})
