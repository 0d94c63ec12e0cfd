"""The curators' workbench writes: records added from a selection of a
source's text, links from a source to an event it also reports, places
added to an event, and the source marked reviewed.

Everything made here is curator-made: reviewed by the curator who made it
(so the public site shows it at once and re-import leaves it alone), with
evidence that is curator_made (so re-import keeps it and re-anchors it when
the source's text changes), and an entry in the admin history.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from events.models import Event, EventRole, Role
from kb import dates as D
from kb.chinese import to_simplified
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
)
from kb.selectors.workbench import source_original, source_progress, source_records
from kb.services.curation import CurationError, history_add, record_mark_reviewed, record_reject
from kb.services.evidence import sentence_around


def _check_span(source: Source, start: int, end: int) -> None:
    if not (0 <= start < end <= len(source.text)):
        raise CurationError(
            f"选区 {start}–{end} 不在来源“{source}”的文本内（长度 {len(source.text)}）"
        )


def evidence_add(*, record, source: Source, start: int, end: int, user, note: str = "") -> Evidence:
    """A curator's evidence: record is supported by source.text[start:end]."""
    _check_span(source, start, end)
    evidence, _ = Evidence.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk, source=source,
        start=start, end=end,
        defaults=dict(sentence=sentence_around(source.text, start, end), note=note[:100],
                      curator_made=True, created_by=user, anchor_text=source.text[start:end]),
    )
    if not evidence.curator_made:
        # The importer marked the same span: the curator vouches for it now,
        # so it survives re-import.
        evidence.curator_made, evidence.created_by = True, user
        evidence.anchor_text = source.text[start:end]
        evidence.save(update_fields=["curator_made", "created_by", "anchor_text"])
    return evidence


def _name(text: str, what: str) -> str:
    """A name as stored: canonical Simplified, never empty."""
    name = to_simplified(text.strip())
    if not name:
        raise CurationError(f"{what}不能为空")
    return name


def _save_curator_made(record: CuratedModel, *, source: Source, start: int, end: int, user,
                       note: str) -> None:
    """Save a new record as the curator's own: reviewed by them, with their
    evidence on the selection, and its creation in the history."""
    record.review_status = ReviewStatus.REVIEWED
    record.reviewed_by = user
    record.reviewed_at = timezone.now()
    record.curator_edited = True
    record.save()
    evidence_add(record=record, source=source, start=start, end=end, user=user, note=note)
    history_add(user=user, records=[record], added=True, message=f"从来源 #{source.pk} 的选区 {start}–{end} 添加")


def _dates(start_date: dt.date | None, end_date: dt.date | None, precision: str):
    if start_date is None:
        if end_date is not None:
            raise CurationError("有结束日期却没有开始日期")
        return None, None, D.UNKNOWN
    if end_date is not None and end_date < start_date:
        raise CurationError("结束日期早于开始日期")
    return start_date, end_date, precision if precision != D.UNKNOWN else D.DAY


@transaction.atomic
def event_create_from_selection(
    *, source: Source, start: int, end: int, user, title: str, kind: str,
    start_date: dt.date | None = None, end_date: dt.date | None = None,
    date_precision: str = D.UNKNOWN, regions=(), organisers=(), participants=(),
    people=(), summary: str = "",
) -> Event:
    _check_span(source, start, end)
    title = _name(title, "活动标题")
    start_date, end_date, precision = _dates(start_date, end_date, date_precision)
    event = Event(title=title[:300], title_original=source_original(source, start, end)[:300],
                  kind=kind, start_date=start_date, end_date=end_date, date_precision=precision,
                  summary=summary)
    _save_curator_made(event, source=source, start=start, end=end, user=user, note="活动")
    event.regions.set(list(regions))
    roles = [EventRole(event=event, organisation=o, role=Role.ORGANISER) for o in organisers]
    roles += [EventRole(event=event, organisation=o, role=Role.PARTICIPANT)
              for o in participants if o not in set(organisers)]
    roles += [EventRole(event=event, person=p, role=Role.PARTICIPANT) for p in people]
    EventRole.objects.bulk_create(roles)
    return event


