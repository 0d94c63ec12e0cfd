"""Reads for the public site: what a visitor may see, and the region tree
that region filters expand.

Rejected records (and merged duplicates, which are rejected tombstones) are
never shown publicly; every public queryset starts from the functions here.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db import connections
from django.db.models import Count, F, Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

from kb.ingest.chinese import to_simplified
from kb.models import (
    Evidence,
    Organisation,
    Person,
    Position,
    Quote,
    Region,
    RegionLevel,
    ReviewStatus,
    Source,
)

NOT_REJECTED = ~Q(review_status=ReviewStatus.REJECTED)


def search_query_text(q: str) -> str:
    """A visitor's query, Simplified and case-folded, for plain icontains
    matches on text columns (quotes, sources, regions)."""
    return to_simplified(q.strip()).casefold()


# Public querysets ----------------------------------------------------------------


def organisations_public() -> QuerySet[Organisation]:
    return Organisation.objects.filter(NOT_REJECTED, merged_into__isnull=True)


def people_public() -> QuerySet[Person]:
    return Person.objects.filter(NOT_REJECTED, merged_into__isnull=True)


def sources_public() -> QuerySet[Source]:
    return Source.objects.filter(NOT_REJECTED)


def quotes_public() -> QuerySet[Quote]:
    return Quote.objects.filter(NOT_REJECTED).exclude(source__review_status=ReviewStatus.REJECTED)


# The region tree -------------------------------------------------------------------


@dataclass(eq=False)
class RegionTree:
    """The gazetteer's shape in memory: parents, children and macro-region
    members, read with one query.  A few thousand rows: cheaper than a
    recursive query per filter, and it works the same on every database.

    A tree is shared between requests (region_tree_cached) and must be
    treated as read-only; what is derived from it (expansions, the top
    regions, which tops each region lies in) is computed once per tree."""

    names: dict[int, str] = field(default_factory=dict)
    levels: dict[int, str] = field(default_factory=dict)
    adcodes: dict[int, str | None] = field(default_factory=dict)
    parents: dict[int, int | None] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    members: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))

    def expand(self, region_id: int) -> set[int]:
        """The region, its descendants, and for a macro-region its members
        and their descendants (members of members too).  A new set each
        call (the expansion itself is computed once per tree)."""
        return set(self._expansion(region_id))

    def _expansion(self, region_id: int) -> frozenset[int]:
        cache = self.__dict__.setdefault("_expansions", {})
        found = cache.get(region_id)
        if found is None:
            seen: set[int] = set()
            stack = [region_id]
            while stack:
                current = stack.pop()
                if current in seen or current not in self.names:
                    continue
                seen.add(current)
                stack.extend(self.children.get(current, ()))
                stack.extend(self.members.get(current, ()))
            found = cache[region_id] = frozenset(seen)
        return found

    def ancestors(self, region_id: int) -> list[int]:
        """Parent, grandparent … (nearest first)."""
        chain, current = [], self.parents.get(region_id)
        while current is not None and current not in chain:
            chain.append(current)
            current = self.parents.get(current)
        return chain

    def top_regions(self) -> list[int]:
        """Macro-regions, then provinces, for facets: in gazetteer order
        (macro-regions by name, provinces by adcode)."""
        return list(self._tops)

    def is_top(self, region_id: int) -> bool:
        return region_id in self._top_set

    @cached_property
    def _top_set(self) -> frozenset[int]:
        return frozenset(self._tops)

    @cached_property
    def _tops(self) -> tuple[int, ...]:
        macros = sorted(
            (pk for pk, level in self.levels.items() if level == RegionLevel.MACRO),
            key=lambda pk: self.names[pk],
        )
        provinces = sorted(
            (pk for pk, level in self.levels.items() if level == RegionLevel.PROVINCE),
            key=lambda pk: (self.adcodes[pk] or "999999", self.names[pk]),
        )
        return (*macros, *provinces)

    @cached_property
    def tops_by_region(self) -> dict[int, tuple[int, ...]]:
        """region id -> the top regions (top_regions) whose expansion holds
        it, ascending; regions inside no top region are left out."""
        found: dict[int, list[int]] = defaultdict(list)
        for top in sorted(self._tops):
            for region in self._expansion(top):
                found[region].append(top)
        return {region: tuple(tops) for region, tops in found.items()}

    def tops_of(self, region_ids) -> list[int]:
        """The top regions an event linked to these regions lies in."""
        tops: set[int] = set()
        for region in region_ids:
            tops.update(self.tops_by_region.get(region, ()))
        return sorted(tops)

    @cached_property
    def digest(self) -> str:
        """A short fingerprint of tops_by_region: the same on every process
        that reads the same gazetteer, different when a change to the
        gazetteer moves any region into or out of a top region.  Stored with
        each event's top regions (Event.region_tops) to tell which rows were
        computed with the tree in use."""
        text = repr(sorted(self.tops_by_region.items()))
        return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:12]


REGION_TREE_COLUMNS = ("id", "parent_id", "level", "name", "adcode", "members")


def _tree_from_rows(rows) -> RegionTree:
    tree = RegionTree()
    for pk, parent_id, level, name, adcode, member_id in rows:
        if pk not in tree.names:
            tree.names[pk] = name
            tree.levels[pk] = level
            tree.adcodes[pk] = adcode
            tree.parents[pk] = parent_id
            if parent_id is not None:
                tree.children[parent_id].append(pk)
        if member_id is not None:
            tree.members[pk].append(member_id)
    return tree


def region_tree() -> RegionTree:
    """The tree as it is in the database now (one query)."""
    return _tree_from_rows(Region.objects.values_list(*REGION_TREE_COLUMNS))


# The tree is read on every page with a region filter or facet; reading
# 3,000+ rows each time costs more than the rest of a cached timeline page.
# So each process keeps the last tree it read, and every request still makes
# exactly one query for it: the query returns the rows only when the
# gazetteer's fingerprint (row counts and highest ids of the region and
# member tables) differs from the kept tree's, or when this process wrote a
# region since (signals below), or when the kept tree is older than
# TREE_MAX_AGE seconds.  An in-place edit made by another process (a
# renamed region, a moved parent) is therefore seen within TREE_MAX_AGE.
TREE_MAX_AGE = 300.0
_tree_lock = threading.Lock()
_tree_state: dict = {"generation": 0, "kept": None}  # kept: (generation, fingerprint, time, tree)


def _regions_written(**kwargs) -> None:
    with _tree_lock:
        _tree_state["generation"] += 1


post_save.connect(_regions_written, sender=Region, dispatch_uid="kb_tree_region_saved")
post_delete.connect(_regions_written, sender=Region, dispatch_uid="kb_tree_region_deleted")
m2m_changed.connect(_regions_written, sender=Region.members.through, dispatch_uid="kb_tree_members")


def _tree_query(known: tuple | None, using: str) -> tuple[tuple, list]:
    """One query: the gazetteer's fingerprint, and the tree's rows unless
    the fingerprint equals `known`."""
    connection = connections[using]
    quote = connection.ops.quote_name
    region = quote(Region._meta.db_table)
    members = quote(Region.members.through._meta.db_table)
    # ("", "") matches no fingerprint: the rows come back.
    known = known or ("", "")
    fingerprint = ", ".join(
        f"(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM {table})"  # noqa: S608 - quoted names
        for table in (region, members)
    )
    # The first row is the fingerprint; the tree's rows follow unless it
    # equals `known` (a condition without a column: PostgreSQL checks it
    # once, before reading the tables).  Only quoted table names go into
    # the text; values are parameters.
    sql = (
        f"SELECT 0, {fingerprint}, NULL, NULL, NULL, NULL, NULL, NULL "  # noqa: S608
        "UNION ALL "
        "SELECT 1, NULL, NULL, r.id, r.parent_id, r.level, r.name, r.adcode, mem.to_region_id "
        f"FROM {region} r LEFT JOIN {members} mem ON mem.from_region_id = r.id "
        f"WHERE NOT (({fingerprint}) = (%s, %s))"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, list(known))
        rows = cursor.fetchall()
    head = next(row for row in rows if row[0] == 0)
    return (head[1], head[2]), [row[3:] for row in rows if row[0] == 1]


def region_tree_cached(*, using: str = "default") -> RegionTree:
    """The region tree, kept between requests (see TREE_MAX_AGE); always
    exactly one query."""
    with _tree_lock:
        generation, kept = _tree_state["generation"], _tree_state["kept"]
    now = time.monotonic()
    usable = kept is not None and kept[0] == generation and now - kept[2] < TREE_MAX_AGE
    fingerprint, rows = _tree_query(kept[1] if usable else None, using)
    if usable and fingerprint == kept[1] and not rows:
        return kept[3]
    tree = _tree_from_rows(rows)
    with _tree_lock:
        if _tree_state["generation"] == generation:
            _tree_state["kept"] = (generation, fingerprint, now, tree)
    return tree


# Detail pages --------------------------------------------------------------------


def positions_of_person(person: Person) -> QuerySet[Position]:
    return (
        Position.objects.filter(person=person)
        .select_related("organisation")
        .order_by(F("as_of").desc(nulls_last=True), "id")
    )


def positions_at_organisation(organisation: Organisation) -> QuerySet[Position]:
    return (
        Position.objects.filter(organisation=organisation, person__in=people_public())
        .select_related("person")
        .order_by(F("as_of").desc(nulls_last=True), "id")
    )


def quotes_for_page(queryset: QuerySet[Quote]) -> QuerySet[Quote]:
    """What a list of quotes shows with each quote, in constant queries."""
    return queryset.select_related("speaker", "speaker_organisation", "event", "source")


def region_detail(region: Region, tree: RegionTree) -> dict:
    """A region's neighbourhood in the gazetteer."""
    related_ids = set(tree.ancestors(region.pk)) | set(tree.members.get(region.pk, ()))
    by_id = Region.objects.in_bulk(related_ids)
    macro_ids = Region.members.through.objects.filter(to_region_id=region.pk).values_list(
        "from_region_id", flat=True
    )
    return {
        "ancestors": [by_id[pk] for pk in tree.ancestors(region.pk) if pk in by_id][::-1],
        "members": sorted(
            (by_id[pk] for pk in tree.members.get(region.pk, ()) if pk in by_id),
            key=lambda r: (r.adcode or "999999", r.name),
        ),
        "children": Region.objects.filter(parent=region).order_by("adcode", "name"),
        "macro_regions": Region.objects.filter(pk__in=macro_ids).order_by("name"),
    }


