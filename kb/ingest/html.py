"""HTML left in the text: tags, truncated tags, entities, and whole pages.

Two modes.  In plain text with scraper residue (a `</p>` here, `&nbsp;`
there) the text's own line breaks are its paragraphs: a block tag becomes a
line break only where none is already.  A saved HTML page (it begins with a
doctype or <html>) is laid out by its tags: the source's line
breaks and indentation are formatting, script/style/head blocks go with
their content.

Only well-formed tags of known HTML element names are taken in plain text
(`a<b`, 《十四五》, AI+医疗, `->`, `<b and c>` stay); a valueless attribute
must be a known boolean one.  An entity needs its semicolon; an unknown
`&word;` stays.  Runs of tags, whitespace and space entities are replaced as
one edit, so `</p>\n<p>` is one repair.
"""

from __future__ import annotations

import html.entities
import re
from dataclasses import dataclass

from kb.ingest.edits import Edit, apply_edits

KIND = "html"
MAX_ROUNDS = 20

ELEMENTS = frozenset(
    """a abbr acronym address applet area article aside audio b base basefont bdi bdo
    big blink blockquote body br button canvas caption center cite code col colgroup
    data datalist dd del details dfn dialog dir div dl dt em embed fieldset figcaption
    figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html
    i iframe img input ins kbd label legend li link main map mark marquee menu meta
    meter nav nobr noframes noscript object ol optgroup option output p param picture
    pre progress q rp rt ruby s samp script search section select slot small source
    span strike strong style sub summary sup svg table tbody td template textarea tfoot
    th thead time title tr track tt u ul var video wbr o:p""".split()
)
# Block-level: the text on either side is in different lines.
BLOCKS = frozenset(
    """address article aside blockquote body br center dd details dialog dir div dl dt
    fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr
    html li main menu nav noframes ol p pre search section summary table tbody tfoot
    thead title tr ul caption legend option""".split()
)
CELLS = frozenset({"td", "th"})
# Dropped with everything inside them.
DROPPED = ("script", "style", "head", "noscript", "template")
BOOLEAN_ATTRIBUTES = frozenset(
    """allowfullscreen async autofocus autoplay checked controls default defer disabled
    formnovalidate hidden inert ismap itemscope loop multiple muted nomodule noshade
    novalidate nowrap open playsinline readonly required reversed selected""".split()
)
# Names whose closing tag survives a lost "<" (`/p>`, after anything but a
# letter or digit), or a lost "</" at a line end (`p>`, right after text that
# is not a letter, digit or space: `a>` or `x = b>` could be a formula).
TRUNCATED = "p|div|span|li|td|tr|th|h[1-6]|strong|em|b|font|section|ul|ol|table|tbody|center|a"
TRUNCATED_AT_LINE_END = "p|div|span|li|td|tr|th|h[1-6]|strong|em|font|section|ul|ol|table|tbody|center"

_NAME = r"[A-Za-z][A-Za-z0-9]*+(?:[:-][A-Za-z0-9]++)*+"
_LT = r"(?:<|&(?:amp;)*lt;)"
_GT = r"(?:>|&(?:amp;)*gt;)"
_VALUE = r"""(?:"[^"]{0,2000}+"|'[^']{0,2000}+'|&quot;[^&]{0,2000}+&quot;|(?:[^\s"'<>`&]|&(?!(?:amp;)*gt;))++)"""
_ATTR = rf"""(?:(?:\s++|(?<=["';]))[^\s"'<>/=&]++(?:\s*+=\s*+{_VALUE})?+)"""
_TAG = rf"(?P<tag>{_LT}(?P<slash>/?)(?P<name>{_NAME})(?P<attrs>{_ATTR}{{0,60}}+)\s*+/?\s*+{_GT})"
_DECL = r"(?P<decl><![A-Za-z][^<>]{0,500}+>|<\?[^<>]{0,500}?\?>|<!\[(?:if|endif)[^\]]{0,200}+\]>)"
_NOT_AFTER = r"(?<![A-Za-z0-9<>/&;=_])"
_TRUNC = (
    rf"(?P<trunc>{_NOT_AFTER}/(?P<tname>{TRUNCATED})>"
    rf"|{_NOT_AFTER}(?<!\s)(?P<lname>{TRUNCATED_AT_LINE_END})>(?=[ \t]*+(?:\n|\Z)))"
)
_ENTITY = r"(?P<entity>&(?:(?:amp|#0*38|#[xX]0*26);)*(?P<body>#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});)"
_WS = r"(?P<ws>[ \t\n\u3000]++)"
_TOKEN = re.compile("|".join([_DECL, _TAG, _TRUNC, _ENTITY, _WS]), re.I | re.S)

