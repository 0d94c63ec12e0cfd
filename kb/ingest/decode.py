"""Raw article bytes -> text, or a clear refusal.

Order of decisions (each is cheap and certain before the next is tried):
size, emptiness, file signatures of binary formats, byte order marks,
UTF-16/32 without a BOM (NUL bytes at one parity), NUL bytes (binary), strict
UTF-8, UTF-8 with a few invalid bytes, then the legacy encodings by how well
their text reads: GB18030 (covers GBK/GB2312) against Big5 by the share of
common Chinese characters, Windows-1252 for Western text.

Line ends are kept as they are: the whitespace step normalises them.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from kb.chinese import converter

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


class Refused(Exception):
    """The file is not taken; str() is a one-line reason."""


@dataclass
class Decoded:
    text: str
    # The Python codec that decoded the bytes: utf-8, utf-8-sig (had a BOM),
    # utf-16-le/-be, utf-32-le/-be, gb18030, cp950 or big5hkscs, cp1252.
    encoding: str
    notes: list[str] = field(default_factory=list)


# Signatures of formats that are never article text.
_SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"PK\x07\x08", "a ZIP archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
    (b"SQLite format 3\x00", "an SQLite database"),
]

_BOMS = [
    # UTF-32 first: its LE BOM begins with UTF-16 LE's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

# A decoded text with more control characters than this share is binary.
MAX_CONTROL_SHARE = 0.02
# UTF-8 with invalid bytes is still UTF-8 when valid multi-byte characters
# outnumber the invalid sequences this many times (GBK text read as UTF-8
# has far more invalid sequences than valid ones).
UTF8_VALID_PER_INVALID = 10
# A Chinese reading is taken when at least this share of its Han characters
# are common (GB 2312 level 1 once simplified).  Real articles: 0.95 and
# more; Big5 read as GBK or the other way round: well under a half.
MIN_COMMON_SHARE = 0.6
# Chinese readings closer than this are told apart by words.
CLOSE_SCORES = 0.15
# A Western (cp1252) reading: at most this share of the bytes above 0x7F.
MAX_HIGH_BYTE_SHARE = 0.3
# Bytes scored per candidate (enough to tell, fast on a 5 MB file).
SAMPLE_BYTES = 64 * 1024

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def decode_article(data: bytes, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    try:
        return _decode(bytes(data), max_bytes)
    except Refused:
        raise
    except Exception as exc:  # a bug must not surface as anything but a refusal
        raise Refused(f"could not be read ({type(exc).__name__}: {exc})") from exc


def _decode(data: bytes, max_bytes: int) -> Decoded:
    if len(data) > max_bytes:
        raise Refused(f"too large: {len(data):,} bytes, the limit is {max_bytes:,}")
    if not data:
        raise Refused("empty file")
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise Refused(f"binary file: {what}, not text")

    decoded = _by_bom(data) or _utf16_without_bom(data)
    if decoded is None:
        if b"\x00" in data:
            raise Refused("binary file: contains NUL bytes")
        decoded = _utf8(data) or _legacy(data)
    if decoded is None:
        raise Refused("no text encoding fits (tried UTF-8, UTF-16, GB18030, Big5, Windows-1252)")
    _check_text(decoded)
    return decoded


def _by_bom(data: bytes) -> Decoded | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data if codec == "utf-8-sig" else data[len(bom) :]
            text, errors = _decode_counting(body, codec)
            notes = ["byte order mark removed"]
            if errors:
                if errors * 2 > max(1, len(text)):
                    raise Refused(f"not {codec} text despite its byte order mark")
                notes.append(f"{errors} invalid byte sequence(s) replaced with U+FFFD")
            return Decoded(text, codec, notes)
    return None


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 shows as NUL bytes (the high byte of ASCII characters: line
    ends, digits), mostly at one parity; the text must then read cleanly,
    which binary data read as UTF-16 never does."""
    if len(data) < 4 or b"\x00" not in data:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    order = ["utf-16-le", "utf-16-be"] if odd >= even else ["utf-16-be", "utf-16-le"]
    for codec in order:
        text, errors = _decode_counting(data, codec)
        if errors <= 1 and _reads_as_text(text[:SAMPLE_BYTES]):
            notes = ["no byte order mark: read as UTF-16 by its NUL bytes"]
            if errors:
                notes.append("an odd trailing byte replaced with U+FFFD")
            return Decoded(text, codec, notes)
    return None


def _utf8(data: bytes) -> Decoded | None:
    text, errors = _decode_counting(data, "utf-8")
    if not errors:
        return Decoded(text, "utf-8")
    ascii_chars = len(text.encode("ascii", errors="ignore"))
    multibyte = len(text) - ascii_chars - text.count("\ufffd")
    if multibyte >= UTF8_VALID_PER_INVALID * errors:
        return Decoded(text, "utf-8", [f"{errors} invalid UTF-8 byte sequence(s) replaced with U+FFFD"])
    return None


