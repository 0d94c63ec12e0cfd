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

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from events.models import Event, EventRole
from events.services import events_refresh_denormalised
from kb import dates as D
from kb.ingest.extract.article import Extraction
from kb.ingest.extract.events import EventRecord
from kb.ingest.extract.mentions import Organisation as OrgFound
from kb.ingest.extract.mentions import Person as PersonFound
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

KEY_LENGTH = 255


class ImportContext:
    """What every file of one import run shares: the region ids and an
    index of organisation names and aliases, read once instead of per
    article (an alias lives in a JSON list, which SQL cannot index
    portably)."""

    def __init__(self):
        self.region_ids = dict(Region.objects.values_list("slug", "id"))
        self.content_types = {m: ContentType.objects.get_for_model(m)
                              for m in (Source, Organisation, Person, Quote, Region, Event)}
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
        source = Source.objects.select_for_update().filter(file_name=article.file_name).first()
        if source is not None and source.is_curated:
            reason = "来源已被驳回" if source.review_status == ReviewStatus.REJECTED else "来源已由编辑审核"
            return WriteResult("skipped", reason=reason)
        status = "updated" if source else "created"
        writer = _ArticleWriter(article, extraction, source, context)
        writer.write()
        return WriteResult(status, writer.counts)


def _key(prefix: str, *parts: str) -> str:
    key = f"{prefix}:" + "|".join(parts)
    if len(key) <= KEY_LENGTH:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return key[: KEY_LENGTH - 17] + "#" + digest


def _norm(text: str) -> str:
    return re.sub(r"[\s“”\"‘’「」《》]", "", text)


def _resolve_merged(record):
    seen = set()
    while getattr(record, "merged_into_id", None) and record.pk not in seen:
        seen.add(record.pk)
        record = record.merged_into
    return record


