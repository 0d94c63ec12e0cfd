"""The URLs a load test asks for, by group, with ids read from the
database the server runs on: what visitors do on the public site (the
timeline, filtered timelines, detail pages, CSV exports of filtered lists).

Each group is a list of paths; the driver takes them in turn.  Ids are
spread over the table (every n-th public row), so the run does not ask for
one cached page again and again.
"""

from __future__ import annotations

from urllib.parse import urlencode

from events.selectors import events_public
from kb.models import Region, RegionLevel
from kb.selectors.public import organisations_public, sources_public

MACRO = "长三角"
# How often each group is asked for, per round of the mix.
WEIGHTS = {
    "timeline": 2,
    "timeline filtered": 4,
    "event detail": 3,
    "organisation detail": 1,
    "region detail": 1,
    "source detail": 1,
    "export csv": 1,
}


def _spread(queryset, count: int) -> list[int]:
    """`count` ids spread evenly over the queryset's id order."""
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    if len(ids) <= count:
        return ids
    step = len(ids) / count
    return [ids[int(k * step)] for k in range(count)]


def _query(**params) -> str:
    return "?" + urlencode({key: value for key, value in params.items() if value is not None})


def url_groups(per_group: int = 50) -> dict[str, list[str]]:
    """Paths by group; groups without rows to show are left out."""
    macro = Region.objects.filter(name=MACRO, level=RegionLevel.MACRO).values_list("pk", flat=True).first()
    provinces = _spread(Region.objects.filter(level=RegionLevel.PROVINCE), 10)
    filtered = [
        _query(kind="forum"),
        _query(region=macro),
        _query(kind="training", region=macro),
        _query(date_after="2024-01", date_before="2024-06"),
        _query(q="长三角"),
        _query(q="论坛", kind="forum", region=macro, date_after="2023"),
        _query(kind="alliance", date_after="2022", date_before="2024-12", page=2),
    ] + [_query(region=pk) for pk in provinces[:3]]
    exports = [
        _query(kind="agreement", region=macro, date_after="2024-06", date_before="2024-06"),
        _query(q="联盟", date_after="2025-01", date_before="2025-03"),
        _query(kind="visit", region=provinces[0] if provinces else None, date_after="2024"),
    ]
    groups = {
        "timeline": ["/", "/?page=2"],
        "timeline filtered": ["/" + query for query in filtered],
        "event detail": [f"/events/{pk}/" for pk in _spread(events_public(), per_group)],
        "organisation detail": [f"/organisations/{pk}/" for pk in _spread(organisations_public(), per_group)],
        "region detail": [f"/regions/{pk}/" for pk in ([macro] if macro else []) + provinces],
        "source detail": [f"/sources/{pk}/" for pk in _spread(sources_public(), per_group)],
        "export csv": ["/events/export.csv" + query for query in exports],
    }
    return {name: paths for name, paths in groups.items() if paths}


def mix(groups: dict[str, list[str]]) -> list[tuple[str, str]]:
    """One round of (group, path) in the order the driver sends them: each
    group as often as its weight, the paths of a group in turn."""
    cursors = dict.fromkeys(groups, 0)
    rounds = max(len(paths) for paths in groups.values())
    out = []
    for _ in range(rounds):
        for name, paths in groups.items():
            for _ in range(WEIGHTS.get(name, 1)):
                out.append((name, paths[cursors[name] % len(paths)]))
                cursors[name] += 1
    return out
