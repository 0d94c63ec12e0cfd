"""The repaired Simplified text as the extractors see it: paragraphs,
sentences, and the spans nothing may be extracted from (damaged mojibake)."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from kb import dates
from kb.ingest.extract.textscan import SpanSet

# A sentence ends at 。！？!? or ；, together with any closing quotes and
# brackets that follow it; a line break always ends one.
_SENTENCE_END = re.compile(r"[。！？!?；;…]+[”’」』)）\"]*|\n")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    text: str


@dataclass
class Document:
    text: str
    published: dt.date | None = None
    published_precision: str = dates.UNKNOWN
    damaged: list[tuple[int, int]] = field(default_factory=list)
    captions: list[tuple[int, int]] = field(default_factory=list)
    title: str = ""
    dateline_place: str = ""
    # False keeps the statistical name finder (ner.py) out: the web process
    # reads curators' selections with the rules alone.
    use_model: bool = True
    sentences: list[Sentence] = field(default_factory=list, init=False)

    @classmethod
    def of_article(cls, article) -> Document:
        """The extractors' view of a RepairedArticle.  A title the metadata
        reader generated from the lead is no headline: the lead it came
        from is body text, where events are reported."""
        meta = article.meta
        return cls(
            article.text,
            published=article.published,
            published_precision=article.published_precision,
            damaged=article.damaged_spans,
            captions=[(s, e) for s, e, _ in article.caption_spans],
            title="" if meta.title_generated else meta.title_simplified,
            dateline_place=meta.dateline_place,
        )

    def __post_init__(self):
        self.damaged = sorted(self.damaged)
        self._damaged = SpanSet(self.damaged)
        self._captions = SpanSet(self.captions)
        self.sentences = split_sentences(self.text)
        self._sentence_starts = [s.start for s in self.sentences]

    @property
    def headline_end(self) -> int:
        """End of the headline when one of the text's first lines is the
        article's title line (a site's name may stand above it); 0 when the
        text opens straight with the lead."""
        title = self.title.strip()
        if not title:
            return 0
        pos = 0
        for line in self.text.split("\n", 4)[:4]:
            if line.strip().startswith(title[: max(4, len(title) // 2)]) and len(line) <= 120:
                return pos + len(line)
            pos += len(line) + 1
        return 0

    def is_damaged(self, start: int, end: int) -> bool:
        """True when [start, end) touches a damaged span."""
        return self._damaged.overlaps(start, end)

    def is_caption(self, start: int, end: int) -> bool:
        return self._captions.covering(start, end) is not None

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect_right(self._sentence_starts, offset) - 1
        if 0 <= i < len(self.sentences) and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def sentence_index(self, offset: int) -> int:
        return max(0, bisect_right(self._sentence_starts, offset) - 1)

    def paragraphs(self) -> list[tuple[int, int]]:
        spans, pos = [], 0
        for line in self.text.split("\n"):
            if line.strip():
                spans.append((pos, pos + len(line)))
            pos += len(line) + 1
        return spans


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    paragraph = 0
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end() if match.group() != "\n" else match.start()
        _add(sentences, text, start, end, paragraph)
        if match.group() == "\n":
            paragraph += 1
        start = match.end()
    _add(sentences, text, start, len(text), paragraph)
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    # Trim surrounding blanks so spans point at the words themselves.
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, paragraph, text[start:end]))
