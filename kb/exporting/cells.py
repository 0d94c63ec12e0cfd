"""A CSV cell: the text a value becomes, lists joined, and formulas
escaped so that a spreadsheet never runs a cell (CSV injection)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils import translation

BOM = "\ufeff"
LIST_SEPARATOR = "; "

# A cell starting with one of these is a formula to Excel, LibreOffice or
# Google Sheets (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """Make a cell safe to open in a spreadsheet: a value that would be read
    as a formula gets a leading apostrophe.

    A value that already starts with apostrophes followed by a formula
    character gets one more, so that `unescape_formula` can undo exactly this
    escaping and nothing else: unescape_formula(escape_formula(s)) == s for
    every string s.
    """
    if text.lstrip("'").startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def unescape_formula(text: str) -> str:
    """Undo `escape_formula` (for imports of files this site exported)."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


# The first characters of a cell that escape_formula may change.
_ESCAPE_FIRST = frozenset("'" + "".join(FORMULA_PREFIXES))


def cell(value: Any) -> str:
    """The text of a CSV cell, escaped (None is an empty cell).  Called for
    every cell of every export: a cell whose first character cannot start
    a formula (nearly all) is returned without escape_formula's work."""
    if value is None:
        return ""
    text = value if value.__class__ is str else str(value)
    if text and text[0] in _ESCAPE_FIRST:
        return escape_formula(text)
    return text


def join_list(items: Iterable[Any]) -> str:
    return LIST_SEPARATOR.join(str(item) for item in items)


def chinese_labels(choices: type[models.Choices]) -> dict[str, str]:
    """value -> display label in Simplified Chinese, whatever language the
    request or the shell runs in (the export contract is in Chinese)."""
    with translation.override("zh-hans"):
        return {member.value: str(member.label) for member in choices}