def organisations_in_regions(region_ids: set[int]) -> QuerySet[Organisation]:
    return organisations_public().filter(region_id__in=region_ids).select_related("region")


# Evidence ------------------------------------------------------------------------


def evidence_public(queryset: QuerySet[Evidence]) -> list[Evidence]:
    """Evidence rows whose record and source a visitor may see, with the
    record loaded (one query per kind of record, not per row)."""
    rows = list(
        queryset.exclude(source__review_status=ReviewStatus.REJECTED).select_related(
            "content_type", "source"
        )
    )
    by_model: dict[type, set[int]] = defaultdict(set)
    for row in rows:
        by_model[row.content_type.model_class()].add(row.object_id)
    records: dict[tuple[type, int], object] = {}
    for model, ids in by_model.items():
        manager = model._default_manager
        if hasattr(model, "review_status"):
            manager = manager.exclude(review_status=ReviewStatus.REJECTED)
        for record in manager.filter(pk__in=ids):
            records[(model, record.pk)] = record
    visible = []
    for row in rows:
        record = records.get((row.content_type.model_class(), row.object_id))
        if record is not None:
            row.public_record = record
            visible.append(row)
    return visible


def counts_by(queryset: QuerySet, field_name: str) -> dict:
    """{value: count} of one column (a facet), one aggregate query."""
    return dict(
        queryset.order_by().values_list(field_name).annotate(n=Count("pk")).values_list(field_name, "n")
    )


