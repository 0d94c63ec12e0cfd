"""The importer's identities for records (their import_key): a prefix and
the parts that make the record the same one in every article, cut to the
column's length with a digest when too long."""

from __future__ import annotations

import hashlib
import re

KEY_LENGTH = 255


def import_key(prefix: str, *parts: str) -> str:
    key = f"{prefix}:" + "|".join(parts)
    if len(key) <= KEY_LENGTH:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return key[: KEY_LENGTH - 17] + "#" + digest


def normalised(text: str) -> str:
    """Text without spaces and quotation marks, so that a title written with
    other punctuation gives the same key."""
    return re.sub(r"[\s“”\"‘’「」《》]", "", text)