# A saved page begins with its doctype or <html> (perhaps after an XML
# declaration or a comment); a stray <body> in an article does not make it
# a page, whose line breaks would then be taken for formatting.
_PAGE = re.compile(r"\s*+(?:<\?xml[^>]*+>\s*+)?(?:<!--.*?-->\s*+)*(?:<!doctype\s+html|<html[\s>])", re.I | re.S)
_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]")
_SPACES = frozenset(" \t\u00a0\u2002\u2003\u2009\u3000")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


@dataclass
class _Token:
    start: int
    end: int
    what: str  # "tag", "removed", "space" (entity), "ws"
    name: str = ""  # tag name, lower case
    text: str = ""  # for "ws": the whitespace itself


def find_html(text: str) -> list[Edit]:
    # Removing a tag can join two pieces into a new tag or entity
    # (`<<b>p>`, `&am<i>p;`): look again at the result, composing the rounds
    # into edits on the text given.  Every round shortens the text; real
    # texts need one round, rarely two.
    edits = _find_once(text)
    for _ in range(MAX_ROUNDS):
        if not edits:
            break
        middle = apply_edits(text, edits)
        more = _find_once(middle)
        if not more:
            break
        edits = _compose(text, edits, middle, more)
    return edits


def _find_once(text: str) -> list[Edit]:
    page = bool(_PAGE.match(text))
    edits: list[Edit] = []
    region: list[_Token] = []

    def flush():
        if region:
            edit = _render(text, region, page)
            if edit:
                edits.append(edit)
            region.clear()

    custom: set[str] = set()  # unknown element names seen with attributes
    for token, edit in _scan(text, page, custom):
        start = token.start if token else edit.start
        if region and region[-1].end != start:
            flush()
        if token:
            region.append(token)
        else:
            flush()
            edits.append(edit)
    flush()
    return edits


def _scan(text: str, page: bool, custom: set[str]):
    """Tokens and entity edits in text order: removed blocks first found by
    `_blocks`, the rest by `_TOKEN` between them."""
    pos = 0
    for start, end, label in [*_blocks(text), (len(text), len(text), "")]:
        for m in _TOKEN.finditer(text, pos, start):
            token, edit = _classify(m, page, custom)
            if token or edit:
                yield token, edit
        if end > start:
            yield _Token(start, end, "removed", label), None
        pos = end


_OPENER = re.compile(r"<!--|<(" + "|".join(DROPPED) + r")\b[^<>]{0,2000}+>", re.I)


def _blocks(text: str) -> list[tuple[int, int, str]]:
    """Comments and script/style/head… blocks with their content.  Searched
    by hand so that unclosed openers cost one failed search per kind, not
    one per opener."""
    found: list[tuple[int, int, str]] = []
    unclosed: set[str] = set()
    pos = 0
    while m := _OPENER.search(text, pos):
        name = (m.group(1) or "").lower()
        kind = name or "comment"
        if kind in unclosed:
            pos = m.end()
            continue
        if name:
            close = re.compile(rf"</{name}\s*>", re.I).search(text, m.end())
            end = close.end() if close else -1
        else:
            end = text.find("-->", m.end())
            end = end + 3 if end >= 0 else -1
        if end < 0:
            unclosed.add(kind)  # no closer after this opener, so none after later ones
            pos = m.end()
            continue
        found.append((m.start(), end, f"{name} block" if name else "comment"))
        pos = end
    return found