class _ArticleWriter:
    def __init__(self, article: RepairedArticle, extraction: Extraction, source: Source | None,
                 context: ImportContext):
        self.article = article
        self.x = extraction
        self.source = source
        self.context = context
        self.counts: Counter = Counter()
        self.region_ids = context.region_ids
        self.org_by_name: dict[str, Organisation | None] = {}
        self.person_by_name: dict[str, Person | None] = {}
        self.event_by_index: dict[int, Event | None] = {}
        self.touched: set[tuple[int, int]] = set()
        self.ct = context.content_types
        self.pending_evidence: dict[tuple[int, int, int, int], Evidence] = {}
        self.known: dict[type, dict[str, object]] = {}

    # ------------------------------------------------------------- helpers
    def original(self, start: int, end: int) -> str:
        """The text as written (original script) behind a Simplified span."""
        to_original = self.article.to_original
        if start >= end or end > len(to_original):
            return self.article.text[start:end]
        return self.article.text_original[to_original[start] : to_original[end - 1] + 1]

    def sentence(self, start: int) -> str:
        text = self.article.text
        left = max(text.rfind(c, 0, start) for c in "。！？!?\n") + 1
        right_candidates = [i for i in (text.find(c, start) for c in "。！？!?\n") if i >= 0]
        right = min(right_candidates) + 1 if right_candidates else len(text)
        return text[left:right].strip()[:1000]

    def evidence(self, record, start: int, end: int, note: str = "") -> None:
        """Provenance, written in one bulk insert when the article is done."""
        ct = self.ct[type(record)]
        self.touched.add((ct.pk, record.pk))
        self.pending_evidence.setdefault((ct.pk, record.pk, start, end), Evidence(
            content_type=ct, object_id=record.pk, source=self.source, start=start, end=end,
            sentence=self.sentence(start), note=note[:100],
        ))

    def flush_evidence(self) -> None:
        Evidence.objects.bulk_create(self.pending_evidence.values(), ignore_conflicts=True,
                                     batch_size=500)
        self.counts["evidence"] += len(self.pending_evidence)

    def preload(self, model, keys) -> None:
        """One query for every record of this article that already exists."""
        found = model.objects.filter(import_key__in=list(set(keys)))
        self.known.setdefault(model, {}).update({r.import_key: r for r in found})

    def upsert(self, model, key: str, fields: dict, *, lookup=None):
        """Find a record by its key (or by `lookup`), following merges.
        Returns (record, writable): writable is False for curated records,
        and the record is None for a rejected tombstone."""
        known = self.known.get(model)
        if known is not None and key not in known:
            record = None  # preloaded: it does not exist yet
        elif known is not None:
            record = known[key]
        else:
            record = model.objects.filter(import_key=key).first()
        if record is None and lookup is not None:
            record = lookup()
        if record is not None:
            record = _resolve_merged(record)
            if record.review_status == ReviewStatus.REJECTED:
                self.counts[f"{model._meta.model_name}_rejected_kept_out"] += 1
                return None, False
            if record.is_curated:
                return record, False
            changed = [name for name, value in fields.items() if getattr(record, name) != value]
            if changed:
                for name in changed:
                    setattr(record, name, fields[name])
                record.save(update_fields=[*changed, "updated_at"])
                self.counts[f"{model._meta.model_name}_updated"] += 1
            return record, True
        try:
            with transaction.atomic():
                record = model.objects.create(import_key=key, **fields)
        except IntegrityError:
            # A concurrent import created it a moment ago: take that one.
            self.known.pop(model, None)
            return self.upsert(model, key, fields)
        if known is not None:
            known[key] = record
        self.counts[f"{model._meta.model_name}_created"] += 1
        return record, True

    # ------------------------------------------------------------- writing
    def write(self) -> None:
        previous = self._previous_links()
        self._write_source()
        Evidence.objects.filter(source=self.source).delete()
        self._write_credits()
        self._write_regions()
        self.preload(Organisation, [_key("org", o.name) for o in self.x.organisations])
        self.preload(Event, [self._event_key(e) for e in self.x.events])
        self.preload(Quote, [self._quote_key(q) for q in self.x.quotes])
        for org in self.x.organisations:
            self._write_organisation(org)
        for org in self.x.organisations:
            self._link_parent(org)
        for person in self.x.people:
            self._write_person(person)
        for index, event in enumerate(self.x.events):
            self._write_event(index, event)
        for index, event in enumerate(self.x.events):
            self._link_event(index, event)
        for quote in self.x.quotes:
            self._write_quote(quote)
        self.flush_evidence()
        self._drop_unsupported(previous)
        # Columns events keep in step with other rows (search text, counts)
        # change with the quotes and evidence written in bulk above.
        events_refresh_denormalised(event_ids=[e.pk for e in self.event_by_index.values() if e])

    def _previous_links(self) -> set[tuple[int, int]]:
        if self.source is None:
            return set()
        return set(Evidence.objects.filter(source=self.source)
                   .values_list("content_type_id", "object_id"))

    def _write_source(self) -> None:
        a, meta = self.article, self.article.meta
        fields = dict(
            content_hash=a.content_hash, encoding=a.encoding, outlet=meta.outlet,
            title=meta.title_simplified or meta.title, title_original=meta.title,
            published_date=meta.published, published_time=meta.published_time,
            published_precision=meta.precision, script=a.script, raw_text=a.raw_text,
            text_original=a.text_original, text=a.text, repair_log=a.repair_log,
            terms=list(dict.fromkeys(t.text for t in self.x.terms)),
            pipeline_version=PIPELINE_VERSION,
        )
        if self.source is None:
            self.source = Source.objects.create(file_name=a.file_name, **fields)
        else:
            for name, value in fields.items():
                setattr(self.source, name, value)
            self.source.save()

    def _write_credits(self) -> None:
        SourceCredit.objects.filter(source=self.source).delete()
        outlet = self.article.meta.outlet
        for credit in self.article.meta.credits:
            person, _ = self.upsert(Person, _key("credit", credit.name, outlet),
                                    {"name": credit.name, "name_original": credit.name})
            SourceCredit.objects.get_or_create(
                source=self.source, name=credit.name, role=credit.role,
                defaults={"person": person, "role_original": credit.role_original[:20]},
            )
            self.counts["credits"] += 1

    def _write_regions(self) -> None:
        regions = {r.id: r for r in Region.objects.filter(
            slug__in={m.key for m in self.x.regions})}
        by_slug = {r.slug: r for r in regions.values()}
        for mention in self.x.regions:
            region = by_slug.get(mention.key)
            if region is not None:
                self.evidence(region, mention.start, mention.end, mention.via)

    # ------------------------------------------------------- organisations
    def _find_organisation(self, names: list[str]) -> Organisation | None:
        index = self.context.org_index
        for name in names:
            pk = index.get(name)
            if pk is not None:
                found = Organisation.objects.filter(pk=pk).first()
                if found is not None:
                    return found
        return None

    def _write_organisation(self, org: OrgFound) -> None:
        first = org.mentions[0] if org.mentions else None
        as_written = self.original(first.start, first.end) if first else org.name
        fields = {
            "name": org.name,
            "kind": org.kind,
            "region_id": self.region_ids.get(org.region_key) if org.region_key else None,
            "flagged": org.uncertain,
            "flag_reason": "名称由上下文推断,无机构后缀" if org.uncertain else "",
        }
        record, writable = self.upsert(
            Organisation, _key("org", org.name), fields,
            lookup=lambda: self._find_organisation([org.name, *org.aliases]),
        )
        self.org_by_name[org.name] = record
        for alias in org.aliases:
            self.org_by_name.setdefault(alias, record)
        if record is None:
            return
        self.context.remember_organisation(record, [org.name, *org.aliases])
        if writable:
            aliases = list(dict.fromkeys([*(record.aliases or []), *org.aliases,
                                          *([org.name] if org.name != record.name else [])]))
            aliases = [a for a in aliases if a != record.name]
            updates = {}
            if aliases != (record.aliases or []):
                updates["aliases"] = aliases
            if not record.name_original:
                updates["name_original"] = as_written
            if updates:
                for name, value in updates.items():
                    setattr(record, name, value)
                record.save(update_fields=[*updates, "updated_at"])  # keeps search_text in step
        for mention in org.mentions:
            self.evidence(record, mention.start, mention.end, "机构")

    def _link_parent(self, org: OrgFound) -> None:
        record = self.org_by_name.get(org.name)
        parent = self.org_by_name.get(org.parent_name) if org.parent_name else None
        if record is None or parent is None or record.is_curated or record.parent_id:
            return
        if parent.pk != record.pk:
            Organisation.objects.filter(pk=record.pk).update(parent=parent)

    def organisation(self, name: str) -> Organisation | None:
        if not name:
            return None
        if name not in self.org_by_name:
            self.org_by_name[name] = self._find_organisation([name])
        return self.org_by_name[name]

    # -------------------------------------------------------------- people
    def _write_person(self, person: PersonFound) -> None:
        orgs = [p.organisation for p in person.positions if p.organisation]
        first = person.mentions[0] if person.mentions else None
        as_written = self.original(first.start, first.end) if first else person.name
        anchor = orgs[0] if orgs else f"src:{self.article.file_name}"
        key = _key("person", person.name, anchor)

        def same_person():
            # Same name and an organisation in common: one person.
            if not orgs:
                return None
            for candidate in Person.objects.filter(name=person.name).prefetch_related("positions"):
                held = {p.organisation_name for p in candidate.positions.all()}
                held |= {p.organisation.name for p in candidate.positions.all() if p.organisation}
                if held & set(orgs):
                    return candidate
            return None

        uncertain = getattr(person, "uncertain", False)
        record, writable = self.upsert(
            Person, key, {"name": person.name, "name_original": as_written,
                          "flagged": uncertain,
                          "flag_reason": "姓名或职务由较弱的规则得出" if uncertain else ""},
            lookup=same_person)
        self.person_by_name[person.name] = record
        if record is None:
            return
        if writable:
            for position in person.positions:
                org = self.organisation(position.organisation)
                title = ("原" if position.former and not position.title.startswith("原") else "") + position.title
                Position.objects.get_or_create(
                    person=record, title=title[:100], organisation_name=position.organisation[:200],
                    source=self.source,
                    defaults={"organisation": org, "as_of": self.article.meta.published,
                              "as_of_precision": self.article.meta.precision},
                )
        for mention in person.mentions:
            self.evidence(record, mention.start, mention.end, "人物")

    def person(self, name: str) -> Person | None:
        return self.person_by_name.get(name) if name else None

    # -------------------------------------------------------------- events
    @staticmethod
    def _event_key(event: EventRecord) -> str:
        return _key("event", event.kind, D.iso_at_precision(event.start_date, event.precision),
                    _norm(event.title))

    @staticmethod
    def _quote_key(quote) -> str:
        return _key("quote", hashlib.sha256(_norm(quote.text).encode()).hexdigest())

    def _write_event(self, index: int, event: EventRecord) -> None:
        key = self._event_key(event)
        at = self.article.text.find(event.title)
        title_original = self.original(at, at + len(event.title)) if at >= 0 else ""
        fields = {
            "title": event.title[:300],
            "title_original": (title_original or event.title)[:300],
            "kind": event.kind,
            "start_date": event.start_date,
            "end_date": event.end_date,
            "date_precision": event.precision if event.start_date else D.UNKNOWN,
            "participants": event.participants,
            "participants_approximate": event.participants_approximate,
            "summary": event.summary[:2000],
            "terms": self._terms_in(event),
            "flagged": event.flagged,
            "flag_reason": event.flag_reason[:200],
        }
        record, writable = self.upsert(Event, key, fields)
        self.event_by_index[index] = record
        if record is None:
            return
        if writable:
            region_ids = [self.region_ids[k] for k in event.region_keys if k in self.region_ids]
            self._set_regions(record, list(dict.fromkeys(region_ids)))
            EventRole.objects.filter(event=record).delete()
            for role in event.roles:
                self._write_role(record, role)
        for start, end in event.spans:
            self.evidence(record, start, end, "活动")

    @staticmethod
    def _set_regions(record: Event, region_ids: list[int]) -> None:
        """Keep the link rows in the extractor's order (most specific place
        first): the row id is the order the exports and pages show."""
        through = Event.regions.through
        current = list(through.objects.filter(event=record).order_by("id")
                       .values_list("region_id", flat=True))
        if current != region_ids:
            through.objects.filter(event=record).delete()
            through.objects.bulk_create([through(event=record, region_id=r) for r in region_ids])

    def _terms_in(self, event: EventRecord) -> list[str]:
        spans = [(s.start, s.end) for s in event.sentences]
        return list(dict.fromkeys(t.text for t in self.x.terms
                                  if any(s <= t.start < e for s, e in spans)))

    def _write_role(self, record: Event, role) -> None:
        if role.party == "person":
            person = self.person(role.name)
            if person is None:
                return
            EventRole.objects.get_or_create(event=record, person=person, role=role.role,
                                            defaults={"role_original": role.role_original[:20]})
            return
        org = self.organisation(role.name)
        if org is None and role.region_key:
            # 由松江区和合肥市联合主办: the place's government acts as organiser.
            org, _ = self.upsert(Organisation, _key("org", role.name), {
                "name": role.name, "kind": "government",
                "region_id": self.region_ids.get(role.region_key),
            }, lookup=lambda: Organisation.objects.filter(name=role.name).first())
            self.org_by_name[role.name] = org
        if org is None:
            return
        EventRole.objects.get_or_create(event=record, organisation=org, role=role.role,
                                        defaults={"role_original": role.role_original[:20]})

    def _link_event(self, index: int, event: EventRecord) -> None:
        record = self.event_by_index.get(index)
        if record is None or record.is_curated:
            return
        parent = self.event_by_index.get(event.parent) if event.parent is not None else None
        parent_id = parent.pk if parent is not None and parent.pk != record.pk else None
        if record.parent_id != parent_id:
            Event.objects.filter(pk=record.pk).update(parent_id=parent_id)

    # -------------------------------------------------------------- quotes
    def _write_quote(self, quote) -> None:
        speaker = self.person(quote.speaker)
        event = self._event_of_quote(quote)
        fields = {
            "text": quote.text,
            "text_original": self.original(quote.start, quote.end),
            "kind": quote.kind,
            "speaker": speaker,
            "speaker_label": quote.speaker_label[:100] if not speaker else "",
            "speaker_title": quote.speaker_title[:200],
            "speaker_organisation": self.organisation(quote.speaker_organisation),
            "event": event,
            "source": self.source,
            "flagged": not (quote.speaker or quote.speaker_label) or quote.uncertain,
            "flag_reason": ("没有可归属的说话人" if not (quote.speaker or quote.speaker_label)
                            else "说话人由上下文推断" if quote.uncertain else ""),
        }
        record, _ = self.upsert(Quote, self._quote_key(quote), fields)
        if record is not None:
            self.evidence(record, quote.start, quote.end, "引语")

    def _event_of_quote(self, quote) -> Event | None:
        best = None
        for index, event in enumerate(self.x.events):
            if any(start <= quote.start for start, _ in event.spans):
                if any(r.party == "person" and r.name == quote.speaker for r in event.roles):
                    best = index
        if best is None:
            top = [i for i, e in enumerate(self.x.events) if e.parent is None]
            best = top[0] if len(top) == 1 else None
        return self.event_by_index.get(best) if best is not None else None

    # ------------------------------------------------------------- cleanup
    def _drop_unsupported(self, previous: set[tuple[int, int]]) -> None:
        """Auto records that only this file supported and that the new
        version of the file no longer mentions are deleted."""
        gone = previous - self.touched
        by_ct: dict[int, list[int]] = {}
        for ct_id, object_id in gone:
            by_ct.setdefault(ct_id, []).append(object_id)
        for model, ct in self.ct.items():
            if model in (Source, Region) or ct.pk not in by_ct:
                continue
            ids = by_ct[ct.pk]
            still = set(Evidence.objects.filter(content_type=ct, object_id__in=ids)
                        .values_list("object_id", flat=True))
            orphans = [i for i in ids if i not in still]
            deletable = model.objects.filter(pk__in=orphans, review_status=ReviewStatus.AUTO,
                                             curator_edited=False)
            if issubclass(model, CuratedModel) and deletable.exists():
                self.counts[f"{model._meta.model_name}_deleted"] += deletable.count()
                deletable.delete()
