"""Curators' writes: review, reject, merge duplicates.

Rejected and merged records are never deleted.  They stay behind as
tombstones (review_status = rejected) so that re-import finds them and leaves
them alone; a merged record also points at its survivor (merged_into), so
the importer resolves its import key to the survivor instead of recreating
the duplicate.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from events.models import EventRole
from kb.models import (
    CuratedModel,
    Evidence,
    Organisation,
    OrganisationKind,
    Person,
    Position,
    Quote,
    ReviewStatus,
    SourceCredit,
)
from kb.services.data_version import data_changed


class CurationError(ValueError):
    """The curation step cannot be carried out as asked."""


class MergeError(CurationError):
    """The records cannot be merged as asked."""


# Review and rejection -------------------------------------------------------


def history_add(*, user, records, message: str, added: bool = False) -> None:
    """Entries in the records' admin history (each record's "history" page):
    who accepted, rejected, edited or created it, and when."""
    records = list(records)
    if records and user is not None:
        LogEntry.objects.log_actions(
            user_id=user.pk, queryset=records, action_flag=ADDITION if added else CHANGE,
            change_message=message, single_object=len(records) == 1,
        )



def _is_merged_tombstone(record: CuratedModel) -> bool:
    return getattr(record, "merged_into_id", None) is not None


def _set_review(record: CuratedModel, *, status: str, user, **changes) -> CuratedModel:
    record.review_status = status
    record.reviewed_by = user
    record.reviewed_at = timezone.now()
    for field, value in changes.items():
        setattr(record, field, value)
    record.save(
        update_fields=["review_status", "reviewed_by", "reviewed_at", "updated_at", *changes]
    )
    return record


def record_mark_reviewed(*, record: CuratedModel, user) -> CuratedModel:
    """A curator has checked the record: re-import leaves it alone from now
    on, and the importer's flag (if any) is cleared."""
    if _is_merged_tombstone(record):
        # Reviving a merged record would bring the duplicate back.
        raise CurationError(f"{record} was merged into another record and stays rejected")
    # Reviewing is what the importer's flag asks for, so it clears the flag
    # (the reason stays, as a note of what was checked).
    return _set_review(record, status=ReviewStatus.REVIEWED, user=user, flagged=False)


def record_reject(*, record: CuratedModel, user) -> CuratedModel:
    """Reject the record: it stays in the database as a tombstone, so that
    re-import does not bring it back."""
    return _set_review(record, status=ReviewStatus.REJECTED, user=user)


def _update_review(queryset: models.QuerySet, *, status: str, user, **changes) -> int:
    now = timezone.now()
    data_changed()  # update() sends no signals
    # update() skips auto_now, so updated_at is set by hand.
    return queryset.update(
        review_status=status, reviewed_by=user, reviewed_at=now, updated_at=now, **changes
    )


def records_mark_reviewed(*, queryset: models.QuerySet, user) -> int:
    """record_mark_reviewed for many records at once (merged tombstones are
    left as they are).  Returns the number of records marked."""
    if hasattr(queryset.model, "merged_into"):
        queryset = queryset.filter(merged_into__isnull=True)
    return _update_review(queryset, status=ReviewStatus.REVIEWED, user=user, flagged=False)


def records_reject(*, queryset: models.QuerySet, user) -> int:
    """record_reject for many records at once.  Returns the number rejected."""
    return _update_review(queryset, status=ReviewStatus.REJECTED, user=user)


# Merging ----------------------------------------------------------------------


def _check_merge(model, survivor, others) -> list:
    others = list(others)
    if not others:
        raise MergeError("nothing to merge: choose at least one record besides the survivor")
    for record in (survivor, *others):
        if not isinstance(record, model):
            raise MergeError(f"{record!r} is not a {model._meta.verbose_name}")
        if record.pk is None:
            raise MergeError(f"{record!r} is not saved")
    ids = [other.pk for other in others]
    if survivor.pk in ids:
        raise MergeError("the survivor cannot also be merged into itself")
    if len(set(ids)) != len(ids):
        raise MergeError("a record is listed twice")
    return others


