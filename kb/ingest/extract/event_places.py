"""Where an event happened: the places its sentence cues (在/赴/分赴 …),
the place visited, the organiser's place, and the article's main place."""

from __future__ import annotations

from kb.ingest.extract import event_triggers as T
from kb.ingest.extract.document import Document, Sentence
from kb.ingest.extract.gazetteer import LEVEL_RANK, Gazetteer
from kb.ingest.extract.mentions import Organisation
from kb.ingest.extract.regions import RegionMention


def main_place(doc: Document, regions: list[RegionMention],
               organisations: list[Organisation], gazetteer: Gazetteer) -> str | None:
    """The city or district an article is about: the most mentioned one,
    outside organisation names, mentioned at least twice."""
    inside = [(m.start, m.end) for o in organisations for m in o.mentions]
    counts: dict[str, int] = {}
    for mention in regions:
        if mention.level not in ("prefecture", "county", "zone"):
            continue
        if any(s <= mention.start and mention.end <= e for s, e in inside):
            continue
        counts[mention.key] = counts.get(mention.key, 0) + 1
    if not counts:
        return None
    key, count = max(counts.items(), key=lambda kv: (kv[1], -_first(regions, kv[0])))
    return key if count >= 2 else None


def _first(regions: list[RegionMention], key: str) -> int:
    return min(m.start for m in regions if m.key == key)


def place_event(event, events, doc: Document, regions: list[RegionMention],
                organisations: list[Organisation]) -> None:
    """The event's places, best first: where its first sentence (every
    sentence, for an agreement) says it happened, the place a visit went to,
    the place of the event it was launched at."""
    # Places inside organisation or event names say nothing of where.
    inside_orgs = [(m.start, m.end) for o in organisations for m in o.mentions]
    inside_orgs += [span for other in events for span in other.name_spans]
    sentences = event.sentences if event.kind == "agreement" else event.sentences[:1]
    found: list[RegionMention] = []
    for sentence in sentences:
        places, was_cued = locations(doc.text, sentence, regions, inside_orgs)
        found += places
        event.cued_location = event.cued_location or was_cued
    named = [m for m in regions for s, e in event.spans[:1] if s <= m.start and m.end <= e]
    if event.kind == "visit" and named:
        found = named  # the place visited is where the visit happened
    ordered = sorted(found, key=lambda m: (-_rank_of(m), m.start))
    ordered += sorted((m for m in named if m not in ordered), key=lambda m: (-_rank_of(m), m.start))
    event.region_keys = list(dict.fromkeys(m.key for m in ordered))
    if event.parent is not None and event.anchor and not event.cued_location:
        # Launched 论坛上: where the forum was.
        parent = events[event.parent]
        event.region_keys = list(dict.fromkeys(parent.region_keys[:1] + event.region_keys))


def locations(text: str, sentence: Sentence, regions: list[RegionMention],
              inside_orgs: list[tuple[int, int]]) -> tuple[list[RegionMention], bool]:
    """Where the sentence says something happened: places after 在/赴/分赴
    (with the rest of their list), else the places of the sentence that are
    not an organiser or a delegation's home."""
    candidates = [m for m in regions if sentence.start <= m.start < sentence.end
                  and not any(s <= m.start and m.end <= e for s, e in inside_orgs)]
    after_cue, plain = [], []
    for index, mention in enumerate(candidates):
        if cued(text, mention, candidates[:index], sentence.start):
            after_cue.append(mention)
        elif not any(text.startswith(w, mention.end) for w in T.NOT_LOCATION_AFTER):
            plain.append(mention)
    return (after_cue, True) if after_cue else (plain, False)


def cued(text: str, mention: RegionMention, before: list[RegionMention], floor: int) -> bool:
    start = mention.start
    # Walk back over a list of places (上海、苏州、深圳和佛山) to its cue.
    while True:
        head = text[max(floor, start - 2):start]
        if any(head.endswith(cue) for cue in T.LOCATION_CUES):
            return True
        previous = [m for m in before if m.end in (start - 1, start) and
                    (m.end == start or text[m.end] in "、和及与")]
        if not previous:
            return False
        start = previous[-1].start


def _rank_of(mention: RegionMention) -> int:
    return LEVEL_RANK.get(mention.level, 0)


def organiser_places(events) -> None:
    """由松江区和合肥市联合主办: a place whose government organises the event
    is where it is held, unless the text says where."""
    for event in events:
        places = [r.region_key for r in event.roles if r.region_key and r.role in ("organiser", "host")]
        if places and not event.cued_location:
            event.region_keys = list(dict.fromkeys(places + event.region_keys))
