"""The pieces of `python manage.py benchmark`: what the site costs at scale,
measured on the database it is pointed at.

- timeline: server time of the timeline page `/` (through the whole Django
  stack with the test client: middleware, view, template), with and without
  filters, with the summary cache cold and warm, and its SQL query counts
  at N and at N/10 events;
- export: the events CSV (every column) in rows per second and peak memory,
  beside a floor (raw cursors and the csv module), django-import-export's
  own export of events.resources.EventResource, and Datasette's streamed CSV
  of the same SQLite table;
- search: text search for one-, two- and four-character Chinese queries;
- imports: the article importer, per article and per step.

Timings are medians of repeated runs.  Nothing here runs in the test suite
except a tiny smoke run (tests/test_benchmark_smoke.py).
"""