def _lock(model, ids: list[int]) -> dict[int, models.Model]:
    """Fresh copies of the records, locked for the transaction (PostgreSQL),
    so that the merge works on what is in the database, not on stale objects."""
    records = model.objects.select_for_update().in_bulk(ids)
    missing = set(ids) - set(records)
    if missing:
        raise MergeError(f"no {model._meta.verbose_name} with id {sorted(missing)}")
    return records


def _merged_aliases(survivor, others) -> list[str]:
    """The survivor's aliases, then every other record's names and aliases,
    without repeats and without the survivor's own names."""
    own = {survivor.name, survivor.name_original}
    aliases: list[str] = []
    for name in [
        *survivor.aliases,
        *(n for other in others for n in (other.name, other.name_original, *other.aliases)),
    ]:
        name = (name or "").strip()
        if name and name not in own and name not in aliases:
            aliases.append(name)
    return aliases


def _move_event_roles(field: str, survivor, other_ids: list[int]) -> None:
    """Point the others' event roles at the survivor; a role the survivor
    already plays in the same event is a duplicate and goes."""
    taken = set(EventRole.objects.filter(**{field: survivor}).values_list("event_id", "role"))
    for role in EventRole.objects.filter(**{f"{field}_id__in": other_ids}).order_by("id"):
        key = (role.event_id, role.role)
        if key in taken:
            role.delete()
            continue
        taken.add(key)
        setattr(role, field, survivor)
        role.save(update_fields=[field])


def _move_evidence(model, survivor, other_ids: list[int]) -> None:
    """Move the others' provenance to the survivor; a span the survivor
    already has (the evidence_unique_span constraint) goes."""
    content_type = ContentType.objects.get_for_model(model)
    spans = Evidence.objects.filter(content_type=content_type)
    taken = set(spans.filter(object_id=survivor.pk).values_list("source_id", "start", "end"))
    for evidence in spans.filter(object_id__in=other_ids).order_by("id"):
        key = (evidence.source_id, evidence.start, evidence.end)
        if key in taken:
            evidence.delete()
            continue
        taken.add(key)
        evidence.object_id = survivor.pk
        evidence.save(update_fields=["object_id"])


def _tombstone(model, survivor, other_ids: list[int], user) -> None:
    now = timezone.now()
    # Records merged earlier into one of the others now point straight at the
    # survivor, so the importer needs one hop, never a chain.
    model.objects.filter(merged_into_id__in=other_ids).update(merged_into=survivor, updated_at=now)
    model.objects.filter(pk__in=other_ids).update(
        merged_into=survivor,
        review_status=ReviewStatus.REJECTED,
        reviewed_by=user,
        reviewed_at=now,
        updated_at=now,
    )


def _merge(model, *, survivor, others: Iterable, user, move_relations) -> models.Model:
    others = _check_merge(model, survivor, others)
    other_ids = [other.pk for other in others]
    with transaction.atomic():
        locked = _lock(model, [survivor.pk, *other_ids])
        survivor = locked[survivor.pk]
        others = [locked[pk] for pk in other_ids]
        for record in (survivor, *others):
            if record.merged_into_id is not None:
                raise MergeError(f"{record} was already merged into another record")

        move_relations(survivor, others, other_ids)
        _move_evidence(model, survivor, other_ids)
        _tombstone(model, survivor, other_ids, user)

        survivor.aliases = _merged_aliases(survivor, others)
        # The merged aliases are a curator's work: re-import must keep them.
        survivor.curator_edited = True
        survivor.save()
    return survivor


