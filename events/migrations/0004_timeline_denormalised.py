"""The timeline at scale: Event.region_tops (the top regions each event lies
in, for the region facet), Event.denormalised_at and the indexes behind
the timeline cache's fingerprint (see events.selectors).

The fill computes region_tops for the events already there, in batches; at
100,000 events it takes some seconds.  Events it misses (or a gazetteer
changed later) are still counted right, the slow way, until
events.services.events_refresh_denormalised refreshes them.
"""

from collections import defaultdict

from django.db import migrations, models

BATCH = 2000


def fill_region_tops(apps, schema_editor):
    from kb.selectors.regions import _tree_from_rows

    Region = apps.get_model("kb", "Region")
    Event = apps.get_model("events", "Event")
    Link = Event.regions.through
    using = schema_editor.connection.alias
    tree = _tree_from_rows(
        Region.objects.using(using).values_list("id", "parent_id", "level", "name", "adcode", "members")
    )
    digest = tree.digest
    ids = list(Event.objects.using(using).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        linked = defaultdict(list)
        for event_id, region_id in Link.objects.using(using).filter(event_id__in=chunk).values_list(
            "event_id", "region_id"
        ):
            linked[event_id].append(region_id)
        values = []
        for pk in chunk:
            regions = linked.get(pk)
            tops = tree.tops_of(regions) if regions else []
            # events.services.region_tops_value, as of this migration.
            value = f"{digest}:,{','.join(map(str, tops))}," if tops else (f"{digest}:" if regions else "-")
            values.append(value)
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                "UPDATE events_event AS e SET region_tops = v.region_tops "
                "FROM unnest(%s::bigint[], %s::text[]) AS v(id, region_tops) WHERE e.id = v.id",
                [chunk, values],
            )
        else:
            rows = [Event(pk=pk, region_tops=value) for pk, value in zip(chunk, values)]
            Event.objects.using(using).bulk_update(rows, ["region_tops"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0003_search_text"),
        ("kb", "0002_search_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="denormalised_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="event",
            name="region_tops",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["updated_at"], name="event_updated_idx"),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["denormalised_at"], name="event_denormalised_idx"),
        ),
        migrations.RunPython(fill_region_tops, migrations.RunPython.noop, elidable=True),
        # After the fill: building it first would make the fill's updates
        # maintain it row by row.
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                fields=["kind", "region_tops", "start_date", "date_precision", "review_status"],
                name="event_summary_idx",
            ),
        ),
        # The link table is Django's own (no model to hold an index): the
        # region filter's subquery reads event ids by region from this
        # index alone.
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS event_regions_region_event_idx "
            "ON events_event_regions (region_id, event_id)",
            "DROP INDEX IF EXISTS event_regions_region_event_idx",
            elidable=True,
        ),
    ]
