"""Load the region gazetteer fixture (fixtures/regions.json) into Region.

Idempotent: rows are matched by slug, so a second load of the same file
changes nothing.  Regions in the database that the file does not name (added
by hand, or dropped from a later fixture) are left alone: organisations and
evidence may point at them.
"""

import json
from pathlib import Path

from django.db import transaction

from kb.models import Region
from kb.services.data_version import data_changed

FORMAT = "kb-regions"
FORMAT_VERSION = 1
FIELDS = ("name", "level", "adcode", "aliases")


def fixture_regions(*, path) -> list[dict]:
    """The region entries of a fixture file, after checking its header."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    header = data.get("header", {})
    if header.get("format") != FORMAT or header.get("format_version") != FORMAT_VERSION:
        raise ValueError(f"{path} is not a {FORMAT} v{FORMAT_VERSION} fixture")
    return data["regions"]


def depth_order(entries: list[dict]) -> list[list[dict]]:
    """The entries in rounds, each round's parents in the rounds before it
    (or already in the database), so that new rows are created with their
    parent set."""
    by_slug = {e["slug"]: e for e in entries}
    depths = {}

    def depth(slug: str, seen: tuple = ()) -> int:
        if slug not in depths:
            parent = by_slug[slug]["parent"]
            if slug in seen:
                raise ValueError(f"parent cycle at {slug}")
            depths[slug] = 0 if parent not in by_slug else depth(parent, (*seen, slug)) + 1
        return depths[slug]

    rounds: list[list[dict]] = []
    for entry in entries:
        level = depth(entry["slug"])
        rounds.extend([] for _ in range(level + 1 - len(rounds)))
        rounds[level].append(entry)
    return rounds


def regions_upsert(*, entries: list[dict]) -> tuple[set[str], set[str]]:
    """Create missing regions and update changed ones; returns the slugs
    created and the slugs updated."""
    existing = {r.slug: r for r in Region.objects.all()}
    ids = {slug: row.pk for slug, row in existing.items()}
    created, updated = set(), set()
    changed_rows = []
    for round_entries in depth_order(entries):
        new_rows = []
        for entry in round_entries:
            if entry["parent"] and entry["parent"] not in ids:
                raise ValueError(f"{entry['slug']}: unknown parent {entry['parent']}")
            values = {field: entry[field] for field in FIELDS}
            values["parent_id"] = ids[entry["parent"]] if entry["parent"] else None
            row = existing.get(entry["slug"])
            if row is None:
                new_rows.append(Region(slug=entry["slug"], **values))
                continue
            if any(getattr(row, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(row, field, value)
                changed_rows.append(row)
                updated.add(entry["slug"])
        Region.objects.bulk_create(new_rows)
        created.update(row.slug for row in new_rows)
        # Read the new ids back rather than rely on bulk_create returning them
        # (not every backend does).
        ids.update(
            Region.objects.filter(slug__in=[row.slug for row in new_rows]).values_list("slug", "pk")
        )
    Region.objects.bulk_update(changed_rows, [*FIELDS, "parent"])
    return created, updated


def members_sync(*, entries: list[dict]) -> set[str]:
    """Make each entry's members exactly those the file lists; returns the
    slugs whose members changed."""
    through = Region.members.through
    ids = dict(
        Region.objects.filter(slug__in=[e["slug"] for e in entries]).values_list("slug", "pk")
    )
    slugs = {pk: slug for slug, pk in ids.items()}
    wanted = {(ids[e["slug"]], ids[m]) for e in entries for m in e["members"]}
    current = set(
        through.objects.filter(from_region_id__in=ids.values()).values_list(
            "from_region_id", "to_region_id"
        )
    )
    to_add, to_remove = wanted - current, current - wanted
    through.objects.bulk_create(
        [through(from_region_id=source, to_region_id=target) for source, target in to_add]
    )
    for source, target in to_remove:
        through.objects.filter(from_region_id=source, to_region_id=target).delete()
    return {slugs[source] for source, _ in to_add | to_remove}


def regions_load(*, path) -> dict[str, int]:
    """Upsert every region of the fixture at path, with parents and members,
    in one transaction.  Returns the counts created, updated, unchanged."""
    entries = fixture_regions(path=path)
    with transaction.atomic():
        created, updated = regions_upsert(entries=entries)
        updated |= members_sync(entries=entries) - created
        data_changed()  # bulk writes: no signals
    return {
        "created": len(created),
        "updated": len(updated),
        "unchanged": len(entries) - len(created) - len(updated),
    }