@transaction.atomic
def organisation_create_from_selection(
    *, source: Source, start: int, end: int, user, name: str, kind: str,
    region: Region | None = None, aliases=(),
) -> Organisation:
    _check_span(source, start, end)
    name = _name(name, "机构名称")
    written = source_original(source, start, end)
    organisation = Organisation(
        name=name[:200], name_original=written[:200] if written != name else "",
        aliases=[a for a in dict.fromkeys([*aliases, written]) if a and a != name],
        kind=kind, region=region,
    )
    _save_curator_made(organisation, source=source, start=start, end=end, user=user, note="机构")
    return organisation


@transaction.atomic
def person_create_from_selection(
    *, source: Source, start: int, end: int, user, name: str, title: str = "",
    organisation: Organisation | None = None, organisation_name: str = "",
) -> Person:
    _check_span(source, start, end)
    name = _name(name, "姓名")
    written = source_original(source, start, end)
    person = Person(name=name[:100], name_original=written[:100] if written != name else "")
    _save_curator_made(person, source=source, start=start, end=end, user=user, note="人物")
    if title.strip():
        Position.objects.create(
            person=person, title=title.strip()[:100], organisation=organisation,
            organisation_name=(organisation.name if organisation else organisation_name)[:200],
            source=source, as_of=source.published_date, as_of_precision=source.published_precision,
        )
    return person


@transaction.atomic
def quote_create_from_selection(
    *, source: Source, start: int, end: int, user, text: str, kind: str,
    speaker: Person | None = None, speaker_label: str = "", speaker_title: str = "",
    speaker_organisation: Organisation | None = None, event: Event | None = None,
) -> Quote:
    _check_span(source, start, end)
    quote = Quote(
        text=_name(text, "引语"), text_original=source_original(source, start, end),
        kind=kind, speaker=speaker, speaker_label="" if speaker else speaker_label[:100],
        speaker_title=speaker_title[:200], speaker_organisation=speaker_organisation,
        event=event, source=source,
    )
    _save_curator_made(quote, source=source, start=start, end=end, user=user, note="引语")
    return quote


@transaction.atomic
def event_add_source(*, event: Event, source: Source, start: int, end: int, user) -> Evidence:
    """This source also reports `event`: evidence links them."""
    evidence = evidence_add(record=event, source=source, start=start, end=end, user=user, note="活动")
    history_add(user=user, records=[event], message=f"来源 #{source.pk} 也报道了此活动（选区 {start}–{end}）")
    return evidence


@transaction.atomic
def event_add_region(*, event: Event, region: Region, source: Source, start: int, end: int,
                     user) -> Evidence:
    """A place of `event`, as the source's selection names it.  The event
    becomes curator-edited, so re-import leaves its places alone."""
    event.regions.add(region)
    if event.import_key and not event.curator_edited:
        event.curator_edited = True
        event.save(update_fields=["curator_edited", "updated_at"])
    evidence = evidence_add(record=region, source=source, start=start, end=end, user=user, note="地区")
    history_add(user=user, records=[event], message=f"添加地区“{region.name}”（来源 #{source.pk}）")
    return evidence


def record_decide(*, record: CuratedModel, accept: bool, user) -> CuratedModel:
    """Accept (mark reviewed) or reject one record, with its history entry."""
    with transaction.atomic():
        if accept:
            record_mark_reviewed(record=record, user=user)
        else:
            record_reject(record=record, user=user)
        history_add(user=user, records=[record], message="审核通过" if accept else "驳回")
    return record


@transaction.atomic
def source_mark_reviewed(*, source: Source, user) -> Source:
    """The curator has reviewed every record drawn from the source: only then
    may the source itself be marked reviewed (re-import skips it from now on)."""
    done, total = source_progress(records=source_records(source=source))
    left = total - done
    if left:
        raise CurationError(f"来源“{source}”还有 {left} 条记录未审核")
    record_mark_reviewed(record=source, user=user)
    history_add(user=user, records=[source], message="来源已审核")
    return source
