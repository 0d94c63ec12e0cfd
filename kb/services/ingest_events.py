"""The loader's events and quotes: one article's events found again by
their key or under the name another article reported them by, their
places, roles and parents, and the quotes with their speakers and events.

A mixin of kb.services.ingest's article writer (it uses the writer's
extraction, records by name, and evidence), kept apart because events are
the loader's largest part."""

from __future__ import annotations

import hashlib

from events.models import Event, EventRole
from kb import dates as D
from kb.event_identity import event_name_key, same_period
from kb.ingest.extract.events import EventRecord
from kb.models import Quote
from kb.services.bulk import records_save, records_upsert, rows_insert
from kb.services.import_keys import import_key, normalised


class EventWriting:
    """Writes self.x.events and self.x.quotes (see _ArticleWriter)."""

    @staticmethod
    def _event_key(event: EventRecord) -> str:
        return import_key("event", event.kind, D.iso_at_precision(event.start_date, event.precision),
                          normalised(event.title))

    def _reported_elsewhere(self, keys: list[str]) -> dict[str, Event]:
        """Events another article already reported under the same name in a
        compatible period (挂牌成立 there, 揭牌成立 here): this article is
        one more source of that event.  One query."""
        wanted = {}
        for key, event in zip(keys, self.x.events, strict=True):
            name_key = event_name_key(event.kind, event.title, generated=event.title_generated)
            if name_key:
                wanted.setdefault((event.kind, name_key), []).append((key, event))
        if not wanted:
            return {}
        found: dict[str, Event] = {}
        candidates = Event.objects.filter(kind__in={k for k, _ in wanted},
                                          name_key__in={n for _, n in wanted}).order_by("id")
        for record in candidates:
            for key, event in wanted.get((record.kind, record.name_key), ()):
                if key not in found and same_period(record.start_date, record.date_precision,
                                                    event.start_date, event.precision):
                    found[key] = record
        return found

    @staticmethod
    def _quote_key(quote) -> str:
        return import_key("quote", hashlib.sha256(normalised(quote.text).encode()).hexdigest())

    def _event_fields(self, event: EventRecord) -> dict:
        at = self.article.text.find(event.title)
        title_original = self.original(at, at + len(event.title)) if at >= 0 else ""
        return {
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

    def _write_events(self) -> None:
        keys = [self._event_key(e) for e in self.x.events]
        rows = {}
        for key, event in zip(keys, self.x.events, strict=True):
            rows.setdefault(key, self._event_fields(event))
        results = records_upsert(Event, rows, found=self._reported_elsewhere(keys), found_read_only=True,
                                 counts=self.counts)
        for index, key in enumerate(keys):
            self.event_by_index[index] = results[key].record
        writable = {results[k].record.pk: i for i, k in enumerate(keys)
                    if results[k].writable and results[k].record is not None}
        created = {results[k].record.pk for k in keys if results[k].created}
        self._write_links(writable, created)
        parents = []
        for index, event in enumerate(self.x.events):
            record = self.event_by_index[index]
            if record is None or record.pk not in writable:
                continue
            parent = self.event_by_index.get(event.parent) if event.parent is not None else None
            parent_id = parent.pk if parent is not None and parent.pk != record.pk else None
            if record.parent_id != parent_id:
                record.parent_id = parent_id
                parents.append(record)
            for start, end in event.spans:
                self.evidence(record, start, end, "活动")
        records_save(Event, parents, ["parent"])
        for index, event in enumerate(self.x.events):
            record = self.event_by_index[index]
            if record is not None and record.pk not in writable:
                for start, end in event.spans:
                    self.evidence(record, start, end, "活动")

    def _write_links(self, writable: dict[int, int], created: set[int]) -> None:
        """Regions (most specific first: the link row's id is the order
        pages and exports show) and roles of the auto events.  An event
        this article just created has neither yet: nothing to read or
        delete for it."""
        through = Event.regions.through
        older = [pk for pk in writable if pk not in created]
        current: dict[int, list[int]] = {}
        if older:
            for event_id, region_id in through.objects.filter(event_id__in=older).order_by("id") \
                    .values_list("event_id", "region_id"):
                current.setdefault(event_id, []).append(region_id)
        wanted = {pk: list(dict.fromkeys(self.region_ids[k] for k in self.x.events[i].region_keys
                                         if k in self.region_ids))
                  for pk, i in writable.items()}
        redo = [pk for pk in writable if current.get(pk, []) != wanted[pk]]
        self.event_links = wanted
        if redo:
            stale = [pk for pk in redo if pk not in created]
            if stale:
                through.objects.filter(event_id__in=stale).delete()
            rows_insert(through, [through(event_id=pk, region_id=r) for pk in redo for r in wanted[pk]])
        if older:
            EventRole.objects.filter(event_id__in=older).delete()
        roles = []
        for pk, index in writable.items():
            for role in self.x.events[index].roles:
                party = {"person_id": self.person_id(role.name)} if role.party == "person" \
                    else {"organisation_id": self.organisation_id(role.name)}
                if None in party.values():
                    continue
                roles.append(EventRole(event_id=pk, role=role.role,
                                       role_original=role.role_original[:20], **party))
        rows_insert(EventRole, roles, ignore_conflicts=True)

    def _terms_in(self, event: EventRecord) -> list[str]:
        spans = [(s.start, s.end) for s in event.sentences]
        return list(dict.fromkeys(t.text for t in self.x.terms
                                  if any(s <= t.start < e for s, e in spans)))

    # -------------------------------------------------------------- quotes
    def _write_quotes(self) -> None:
        rows, keys = {}, []
        for quote in self.x.quotes:
            key = self._quote_key(quote)
            keys.append(key)
            speaker_id = self.person_id(quote.speaker)
            event = self._event_of_quote(quote)
            attributed = bool(quote.speaker or quote.speaker_label)
            rows.setdefault(key, {
                "text": quote.text,
                "text_original": self.original(quote.start, quote.end),
                "kind": quote.kind,
                "speaker_id": speaker_id,
                "speaker_label": quote.speaker_label[:100] if not speaker_id else "",
                "speaker_title": quote.speaker_title[:200],
                "speaker_organisation_id": self.organisation_id(quote.speaker_organisation),
                "event_id": event.pk if event is not None else None,
                "source_id": self.source.pk,
                "flagged": not attributed or quote.uncertain,
                "flag_reason": ("没有可归属的说话人" if not attributed
                                else "说话人由上下文推断" if quote.uncertain else ""),
            })
        results = records_upsert(Quote, rows, counts=self.counts)
        for quote, key in zip(self.x.quotes, keys, strict=True):
            record = results[key].record
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
