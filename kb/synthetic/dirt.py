"""The damage raw web text carries, made on purpose from clean text, each
kind the way it really arises (the import pipeline repairs all of them):

    mojibake   GBK bytes read one byte out of step: the lead byte of one
               character lost (shown as "?"), the bytes after it paired
               wrongly until an ASCII byte puts the decoder back in step,
               full-width ASCII folded to half width (kb.ingest.mojibake)
    pinyin     a reading glued after rarer characters: 培訓(xùn)
    html       tags and entities a scraper left: <p>, </p>, &nbsp;, &ldquo;
    junk       lines around the article: SEO spam, site chrome, sign-offs

Pure Python; every function takes the random.Random to draw from.
"""

from __future__ import annotations

import random
from functools import lru_cache

from pypinyin import Style, pinyin

from kb.chinese import to_simplified
from kb.ingest.gbk_bytes import decode_pair

# The most common characters of news text: never annotated (sites annotate
# the rarer ones, and the pinyin step must see a reading to remove it).
COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
    "产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使"
    "点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明"
    "月将市区省县新届期场名位余家该此已并共及"
)
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


# --- mojibake ---------------------------------------------------------------


def damage(text: str, p: int) -> tuple[str, int]:
    """`text` with the lead byte of text[p] lost and the bytes after it
    decoded out of step until a byte resyncs the decoder (errors replaced,
    shown as "?" as the sites show them); returns the damaged text and where
    the damage ends in it."""
    data = b"".join(c.encode("gb18030") for c in text)
    offsets = [0]
    for c in text:
        offsets.append(offsets[-1] + len(c.encode("gb18030")))
    pos, out = offsets[p] + 1, ["?"]
    while pos < len(data):
        b = data[pos]
        if b < 0x80:  # a trail byte in the ASCII range: back in step after it
            out.append(chr(b))
            pos += 1
            break
        c = decode_pair(b, data[pos + 1]) if pos + 1 < len(data) else None
        if c is None:  # the byte after cannot be a trail: one "?" for both
            out.append("?")
            pos += 2
            break
        out.append(c)
        pos += 2
        if data[pos - 1] < 0x80:  # the pair ate an ASCII byte of the text
            break
    folded = "".join(out).translate(_FOLD)
    rest = data[pos:].decode("gb18030", errors="replace").replace("\ufffd", "?")
    damaged = text[:p] + folded + rest
    same = 0  # the undamaged tail the two texts share
    while same < len(rest) and damaged[-1 - same] == text[-1 - same]:
        same += 1
    return damaged, len(damaged) - same


def add_mojibake(text: str, rng: random.Random, spans: int) -> str:
    """Up to `spans` short out-of-step stretches, a line apart.  As on the
    seeds' sites, most start at a sentence end before a closing quote (。”,
    whose bytes A1A3 A1B1 lose the A1), and the pipeline can read them back;
    now and then one starts anywhere and usually stays damaged."""
    done = 0
    for _ in range(spans * 4):
        if done == spans:
            break
        if rng.random() < 0.25:
            candidates = [i for i, c in enumerate(text) if "\u4e00" <= c <= "\u9fff"]
        else:
            candidates = [i for i in range(len(text) - 1) if text[i] == "。" and text[i + 1] == "”"]
        rng.shuffle(candidates)
        for p in candidates[:30]:
            if "?" in text[max(0, p - 80) : p + 80] or not _two_bytes(text[p]):
                continue
            damaged, end = damage(text, p)
            # Short, and no line break eaten (a title merged with its date
            # line would take the article's date with it).
            if end - p <= 14 and damaged.count("\n") == text.count("\n"):
                text, done = damaged, done + 1
                break
    return text


def _two_bytes(c: str) -> bool:
    try:
        return len(c.encode("gbk")) == 2
    except UnicodeEncodeError:
        return False


# --- pinyin -----------------------------------------------------------------


@lru_cache(maxsize=8192)
def reading(c: str) -> str:
    """pypinyin's first reading with tone marks ("" when it has none)."""
    found = pinyin(c, style=Style.TONE, errors="ignore")
    syllable = found[0][0] if found and found[0] else ""
    return syllable if syllable.isalpha() and syllable.islower() else ""


def add_pinyin(text: str, rng: random.Random, share: float) -> str:
    """A reading after every occurrence of a share of the rarer characters
    (a site annotates a character everywhere or nowhere)."""
    rare = sorted({c for c in text if "\u4e00" <= c <= "\u9fff" and to_simplified(c) not in COMMON})
    chosen = {c for c in rare if rng.random() < share and reading(c)}
    return "".join(f"{c}({reading(c)})" if c in chosen else c for c in text)


# --- HTML residue -----------------------------------------------------------


def add_html(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Paragraph tags on some paragraphs, a space entity, a bold subhead,
    and quote marks written as entities in one paragraph."""
    out = []
    for text in paragraphs:
        draw = rng.random()
        if draw < 0.25:
            text = f"<p>{text}</p>"
        elif draw < 0.35:
            text = f"&nbsp;&nbsp;{text}"
        elif draw < 0.42:
            text = f"{text}<br>"
        elif draw < 0.47 and "“" in text:
            text = text.replace("“", "&ldquo;").replace("”", "&rdquo;")
        out.append(text)
    if len(out) > 2 and rng.random() < 0.3:
        out.insert(rng.randrange(1, len(out)), f"<strong>{rng.choice(SUBHEADS)}</strong>")
    return out


SUBHEADS = ("聚焦产业协同", "搭建交流平台", "共谋发展新篇", "深化区域合作", "学前沿 找差距", "对接资源 共享机遇")

# --- junk lines -------------------------------------------------------------

SPAM = (
    "澳门葡京娱乐城,百家乐真人娱乐平台,时时彩开户注册送彩金,北京赛车pk10计划,体育投注官网入口",
    "91经典在线,在线观看免费国产精品,神马久久一区二区,欧美综合视频在线观看,永久免费看成人av的动态图",
    "皇冠体育投注,太阳城娱乐官网,六合彩开奖直播,棋牌游戏下载,捕鱼平台注册送彩金",
)
CHROME = ("字体:大 中 小", "【字体:大 中 小】 【打印本页】 【关闭窗口】", "分享到:", "字号:T|T", "打印本页 关闭窗口",
          "扫一扫 分享到手机", "【纠错】")


def header_junk(rng: random.Random, *, outlet: str, title: str) -> list[str]:
    lines = []
    if rng.random() < 0.12:
        lines.append(rng.choice(SPAM))
    draw = rng.random()
    if draw < 0.35:
        lines.append(f"{title}-{outlet}")
    elif draw < 0.55:
        lines.append(f"{outlet} > {rng.choice(('时政', '地方', '财经', '要闻'))} > 正文")
    return lines


def footer_junk(rng: random.Random, *, outlet: str, names: list[str], views: int) -> list[str]:
    shape = rng.randrange(6)
    if shape == 0:
        return ["【纠错】 【责任编辑:" + names[0] + "】"]
    if shape == 1:
        return [f"责编:{names[0]}", f"一审:{names[0]}", f"二审:{names[1]}", f"三审:{names[2]}", f"来源:{outlet}"]
    if shape == 2:
        return [f"(责任编辑:{names[0]},{names[1]})"]
    if shape == 3:
        return [f"来源:作者:{names[0]} {names[1]}", "扫描二维码推送至手机访问。",
                f"版权声明:本文由{outlet}发布,如需转载请注明出处。"]
    if shape == 4:
        return ["延伸阅读", f"0 阅读:{views}", outlet]
    return ["(完)"]