def _classify(m: re.Match, page: bool, custom: set[str]) -> tuple[_Token | None, Edit | None]:
    kind = m.lastgroup
    if kind == "decl":
        return _Token(m.start(), m.end(), "removed", "declaration"), None
    if kind == "tag":
        name = m.group("name").lower()
        escaped = not m.group().startswith("<")
        closes_custom = m.group("slash") and name in custom
        if not closes_custom and not _is_tag(name, m.group("attrs"), page and not escaped):
            return None, None
        if name not in ELEMENTS:
            custom.add(name)
        return _Token(m.start(), m.end(), "tag", name), None
    if kind == "trunc":
        name = (m.group("tname") or m.group("lname")).lower()
        return _Token(m.start(), m.end(), "tag", name), None
    if kind == "entity":
        char = _entity_char(m.group("body"))
        if char is None:
            return None, None
        if char in _SPACES:
            return _Token(m.start(), m.end(), "space", m.group()), None
        if char in _ZERO_WIDTH:
            char = ""
        return None, Edit(m.start(), m.end(), char, KIND, f"entity {m.group()}")
    return _Token(m.start(), m.end(), "ws", text=m.group()), None


def _is_tag(name: str, attrs: str, any_name: bool) -> bool:
    if not any_name and name not in ELEMENTS:
        # Unknown names (custom elements such as <mip-img>) only with a
        # quoted attribute value: certain to be markup.
        if not re.search(r"""=\s*["']""", attrs):
            return False
    if any_name:
        return True
    for attr in re.finditer(r"""([^\s"'<>/=&]+)(\s*=)?""", _strip_values(attrs)):
        if not attr.group(2) and attr.group(1).lower() not in BOOLEAN_ATTRIBUTES:
            return False  # `<b and c>` is text
    return True


def _strip_values(attrs: str) -> str:
    return re.sub(r"""=\s*(?:"[^"]*"|'[^']*'|&quot;.*?&quot;|\S+)""", "=", attrs)


def _entity_char(body: str) -> str | None:
    if body.startswith("#"):
        try:
            code = int(body[2:], 16) if body[1:2] in "xX" else int(body[1:])
        except ValueError:
            return None
        if code == 10:
            return "\n"
        if code == 13:
            return ""  # CR: the text's line ends are LF already
        if code < 32 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF or 0x7F <= code <= 0x9F:
            return None
        return chr(code)
    char = html.entities.html5.get(body + ";")
    if char is None and body.lower() in _CASELESS:
        char = html.entities.html5.get(body.lower() + ";")
    return char


# Entities scrapers write in capitals (&NBSP; &AMP;) that HTML knows only in
# lower case.
_CASELESS = frozenset({"nbsp", "amp", "lt", "gt", "quot", "apos", "copy", "reg"})


def _render(text: str, region: list[_Token], page: bool) -> Edit | None:
    markup = [t for t in region if t.what != "ws"]
    if not markup:
        if page and any("\n" in t.text for t in region):
            return _page_whitespace(text, region)
        return None
    start, end = region[0].start, region[-1].end
    names = [t.name for t in markup if t.what in ("tag", "removed")]
    block = any(n in BLOCKS for n in names)
    cell = any(n in CELLS for n in names)
    newlines = sum(t.text.count("\n") for t in region if t.what == "ws")
    breaks = sum(1 for n in names if n == "br")
    at_start, at_end = start == 0, end == len(text)
    if block:
        if at_start:
            replacement = ""
        elif at_end:
            replacement = "\n" if newlines and not page else ""
        elif page:
            replacement = "\n" * max(1, min(breaks, 2))
        else:
            replacement = "\n" * max(1, newlines, min(breaks, 2))
    elif newlines and not page:
        replacement = "\n" * newlines  # the spaces around were indentation
    elif at_start or at_end:
        replacement = ""
    elif cell:
        replacement = " "
    elif page:
        # An entity space is meant; a source line break between two Chinese
        # characters is only formatting.
        if any(t.what == "space" for t in region):
            replacement = " "
        elif any(t.what == "ws" for t in region):
            folded = newlines and _between_cjk(text, start, end)
            replacement = "" if folded else " "
        else:
            replacement = ""
    else:
        replacement = "".join(t.text if t.what == "ws" else " " if t.what == "space" else "" for t in region)
    return _trimmed(text, start, end, replacement, _detail(markup))


