"""Writes the bad-input files that tests/reliability/test_bad_input.py
imports.  Only files whose bytes matter are generated here (encodings,
binary formats, NUL bytes, CRLF); the large ones (20 MB, one 1 MB line) are
made by the tests in tmp_path, and the unreadable, missing and empty-folder
cases are made by the tests too.  Run again only if a file must change:

    python tests/data/bad/generate.py

The articles are written for these tests (news-like, about regional
development, made up); each file is at most a few kilobytes.
"""

import io
import struct
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).parent

TITLE = "长三角数字经济协同发展论坛在嘉兴举行"
ARTICLE = (
    f"{TITLE}\n\n"
    "新华网嘉兴6月8日电 6月7日,2025长三角数字经济协同发展论坛在浙江省嘉兴市举行。"
    "来自上海、江苏、浙江、安徽的300余名代表参加论坛。\n\n"
    "论坛由嘉兴市人民政府主办,嘉兴市经济和信息化局承办。"
    "与会代表围绕数据要素流通、算力设施共建和产业链协同展开交流。\n"
)
TITLE_TRADITIONAL = "粵港澳大灣區產業協同發展大會在廣州舉行"
ARTICLE_TRADITIONAL = (
    f"{TITLE_TRADITIONAL}\n\n"
    "5月20日,粵港澳大灣區產業協同發展大會在廣州舉行。"
    "來自香港、澳門和廣東九市的200餘名企業家參加大會。\n\n"
    "大會由廣東省工商業聯合會主辦,與會代表圍繞科技創新與產業合作深入交流。\n"
)
TITLE_WESTERN = "Regional fund opens in Zurich"
ARTICLE_WESTERN = (
    f"{TITLE_WESTERN}\n\n"
    "Caf\u00e9 owners in Z\u00fcrich said the new \u201cregional fund\u201d \u2013 worth \u20ac2 million \u2013 "
    "would help na\u00efve start-ups. Se\u00f1or G\u00f3mez agreed.\n"
)


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("article.txt", ARTICLE)
    return buffer.getvalue()


def invalid_utf8() -> bytes:
    """The article in UTF-8 with the last two bytes of three characters in
    its last paragraph cut off: three invalid sequences among many valid
    characters (the title and the dateline stay whole)."""
    data = bytearray(ARTICLE.encode("utf-8"))
    for at in (380, 330, 280):  # from the end, so earlier offsets hold
        while data[at] < 0xE0:  # the lead byte of a three-byte character
            at += 1
        del data[at + 1 : at + 3]
    return bytes(data)


def files() -> dict[str, bytes]:
    utf8 = ARTICLE.encode("utf-8")
    return {
        "empty.txt": b"",
        "whitespace_only.txt": " \r\n\t\u3000\n  \n".encode(),
        "image.png": png(),
        "archive.zip": zip_archive(),
        "invalid_utf8.txt": invalid_utf8(),
        # Not text in any encoding: every byte from 0x80 up, twice.
        "undecodable.txt": bytes(range(0x80, 0x100)) * 2,
        "gbk.txt": ARTICLE.encode("gbk"),
        "big5.txt": ARTICLE_TRADITIONAL.encode("big5"),
        "utf16le_bom.txt": "\ufeff".encode("utf-16-le") + ARTICLE.encode("utf-16-le"),
        "utf16be_bom.txt": "\ufeff".encode("utf-16-be") + ARTICLE.encode("utf-16-be"),
        "utf16le_nobom.txt": ARTICLE_TRADITIONAL.encode("utf-16-le"),
        "utf16be_nobom.txt": ARTICLE.encode("utf-16-be"),
        # A scraper's dump with NUL bytes between paragraphs.
        "nul_bytes.txt": utf8.replace(b"\n\n", b"\n\x00\x00\n"),
        "crlf.txt": ARTICLE.replace("\n", "\r\n").encode("utf-8"),
        "windows1252.txt": ARTICLE_WESTERN.encode("cp1252"),
    }


if __name__ == "__main__":
    for name, data in files().items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")
