"""GBK's two-byte table, read the way the mojibake repair needs it: the
bytes of a character, the character of two bytes, and which characters end
or start with a given byte.  Kept apart from the repair so the table can be
read (and tested) without the scoring around it."""

from __future__ import annotations

from functools import cache, lru_cache

from kb.ingest.plausibility import char_logp, fold_width, is_han, to_punct


@lru_cache(maxsize=65536)
def gbk_pair(c: str) -> bytes | None:
    """The two GBK bytes of c, or None if c is not a two-byte GBK character."""
    try:
        b = c.encode("gb18030")
    except UnicodeEncodeError:
        return None
    return b if len(b) == 2 else None


@lru_cache(maxsize=65536)
def decode_pair(lead: int, trail: int) -> str | None:
    """The character GBK bytes lead, trail decode to (None if invalid).
    gb18030 rather than gbk: it maps GBK's user-defined rows to the
    private-use characters the damaged sites show."""
    try:
        c = bytes((lead, trail)).decode("gb18030")
    except UnicodeDecodeError:
        return None
    return c if len(c) == 1 else None


def body_bytes(c: str) -> bytes | None:
    """The bytes an observed character inside a span stands for."""
    if c == " ":
        return b"\xa1\xa1"  # an ideographic space, made ASCII by the whitespace step
    if "!" <= c <= "~":
        # A folded full-width character; ( and ) only come from annotations.
        return None if c in "?()" else bytes((0xA3, ord(c) + 0x80))
    return gbk_pair(c)


@lru_cache(maxsize=1)
def pua_pairs() -> dict[int, frozenset[int]]:
    """first byte -> second bytes of the pairs that decode to private use
    (what a site that drops such characters loses, two bytes at a time).
    Only second bytes that can be a lead count: a dropped pair is a trail
    byte and the next character's lead."""
    pairs: dict[int, set[int]] = {}
    for a in range(0x81, 0xFF):
        for b in range(0x81, 0xFF):
            c = decode_pair(a, b)
            if c and "\ue000" <= c <= "\uf8ff":
                pairs.setdefault(a, set()).add(b)
    return {a: frozenset(bs) for a, bs in pairs.items()}


@lru_cache(maxsize=1)
def by_reading() -> dict[str, list[str]]:
    """pinyin syllable -> the two-byte GBK characters that can read so."""
    from pypinyin.pinyin_dict import pinyin_dict

    index: dict[str, list[str]] = {}
    for a in range(0x81, 0xFF):
        for b in range(0x40, 0xFF):
            c = decode_pair(a, b)
            if c and is_han(c):
                for syllable in pinyin_dict.get(ord(c), "").split(","):
                    if syllable:
                        index.setdefault(syllable, []).append(c)
    return index


def reads(c: str | None, syllable: str) -> bool:
    if not c:
        return False
    from pypinyin.pinyin_dict import pinyin_dict  # imported once, on first need

    return syllable in pinyin_dict.get(ord(c), "").split(",")




@cache
def with_trail(trail: int) -> tuple[tuple[int, str], ...]:
    """(lead, character) for the characters a repair may contain that end
    in this byte, folded, commonest first."""
    found = [
        (lead, fold_width(c))
        for lead in range(0x81, 0xFF)
        if repairable(c := decode_pair(lead, trail))
    ]
    return tuple(sorted(found, key=lambda lc: -char_logp(lc[1])))


@cache
def with_lead(lead: int) -> tuple[tuple[int, str], ...]:
    """(trail, character) for the characters a repair may contain that
    start with this byte (trail bytes >= 0x81: a lost trail byte is never
    ASCII, or it would have shown as a letter), folded."""
    return tuple(
        (trail, fold_width(c))
        for trail in range(0x81, 0xFF)
        if repairable(c := decode_pair(lead, trail))
    )


def repairable(c: str | None) -> bool:
    """Whether a repair may contain c: Han, punctuation, letters, digits."""
    if not c:
        return False
    c = fold_width(c)
    return is_han(c) or bool(to_punct(c)) or (c.isascii() and c.isalnum())