def _trimmed(text: str, start: int, end: int, replacement: str, detail: str) -> Edit | None:
    """The edit without the unchanged characters at its ends (`/p>\n\n` ->
    `\n\n` is the removal of `/p>`), so kept characters keep their origin."""
    while start < end and replacement and text[start] == replacement[0]:
        start, replacement = start + 1, replacement[1:]
    while start < end and replacement and text[end - 1] == replacement[-1]:
        end, replacement = end - 1, replacement[:-1]
    if start == end and not replacement:
        return None
    return Edit(start, end, replacement, KIND, detail)


def _page_whitespace(text: str, region: list[_Token]) -> Edit | None:
    """A line break inside a page's text is source formatting."""
    start, end = region[0].start, region[-1].end
    if start == 0 or end == len(text) or _between_cjk(text, start, end):
        replacement = ""
    else:
        replacement = " "
    return _trimmed(text, start, end, replacement, "line break in page source")


def _between_cjk(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and bool(_CJK.match(text[start - 1])) and bool(_CJK.match(text[end]))


def _detail(markup: list[_Token]) -> str:
    labels = dict.fromkeys(t.name for t in markup)
    return "removed " + ", ".join(labels)


def _compose(text: str, first: list[Edit], middle: str, second: list[Edit]) -> list[Edit]:
    """Edits on `text` that do what `first` and then `second` (edits on
    `middle`, the result of `first`) do.  A second-round edit is widened
    over every first-round edit it touches."""
    first = sorted(first, key=lambda e: (e.start, e.end))
    # Where each first-round edit's replacement sits in `middle`.
    spans: list[tuple[int, int, Edit]] = []
    shift = 0
    for e in first:
        spans.append((e.start + shift, e.start + shift + len(e.replacement), e))
        shift += len(e.replacement) - (e.end - e.start)
    intervals = [(s, t, False, e) for s, t, e in spans] + [(e.start, e.end, True, e) for e in second]
    intervals.sort(key=lambda iv: (iv[0], iv[1], iv[2]))
    groups: list[list] = []
    reach = -1
    for iv in intervals:
        if groups and iv[0] <= reach:
            groups[-1].append(iv)
            reach = max(reach, iv[1])
        else:
            groups.append([iv])
            reach = iv[1]
    out: list[Edit] = []
    for group in groups:
        if not any(iv[2] for iv in group):
            out.extend(iv[3] for iv in group)
            continue
        a = min(iv[0] for iv in group)
        b = max(iv[1] for iv in group)
        inner = [Edit(e.start - a, e.end - a, e.replacement, e.kind) for _, _, second_round, e in group if second_round]
        details = "; ".join(dict.fromkeys(iv[3].detail for iv in group if iv[3].detail))
        out.append(Edit(_to_text(a, spans, True), _to_text(b, spans, False), apply_edits(middle[a:b], inner), KIND, details))
    return out


def _to_text(pos: int, spans: list[tuple[int, int, Edit]], is_start: bool) -> int:
    """A group's edge in `middle` as a position of the original text: the
    start of a first-round edit that begins there, else counted from the
    end of the last first-round edit before it."""
    if is_start:
        for s, _, e in spans:
            if s == pos:
                return e.start
            if s > pos:
                break
    orig = pos
    for _, t, e in spans:
        if t > pos:
            break
        orig = e.end + (pos - t)
    return orig
