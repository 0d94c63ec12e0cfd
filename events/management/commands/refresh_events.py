"""Recompute every event's derived rows (search text, top regions, map
areas) with the gazetteer as it is now: `manage.py refresh_events`, after
regions were edited in the admin (load_regions does it by itself when it
changes the gazetteer).  Until then the timeline's region facet and the
maps count the events the exact, slow way, and give the same figures."""

from django.core.management.base import BaseCommand

from events.services import events_refresh_all


class Command(BaseCommand):
    help = "Recompute every event's derived rows (search text, top regions, map areas) with the gazetteer."

    def handle(self, *args, **options):
        changed = events_refresh_all()
        self.stdout.write(f"events refreshed: {changed} changed")
