"""Organisations that share one suffix written once:

    上海市、江苏省、浙江省、安徽省人民政府     four governments
    江苏省无锡市、常州市,浙江省湖州市,安徽省宣城市人民政府
    丰都县委、县政府                          the county's committee and government

The suffix rule (orgsuffix.py) finds the last name of such a list; the
places before it, joined by 、 , 和 及, each name one organisation of the
same kind.  A bare level word after the first (县政府 after 丰都县委) is the
same place's body.
"""

from __future__ import annotations

import re

from kb.ingest.extract.orgscan import Candidate, OrgScan

# Bodies a list of places may share: the governing institutions of a place.
_SHARED_BODIES = re.compile(
    r"^(?:人民政府|政府|党委|市委|省委|县委|区委|州委|人大常委会|人大|政协|"
    r"发展和改革委员会|发展改革委|发改委|商务厅|商务局|科技厅|科技局|工商联|统战部|台办)$"
)
_SEPARATORS = "、,，和及与"
# 丰都县委、县政府: the same place's government, its level word alone.
_KINDS = {"人民政府": "government", "政府": "government", "委": "party"}
_BARE_AFTER = re.compile(r"[、和及](?P<body>(?:省|市|县|区|州)(?:人民政府|政府|人大常委会|政协|委))")


def shared_suffix_candidates(scan: OrgScan, cands: list[Candidate]) -> list[Candidate]:
    text, out = scan.text, []
    known = {(c.start, c.end) for c in cands}
    regions_ending = {}
    for region in scan.regions:
        regions_ending.setdefault(region.end, []).append(region)
    for c in cands:
        if not c.place or not c.region_key or c.short_of:
            continue
        after = _BARE_AFTER.match(text, c.end)
        if after and after.group("body")[0] == c.place[-1]:
            body = after.group("body")[1:]
            out.append(Candidate(after.start("body"), after.end(), c.place + body, _KINDS.get(body, c.kind),
                                 suffix=body, region_key=c.region_key, place=c.place,
                                 bare=after.group("body")))
        body = c.name[len(c.place):] if c.name.startswith(c.place) else ""
        if not _SHARED_BODIES.match(body):
            continue
        pos = c.start
        while pos > 0 and text[pos - 1] in _SEPARATORS:
            chain = _place_chain(regions_ending, pos - 1)
            if chain is None:
                break
            start, region = chain
            if (start, pos - 1) not in known:
                out.append(Candidate(start, pos - 1, region.name + body, c.kind, suffix=c.suffix,
                                     region_key=region.key, place=text[start:pos - 1]))
            pos = start
    return out


def _place_chain(regions_ending: dict, end: int):
    """The places written together that end at `end` (江苏省无锡市): their
    start and the last (innermost) place."""
    found = regions_ending.get(end)
    if not found:
        return None
    region = max(found, key=lambda r: r.end - r.start)
    start = region.start
    while regions_ending.get(start):
        start = max(regions_ending[start], key=lambda r: r.end - r.start).start
    return start, region
