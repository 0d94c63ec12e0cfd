"""Reads for the public site: what a visitor may see.

Rejected records (and merged duplicates, which are rejected tombstones) are
never shown publicly; every public queryset starts from the functions here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kb.chinese import to_simplified
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
from kb.selectors.regions import RegionTree

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