# Facets by region ------------------------------------------------------------------


def counts_in_regions(queryset: QuerySet, field_name: str, tree: RegionTree) -> dict[int, int]:
    """Rows of `queryset` whose `field_name` lies in each macro-region and
    province (descendants and members included), in one aggregate query."""
    from kb.exporting import id_list

    tops = tree.top_regions()
    if not tops:
        return {}
    counts = queryset.order_by().aggregate(
        **{
            f"r{pk}": Count("pk", filter=Q(**{f"{field_name}__in": id_list(sorted(tree.expand(pk)))}))
            for pk in tops
        }
    )
    return {pk: counts[f"r{pk}"] for pk in tops}


@dataclass
class RegionOption:
    pk: int
    name: str
    count: int | None
    selected: bool


def region_options(tree: RegionTree, counts: dict[int, int], selected: Region | None) -> dict:
    """The region facet: macro-regions and provinces that have rows (most
    first), and the selected region even when it is neither or has none."""
    selected_pk = selected.pk if selected else None
    groups: dict[str, list[RegionOption]] = {RegionLevel.MACRO: [], RegionLevel.PROVINCE: []}
    for pk in tree.top_regions():
        count = counts.get(pk, 0)
        if count or pk == selected_pk:
            groups[tree.levels[pk]].append(RegionOption(pk, tree.names[pk], count, pk == selected_pk))
    for options in groups.values():
        options.sort(key=lambda option: -(option.count or 0))
    other = None
    if selected is not None and selected_pk not in counts:
        other = RegionOption(selected.pk, selected.name, None, True)
    return {"macro": groups[RegionLevel.MACRO], "province": groups[RegionLevel.PROVINCE], "other": other}


