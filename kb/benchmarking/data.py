"""The data the benchmark measures: at least N events, built with
`make_synthetic` when the database has fewer."""

from __future__ import annotations

import io
import time

from django.core.management import call_command
from django.core.management.base import CommandError

from events.models import Event

# make_synthetic writes a seed's events once; more events come from the
# next seed not used yet.
MAX_SEEDS = 1000


def event_count() -> int:
    return Event.objects.count()


def ensure_events(n: int, *, log=print) -> dict:
    """Make sure the database holds at least `n` events.  Returns what was
    there, what was built and how long building took."""
    have = event_count()
    result = {"had": have, "built": 0, "build_seconds": None}
    if have >= n:
        return result
    missing = n - have
    log(f"building {missing} synthetic events with make_synthetic (the database has {have}) …")
    started = time.perf_counter()
    for seed in range(MAX_SEEDS):
        try:
            call_command("make_synthetic", events=missing, seed=seed, stdout=io.StringIO())
        except CommandError as error:
            if "already there" in str(error):
                continue
            raise
        break
    else:  # pragma: no cover - a thousand seeds used
        raise CommandError("no unused make_synthetic seed left")
    result["built"] = event_count() - have
    result["build_seconds"] = round(time.perf_counter() - started, 1)
    log(f"built {result['built']} events in {result['build_seconds']} s")
    return result
