"""On PostgreSQL, the trigram index of 0003 takes new rows at once
(fastupdate off) instead of gathering them in a pending list.

GIN's default keeps inserted entries in an unsorted pending list (up to
gin_pending_list_limit, 4 MB) until a vacuum merges them, and every search
reads the whole list.  An import writes thousands of entries (each event's
search text is some hundred trigrams, written again when a refresh updates
the row), so after an import a one-character search count went from about
30 ms to near 100 ms at 100,000 events until autovacuum came round.
Without the list an insert updates the index itself; importing 300
articles into 100,000 events took no longer (9.8 s against 10.7 s).  The
list already gathered is merged here.  Nothing on SQLite.
"""

from django.db import migrations

INDEX = "event_search_text_trgm"


def no_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} SET (fastupdate = off)")
    schema_editor.execute(
        f"SELECT gin_clean_pending_list('{INDEX}'::regclass) "
        f"WHERE to_regclass('{INDEX}') IS NOT NULL"
    )


def pending_list(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} RESET (fastupdate)")


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0006_verbose_names"),
    ]

    operations = [
        migrations.RunPython(no_pending_list, pending_list, elidable=False),
    ]
