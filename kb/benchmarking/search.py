"""Text search over the events: how long the timeline's `q` filter takes
for one-, two- and four-character Chinese queries, and whether it finds
exactly the events a plain substring test finds (the same test on every
database: search_text contains the query's pattern)."""

from __future__ import annotations

import hashlib

from events.filters import events_matching
from events.selectors import NEWEST_FIRST, events_public
from kb.models import search_pattern

from .common import median_ms, timed

# Common and less common words of the synthetic articles' vocabulary, and
# a Traditional spelling (it must find the Simplified records).
QUERIES = ("会", "论坛", "高峰论坛", "聯盟")


def _reference(patterns: dict[str, str]) -> dict[str, set[int]]:
    """Ids whose search_text contains each pattern, tested in Python."""
    found: dict[str, set[int]] = {q: set() for q in patterns}
    rows = events_public().values_list("pk", "search_text").iterator(chunk_size=5000)
    for pk, text in rows:
        for query, pattern in patterns.items():
            if pattern in text:
                found[query].add(pk)
    return found


def measure_search(*, repeat: int, log=print) -> dict:
    patterns = {query: search_pattern(query) for query in QUERIES}
    reference = _reference(patterns)
    result = {}
    for query in QUERIES:
        log(f"search {query}")
        matching = events_matching(events_public(), query)
        count_s, count = timed(lambda matching=matching: matching.count(), repeat)
        page_s, _ = timed(
            lambda matching=matching: list(matching.order_by(*NEWEST_FIRST).values_list("pk", flat=True)[:50]),
            repeat,
        )
        ids = sorted(matching.values_list("pk", flat=True))
        result[query] = {
            "characters": len(query),
            "matches": count,
            "count_ms": median_ms(count_s),
            "first_page_ms": median_ms(page_s),
            "same_as_substring_test": set(ids) == reference[query],
            # Equal digests on two databases holding the same data: the
            # same events found.
            "ids_sha1": hashlib.sha1(",".join(map(str, ids)).encode(), usedforsecurity=False).hexdigest()[:16],
        }
    return result
