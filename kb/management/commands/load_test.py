"""python manage.py load_test [--url http://127.0.0.1:8000] [--duration 60]
[--connections 50] [--max-requests N] [--json]

Drives a running site (loopback only) over the public URL mix — timeline,
filtered timelines, event, organisation, region and source pages, CSV
exports of filtered lists — with ids read from this database (point
DATABASE_URL at the server's), and reports requests per second, p50/p99
latency and errors per URL group and overall.  Exit status 1 when any
request failed.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from kb.benchmarking.load import NotLoopback, loopback_target, report_rows, run_load
from kb.benchmarking.load_urls import mix, url_groups

MAX_DURATION = 600
MAX_CONNECTIONS = 200


class Command(BaseCommand):
    help = "Load-test a running site on this machine and report throughput, latency and errors."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="the server (loopback only)")
        parser.add_argument("--duration", type=float, default=60.0,
                            help=f"seconds to run (at most {MAX_DURATION})")
        parser.add_argument("--connections", type=int, default=50,
                            help=f"concurrent connections (at most {MAX_CONNECTIONS})")
        parser.add_argument("--max-requests", type=int, default=None, help="stop after this many requests")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args, **options):
        duration, connections = options["duration"], options["connections"]
        if not 0 < duration <= MAX_DURATION:
            raise CommandError(f"--duration must be in (0, {MAX_DURATION}]")
        if not 0 < connections <= MAX_CONNECTIONS:
            raise CommandError(f"--connections must be in [1, {MAX_CONNECTIONS}]")
        if options["max_requests"] is not None and options["max_requests"] < 1:
            raise CommandError("--max-requests must be at least 1")
        try:
            loopback_target(options["url"])
        except NotLoopback as error:
            raise CommandError(f"refused: {error}") from error
        groups = url_groups()
        if not groups:
            raise CommandError("nothing to ask for: the database has no public records")
        result = run_load(options["url"], mix(groups), duration=duration, connections=connections,
                          max_requests=options["max_requests"])
        rows = report_rows(result)
        if options["json"]:
            self.stdout.write(json.dumps({"seconds": round(result.seconds, 1), "connections": connections,
                                          "groups": rows}, ensure_ascii=False))
        else:
            self._table(rows, result.seconds, connections)
        samples = [s for group in result.groups.values() for s in group.error_samples]
        for sample in samples[:10]:
            self.stderr.write(f"error: {sample}")
        if rows[-1]["errors"]:
            raise CommandError(f"{rows[-1]['errors']} request(s) failed", returncode=1)

    def _table(self, rows, seconds: float, connections: int) -> None:
        self.stdout.write(f"{connections} connections, {seconds:.1f} s")
        self.stdout.write(f"{'group':<22}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
        for row in rows:
            self.stdout.write(f"{row['group']:<22}{row['requests']:>10}{row['rps']:>9}"
                              f"{row['p50_ms']:>9}{row['p99_ms']:>9}{row['errors']:>8}")
