"""The article's headline: which line at the head of a page is its title.

A saved page puts chrome above the title that junk removal keeps when in
doubt: a hotline (服务热线:), a numbered breadcrumb (1. 当前位置:), a site
slogan, a banner's alt text, a script switch (繁体简体), an epaper's page
name (第02版:要闻 PDF版), a byline (记者X/台中报导).  So the first kept line
is not always the title.  Each kept line above the first paragraph is a
candidate; a line that cannot be a headline (no Chinese words, a label, a
sentence, a site's furniture, an outlet's name) is passed over, and of the
rest the one printed twice wins, else the first.  When no line can be the title the caller generates one from the
lead and flags it.
"""

from __future__ import annotations

import re

from kb.ingest import junk, page_chrome

# Words of a site's own furniture: no headline is made of them.
_FURNITURE = re.compile(
    r"二维码|网站支持|网站于|开通|banner|繁体|简体|站内搜索|搜索|加入收藏|设为首页|主办|承办单位|版权|"
    r"第\s*\d+\s*版|PDF|客户端|手机版|扫一扫|无障碍|English|登录|注册|热线|电话|邮箱|传真|地址|"
    r"报导$|报道$|^摄影|^文/|^图/|^记者|^通讯员"
)
# A label and what it labels (服务热线:, 当前位置:, 日期查询:2021年…).
_LABEL = re.compile(r"^\s*(?:\d+\s*[.、]\s*)?[\u4e00-\u9fff]{1,6}\s*:")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_OWNER = re.compile(r"^[\u4e00-\u9fff()（）]{3,30}(?:委员会|管委会|人民政府|政府|商会|协会|学会|联合会|研究院|"
                    r"大学|学院|党校|集团|公司|局|厅|委|办公室|中心|网|报|在线)$")
MIN_LENGTH, MAX_LENGTH = 5, 60
_CHINESE_PAGE = 20  # Chinese characters on a page written in Chinese


def can_be_headline(line: junk.Line, chinese: bool = True) -> bool:
    """`chinese`: the page is in Chinese, so its headline has Chinese words
    (an English navigation word is no title); a page in another language
    has a headline in it."""
    text = line.norm.strip()
    if not (MIN_LENGTH <= len(text) <= MAX_LENGTH) or (chinese and len(_CJK.findall(text)) < 4):
        return False
    if _LABEL.match(text) or _FURNITURE.search(text) or text.endswith(("。", ":")):
        return False
    if line.dates or page_chrome.looks_like_outlet(text) or page_chrome.canonical_outlet(text):
        return False
    pieces = re.split(r"[-_|—,\s]+", page_chrome.strip_site_suffix(text)[0])
    if len(pieces) > 1 and any(page_chrome.looks_like_outlet(p) for p in pieces):
        return False  # a site's banner: 改革网福建-中国改革报看福建,福建改革发展新闻
    tokens = page_chrome.split_names(text)
    if len(tokens) > 1 and all(page_chrome.looks_like_name(t) for t in tokens):
        return False  # a byline of names: 甘海琼 陈明菊
    # A line that is mostly digits and symbols (010-88696946) is no title.
    return len(re.sub(r"[\d\s\-:./]", "", text)) >= len(text) * 0.6


def _key(line: junk.Line) -> str:
    return re.sub(r"\s+", "", page_chrome.strip_site_suffix(line.text)[0]).translate(page_chrome.FOLD)


def choose(lines: list[junk.Line], first_body: int, caption_starts: set[int]) -> junk.Line | None:
    """The headline among the lines above the first paragraph, or None."""
    head = [ln for ln in lines[:first_body] if not ln.blank]
    chinese = sum(len(_CJK.findall(ln.norm)) for ln in lines) >= _CHINESE_PAGE
    candidates = [ln for ln in head if not ln.junk and can_be_headline(ln, chinese)
                  and ln.start + len(ln.text) - len(ln.text.lstrip()) not in caption_starts]
    if not candidates:
        return None
    # A title printed twice (the page title and the heading below it) wins
    # over chrome that looks like one; otherwise the first.
    keys = [_key(ln) for ln in lines[:first_body] if not ln.blank]
    twice = next((ln for ln in candidates if keys.count(_key(ln)) > 1), None)
    if twice is not None:
        return twice
    # A site's owner above the headline (安徽省浙江商会, 某某市人民政府): a
    # name alone is no headline when a line below could be one.
    headlines = [ln for ln in candidates if not _OWNER.search(ln.norm.strip())]
    return headlines[0] if headlines else candidates[0]
