"""Reads of the region gazetteer."""

from __future__ import annotations

from collections import defaultdict

from kb.ingest.extract.gazetteer import Gazetteer, Place
from kb.models import Region


def gazetteer_from_db() -> Gazetteer:
    """The whole gazetteer as the extractors' in-memory index (a few thousand
    rows: read once per import run, not per article)."""
    members: dict[int, list[str]] = defaultdict(list)
    slug_of = dict(Region.objects.values_list("id", "slug"))
    for macro_id, member_id in Region.members.through.objects.values_list(
        "from_region_id", "to_region_id"
    ):
        members[macro_id].append(slug_of[member_id])
    places = [
        Place(
            key=row["slug"],
            name=row["name"],
            level=row["level"],
            parent=slug_of.get(row["parent_id"]),
            adcode=row["adcode"],
            aliases=tuple(row["aliases"] or ()),
            members=tuple(members.get(row["id"], ())),
        )
        for row in Region.objects.values("id", "slug", "name", "level", "parent_id", "adcode", "aliases")
    ]
    return Gazetteer(places)


def region_ids_by_slug() -> dict[str, int]:
    return {slug: pk for pk, slug in Region.objects.values_list("id", "slug")}
