"""Writes the small files the decode tests read.  Run it again only if a file
must change: python tests/data/encodings/generate.py

The texts are written for these tests (news-like, about regional
development); each file is a few hundred bytes.
"""

import io
import struct
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).parent

SIMPLIFIED = (
    "4月15日至20日,长春新区组织企业家代表分赴上海、苏州、深圳考察学习,"
    "与先进地区交流创新理念和经验做法。\n"
    "本次培训采用专题讲座与现场教学相结合的模式,帮助企业提升核心竞争力。\n"
)
TRADITIONAL = (
    "長三角產業創新發展大會在杭州舉行,匯聚滬蘇浙皖的政、產、學、研等領域代表,"
    "共同探討區域協同發展的新路徑。\n"
    "與會企業家表示,將進一步加強產業鏈合作,推動科技創新與產業創新深度融合。\n"
)
WESTERN = (
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


def zip_file() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("article.txt", SIMPLIFIED)
    return buf.getvalue()


def files() -> dict[str, bytes]:
    utf8 = SIMPLIFIED.encode("utf-8")
    # A few bytes of two characters lost: three invalid sequences.
    damaged = bytearray(utf8)
    for at in (30, 90, 150):
        pos = at
        while damaged[pos] < 0xE0:  # find the lead byte of a 3-byte character
            pos += 1
        del damaged[pos + 1 : pos + 3]
    return {
        "gbk_simplified.txt": SIMPLIFIED.encode("gbk"),
        "gbk_traditional.txt": TRADITIONAL.encode("gbk"),
        "big5_traditional.txt": TRADITIONAL.encode("big5"),
        "utf16le_bom.txt": "\ufeff".encode("utf-16-le") + SIMPLIFIED.encode("utf-16-le"),
        "utf16be_bom.txt": "\ufeff".encode("utf-16-be") + SIMPLIFIED.encode("utf-16-be"),
        "utf16le_nobom.txt": TRADITIONAL.encode("utf-16-le"),
        "utf16be_nobom.txt": SIMPLIFIED.encode("utf-16-be"),
        "utf8_bom_crlf.txt": b"\xef\xbb\xbf" + SIMPLIFIED.replace("\n", "\r\n").encode("utf-8"),
        "utf8_traditional.txt": TRADITIONAL.encode("utf-8"),
        "cp1252.txt": WESTERN.encode("cp1252"),
        "utf8_damaged.txt": bytes(damaged),
        "mostly_invalid.txt": bytes(range(0x80, 0x100)) * 2,
        "image.png": png(),
        "archive.zip": zip_file(),
        "document.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        # A raw dump of little-endian integers: NUL bytes at no fixed parity.
        "binary_nul.bin": b"".join(struct.pack("<I", n * 7919) for n in range(80)),
        "executable.bin": b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)),
        "whitespace_only.txt": "  \r\n\t\u3000\n".encode("utf-8"),
    }


if __name__ == "__main__":
    for name, data in files().items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")
