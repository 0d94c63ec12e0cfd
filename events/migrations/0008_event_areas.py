"""The maps at scale: EventArea (the map areas each event lies in) and
EventsRefreshed (the gazetteer every event's derived rows were computed
with).  RegionTree.digest now covers the map areas too, so the fill
recomputes every event's region_tops with it, writes its areas, and records
the digest; at 100,000 events it takes some seconds.  See
events.services.events_refresh_all for the same outside a migration.
"""

from collections import defaultdict

import django.db.models.deletion
from django.db import migrations, models

BATCH = 2000


def fill(apps, schema_editor):
    from kb.selectors.regions import _tree_from_rows

    Region = apps.get_model("kb", "Region")
    Event = apps.get_model("events", "Event")
    EventArea = apps.get_model("events", "EventArea")
    EventsRefreshed = apps.get_model("events", "EventsRefreshed")
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
        values, areas = [], []
        for pk in chunk:
            regions = linked.get(pk)
            tops = tree.tops_of(regions) if regions else []
            # events.services.region_tops_value, as of this migration.
            value = f"{digest}:,{','.join(map(str, tops))}," if tops else (f"{digest}:" if regions else "-")
            values.append(value)
            areas += [EventArea(event_id=pk, area_id=area) for area in tree.areas_of(regions or ())]
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                "UPDATE events_event AS e SET region_tops = v.region_tops "
                "FROM unnest(%s::bigint[], %s::text[]) AS v(id, region_tops) WHERE e.id = v.id",
                [chunk, values],
            )
        else:
            rows = [Event(pk=pk, region_tops=value) for pk, value in zip(chunk, values)]
            Event.objects.using(using).bulk_update(rows, ["region_tops"], batch_size=500)
        EventArea.objects.using(using).bulk_create(areas, batch_size=5000)
    EventsRefreshed.objects.using(using).create(digest=digest)


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0007_search_index_no_pending_list'),
        ('kb', '0006_source_credits_curated'),
    ]

    operations = [
        migrations.CreateModel(
            name='EventsRefreshed',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('digest', models.CharField(max_length=40, verbose_name='地区树指纹')),
                ('refreshed_at', models.DateTimeField(auto_now=True, verbose_name='刷新时间')),
            ],
            options={
                'verbose_name': '活动派生数据刷新',
                'verbose_name_plural': '活动派生数据刷新',
            },
        ),
        migrations.CreateModel(
            name='EventArea',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('area', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='kb.region', verbose_name='地图区域')),
                ('event', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='events.event', verbose_name='活动')),
            ],
            options={
                'verbose_name': '活动所在地图区域',
                'verbose_name_plural': '活动所在地图区域',
                'indexes': [models.Index(fields=['area', 'event'], name='eventarea_area_event_idx')],
                'constraints': [models.UniqueConstraint(fields=('event', 'area'), name='eventarea_unique')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