def _legacy(data: bytes) -> Decoded | None:
    candidates = []
    sample_bytes = data[:SAMPLE_BYTES]
    for codec in ("gb18030", "cp950", "big5hkscs"):
        sample, errors = _decode_counting(sample_bytes, codec)
        letters = [ch for ch in sample if _is_cjk_letter(ch)]
        if not any(_HAN.match(ch) for ch in letters):
            continue
        share = sum(1 for ch in letters if _is_common(ch)) / len(letters)
        # An invalid sequence weighs like an uncommon character.
        score = share - errors / len(letters)
        candidates.append([score, share, errors, codec, sample])
    if not candidates:
        return _western(data)
    candidates.sort(key=lambda c: -c[0])  # stable: GB18030 first of equals
    best = candidates[0]
    rival = next((c for c in candidates[1:] if _family(c[3]) != _family(best[3])), None)
    if rival and best[0] - rival[0] < CLOSE_SCORES:
        # Too close to tell by characters alone (short texts: half of Big5's
        # common characters land on common GB 2312 codes): the reading with
        # more adjacent pairs that begin a known word is real Chinese.
        if _word_share(rival[4]) > _word_share(best[4]):
            best = rival
    score, share, errors, codec, _ = best
    if share < MIN_COMMON_SHARE or score < MIN_COMMON_SHARE - 0.1:
        return _western(data)
    text, errors = _decode_counting(data, codec)
    notes = [f"read as {'GB18030/GBK' if _family(codec) == 'gb' else 'Big5'}"]
    if errors:
        notes.append(f"{errors} invalid byte sequence(s) replaced with U+FFFD")
    return Decoded(text, codec, notes)


def _family(codec: str) -> str:
    return "gb" if codec == "gb18030" else "big5"


def _is_cjk_letter(ch: str) -> bool:
    """Letters that count for the Chinese readings: not ASCII and not Latin
    (GBK's pinyin letters such as ǎ are real text but say nothing)."""
    return ch >= "\u0370" and unicodedata.category(ch).startswith("L") and not (
        "\u1e00" <= ch <= "\u1eff"
    )


def _word_share(text: str) -> float:
    """Share of adjacent Han pairs (simplified) that begin a word of
    pypinyin's phrase dictionary."""
    han = _HAN.pattern
    pairs = re.findall(f"(?=({han}{han}))", text)
    if not pairs:
        return 0.0
    known = _word_starts()
    t2s = converter("t2s").convert
    return sum(1 for pair in pairs if t2s(pair) in known) / len(pairs)


@lru_cache(maxsize=1)
def _word_starts() -> frozenset[str]:
    from pypinyin.constants import PHRASES_DICT  # 0.35 s, only for close calls

    return frozenset(word[:2] for word in PHRASES_DICT if len(word) >= 2)


def _western(data: bytes) -> Decoded | None:
    high = len(data.translate(None, bytes(range(0x80))))
    if high > MAX_HIGH_BYTE_SHARE * len(data):
        return None
    text, errors = _decode_counting(data, "cp1252")
    if errors * 10 > high:
        return None
    non_ascii = [ch for ch in text if ch >= "\x80"]
    plausible = sum(1 for ch in non_ascii if ch.isalpha() or unicodedata.category(ch)[0] in "PSZ")
    if non_ascii and plausible < 0.9 * len(non_ascii):
        return None
    notes = ["read as Windows-1252"]
    if errors:
        notes.append(f"{errors} undefined byte(s) replaced with U+FFFD")
    return Decoded(text, "cp1252", notes)


def _check_text(decoded: Decoded) -> None:
    text = decoded.text
    if not text.strip(" \t\r\n\f\v\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff\x1a"):
        raise Refused("no text: the file holds only whitespace")
    controls = len(_CONTROL.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise Refused(f"binary file: {controls} control characters in {len(text)}")
    if controls:
        decoded.notes.append(f"{controls} control character(s) left in the text")
    replacements = text.count("\ufffd")
    if replacements > len(text) // 2:
        raise Refused("no text encoding fits: most bytes are invalid")
    invalid_noted = any("U+FFFD" in note for note in decoded.notes)
    if replacements and not invalid_noted:
        decoded.notes.append(f"{replacements} U+FFFD replacement character(s) already in the file")


def _reads_as_text(text: str) -> bool:
    """Mostly characters an article here is written in, not the spread over
    every block (Hangul, Yi, private use, unassigned) that binary data read
    as UTF-16 gives."""
    if not text:
        return False
    bad = 0
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs", "Co", "Cn") and ch not in "\t\n\r":
            bad += 1
        elif cat.startswith("L") and not _EXPECTED_LETTERS.match(ch):
            bad += 1
    return bad <= 0.02 * len(text)


# Latin, Greek, Cyrillic; kana and bopomofo; Han; full-width forms.
_EXPECTED_LETTERS = re.compile(
    "[\u0000-\u052f\u1e00-\u1eff\u3040-\u31bf\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]"
)


def _decode_counting(data: bytes, codec: str) -> tuple[str, int]:
    """Decode with U+FFFD for invalid sequences; also how many there were
    (U+FFFD characters that were really encoded in the file do not count)."""
    text = data.decode(codec, errors="replace")
    count = text.count("\ufffd")
    if count:
        try:
            encoded = "\ufffd".encode(codec.replace("-sig", ""))
        except UnicodeEncodeError:
            encoded = b""
        if encoded:
            count -= data.count(encoded)
    return text, max(0, count)


@lru_cache(maxsize=1)
def _level_one() -> frozenset[str]:
    """GB 2312 level 1: the 3,755 most used characters (rows 16–55)."""
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


@lru_cache(maxsize=65536)
def _is_common(ch: str) -> bool:
    return converter("t2s").convert(ch) in _level_one() or ch in _level_one()
