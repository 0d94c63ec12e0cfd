"""Form fields for curators."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

# Curators type aliases one per line or separated by semicolons; the Chinese
# full-width semicolon counts too, since that is what a Chinese keyboard gives.
_ALIAS_SEPARATORS = re.compile(r"[;；\r\n]")
ALIAS_SEPARATOR_CHARACTERS = ";；\r\n"


def split_aliases(text: str) -> list[str]:
    """`甲; 乙` or one alias per line -> ["甲", "乙"] (blanks dropped)."""
    return [part.strip() for part in _ALIAS_SEPARATORS.split(text or "") if part.strip()]


class AliasesField(forms.CharField):
    """Edits a JSON list of aliases as text: one alias per line, or
    `; `-separated.  Duplicates are dropped, the first spelling kept."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 60})
    default_help_text = _("每行一个别名，或用分号（;）分隔。")

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", self.default_help_text)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(alias) for alias in value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            aliases = [str(alias).strip() for alias in value if str(alias).strip()]
        else:
            aliases = split_aliases(super().to_python(value))
        return list(dict.fromkeys(aliases))
