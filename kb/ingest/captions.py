"""Photo captions: split off when glued into a paragraph, and located.

A web page's photo caption often lands in the text glued to the next
paragraph: `…大会在杭州市钱塘区举行。王刚 摄当前,世界…`.  The caption runs
from the paragraph start to its photo credit; `split_captions` puts a line
break after the credit so that the caption stands on its own line, and
`caption_lines` gives the caption spans so that extraction can skip them
(captions stay in the text).

Credits recognised (Simplified or Traditional, full- or half-width):
    王刚 摄 / 王刚摄 / 王刚/摄 / 记者 王刚 摄       after a sentence end
    (新华社记者 王刚 摄) / 新华社发(王刚 摄)        anywhere in a caption
    摄影:王刚                                       followed by a break
    图为…… 王刚 摄                                  a space is enough after 图为
    王刚摄(影像中国)                                 a picture agency after it
Lines that start with 图为 / 上图 / 下图 / 图1 are captions even without a
credit.  A bare credit (no brackets) is believed only when its name starts
with a common surname, so 大会现场摄制组 is not a credit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.ingest.edits import Edit
from kb.ingest.page_chrome import looks_like_name, looks_like_outlet, normalise

KIND = "caption"

# A caption is short: longer text before a credit is a paragraph, not a caption.
_MAX_CAPTION = 150
_MAX_SENTENCES = 3

_HAN = r"[\u4e00-\u9fff]"
# A name: 2–4 Han characters (or a transcribed name with a middle dot), none
# of them a word that ends a clause or is part of 拍摄/摄影.
_NAME_CHAR = r"(?![摄拍的了在是和与及为被把将从向对])[\u4e00-\u9fff]"
_NAME = rf"{_NAME_CHAR}{{2,4}}(?:[·•]{_HAN}{{1,8}})?"
_NAME3 = rf"{_NAME_CHAR}{{2,3}}"
# One name, or several short ones: 王刚 李明 摄.
_NAMES = rf"(?:{_NAME}|{_NAME3}(?:[ 、]{_NAME3}){{1,3}})"
_AGENCY = r"(?:新华社|中新社|中新网|人民网|人民日报|本报|本网|光明日报|经济日报|央视网|央广网|中国日报)"
_PREFIX = rf"(?:{_AGENCY}?(?:摄影记者|特约记者|记者|通讯员|实习生|特约摄影)\s*|{_AGENCY}发\s*)?"
# 摄 that is not the start of 摄影/摄像/摄氏… (a word that begins a sentence).
_SHE = r"(?P<role>摄)(?![影像氏入制取录护政于过成者的了得])"

# A picture agency after the credit: 袁新宇摄(影像中国)
_SOURCE = r"(?:\s*\([^()]{1,12}\))?"

_CREDITS = [
    # (新华社记者 王刚 摄), 新华社发(王刚 摄), [王刚/摄]
    re.compile(
        rf"(?:{_AGENCY}发\s*)?[(\[【]\s*{_PREFIX}(?P<names>{_NAMES})\s*/?\s*"
        rf"(?P<role>摄影|摄)\s*[)\]】]"
    ),
    # 。王刚 摄 / 。记者 王刚 摄 / 。王刚/摄, or a credit alone on a line.
    re.compile(rf"(?:(?<=[。!?”」』)])|^)\s*{_PREFIX}(?P<names>{_NAMES})\s*/?\s*{_SHE}{_SOURCE}"),
    # 摄影:王刚 — the name must end at a break, since text may follow glued.
    re.compile(
        rf"(?:(?<=[。!?”」』)\s(\[【])|^)\s*(?P<role>摄影)\s*[:/|]\s*(?P<names>{_NAMES})"
        rf"(?=$|\s|[)\]】。,;])(?:\s*[)\]】])?"
    ),
]
# After 图为… a space before the credit is enough: 图为大会现场 王刚 摄
_PICTURE = re.compile(r"^\s*(?:图为|图片为|上图|下图|左图|右图|题图|组图|图\s*\d{1,2}(?!\d|[年月日号]))")
_PICTURE_CREDIT = re.compile(rf"\s{_PREFIX}(?P<names>{_NAMES})\s*/?\s*{_SHE}{_SOURCE}")
_SENTENCE_END = re.compile(r"[。!?]")
_MAY_CAPTION = re.compile(r"[摄攝图圖]")
_SPACES = re.compile(r"\s*")
_ROLE_WORDS = {"记者", "通讯员", "实习生", "摄影", "编辑", "新华社", "中新社", "本报", "本网"}


@dataclass(frozen=True)
class CaptionCredit:
    start: int  # caption start (its paragraph start) in the text
    end: int  # end of the credit
    split_at: int | None  # where the glued paragraph begins, if any
    split_end: int  # end of the spaces between credit and paragraph
    names: tuple[str, ...]  # Simplified
    role_original: str  # 摄 / 攝 / 摄影 as written


def _names(raw: str, strict: bool = False) -> tuple[str, ...]:
    """The names of a credit; () when one is a role or an outlet, or (for a
    bare credit, `strict`) does not look like a personal name."""
    names = tuple(n for n in re.split(r"[ 、]+", raw) if n)
    if any(n in _ROLE_WORDS or looks_like_outlet(n) for n in names):
        return ()
    if strict and not all(map(looks_like_name, names)):
        return ()
    return names


def _credit_in(norm: str, picture: bool) -> re.Match | None:
    """The first plausible credit in a caption-sized stretch of `norm`."""
    patterns = [*_CREDITS, _PICTURE_CREDIT] if picture else _CREDITS
    best = None
    for pattern in patterns:
        for match in pattern.finditer(norm):
            if match.start() > _MAX_CAPTION:
                break
            if len(_SENTENCE_END.findall(norm, 0, match.start())) > _MAX_SENTENCES:
                break
            # Only the parenthesised form is safe without a surname check.
            if not _names(match["names"], strict=pattern is not _CREDITS[0]):
                continue
            if best is None or match.start() < best.start():
                best = match
            break
    return best


def find_credits(text: str) -> list[CaptionCredit]:
    """Every caption credit in `text`, with the caption it closes."""
    credits = []
    pos = 0
    for line in text.split("\n"):
        if not _MAY_CAPTION.search(line):
            pos += len(line) + 1
            continue  # no 摄 and no 图: nothing to convert and search
        norm = normalise(line)
        seg = 0
        while seg < len(norm):
            # Each stretch after a credit is read as its own line would be
            # once split, so that splitting twice changes nothing.
            # A credit starts within _MAX_CAPTION characters and is short, so a
            # window is enough (and keeps a long line linear).
            window = norm[seg : seg + _MAX_CAPTION + 80]
            match = _credit_in(window, bool(_PICTURE.match(window)))
            if match is None:
                break
            end = seg + match.end()
            after = _SPACES.match(norm, end).end()  # spaces between credit and text
            role_start, role_end = match.span("role")
            credits.append(
                CaptionCredit(
                    start=pos + _SPACES.match(norm, seg).end(),
                    end=pos + end,
                    split_at=pos + end if after < len(norm) else None,
                    split_end=pos + after,
                    names=_names(match["names"], strict=False),
                    role_original=line[seg + role_start : seg + role_end],
                )
            )
            seg = after
        pos += len(line) + 1
    return credits


def split_captions(text: str) -> list[Edit]:
    """A line break after each caption credit that has a paragraph glued on."""
    return [
        Edit(c.split_at, c.split_end, "\n", KIND, detail="credit=" + " ".join(c.names))
        for c in find_credits(text)
        if c.split_at is not None
    ]


def caption_lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, credit) of every caption: from its paragraph start to the
    end of its credit (names in Simplified, space-separated; "" for a 图为
    line without a credit)."""
    spans = [(c.start, c.end, " ".join(c.names)) for c in find_credits(text)]
    credited = {s for s, _, _ in spans}
    pos = 0
    for line in text.split("\n"):
        norm = normalise(line) if _MAY_CAPTION.search(line[:12]) else ""
        if _PICTURE.match(norm) and len(norm.strip()) <= _MAX_CAPTION:
            start = pos + len(line) - len(line.lstrip())
            if start not in credited:
                spans.append((start, pos + len(line.rstrip()), ""))
        pos += len(line) + 1
    return sorted(spans)
