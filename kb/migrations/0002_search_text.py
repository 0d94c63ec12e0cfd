"""Organisation.search_text and Person.search_text: the names and aliases in
Simplified, case-folded, for the public site's text search (aliases live in a
JSON column, which cannot be searched for Chinese text: Django stores it with
\\u escapes)."""

from django.db import migrations, models

from kb.models import search_text_of


def fill(apps, schema_editor):
    for name in ("Organisation", "Person"):
        model = apps.get_model("kb", name)
        rows = list(model.objects.only("pk", "name", "name_original", "aliases"))
        for row in rows:
            row.search_text = search_text_of(row.name, row.name_original, list(row.aliases or ()))
        model.objects.bulk_update(rows, ["search_text"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ("kb", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="person",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
