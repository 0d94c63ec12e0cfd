"""Load the region gazetteer fixture: `manage.py load_regions [--path …]`.

Safe to run again: it updates in place and reports what changed.  When the
gazetteer is not the one every event's derived rows were computed with (it
changed, or events were refreshed with another since), it refreshes them
all (events.services.events_refresh_all)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.services import events_derived_current, events_refresh_all
from kb.services.regions import regions_load

DEFAULT_PATH = Path(settings.BASE_DIR) / "fixtures" / "regions.json"


class Command(BaseCommand):
    help = "Load (or update) the region gazetteer from fixtures/regions.json."

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, default=DEFAULT_PATH)

    def handle(self, *args, path, **options):
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        try:
            counts = regions_load(path=path)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"regions: {counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged"
        )
        if not events_derived_current():
            changed = events_refresh_all()
            self.stdout.write(f"events refreshed with the gazetteer: {changed} changed")
