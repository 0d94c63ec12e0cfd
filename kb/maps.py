"""Maps of where things happen: server-rendered SVG choropleths drawn from
the committed boundary fixture (fixtures/map_shapes.json, built by
`manage.py build_map_shapes`).

No script, no tiles, no request to another host: a map is markup the page
carries, under the site's strict Content-Security-Policy.  Each region is a
link that applies the region filter, with a <title> giving its name and
count; the same figures come in a table beside the map.

This module knows shapes and markup, not what is counted: a caller (the
timeline, a region page) hands in MapArea rows with their counts and links.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

SHAPES_PATH = Path(settings.BASE_DIR) / "fixtures" / "map_shapes.json"

# Colour classes: q0 for none, q1..CLASSES by the square root of the share
# of the largest count (counts of regions are skewed: a linear scale leaves
# all but the busiest region in the palest class).
CLASSES = 5
# Margin around a map's regions, as a share of the larger side.
MARGIN = 0.03
# The South China Sea inset's height as a share of the country map's.
INSET_SHARE = 0.3
SOUTH_CHINA_SEA = "south-china-sea"
PATH_DATA = re.compile(r"[Mlz0-9 \-]*")


@dataclass(frozen=True)
class Shape:
    key: str
    name: str
    layer: str
    d: str
    bounds: tuple[int, int, int, int]
    parent: str | None = None


@cache
def shapes() -> dict[str, Shape]:
    """The fixture's shapes by key (an adcode, "macro:<slug>", or
    "south-china-sea"), read once per process."""
    data = json.loads(SHAPES_PATH.read_text(encoding="utf-8"))
    for key, row in data["shapes"].items():
        # Path data goes into the page as it is: digits and path commands only.
        if not PATH_DATA.fullmatch(row["d"]):
            raise ValueError(f"{SHAPES_PATH}: shape {key!r} holds more than path data")
    return {
        key: Shape(key=key, name=row["name"], layer=row["layer"], d=row["d"],
                   bounds=tuple(row["bounds"]), parent=row.get("parent"))
        for key, row in data["shapes"].items()
    }


@dataclass
class MapArea:
    """One region on a map: its shape (adcode), what the visitor reads, and
    where a click goes."""

    region_id: int
    adcode: str
    name: str  # as shown (the visitor's script)
    count: int
    url: str
    selected: bool = False


@dataclass
class RegionMap:
    areas: list[MapArea]
    outline: str | None = None  # "macro:<slug>" of the selected macro-region
    outline_name: str = ""
    # Events tied to the selected region as a whole (on the country map:
    # to a macro-region or the country) and to none of the areas: shown as
    # such, not spread over the areas.
    region_only: int = 0
    unplaced: int = 0  # the country map: events linked to no region
    country: bool = False  # the country map (with the South China Sea inset)
    caption: str = ""

    @property
    def maximum(self) -> int:
        return max((area.count for area in self.areas), default=0)


def colour_class(count: int, maximum: int) -> int:
    if count <= 0 or maximum <= 0:
        return 0
    return max(1, min(CLASSES, math.ceil(CLASSES * math.sqrt(count / maximum))))


def class_ranges(maximum: int) -> list[tuple[int, int, int]]:
    """(class, lowest count, highest count) of each colour class that some
    count from 1 to `maximum` falls in, for the legend."""
    ranges: dict[int, list[int]] = {}
    if maximum <= 0:
        return []
    for k in range(1, CLASSES + 1):
        # The counts in class k: ceil(5 * sqrt(n / max)) == k.
        low = max(1, math.floor(maximum * ((k - 1) / CLASSES) ** 2) + 1)
        high = min(maximum, math.floor(maximum * (k / CLASSES) ** 2))
        while low <= high and colour_class(low, maximum) < k:
            low += 1
        while high >= low and colour_class(high, maximum) > k:
            high -= 1
        if low <= high:
            ranges[k] = [low, high]
    return [(k, low, high) for k, (low, high) in sorted(ranges.items())]


def _frame(boxes: list[tuple[int, int, int, int]]) -> tuple[float, float, float, float]:
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[2] for b in boxes)
    y1 = max(b[3] for b in boxes)
    pad = MARGIN * max(x1 - x0, y1 - y0)
    return x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad


def _number(value: float) -> str:
    return str(round(value))


def map_svg(region_map: RegionMap) -> SafeString:
    """The map as an <svg> element; every value escaped."""
    escape = html.escape
    known = shapes()
    drawn = [(area, known[area.adcode]) for area in region_map.areas if area.adcode in known]
    if not drawn:
        return mark_safe("")  # noqa: S308 - empty
    boxes = [shape.bounds for _, shape in drawn]
    outline = known.get(region_map.outline) if region_map.outline else None
    if outline is not None:
        boxes.append(outline.bounds)
    x, y, width, height = _frame(boxes)
    inset = ""
    if region_map.country and SOUTH_CHINA_SEA in known:
        inset, width, height = _south_china_sea(drawn, known[SOUTH_CHINA_SEA], x, y, width, height)
    maximum = region_map.maximum
    items = []
    for area, shape in drawn:
        label = ngettext("%(name)s：%(count)s 个活动", "%(name)s：%(count)s 个活动", area.count) % {
            "name": area.name, "count": area.count}
        css = f"q{colour_class(area.count, maximum)}" + (" selected" if area.selected else "")
        items.append(
            f'<a href="{escape(area.url)}"><path id="map-{escape(shape.key)}" class="{css}" '
            f'd="{shape.d}"><title>{escape(label)}</title></path></a>'
        )
    parts = [
        f'<svg class="region-map-svg" viewBox="{_number(x)} {_number(y)} {_number(width)} {_number(height)}" '
        f'role="group" aria-label="{escape(region_map.caption)}" xmlns="http://www.w3.org/2000/svg">',
        f'<g class="map-areas">{"".join(items)}</g>',
    ]
    if outline is not None:
        parts.append(
            f'<path class="map-outline" d="{outline.d}"><title>{escape(region_map.outline_name)}</title></path>'
        )
    parts.append(inset)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - shape data is the fixture's digits; every text is escaped


def _south_china_sea(drawn, sea: Shape, x: float, y: float, width: float, height: float):
    """The inset in the country map's lower right corner, over the sea east
    of the coast (the frame grows to the right when the sea there is too
    narrow), drawn with <use> of the provinces it crosses: no second copy
    of their paths."""
    sx0, sy0, sx1, sy1 = sea.bounds
    sea_w, sea_h = sx1 - sx0, sy1 - sy0
    bottom, right, pad = y + height, x + width, MARGIN * height
    scale = INSET_SHARE * height / sea_h
    band_top = bottom - sea_h * scale - pad
    # The coast east of which the inset may sit: the easternmost land in
    # the inset's band of latitudes.
    coast = max((shape.bounds[2] for _, shape in drawn if shape.bounds[3] > band_top), default=x)
    room = right - coast - 2 * pad
    if room < sea_w * scale * 0.6:
        width += sea_w * scale + pad - max(room, 0)
        right = x + width
    else:
        scale = min(scale, room / sea_w)
    inset_w, inset_h = sea_w * scale, sea_h * scale
    left, top = right - inset_w - pad, bottom - inset_h - pad
    crossing = [
        shape.key for _, shape in drawn
        if shape.bounds[0] < sx1 and shape.bounds[2] > sx0 and shape.bounds[1] < sy1 and shape.bounds[3] > sy0
    ]
    uses = "".join(f'<use href="#map-{key}"/>' for key in crossing)
    transform = f"translate({_number(left - sx0 * scale)} {_number(top - sy0 * scale)}) scale({scale:.5f})"
    name = html.escape(sea.name)
    markup = (
        f'<g class="map-inset"><title>{name}</title>'
        f'<rect class="map-inset-frame" x="{_number(left)}" y="{_number(top)}" '
        f'width="{_number(inset_w)}" height="{_number(inset_h)}"/>'
        f'<clipPath id="map-inset-clip"><rect x="{sx0}" y="{sy0}" width="{sea_w}" height="{sea_h}"/>'
        f'</clipPath><g transform="{transform}" clip-path="url(#map-inset-clip)">{uses}'
        f'<path class="map-dashes" d="{sea.d}"/></g>'
        f'<text class="map-inset-label" x="{_number(left + inset_w - pad / 2)}" y="{_number(top + inset_h - pad / 2)}" '
        f'font-size="{_number(inset_h * 0.07)}" text-anchor="end">{name}</text></g>'
    )
    return markup, width, height


def legend(region_map: RegionMap) -> list[tuple[str, str]]:
    """(css class, text) of each colour the map uses."""
    rows = [("q0", gettext("无"))]
    for k, low, high in class_ranges(region_map.maximum):
        rows.append((f"q{k}", str(low) if low == high else f"{low}–{high}"))
    return rows
