"""Runs the repair steps in order: raw bytes in, a RepairedArticle out.

The order matters.  Mojibake is repaired before HTML residue and pinyin
annotations go, because a damaged span may swallow part of an annotation or
a tag, and an annotation right after a damaged character tells its reading.
A forum's anti-copy noise goes after the HTML that may have hidden it.
Metadata is read before junk lines go, because sign-offs and date lines are
junk for the body but carry the credits and the publication date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from kb.chinese import simplify
from kb.ingest import captions, html, jammer, junk, metadata, mojibake, pinyin, script, whitespace
from kb.ingest.decode import Refused, decode_article
from kb.ingest.edits import Edit, TrackedText

# Bump when a change to the pipeline should make re-import re-process files
# whose bytes did not change.
PIPELINE_VERSION = "3"  # 3: organisations under their formal names, credits, captions marked ▲, 乾 in place names


@dataclass
class RepairedArticle:
    file_name: str
    content_hash: str
    encoding: str
    raw_text: str
    text_original: str
    text: str  # Simplified
    to_original: list[int]
    script: str
    repair_log: list[dict]
    damaged_spans: list[tuple[int, int]]  # in `text` (Simplified)
    caption_spans: list[tuple[int, int, str]]  # in `text`: (start, end, credit)
    meta: metadata.ArticleMetadata
    decode_notes: list[str] = field(default_factory=list)

    @property
    def published(self) -> dt.date | None:
        return self.meta.published

    @property
    def published_precision(self) -> str:
        return self.meta.precision


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def repair_text(raw: str) -> TrackedText:
    """The repair steps on decoded text (no metadata): for tests and tools."""
    tracked = TrackedText(raw)
    for step in (whitespace.find_whitespace, mojibake.find_mojibake, html.find_html,
                 jammer.find_jammer, pinyin.find_pinyin):
        tracked.apply(step(tracked.text))
    return tracked


def repair_article(data: bytes, *, file_name: str, max_bytes: int) -> RepairedArticle:
    """Decode and repair one article; raises decode.Refused for bad input."""
    decoded = decode_article(data, name=file_name, max_bytes=max_bytes)
    tracked = repair_text(decoded.text)
    meta = metadata.read_metadata(tracked.text, file_name=file_name)
    tracked.apply(junk.find_junk(tracked.text))
    tracked.apply(captions.split_captions(tracked.text))
    # Junk removal can leave blank runs and blank edges behind.
    tracked.apply(whitespace.find_whitespace(tracked.text))
    tracked.apply(_blank_edges(tracked.text))
    text_original = tracked.text
    if not text_original.strip():
        raise Refused("no article text: every line is site chrome, a date line or a sign-off")
    simplified = simplify(text_original)
    damaged = [simplified.simplified_span(s, e) for s, e in tracked.damaged_spans()]
    caption_spans = [
        (*simplified.simplified_span(s, e), credit)
        for s, e, credit in captions.caption_lines(text_original)
    ]
    return RepairedArticle(
        file_name=file_name,
        content_hash=content_hash(data),
        encoding=decoded.encoding,
        raw_text=decoded.text,
        text_original=text_original,
        text=simplified.text,
        to_original=simplified.to_original,
        script=script.detect_script(text_original),
        repair_log=tracked.log(),
        damaged_spans=damaged,
        caption_spans=caption_spans,
        meta=meta,
        decode_notes=list(decoded.notes),
    )


def _blank_edges(text: str) -> list[Edit]:
    """Line breaks left at the start and end of the text."""
    lead = len(text) - len(text.lstrip("\n"))
    trail = len(text) - len(text.rstrip("\n"))
    if lead == len(text):
        return [Edit(0, lead, "", "whitespace", logged=False)] if lead else []
    edits = [Edit(0, lead, "", "whitespace", logged=False)] if lead else []
    if trail:
        edits.append(Edit(len(text) - trail, len(text), "", "whitespace", logged=False))
    return edits