def _move_organisation_relations(survivor: Organisation, others, other_ids) -> None:
    now = timezone.now()
    _move_event_roles("organisation", survivor, other_ids)
    Quote.objects.filter(speaker_organisation_id__in=other_ids).update(
        speaker_organisation=survivor, updated_at=now
    )
    Position.objects.filter(organisation_id__in=other_ids).update(organisation=survivor)
    Organisation.objects.filter(parent_id__in=other_ids).exclude(pk=survivor.pk).update(
        parent=survivor, updated_at=now
    )
    if survivor.parent_id in other_ids:
        # The survivor was a branch of one of its duplicates: it takes that
        # record's parent instead of becoming its own parent.
        parent = next(o for o in others if o.pk == survivor.parent_id).parent_id
        survivor.parent_id = None if parent == survivor.pk or parent in other_ids else parent
    # Fill what the survivor lacks from the duplicates, in the order given.
    for other in others:
        if survivor.region_id is None and other.region_id is not None:
            survivor.region_id = other.region_id
        if survivor.kind == OrganisationKind.OTHER and other.kind != OrganisationKind.OTHER:
            survivor.kind = other.kind
        if survivor.founded is None and other.founded is not None:
            survivor.founded, survivor.founded_precision = other.founded, other.founded_precision
        if (
            survivor.parent_id is None
            and other.parent_id is not None
            and other.parent_id != survivor.pk
            and other.parent_id not in other_ids
        ):
            survivor.parent_id = other.parent_id


def organisation_merge(
    *, survivor: Organisation, others: Iterable[Organisation], user=None
) -> Organisation:
    """Merge duplicate organisations into `survivor`, in one transaction.

    The survivor takes over the others' event roles, quotes (as the
    speaker's organisation), positions, branches and evidence, and gains
    their names and aliases as aliases.  The others stay as rejected
    tombstones with merged_into = survivor.  Returns the saved survivor."""
    return _merge(
        Organisation,
        survivor=survivor,
        others=others,
        user=user,
        move_relations=_move_organisation_relations,
    )


def _move_person_relations(survivor: Person, others, other_ids) -> None:
    _move_event_roles("person", survivor, other_ids)
    Quote.objects.filter(speaker_id__in=other_ids).update(
        speaker=survivor, updated_at=timezone.now()
    )
    SourceCredit.objects.filter(person_id__in=other_ids).update(person=survivor)
    taken = set(
        Position.objects.filter(person=survivor).values_list(
            "title", "organisation_name", "source_id"
        )
    )
    for position in Position.objects.filter(person_id__in=other_ids).order_by("id"):
        # position_unique_per_source: the same title from the same article
        # is one position.
        key = (position.title, position.organisation_name, position.source_id)
        if key in taken:
            position.delete()
            continue
        taken.add(key)
        position.person = survivor
        position.save(update_fields=["person"])
    if not survivor.name_original:
        # A duplicate under the same name may know how the article spelled it.
        survivor.name_original = next(
            (o.name_original for o in others if o.name == survivor.name and o.name_original), ""
        )


def person_merge(*, survivor: Person, others: Iterable[Person], user=None) -> Person:
    """Merge duplicate people into `survivor`, in one transaction.

    The survivor takes over the others' event roles, quotes, positions,
    article credits and evidence, and gains their names and aliases as
    aliases.  The others stay as rejected tombstones with merged_into =
    survivor.  Returns the saved survivor."""
    return _merge(
        Person, survivor=survivor, others=others, user=user, move_relations=_move_person_relations
    )


# Editing ------------------------------------------------------------------------


def record_curator_update(
    *, record: CuratedModel, user, changed_fields: Iterable[str]
) -> CuratedModel:
    """Save a record a curator has edited (an admin change or add form).

    An imported record becomes curator_edited, so re-import never
    overwrites it; a change of review status records who made it and when.
    """
    if record.import_key:
        record.curator_edited = True
    if "review_status" in set(changed_fields):
        record.reviewed_by = user
        record.reviewed_at = timezone.now()
    record.save()
    return record
