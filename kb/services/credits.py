"""Curators' writes to an article's credits (SourceCredit), kept through
re-import.

The importer rewrites the credits it made whenever it re-processes a file.
A credit a curator added or corrected is marked curator_edited and left as
it is; a credit the article gives that a curator removed, or corrected into
another name or role, is listed on the source (Source.credits_suppressed)
so that re-import does not write it again.
"""

from __future__ import annotations

from django.db import transaction

from kb.models import Source, SourceCredit


def credit_curator_save(*, credit: SourceCredit, was: tuple[str, str] | None = None) -> SourceCredit:
    """Save a credit a curator added (`was` None) or changed from the name
    and role `was`.  An imported credit corrected into another name or role
    has its old pair suppressed."""
    with transaction.atomic():
        credit_mark_curated(credit=credit, was=was)
        credit.save()
    return credit


def credit_mark_curated(*, credit: SourceCredit, was: tuple[str, str] | None) -> None:
    """Mark a credit about to be saved as a curator's (the admin's form and
    its spreadsheet import both come here), suppressing the imported pair
    it corrects."""
    imported = credit.pk is not None and not credit.curator_edited
    if imported and was is not None and was != (credit.name, credit.role):
        _suppress(credit, *was)
    credit.curator_edited = True


def credit_curator_delete(*, credit: SourceCredit) -> None:
    """Remove a credit; one the importer made stays suppressed."""
    with transaction.atomic():
        if not credit.curator_edited:
            _suppress(credit, credit.name, credit.role)
        credit.delete()


def _suppress(credit: SourceCredit, name: str, role: str) -> None:
    source = Source.objects.select_for_update().get(pk=credit.source_id)
    pair = [name, role]
    if pair not in source.credits_suppressed:
        source.credits_suppressed = [*source.credits_suppressed, pair]
        source.save(update_fields=["credits_suppressed"])
