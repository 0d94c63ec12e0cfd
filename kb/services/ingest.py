"""The thin loader: writes one repaired, extracted article to the database.

Rules that keep curated work safe:
- a record is found again by its import key (an organisation's canonical
  name, a person's name and employer, an event's kind, date and title, a
  quote's text); a merged record leads to the record it was merged into;
- a rejected record is a tombstone: nothing is written to it or linked to it;
- a reviewed or curator-edited record only gains provenance;
- an auto record is updated from the article, and deleted when a changed
  file no longer supports it and no other source does.
Each file is written in one transaction; the caller retries it when the
database reports a conflict with a concurrent import.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from events.models import Event
from events.services import events_refresh_denormalised
from kb.event_identity import GENERATED_TITLE
from kb.ingest.extract.article import Extraction
from kb.ingest.pipeline import PIPELINE_VERSION, RepairedArticle
from kb.models import (
    CuratedModel,
    Evidence,
    Organisation,
    Person,
    Position,
    Quote,
    Region,
    ReviewStatus,
    Source,
    SourceCredit,
)
from kb.selectors.regions import region_tree_cached
from kb.services.bulk import records_save, records_upsert, rows_insert
from kb.services.data_version import data_changed
from kb.services.evidence import curated_evidence_reanchor
from kb.services.import_keys import import_key
from kb.services.ingest_events import EventWriting

ORG_FLAG_UNCERTAIN = "名称由上下文推断,无机构后缀"
ORG_FLAG_UNCONFIRMED = "统计模型未确认这是一个机构名称"


def _organisations_confirmed(results, rows: dict[str, dict]) -> None:
    """An organisation the importer flagged loses the flag as soon as one
    article finds it with confidence: the flag is the AND of every
    article's judgement, whatever order (or concurrency) they come in.
    One UPDATE, so two imports at once cannot undo each other's clearing;
    a flag a curator set or kept is not touched."""
    sure = [r.record.pk for key, r in results.items()
            if r.record is not None and r.writable and not r.created and not rows[key].get("flagged")]
    if sure:
        Organisation.objects.filter(
            pk__in=sure, flagged=True, flag_reason__in=(ORG_FLAG_UNCERTAIN, ORG_FLAG_UNCONFIRMED),
            review_status=ReviewStatus.AUTO, curator_edited=False,
        ).update(flagged=False, flag_reason="", updated_at=timezone.now())


class ImportContext:
    """What every file of one import run shares: the region ids and an
    index of organisation names and aliases, read once instead of per
    article (an alias lives in a JSON list, which SQL cannot index
    portably)."""

    def __init__(self):
        self.content_types = {m: ContentType.objects.get_for_model(m)
                              for m in (Source, Organisation, Person, Quote, Region, Event)}
        self.reload()

    def reload(self) -> None:
        """Forget what was read: after a rolled-back transaction the index
        may name rows that do not exist."""
        self.region_ids = dict(Region.objects.values_list("slug", "id"))
        self.region_tree = region_tree_cached()
        self._org_index: dict[str, int] | None = None

    @property
    def org_index(self) -> dict[str, int]:
        if self._org_index is None:
            index: dict[str, int] = {}
            rows = Organisation.objects.values_list("id", "name", "aliases", "import_key")
            for pk, name, aliases, key in rows.iterator(chunk_size=5000):
                for known in (name, *(aliases or [])):
                    index.setdefault(known, pk)
                if key and key.startswith("org:"):
                    index.setdefault(key[4:], pk)
            self._org_index = index
        return self._org_index

    def remember_organisation(self, org: Organisation, names) -> None:
        for name in names:
            if name:
                self.org_index.setdefault(name, org.pk)


@dataclass
class WriteResult:
    status: str  # created | updated | unchanged | skipped
    counts: Counter = field(default_factory=Counter)
    reason: str = ""


def source_is_unchanged(*, file_name: str, content_hash: str) -> Source | None:
    """The stored Source when re-importing this file would change nothing."""
    source = Source.objects.filter(file_name=file_name).first()
    if source and source.content_hash == content_hash and source.pipeline_version == PIPELINE_VERSION:
        return source
    return None


def article_write(*, article: RepairedArticle, extraction: Extraction,
                  context: ImportContext | None = None) -> WriteResult:
    """Write one article and everything extracted from it (one transaction)."""
    context = context or ImportContext()
    with transaction.atomic():
        # The writer's bulk inserts and updates send no signals.
        data_changed()
        source = Source.objects.select_for_update().filter(file_name=article.file_name).first()
        if source is not None and source.is_curated:
            reason = "来源已被驳回" if source.review_status == ReviewStatus.REJECTED else "来源已由编辑审核"
            return WriteResult("skipped", reason=reason)
        status = "updated" if source else "created"
        writer = _ArticleWriter(article, extraction, source, context)
        writer.write()
        return WriteResult(status, writer.counts)


def _resolve_merged(record):
    seen = set()
    while getattr(record, "merged_into_id", None) and record.pk not in seen:
        seen.add(record.pk)
        record = record.merged_into
    return record


class _ArticleWriter(EventWriting):
    """Writes one article's extraction in bulk: a few queries per kind of
    record rather than a few per record."""

    def __init__(self, article: RepairedArticle, extraction: Extraction, source: Source | None,
                 context: ImportContext):
        self.article = article
        self.x = extraction
        self.source = source
        self.context = context
        self.counts: Counter = Counter()
        self.region_ids = context.region_ids
        self.ct = context.content_types
        self.org_by_name: dict[str, Organisation | None] = {}
        self.person_by_name: dict[str, Person | None] = {}
        self.event_by_index: dict[int, Event | None] = {}
        self.touched: set[tuple[int, int]] = set()
        self.pending_evidence: dict[tuple[int, int, int, int], Evidence] = {}
        self.event_links: dict[int, list[int]] = {}  # event id -> region ids, as written
        self._sentence_marks: list[int] | None = None

    # ------------------------------------------------------------- helpers
    def original(self, start: int, end: int) -> str:
        """The text as written (original script) behind a Simplified span."""
        to_original = self.article.to_original
        if start >= end or end > len(to_original):
            return self.article.text[start:end]
        return self.article.text_original[to_original[start] : to_original[end - 1] + 1]

    def sentence(self, start: int) -> str:
        """The sentence around `start`: from after the last end mark before
        it to its next end mark (found by bisecting the article's marks,
        found once: searching the text for every piece of evidence made a
        long one-line article quadratic)."""
        text = self.article.text
        if self._sentence_marks is None:
            self._sentence_marks = [i for i, ch in enumerate(text) if ch in "。！？!?\n"]
        marks = self._sentence_marks
        k = bisect_left(marks, start)
        left = marks[k - 1] + 1 if k > 0 else 0
        right = marks[k] + 1 if k < len(marks) else len(text)
        return text[left:right].strip()[:1000]

    def evidence(self, record, start: int, end: int, note: str = "") -> None:
        """Provenance, written in one bulk insert when the article is done."""
        ct = self.ct[type(record)]
        self.touched.add((ct.pk, record.pk))
        self.pending_evidence.setdefault((ct.pk, record.pk, start, end), Evidence(
            content_type=ct, object_id=record.pk, source=self.source, start=start, end=end,
            sentence=self.sentence(start), note=note[:100],
        ))

    def organisation_id(self, name: str) -> int | None:
        record = self.org_by_name.get(name) if name else None
        return record.pk if record is not None else None

    # ------------------------------------------------------------- writing
    def write(self) -> None:
        previous = self._previous_links()
        new = self.source is None
        old_text = "" if new else self.source.text
        self._write_source()
        if not new:
            # The importer's own evidence is written afresh; a curator's stays.
            Evidence.objects.filter(source=self.source, curator_made=False).delete()
            if old_text != self.article.text:
                curated_evidence_reanchor(source=self.source, old_text=old_text)
        self._write_credits(new)
        self._write_regions()
        self._write_organisations()
        self._write_people()
        self._write_events()
        self._write_quotes()
        rows_insert(Evidence, list(self.pending_evidence.values()), ignore_conflicts=True)
        self.counts["evidence"] += len(self.pending_evidence)
        self._drop_unsupported(previous)
        # Columns events keep in step with other rows (search text, counts)
        # change with the quotes and evidence written in bulk above.
        events = {e.pk: e for e in self.event_by_index.values() if e}
        events_refresh_denormalised(event_ids=list(events), tree=self.context.region_tree,
                                    events=events, links=self.event_links)

    def _previous_links(self) -> set[tuple[int, int]]:
        if self.source is None:
            return set()
        return set(Evidence.objects.filter(source=self.source)
                   .values_list("content_type_id", "object_id"))

    def _write_source(self) -> None:
        a, meta = self.article, self.article.meta
        reasons = [reason for reason, weak in (
            (GENERATED_TITLE, meta.title_generated),
            ("发布日期未知", meta.published is None),
        ) if weak]
        fields = dict(
            content_hash=a.content_hash, encoding=a.encoding, outlet=meta.outlet,
            title=meta.title_simplified or meta.title, title_original=meta.title,
            published_date=meta.published, published_time=meta.published_time,
            published_precision=meta.precision, script=a.script, raw_text=a.raw_text,
            text_original=a.text_original, text=a.text, repair_log=a.repair_log,
            terms=list(dict.fromkeys(t.text for t in self.x.terms)),
            pipeline_version=PIPELINE_VERSION,
            flagged=bool(reasons), flag_reason="；".join(reasons),
        )
        if self.source is None:
            self.source = Source.objects.create(file_name=a.file_name, **fields)
        else:
            for name, value in fields.items():
                setattr(self.source, name, value)
            self.source.save()

    def _write_credits(self, new: bool) -> None:
        # The importer's own credits go; those a curator added or corrected
        # stay, and those a curator removed are not written again
        # (kb.services.credits).
        if not new:
            SourceCredit.objects.filter(source=self.source, curator_edited=False).delete()
        outlet = self.article.meta.outlet
        suppressed = {tuple(pair) for pair in self.source.credits_suppressed}
        credits = [c for c in self.article.meta.credits if (c.name, c.role) not in suppressed]
        people = records_upsert(Person, {
            import_key("credit", c.name, outlet): {"name": c.name, "name_original": c.name} for c in credits
        }, counts=self.counts)
        rows_insert(SourceCredit, [
            SourceCredit(source=self.source, name=c.name, role=c.role,
                         role_original=c.role_original[:20],
                         person=people[import_key("credit", c.name, outlet)].record)
            for c in credits
        ], ignore_conflicts=True)
        self.counts["credits"] += len(credits)

    def _write_regions(self) -> None:
        # Evidence needs only the region's id, which the run has read.
        for mention in self.x.regions:
            region_id = self.region_ids.get(mention.key)
            if region_id is not None:
                self.evidence(Region(pk=region_id), mention.start, mention.end, mention.via)

    # ------------------------------------------------------- organisations
    def _write_organisations(self) -> None:
        rows: dict[str, dict] = {}
        names: dict[str, list[str]] = {}  # key -> every name the article gives
        written: dict[str, str] = {}
        for org in self.x.organisations:
            key = import_key("org", org.name)
            rows[key] = {
                "name": org.name,
                "kind": org.kind,
                "region_id": self.region_ids.get(org.region_key) if org.region_key else None,
                "flagged": org.flagged,
                "flag_reason": (ORG_FLAG_UNCERTAIN if org.uncertain
                                else ORG_FLAG_UNCONFIRMED if org.unconfirmed else ""),
            }
            names[key] = [org.name, *org.aliases]
            # The name as written is the fullest mention, not the first one
            # (探访美的… before 美的集团股份有限公司): the same whichever
            # article reports it first.
            full = max(org.mentions, key=lambda m: m.end - m.start, default=None)
            written[key] = self.original(full.start, full.end) if full else org.name
        # 由松江区和合肥市联合主办: a place's government acts as organiser.
        for event in self.x.events:
            for role in event.roles:
                if role.party == "organisation" and role.region_key:
                    key = import_key("org", role.name)
                    if key not in rows:
                        rows[key] = {"name": role.name, "kind": "government",
                                     "region_id": self.region_ids.get(role.region_key)}
                        names[key] = [role.name]
                        written[key] = role.name
        index = self.context.org_index
        known_ids = {key: next((index[n] for n in names[key] if n in index), None) for key in rows}
        by_id = Organisation.objects.in_bulk({i for i in known_ids.values() if i})
        found = {key: by_id.get(pk) for key, pk in known_ids.items() if pk}
        results = records_upsert(Organisation, rows, found=found, counts=self.counts,
                                 create_only=("flagged", "flag_reason"))
        _organisations_confirmed(results, rows)

        stale = []
        for key, result in results.items():
            record = result.record
            for name in names[key]:
                self.org_by_name.setdefault(name, record)
            if record is None:
                continue
            self.context.remember_organisation(record, names[key])
            if result.writable:
                merged = list(dict.fromkeys([*(record.aliases or []), *names[key]]))
                aliases = [a for a in merged if a != record.name]
                changed = aliases != (record.aliases or []) or not record.name_original
                record.aliases = aliases
                record.name_original = record.name_original or written[key]
                if changed:
                    stale.append(record)
        records_save(Organisation, stale, ["aliases", "name_original"])

        parents = []
        for org in self.x.organisations:
            record = self.org_by_name.get(org.name)
            parent = self.org_by_name.get(org.parent_name) if org.parent_name else None
            if record is None or parent is None or record.is_curated or record.parent_id \
                    or parent.pk == record.pk:
                continue
            record.parent_id = parent.pk
            parents.append(record)
        records_save(Organisation, parents, ["parent"])
        for org in self.x.organisations:
            record = self.org_by_name.get(org.name)
            if record is not None:
                for mention in org.mentions:
                    self.evidence(record, mention.start, mention.end, "机构")

    # -------------------------------------------------------------- people
    def _write_people(self) -> None:
        names = {p.name for p in self.x.people}
        held: dict[int, set[str]] = {}
        candidates: dict[str, list[Person]] = {}
        for person in Person.objects.filter(name__in=names).exclude(import_key__startswith="credit:"):
            candidates.setdefault(person.name, []).append(person)
            held[person.pk] = set()
        for pid, org_name, linked in Position.objects.filter(person_id__in=held).values_list(
                "person_id", "organisation_name", "organisation__name"):
            held[pid] |= {org_name, linked} - {None, ""}

        rows, found, keys = {}, {}, {}
        for person in self.x.people:
            orgs = [p.organisation for p in person.positions if p.organisation]
            anchor = orgs[0] if orgs else f"src:{self.article.file_name}"
            key = import_key("person", person.name, anchor)
            keys[id(person)] = key
            first = person.mentions[0] if person.mentions else None
            uncertain = getattr(person, "uncertain", False)
            rows[key] = {
                "name": person.name,
                "name_original": self.original(first.start, first.end) if first else person.name,
                "flagged": uncertain,
                "flag_reason": "姓名或职务由较弱的规则得出" if uncertain else "",
            }
            # Same name and an organisation in common: one person.
            if orgs:
                found[key] = next((c for c in candidates.get(person.name, [])
                                   if held[c.pk] & set(orgs)), None)
        results = records_upsert(Person, rows, found={k: v for k, v in found.items() if v},
                                 counts=self.counts)
        positions = []
        for person in self.x.people:
            result = results[keys[id(person)]]
            self.person_by_name[person.name] = result.record
            if result.record is None:
                continue
            if result.writable:
                for position in person.positions:
                    title = ("原" if position.former and not position.title.startswith("原") else "") \
                        + position.title
                    positions.append(Position(
                        person=result.record, title=title[:100],
                        organisation_name=position.organisation[:200],
                        organisation_id=self.organisation_id(position.organisation),
                        source=self.source, as_of=self.article.meta.published,
                        as_of_precision=self.article.meta.precision))
            for mention in person.mentions:
                self.evidence(result.record, mention.start, mention.end, "人物")
        rows_insert(Position, positions, ignore_conflicts=True)

    def person_id(self, name: str) -> int | None:
        record = self.person_by_name.get(name) if name else None
        return record.pk if record is not None else None

    # ------------------------------------------------------------- cleanup
    def _drop_unsupported(self, previous: set[tuple[int, int]]) -> None:
        """Auto records that only this file supported and that the new
        version of the file no longer mentions are deleted."""
        gone = previous - self.touched
        by_ct: dict[int, list[int]] = {}
        for ct_id, object_id in gone:
            by_ct.setdefault(ct_id, []).append(object_id)
        for model, ct in self.ct.items():
            if model in (Source, Region) or ct.pk not in by_ct or not issubclass(model, CuratedModel):
                continue
            ids = by_ct[ct.pk]
            still = set(Evidence.objects.filter(content_type=ct, object_id__in=ids)
                        .values_list("object_id", flat=True))
            orphans = [i for i in ids if i not in still]
            deletable = model.objects.filter(pk__in=orphans, review_status=ReviewStatus.AUTO,
                                             curator_edited=False)
            deleted = deletable.count()
            if deleted:
                self.counts[f"{model._meta.model_name}_deleted"] += deleted
                deletable.delete()
