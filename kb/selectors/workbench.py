"""Reads for the curators' workbench: a source's records with their spans,
its text cut into highlightable segments in either script, the selection
readings that pre-fill the add forms, and the review queue."""

from __future__ import annotations

import threading
from bisect import bisect_right
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Q, Value

from events.models import Event
from kb.chinese import simplify
from kb.models import Evidence, Organisation, Person, Quote, Region, ReviewStatus, Source
from kb.selectors.regions import gazetteer_from_db, region_tree_cached

# The record types a source's evidence may point at, in the order the
# workbench lists them; regions are gazetteer entries, listed but not reviewed.
RECORD_TYPES = (("event", Event), ("organisation", Organisation), ("person", Person),
                ("quote", Quote), ("region", Region))
REVIEWABLE = ("event", "organisation", "person", "quote")
REVIEWABLE_MODELS = {name: model for name, model in RECORD_TYPES if name in REVIEWABLE}


@dataclass
class Span:
    evidence_id: int
    start: int
    end: int
    curator_made: bool
    anchor_lost: bool


@dataclass
class RecordRow:
    type: str
    record: object
    spans: list[Span] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.type}-{self.record.pk}"

    @property
    def reviewable(self) -> bool:
        return self.type in REVIEWABLE

    @property
    def status(self) -> str:
        return getattr(self.record, "review_status", "")

    @property
    def anchor_lost(self) -> bool:
        return any(s.anchor_lost for s in self.spans)


@dataclass
class Segment:
    start: int
    end: int
    text: str
    keys: tuple[str, ...]  # the records whose spans cover it
    types: tuple[str, ...]


def source_records(*, source: Source) -> dict[str, list[RecordRow]]:
    """The source's records by type, each with its spans in the source, in
    text order (one query for the evidence, one per type present)."""
    types = {ContentType.objects.get_for_model(model).pk: (name, model) for name, model in RECORD_TYPES}
    spans: dict[tuple[str, int], list[Span]] = {}
    for row in (Evidence.objects.filter(source=source, content_type_id__in=types)
                .order_by("start", "end", "pk")
                .values_list("content_type_id", "object_id", "pk", "start", "end",
                             "curator_made", "anchor_lost")):
        name = types[row[0]][0]
        spans.setdefault((name, row[1]), []).append(Span(*row[2:]))
    groups: dict[str, list[RecordRow]] = {}
    for name, model in RECORD_TYPES:
        ids = [pk for (kind, pk) in spans if kind == name]
        if not ids:
            groups[name] = []
            continue
        records = model.objects.in_bulk(ids)
        rows = [RecordRow(name, records[pk], spans[(name, pk)]) for pk in ids if pk in records]
        rows.sort(key=lambda r: (r.spans[0].start, r.record.pk))
        groups[name] = rows
    return groups


def source_progress(*, records: dict[str, list[RecordRow]]) -> tuple[int, int]:
    """(reviewed or rejected, all) of the source's reviewable records."""
    rows = [row for rows in records.values() for row in rows if row.reviewable]
    return sum(1 for row in rows if row.status != ReviewStatus.AUTO), len(rows)


def text_segments(text: str, records: dict[str, list[RecordRow]]) -> list[Segment]:
    """The text cut at every span boundary: each piece knows which records
    cover it, so the page highlights by type and a record lights up alone."""
    cuts = {0, len(text)}
    covering: list[tuple[int, int, str, str]] = []
    for rows in records.values():
        for row in rows:
            for span in row.spans:
                start, end = max(0, span.start), min(len(text), span.end)
                if start < end:
                    cuts.update((start, end))
                    covering.append((start, end, row.key, row.type))
    points = sorted(cuts)
    keys: list[list[tuple[str, str]]] = [[] for _ in points]
    for start, end, key, kind in covering:
        for i in range(bisect_right(points, start) - 1, bisect_right(points, end) - 1):
            keys[i].append((key, kind))
    return [
        Segment(a, b, text[a:b], tuple(k for k, _ in keys[i]),
                tuple(dict.fromkeys(t for _, t in keys[i])))
        for i, (a, b) in enumerate(zip(points, points[1:], strict=False))
    ]


def _original_map(source: Source):
    """The map from the stored Simplified text to the text as written, or
    None when the two cannot be aligned (the text as written was stored by
    another version of the pipeline)."""
    simplified = simplify(source.text_original)
    if simplified.text == source.text:
        return simplified
    return None


def source_original(source: Source, start: int, end: int) -> str:
    """The words as written behind source.text[start:end]."""
    mapping = _original_map(source)
    if mapping is None:
        return source.text[start:end]
    a, b = mapping.original_span(start, end)
    return source.text_original[a:b]


