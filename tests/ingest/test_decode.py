from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.ingest.decode import Decoded, Refused, decode_article

DATA = Path(__file__).parent.parent / "data" / "encodings"
SEEDS = Path(__file__).parent.parent.parent / "seeds"

SIMPLIFIED_START = "4月15日至20日,长春新区组织企业家代表分赴上海、苏州、深圳考察学习,"
TRADITIONAL_START = "長三角產業創新發展大會在杭州舉行,匯聚滬蘇浙皖的政、產、學、研等領域代表,"


def read(name: str) -> Decoded:
    return decode_article((DATA / name).read_bytes(), name=name)


def refusal(name: str) -> str:
    with pytest.raises(Refused) as info:
        read(name)
    return str(info.value)


def test_decode_utf8_seeds_unchanged():
    for path in sorted(SEEDS.glob("*.txt")):
        decoded = decode_article(path.read_bytes(), name=path.name)
        assert decoded.encoding == "utf-8"
        assert decoded.text == path.read_text(encoding="utf-8")


def test_decode_utf8_with_bom_strips_bom_and_keeps_crlf():
    decoded = read("utf8_bom_crlf.txt")
    assert decoded.encoding == "utf-8-sig"
    assert decoded.text.startswith(SIMPLIFIED_START)
    assert "\r\n" in decoded.text
    assert "\ufeff" not in decoded.text
    assert "byte order mark removed" in decoded.notes


def test_decode_gbk_simplified():
    decoded = read("gbk_simplified.txt")
    assert decoded.encoding == "gb18030"
    assert decoded.text.startswith(SIMPLIFIED_START)
    assert decoded.notes == ["read as GB18030/GBK"]


def test_decode_gbk_traditional_is_not_taken_for_big5():
    decoded = read("gbk_traditional.txt")
    assert decoded.encoding == "gb18030"
    assert decoded.text.startswith(TRADITIONAL_START)


def test_decode_big5_traditional_is_not_taken_for_gbk():
    decoded = read("big5_traditional.txt")
    assert decoded.encoding in ("cp950", "big5hkscs")
    assert decoded.text.startswith(TRADITIONAL_START)
    assert decoded.notes == ["read as Big5"]


def test_decode_seed_reencoded_as_big5_and_gbk():
    text = (SEEDS / "003_44b2adcac121026c.txt").read_text(encoding="utf-8")
    body = text[:1500]
    big5 = decode_article(body.encode("big5", errors="ignore"), name="x")
    assert big5.encoding == "cp950"
    gbk = decode_article(body.encode("gbk", errors="ignore"), name="x")
    assert gbk.encoding == "gb18030"
    assert gbk.text == body.encode("gbk", errors="ignore").decode("gbk")


def test_decode_short_big5_title_by_words():
    # Nine characters: too few for the common-character share alone (half
    # of Big5's common characters are common GB 2312 codes too).
    title = "長三角產業創新發展大會"
    decoded = decode_article(title.encode("big5"), name="t")
    assert decoded.text == title


def test_decode_utf16_with_bom_both_orders():
    for name, codec in (("utf16le_bom.txt", "utf-16-le"), ("utf16be_bom.txt", "utf-16-be")):
        decoded = read(name)
        assert decoded.encoding == codec
        assert decoded.text.startswith(SIMPLIFIED_START)


def test_decode_utf16_without_bom_by_nul_pattern():
    le = read("utf16le_nobom.txt")
    assert le.encoding == "utf-16-le"
    assert le.text.startswith(TRADITIONAL_START)
    be = read("utf16be_nobom.txt")
    assert be.encoding == "utf-16-be"
    assert be.text.startswith(SIMPLIFIED_START)


def test_decode_utf32_with_bom():
    data = "\ufeff常州新动向".encode("utf-32-le")
    assert decode_article(data, name="x").text == "常州新动向"


def test_decode_cp1252_western_text():
    decoded = read("cp1252.txt")
    assert decoded.encoding == "cp1252"
    assert decoded.text.startswith("Caf\u00e9 owners in Z\u00fcrich said the new \u201cregional fund\u201d \u2013 worth \u20ac2")


def test_decode_utf8_with_a_few_invalid_bytes_counts_them():
    decoded = read("utf8_damaged.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.notes == ["3 invalid UTF-8 byte sequence(s) replaced with U+FFFD"]
    assert decoded.text.count("\ufffd") == 3
    assert decoded.text.endswith("帮助企业提升核心竞争力。\n")


def test_decode_notes_replacement_characters_already_in_file():
    decoded = decode_article("长三角�产业".encode(), name="x")
    assert decoded.notes == ["1 U+FFFD replacement character(s) already in the file"]


def test_decode_refuses_mostly_invalid_bytes():
    assert refusal("mostly_invalid.txt").startswith("no text encoding fits")


def test_decode_refuses_binary_formats_by_signature():
    assert refusal("image.png") == "binary file: a PNG image, not text"
    assert refusal("archive.zip") == "binary file: a ZIP archive (or an Office document), not text"
    assert refusal("document.pdf") == "binary file: a PDF document, not text"
    assert refusal("executable.bin") == "binary file: an executable, not text"
    gz = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"abc"
    with pytest.raises(Refused, match="gzip"):
        decode_article(gz, name="a.gz")


def test_decode_refuses_nul_bytes_in_8bit_data():
    assert refusal("binary_nul.bin") == "binary file: contains NUL bytes"


def test_decode_refuses_many_control_characters():
    data = ("长三角" + "\x01\x02\x03\x04\x05" * 3).encode()
    with pytest.raises(Refused, match="control characters"):
        decode_article(data, name="x")


def test_decode_refuses_empty_and_whitespace_only():
    with pytest.raises(Refused, match="empty file"):
        decode_article(b"", name="x")
    assert refusal("whitespace_only.txt") == "no text: the file holds only whitespace"


def test_decode_refuses_over_max_bytes():
    with pytest.raises(Refused, match="too large: 11 bytes, the limit is 10"):
        decode_article(b"hello world", name="x", max_bytes=10)


def test_decode_refuses_non_bytes_as_refused():
    with pytest.raises(Refused):
        decode_article(None, name="x")  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_decode_random_bytes_never_raise_other_than_refused(data):
    try:
        decoded = decode_article(data, name="random.bin")
    except Refused as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(decoded.text, str) and decoded.text.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=200), st.sampled_from(["utf-8", "utf-16", "gb18030"]))
def test_decode_random_text_in_any_supported_encoding_never_raises_other(text, codec):
    data = text.encode(codec, errors="ignore")
    try:
        decode_article(data, name="x")
    except Refused:
        pass
