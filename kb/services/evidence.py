"""Writes of provenance that curators make: evidence marked by hand, and
keeping it on its words when the importer stores a new text for its source.

The importer owns the evidence it writes and rewrites it on every import;
evidence a curator made is never deleted by an import (Evidence.curator_made).
"""

from __future__ import annotations

import re

from django.db import transaction

from kb.ingest.anchoring import reanchor
from kb.models import Evidence, Source

_SENTENCE_END = re.compile(r"[。！？!?\n]")


def sentence_around(text: str, start: int, end: int | None = None) -> str:
    """The sentence(s) holding text[start:end], as stored beside evidence."""
    end = start if end is None else end
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    found = _SENTENCE_END.search(text, max(end - 1, start))
    right = found.end() if found else len(text)
    return text[left:right].strip()[:1000]


def curated_evidence_reanchor(*, source: Source, old_text: str) -> int:
    """Move the curators' spans of `source` (whose text was `old_text` and is
    now source.text) to where their words stand now.  A span whose words are
    gone stays where it was, cut to the text, and is marked anchor_lost for
    the curator.  Returns the number marked lost."""
    text = source.text
    lost = 0
    moved = []
    for evidence in Evidence.objects.filter(source=source, curator_made=True).order_by("pk"):
        words = evidence.anchor_text or old_text[evidence.start:evidence.end]
        span = reanchor(old_text=old_text, new_text=text, start=evidence.start,
                        end=evidence.end, words=words)
        if span is None:
            end = min(evidence.end, len(text))
            evidence.start, evidence.end = min(evidence.start, end), end
            evidence.anchor_lost = True
            lost += 1
        else:
            evidence.start, evidence.end = span
            evidence.anchor_lost = False
            evidence.sentence = sentence_around(text, *span)
        evidence.anchor_text = words
        moved.append(evidence)
    with transaction.atomic():
        for evidence in moved:
            clash = Evidence.objects.filter(
                source=source, content_type_id=evidence.content_type_id,
                object_id=evidence.object_id, start=evidence.start, end=evidence.end,
            ).exclude(pk=evidence.pk)
            if clash.exists():
                # The same record's same span twice (an importer span landed
                # on it, or two curator spans met): one row is enough.
                evidence.delete()
                continue
            evidence.save(update_fields=["start", "end", "anchor_lost", "anchor_text", "sentence"])
    return lost