# A source's text -----------------------------------------------------------------------

# Repair-log kinds as the source page names them; the ingest pipeline
# (kb.ingest.edits) writes these.
REPAIR_LABELS = {
    "mojibake": _("乱码修复"),
    "pinyin": _("删除拼音注音"),
    "junk_line": _("删除无关行"),
    "html": _("删除网页残留"),
    "whitespace": _("空白整理"),
    "caption": _("图片说明"),
}
# Edits that take text out of the article (shown struck through in the raw view).
REMOVALS = {"pinyin", "junk_line", "html", "caption"}


def record_url(record) -> str:
    from django.urls import reverse

    names = {
        "event": "event_detail",
        "organisation": "organisation_detail",
        "person": "person_detail",
        "region": "region_detail",
    }
    name = names.get(record._meta.model_name)
    if name:
        return reverse(name, args=[record.pk])
    if record._meta.model_name == "quote":
        return f"#quote-{record.pk}"
    return ""


@dataclass
class Segment:
    text: str
    href: str = ""
    css: str = ""
    title: str = ""


def _segments(text: str, spans: list[tuple[int, int, int, str, str, str]]) -> list[Segment]:
    """Cut text into plain and marked pieces.  spans: (start, end, priority,
    href, css, title); overlapping spans keep the one that starts first (then
    the higher priority, then the longer)."""
    placed = []
    last_end = 0
    for start, end, _priority, href, css, title in sorted(
        spans, key=lambda s: (s[0], s[2], -(s[1] - s[0]))
    ):
        if start < last_end or end <= start or end > len(text):
            continue
        placed.append((start, end, href, css, title))
        last_end = end
    pieces, position = [], 0
    for start, end, href, css, title in placed:
        if start > position:
            pieces.append(Segment(text[position:start]))
        pieces.append(Segment(text[start:end], href, css, title))
        position = end
    if position < len(text):
        pieces.append(Segment(text[position:]))
    return pieces


def source_segments(source: Source, evidence: list[Evidence], *, view: str) -> list[Segment]:
    """The source text for `view` (simplified, original, raw), cut so that
    extracted spans link to their records and damaged spans are marked.

    Evidence offsets are in the Simplified text and repair-log offsets in the
    repaired original; the two are used on the other text only where both
    have the same length (OpenCC's conversion is character for character on
    almost every article)."""
    same_length = len(source.text) == len(source.text_original)
    spans = []
    if view == "raw":
        for entry in source.repair_log or []:
            if "raw_start" in entry and entry.get("kind") in REMOVALS | {"mojibake"}:
                css = "removed" if entry["kind"] in REMOVALS else "repaired"
                label = str(REPAIR_LABELS.get(entry["kind"], entry["kind"]))
                spans.append((entry["raw_start"], entry["raw_end"], 0, "", css, label))
        return _segments(source.raw_text, spans)
    text = source.text if view == "simplified" else source.text_original
    if view == "original" or same_length:
        for entry in source.damaged_spans:
            if "start" in entry:
                spans.append((entry["start"], entry["end"], 0, "", "damaged", str(_("损坏，未能修复"))))
    if view == "simplified" or same_length:
        for row in evidence:
            record = row.public_record
            kind = record._meta.verbose_name
            spans.append((row.start, row.end, 1, record_url(record), f"span-{record._meta.model_name}", f"{kind}：{record}"))
    return _segments(text, spans)


@dataclass
class RepairGroup:
    kind: str
    label: str
    entries: list[dict]


def repair_summary(source: Source) -> list[RepairGroup]:
    """The repair log grouped by kind, most frequent first."""
    groups: dict[str, RepairGroup] = {}
    for entry in source.repair_log or []:
        kind = entry.get("kind", "")
        group = groups.setdefault(kind, RepairGroup(kind, str(REPAIR_LABELS.get(kind, kind)), []))
        group.entries.append(entry)
    return sorted(groups.values(), key=lambda g: (-len(g.entries), g.kind))
