"""`manage.py benchmark` on a tiny database: it finishes and writes valid
JSON with every figure.  (The figures themselves are for the benchmark's
own runs, never for a test.)"""

import io
import json
from numbers import Number

from django.core.management import call_command


def number(value) -> bool:
    return isinstance(value, Number) and not isinstance(value, bool) and value >= 0


def test_benchmark_smoke_run_writes_every_figure(db, tmp_path):
    call_command("load_regions", stdout=io.StringIO())
    path = tmp_path / "benchmark.json"
    out = io.StringIO()
    call_command(
        "benchmark", events=200, articles=5, repeat=1, workers=2, memory="in-process",
        json=path, stdout=out, stderr=io.StringIO(),
    )
    result = json.loads(path.read_text(encoding="utf-8"))
    assert result["database"]["events"] >= 200
    assert result["data"]["built"] >= 200 - result["data"]["had"]

    timeline = result["timeline"]
    for name in ("unfiltered", "filtered"):
        item = timeline[name]
        assert number(item["cold_ms"]) and number(item["warm_ms"])
        assert all(number(v) for v in item["cold_parts"].values())
        # The same queries at N and at N/10, cold and warm.
        assert timeline["queries"][name] == timeline["queries_tenth"][name]
        assert timeline["queries"][name]["warm"] < timeline["queries"][name]["cold"]
    assert timeline["public_events_tenth"] < timeline["public_events"]
    cached = timeline["page_cache"]
    assert all(number(cached[k]) for k in ("unfiltered_cached_ms", "filtered_cached_ms", "first_after_import_ms"))

    for query, item in result["search"].items():
        assert number(item["count_ms"]) and number(item["first_page_ms"]) and number(item["matches"])
        assert item["same_as_substring_test"] is True, query

    found = result["maps"]
    assert set(found) == {"country", "province", "province, filtered", "macro-region of cities",
                          "macro-region of provinces", "region page: province",
                          "region page: macro-region of cities", "region page: macro-region of provinces"}
    assert (found["country"]["areas"], found["country"]["queries"]) == (34, 0)  # from the summary
    for name, item in found.items():
        assert all(number(item[k]) for k in ("uncached_ms", "draw_ms", "cached_ms")), name
        assert 0 < item["svg_bytes"] <= 150_000, name
        # A macro-region of provinces' region page also reads the public
        # region facet (kept for every such page).
        assert item["queries"] <= (2 if name == "region page: macro-region of provinces" else 1), name

    export = result["export"]
    for name in ("ours", "floor", "import_export"):
        assert export[name]["rows"] > 0 and number(export[name]["rows_per_second"])
    assert export["ours"]["rows"] == export["floor"]["rows"] == result["database"]["events"]
    assert export["floor_writes_the_same_file"] is True
    assert all(number(export["memory"][name]["growth_mib"]) for name in ("ours", "floor"))
    assert "skipped" in export["datasette"]  # an in-memory or PostgreSQL test database
    assert number(export["ratios"]["ours_time_over_floor_time"])
    assert number(export["ratios"]["ours_speed_over_import_export"])

    imports = result["import"]
    single = imports["one_process"]
    assert single["files"] == 5
    assert number(single["articles_per_second"]) and number(single["characters_per_second"])
    assert abs(sum(single["step_share"].values()) - 1) < 0.01
    assert number(imports["workers"]["articles_per_second"])

    workbench = result["workbench"]
    assert (workbench["characters"], workbench["spans"]) == (20_000, 300)
    for name in ("simplified", "as_written"):
        assert number(workbench[name]["median_ms"]) and workbench[name]["queries"] > 0
    # Measured inside a transaction that was rolled back.
    from kb.models import Source

    assert not Source.objects.filter(file_name="benchmark-workbench.txt").exists()

    printed = out.getvalue()
    assert "workbench of a source" in printed
    assert "timeline /" in printed and "events CSV export" in printed and str(path) in printed
