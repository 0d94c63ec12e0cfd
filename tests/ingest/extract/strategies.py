"""Hypothesis strategies shared by the extraction property tests."""

from hypothesis import strategies as st

from kb.ingest.extract.document import Document


def alphabet(characters: str):
    """Characters the rules react to, plus line breaks and spaces."""
    return st.sampled_from(list(characters) + ["\n", " "])


@st.composite
def documents(draw, characters, max_size: int = 80) -> Document:
    """Text drawn from `characters`, with one damaged span when non-empty
    (extraction must not read inside it)."""
    text = draw(st.text(characters, max_size=max_size))
    damaged = []
    if text:
        start = draw(st.integers(0, len(text) - 1))
        damaged = [(start, draw(st.integers(start + 1, len(text))))]
    return Document(text, damaged=damaged)
