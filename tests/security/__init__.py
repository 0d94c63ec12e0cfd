"""Security: production settings, headers, the read-only public site,
hostile content and fuzzed query strings.

`scan_html` is shared by the header and hostile-content tests: it reads a
page the way a browser's parser does (html.parser) and lists what could run.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}


@dataclass
class Markup:
    tags: list[tuple[str, dict]] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)  # executable <script> bodies
    style_elements: int = 0

    def handlers(self) -> list[tuple[str, str, str]]:
        """on* attributes: (tag, attribute, value)."""
        return [(tag, name, value) for tag, attrs in self.tags for name, value in attrs.items()
                if name.startswith("on")]

    def script_urls(self) -> list[tuple[str, str, str]]:
        """URL attributes whose value is javascript: (or vbscript:, or a
        data: document) once spaces are gone, as a browser reads them."""
        found = []
        for tag, attrs in self.tags:
            for name, value in attrs.items():
                squeezed = "".join((value or "").split()).lower()
                if name in URL_ATTRIBUTES and squeezed.startswith(("javascript:", "vbscript:", "data:text/html")):
                    found.append((tag, name, value))
        return found

    def style_attributes(self) -> list[str]:
        return [tag for tag, attrs in self.tags if "style" in attrs]

    def named(self, *names: str) -> list[tuple[str, dict]]:
        return [(tag, attrs) for tag, attrs in self.tags if tag in names]


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.markup = Markup()
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.markup.tags.append((tag, values))
        if tag == "style":
            self.markup.style_elements += 1
        if tag == "script" and not values.get("src"):
            kind = (values.get("type") or "text/javascript").lower()
            # JSON data blocks (json_script) are not run.
            if kind in ("text/javascript", "module", "application/javascript"):
                self._script = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.markup.inline_scripts.append("".join(self._script))
            self._script = None


def scan_html(html: str) -> Markup:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.markup
