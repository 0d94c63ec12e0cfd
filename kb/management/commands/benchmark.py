"""python manage.py benchmark [--events N] [--articles M] [--json FILE] [--repeat R]
                             [--export-events E] [--workers W] [--only PARTS]

What the site costs at scale, measured on the database it is pointed at
(kb.benchmarking): the timeline page with and without filters and its SQL
query counts at N and N/10 events, the events CSV export beside a floor,
django-import-export and Datasette, text search, the importer, the maps, and the
curators' workbench of a 20,000-character article with 300 spans.  Builds
the events with make_synthetic when the database has fewer than N.  Prints
a table and writes every figure to a JSON file.  Medians of R runs.

Run it on a database made for it, not on one that matters: it adds
synthetic records when there are too few (and leaves them), and while it
measures it changes rows inside transactions it rolls back.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

PARTS = ("timeline", "search", "maps", "export", "import", "workbench")


class Command(BaseCommand):
    help = "Measure the timeline, search, CSV export and import at N events; print a table, write JSON."

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=100_000, help="events to measure at (default 100000)")
        parser.add_argument("--articles", type=int, default=1000, help="articles to import (default 1000)")
        parser.add_argument("--json", type=Path, help="file for the figures (default var/benchmark-<database>.json)")
        parser.add_argument("--repeat", type=int, default=7, help="runs per timing; medians are reported (default 7)")
        parser.add_argument(
            "--export-events", type=int,
            help="also measure export memory at this many events (e.g. 1000000; builds them when missing)",
        )
        parser.add_argument(
            "--import-export-rows", type=int, default=20_000,
            help="rows for django-import-export's export (default 20000: it holds them all in memory)",
        )
        parser.add_argument(
            "--workers", type=int, default=os.cpu_count() or 1,
            help="import workers for the second import run (default: the number of cores)",
        )
        parser.add_argument("--only", help=f"comma-separated parts to run: {', '.join(PARTS)} (default all)")
        parser.add_argument(
            "--memory", choices=("subprocess", "in-process"), default="subprocess",
            help="measure export memory in a child process (peak RSS; default) or here (tracemalloc)",
        )
        # A child process measuring one export's memory (see kb.benchmarking.export).
        parser.add_argument("--child-export", help="(internal)")
        parser.add_argument("--child-rows", type=int, help="(internal)")

    def handle(self, *args, **options):
        if options["child_export"]:
            from kb.benchmarking.export import child_export

            self.stdout.write(json.dumps(child_export(options["child_export"], options["child_rows"])))
            return
        parts = PARTS if not options["only"] else tuple(p.strip() for p in options["only"].split(","))
        unknown = set(parts) - set(PARTS)
        if unknown:
            raise CommandError(f"unknown parts: {', '.join(sorted(unknown))}")
        if options["events"] < 10 or options["repeat"] < 1:
            raise CommandError("--events must be at least 10 and --repeat at least 1")
        result = self.measure(parts, options)
        path = options["json"] or self.default_json()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        self.stdout.write(report_table(result))
        self.stdout.write(f"\nfigures written to {path}")

    def log(self, message: str) -> None:
        self.stderr.write(message)

    def default_json(self) -> Path:
        from django.db import connection

        return Path(settings.BASE_DIR) / "var" / f"benchmark-{connection.vendor}.json"

    def measure(self, parts, options) -> dict:
        from kb.benchmarking import common, data

        repeat = options["repeat"]
        result = {
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": common.machine_info(),
            "database": common.database_info(),
            "options": {
                "events": options["events"], "articles": options["articles"], "repeat": repeat,
                "export_events": options["export_events"], "workers": options["workers"],
            },
        }
        result["data"] = data.ensure_events(options["events"], log=self.log)
        result["database"]["events"] = data.event_count()
        if "timeline" in parts:
            from kb.benchmarking.timeline import measure_timeline

            result["timeline"] = measure_timeline(repeat=repeat, log=self.log)
        if "search" in parts:
            from kb.benchmarking.search import measure_search

            result["search"] = measure_search(repeat=repeat, log=self.log)
        if "maps" in parts:
            from kb.benchmarking.maps import measure_maps

            result["maps"] = measure_maps(repeat=repeat, log=self.log)
        if "workbench" in parts:
            from kb.benchmarking.workbench import measure_workbench

            result["workbench"] = measure_workbench(repeat=repeat, log=self.log)
        if "import" in parts:
            from kb.benchmarking.imports import measure_import

            result["import"] = measure_import(
                articles=options["articles"], workers=options["workers"], log=self.log
            )
        if "export" in parts:
            from kb.benchmarking.export import measure_export, measure_export_memory

            in_process = options["memory"] == "in-process"
            result["export"] = measure_export(
                rows=result["database"]["events"], repeat=max(1, min(repeat, 5)),
                import_export_rows=options["import_export_rows"], in_process=in_process,
                datasette_repeat=max(1, min(repeat, 3)), log=self.log,
            )
            if options["export_events"]:
                built = data.ensure_events(options["export_events"], log=self.log)
                result["export"]["large"] = {
                    "build": built,
                    **measure_export_memory(rows=options["export_events"], in_process=in_process, log=self.log),
                }
        result["machine"]["load_average_end"] = common.load_average()
        return result


# The printed table ------------------------------------------------------------------------


def _row(label: str, *values) -> str:
    return f"  {label:<44}" + "".join(f"{'' if v is None else v!s:>16}" for v in values)


def report_table(result: dict) -> str:
    machine, database = result["machine"], result["database"]
    lines = [
        f"benchmark {result['when']}: {database['vendor']} {database['version']}, "
        f"{database['events']} events",
        f"machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB, "
        f"Python {machine['python']}, Django {machine['django']}, load average "
        f"{machine['load_average']} → {machine.get('load_average_end')}",
    ]
    timeline = result.get("timeline")
    if timeline:
        lines += ["", "timeline / (server time, median ms)", _row("", "cold", "warm", "queries c/w", "at N/10 c/w")]
        for name in ("unfiltered", "filtered"):
            item = timeline[name]
            counts, tenth = timeline["queries"][name], timeline["queries_tenth"][name]
            lines.append(_row(
                name, item["cold_ms"], item["warm_ms"], f"{counts['cold']}/{counts['warm']}",
                f"{tenth['cold']}/{tenth['warm']}",
            ))
            parts = item["cold_parts"]
            lines.append(_row(
                "  cold parts: nested / chart / facets", parts["nested_ms"], parts["chart_ms"], parts["facets_ms"]
            ))
        lines.append(_row("region facet from the link table (before)", timeline["region_facet_from_links_ms"]))
        cached = timeline.get("page_cache")
        if cached:
            lines.append(_row("page cached: unfiltered / filtered / first after an import",
                              cached["unfiltered_cached_ms"], cached["filtered_cached_ms"],
                              cached["first_after_import_ms"]))
        lines.append(f"  filtered: {timeline['urls']['filtered']}")
    search = result.get("search")
    if search:
        lines += ["", "search (median ms)", _row("", "matches", "count", "first 50", "= substring")]
        for query, item in search.items():
            lines.append(_row(f"{query} ({item['characters']} chars)", item["matches"], item["count_ms"],
                              item["first_page_ms"], item["same_as_substring_test"]))
    export = result.get("export")
    if export:
        lines += ["", "events CSV export (every column)", _row("", "rows", "rows/s", "memory MiB")]
        for name in ("ours", "floor"):
            lines.append(_row(name, export[name]["rows"], export[name]["rows_per_second"],
                              export["memory"][name]["growth_mib"]))
        lines.append(_row("django-import-export", export["import_export"]["rows"],
                          export["import_export"]["rows_per_second"]))
        ds = export["datasette"]
        lines.append(_row("Datasette (table only)", ds.get("rows"), ds.get("rows_per_second"))
                     if "skipped" not in ds else f"  Datasette: {ds['skipped']}")
        ratios = export["ratios"]
        lines.append(f"  ours/floor time {ratios['ours_time_over_floor_time']}×, "
                     f"× import-export {ratios['ours_speed_over_import_export']}, "
                     f"× Datasette {ratios['ours_speed_over_datasette']}; "
                     f"floor writes the same file: {export['floor_writes_the_same_file']}")
        large = export.get("large")
        if large:
            lines.append(_row(f"at {large['rows']} rows: ours", large["ours"]["rows"],
                              large["ours"].get("rows_per_second"), large["ours"]["growth_mib"]))
            lines.append(_row(f"at {large['rows']} rows: floor", large["floor"]["rows"],
                              large["floor"].get("rows_per_second"), large["floor"]["growth_mib"]))
    found = result.get("maps")
    if found:
        lines += ["", "maps (server time, ms; with the timeline summary computed)",
                  _row("", "uncached", "draw", "cached", "queries", "KB")]
        for name, item in found.items():
            lines.append(_row(f"{name} ({item['areas']} areas)", item["uncached_ms"], item["draw_ms"],
                              item["cached_ms"], item["queries"], round(item["svg_bytes"] / 1000, 1)))
    workbench = result.get("workbench")
    if workbench:
        lines += ["", f"workbench of a source of {workbench['characters']} characters, {workbench['spans']} spans "
                      "(server time, ms)", _row("", "median", "max", "queries", "bytes")]
        for name in ("simplified", "as_written"):
            item = workbench[name]
            lines.append(_row(name, item["median_ms"], item["max_ms"], item["queries"], item["bytes"]))
    imports = result.get("import")
    if imports:
        single = imports["one_process"]
        lines += ["", f"import of {imports['articles']} synthetic articles",
                  _row("", "articles/s", "chars/s", "seconds")]
        lines.append(_row("one process", single["articles_per_second"], single["characters_per_second"],
                          single["seconds"]))
        workers = imports.get("workers")
        if workers and "skipped" not in workers:
            lines.append(_row(f"{workers['workers']} workers", workers["articles_per_second"],
                              workers["characters_per_second"], workers["seconds"]))
        shares = ", ".join(f"{name} {share:.0%}" for name, share in single["step_share"].items())
        lines.append(f"  share of time (one process): {shares}")
    return "\n".join(lines)