def original_segments(source: Source, segments: list[Segment]) -> list[Segment] | None:
    """The same segments over the text as written (offsets stay those of the
    Simplified text, so a selection on either maps to the same span)."""
    if source.text_original == source.text:
        return None
    mapping = _original_map(source)
    if mapping is None:
        return None
    out = []
    for seg in segments:
        a, b = mapping.original_span(seg.start, seg.end)
        out.append(Segment(seg.start, seg.end, source.text_original[a:b], seg.keys, seg.types))
    return out


_gazetteer_lock = threading.Lock()
_gazetteer_kept: list = [None, None]  # [region tree it was built with, gazetteer]


def gazetteer_cached():
    """The extractors' gazetteer, rebuilt only when the region tree changed
    (one query when it did not)."""
    tree = region_tree_cached()
    with _gazetteer_lock:
        if _gazetteer_kept[0] is tree:
            return _gazetteer_kept[1]
    gazetteer = gazetteer_from_db()
    with _gazetteer_lock:
        _gazetteer_kept[:] = [tree, gazetteer]
    return gazetteer


def selection_reading(*, source: Source, start: int, end: int):
    """The selection read by the importer's extractors (a SelectionReading).
    They are imported here, not at the top: the web process loads them only
    when a curator opens an add form."""
    from kb.ingest.extract.selection import read_selection

    return read_selection(source.text, start, end, gazetteer=gazetteer_cached(),
                          published=source.published_date,
                          published_precision=source.published_precision)


def review_queue(*, outlet: str = "", published_from=None, published_to=None, flag_reason: str = ""):
    """Sources with their unreviewed and flagged record counts and their
    curator spans to place again, most work first: the counts come from the
    evidence table, distinct records per type, in one query.  A flag reason narrows the queue to sources with a
    record flagged for it."""
    sources = Source.objects.all()
    if outlet:
        sources = sources.filter(outlet=outlet)
    if published_from:
        sources = sources.filter(published_date__gte=published_from)
    if published_to:
        sources = sources.filter(published_date__lte=published_to)
    annotations = {}
    for name, model in REVIEWABLE_MODELS.items():
        on_type = Q(evidence_spans__content_type=ContentType.objects.get_for_model(model))
        auto = model.objects.filter(review_status=ReviewStatus.AUTO)
        flagged = auto.filter(flagged=True)
        if flag_reason:
            flagged = flagged.filter(flag_reason__contains=flag_reason)
        annotations[f"{name}_unreviewed"] = Count(
            "evidence_spans__object_id", distinct=True,
            filter=on_type & Q(evidence_spans__object_id__in=auto.values("pk")))
        annotations[f"{name}_flagged"] = Count(
            "evidence_spans__object_id", distinct=True,
            filter=on_type & Q(evidence_spans__object_id__in=flagged.values("pk")))
        annotations[f"{name}_all"] = Count("evidence_spans__object_id", distinct=True, filter=on_type)
    # Curator evidence whose words a changed text no longer holds.
    annotations["anchors_lost"] = Count("evidence_spans", filter=Q(evidence_spans__anchor_lost=True))
    sources = sources.annotate(**annotations).annotate(
        unreviewed=sum((F(f"{n}_unreviewed") for n in REVIEWABLE), Value(0)),
        flagged_records=sum((F(f"{n}_flagged") for n in REVIEWABLE), Value(0)),
        records=sum((F(f"{n}_all") for n in REVIEWABLE), Value(0)),
    )
    if flag_reason:
        sources = sources.filter(flagged_records__gt=0)
    return sources.order_by("-unreviewed", "-flagged_records", "-anchors_lost", "-published_date", "pk")


def review_progress(*, sources) -> tuple[int, int]:
    """(reviewed or rejected, all) of the distinct records drawn from these
    sources: one query per type."""
    done = total = 0
    for model in REVIEWABLE_MODELS.values():
        ct = ContentType.objects.get_for_model(model)
        ids = Evidence.objects.filter(source__in=sources, content_type=ct).values("object_id")
        counts = model.objects.filter(pk__in=ids).aggregate(
            all=Count("pk"), auto=Count("pk", filter=Q(review_status=ReviewStatus.AUTO)))
        total += counts["all"]
        done += counts["all"] - counts["auto"]
    return done, total


def flag_reasons() -> list[str]:
    """The reasons records are flagged for, one per line of the filter."""
    reasons: set[str] = set()
    for model in REVIEWABLE_MODELS.values():
        for value in (model.objects.filter(flagged=True, review_status=ReviewStatus.AUTO)
                      .values_list("flag_reason", flat=True).distinct()[:200]):
            reasons.update(part for part in value.split("；") if part)
    return sorted(reasons)
