"""django-import-export resources: CSV and XLSX import and export in the admin.

The admin's files are for curators who export a table, edit it in a
spreadsheet and import it back, so exporting and re-importing the same rows
must change nothing:

* every column is text in a form that parses back to the same value (ISO
  dates and times with their microseconds, JSON as JSON, aliases as
  `甲; 乙`), whatever the file format;
* skip_unchanged: a row equal to the database is reported as skipped and
  not saved (so auto_now fields and curator_edited stay as they are);
* cells that a spreadsheet would run as a formula are escaped on export with
  kb.exporting.escape_formula and unescaped on import, so the escaping never
  reaches the database;
* model fields that are not editable (import keys, timestamps) are exported
  for reference but never imported.

The public CSV export (kb.exporting) is a different, read-only contract.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import OrderedDict

import tablib
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from import_export import fields, resources, widgets
from import_export.formats import base_formats

from kb.exporting import escape_formula, unescape_formula
from kb.forms import ALIAS_SEPARATOR_CHARACTERS, split_aliases
from kb.models import (
    CuratedModel,
    Evidence,
    Organisation,
    Person,
    Position,
    Quote,
    Region,
    Source,
    SourceCredit,
)

# Widgets ----------------------------------------------------------------------
# They always render text (never native spreadsheet types): an XLSX date cell
# comes back as a datetime, an XLSX number as a float, and either would make
# an unchanged row look changed.


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class IsoDateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return dt.date.fromisoformat(str(value).strip())

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value is not None else ""


class IsoDateTimeWidget(widgets.Widget):
    """ISO 8601 with the offset and microseconds, in the site's time zone."""

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return None
        if not isinstance(value, dt.datetime):
            value = dt.datetime.fromisoformat(str(value).strip())
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )


class IsoTimeWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return None
        if isinstance(value, dt.time):
            return value
        return dt.time.fromisoformat(str(value).strip())

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value is not None else ""


class ReadableJSONWidget(widgets.Widget):
    """JSON with the Chinese left readable (the library's widget writes
    \\uXXXX escapes)."""

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return None
        return json.loads(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else json.dumps(value, ensure_ascii=False)


class NullableCharWidget(widgets.CharWidget):
    """An empty cell is NULL (adcode, import key: unique columns where many
    rows have no value)."""

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return None
        return super().clean(value, row, **kwargs)


class AliasesWidget(widgets.Widget):
    """A list of aliases as `甲; 乙`, the way curators type them.

    A list that the friendly form cannot carry exactly (an alias with a
    separator in it, or with spaces around it) is written as JSON instead,
    so the round trip stays exact."""

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return []
        if isinstance(value, list):
            return value
        text = str(value)
        if text.lstrip().startswith("["):
            return json.loads(text)
        return split_aliases(text)

    def render(self, value, obj=None, **kwargs):
        aliases = list(value or [])
        friendly = "; ".join(aliases)
        if all(
            isinstance(alias, str)
            and alias
            and alias == alias.strip()
            and not any(sep in alias for sep in ALIAS_SEPARATOR_CHARACTERS)
            for alias in aliases
        ) and not friendly.startswith("["):
            return friendly
        return json.dumps(aliases, ensure_ascii=False)


class ContentTypeWidget(widgets.Widget):
    """A content type as `app_label.model` (ids differ between databases)."""

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return None
        app_label, _, model = str(value).strip().partition(".")
        return ContentType.objects.get_by_natural_key(app_label, model)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else f"{value.app_label}.{value.model}"


# Formats ----------------------------------------------------------------------


class _ResourceEscapes:
    """The resources escape formulas themselves, reversibly.  The library's
    own escaping (IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT) drops a leading
    `=` for good and turns empty cells into the text "None", which would
    break the round trip, so these formats skip it."""

    def _escape_formulae(self, dataset):
        return None


class CSV(_ResourceEscapes, base_formats.CSV):
    pass


# XLSX is XML, which cannot hold most control characters and turns a carriage
# return into a line feed when read; an article's raw text has both.  OOXML's
# own escape (_xHHHH_, with a literal "_x" written as _x005F_x) carries them,
# and Excel shows the characters themselves.
_XLSX_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_|[\x00-\x08\x0b-\x1f]")
_XLSX_UNESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def xlsx_escape(text: str) -> str:
    def replace(match):
        found = match.group()
        return "_x005F" + found if found.startswith("_x") else f"_x{ord(found):04X}_"

    return _XLSX_ESCAPE.sub(replace, text)


def xlsx_unescape(text: str) -> str:
    return _XLSX_UNESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


def _map_strings(dataset: tablib.Dataset, function) -> tablib.Dataset:
    mapped = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        mapped.append([function(value) if isinstance(value, str) else value for value in row])
    return mapped


class XLSX(_ResourceEscapes, base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        return super().export_data(_map_strings(dataset, xlsx_escape), **kwargs)

    def create_dataset(self, in_stream):
        return _map_strings(super().create_dataset(in_stream), xlsx_unescape)


ADMIN_FORMATS = [fmt for fmt in (CSV, XLSX) if fmt.is_available()]


# Resources --------------------------------------------------------------------


class KbResource(resources.ModelResource):
    WIDGETS_MAP = {
        **resources.ModelResource.WIDGETS_MAP,
        "DateField": IsoDateWidget,
        "DateTimeField": IsoDateTimeWidget,
        "TimeField": IsoTimeWidget,
        "JSONField": ReadableJSONWidget,
        # An empty XLSX cell reads as None; text columns want "" back.
        "TextField": widgets.CharWidget,
    }

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if f.null and isinstance(f, models.CharField | models.TextField):
            return NullableCharWidget
        return super().widget_from_django_field(f, default)

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        # Import keys and timestamps belong to the importer and the database.
        return super().field_from_django_field(
            field_name, django_field, readonly or not django_field.editable
        )

    def export_resource(self, instance, selected_fields=None, **kwargs):
        row = super().export_resource(instance, selected_fields, **kwargs)
        return [escape_formula(value) if isinstance(value, str) else value for value in row]

    def import_row(self, row, instance_loader, **kwargs):
        row = OrderedDict(
            (column, unescape_formula(value) if isinstance(value, str) else value)
            for column, value in row.items()
        )
        return super().import_row(row, instance_loader, **kwargs)

    def before_save_instance(self, instance, row, **kwargs):
        # A changed row of an imported record is a curator's edit, as a saved
        # change form is: re-import must not overwrite it.  Unchanged rows
        # never get here (skip_unchanged).
        if (
            isinstance(instance, CuratedModel)
            and not instance._state.adding
            and instance.import_key
        ):
            instance.curator_edited = True


CURATION_FIELDS = (
    "review_status",
    "flagged",
    "flag_reason",
    "reviewed_by",
    "reviewed_at",
    "curator_edited",
    "import_key",
    "created_at",
    "updated_at",
)


class SourceResource(KbResource):
    class Meta:
        model = Source
        fields = (
            "id",
            "file_name",
            "content_hash",
            "encoding",
            "outlet",
            "title",
            "title_original",
            "published_date",
            "published_time",
            "published_precision",
            "script",
            "raw_text",
            "text_original",
            "text",
            "repair_log",
            "terms",
            "pipeline_version",
            *CURATION_FIELDS,
            "imported_at",
        )


class SourceCreditResource(KbResource):
    class Meta:
        model = SourceCredit
        fields = ("id", "source", "person", "name", "role", "role_original")

    def before_save_instance(self, instance, row, **kwargs):
        # A credit from a curator's file is theirs: re-import of the article
        # keeps it, and the imported pair it corrects is not written again.
        from kb.services.credits import credit_mark_curated

        stored = SourceCredit.objects.filter(pk=instance.pk).values_list("name", "role", "curator_edited").first()
        if stored is not None:
            instance.curator_edited = stored[2]
        credit_mark_curated(credit=instance, was=stored[:2] if stored else None)


class RegionResource(KbResource):
    aliases = fields.Field(attribute="aliases", column_name="aliases", widget=AliasesWidget())

    class Meta:
        model = Region
        fields = ("id", "name", "aliases", "level", "parent", "adcode", "slug", "members")

    def filter_export(self, queryset, **kwargs):
        return queryset.prefetch_related("members")


class OrganisationResource(KbResource):
    aliases = fields.Field(attribute="aliases", column_name="aliases", widget=AliasesWidget())

    class Meta:
        model = Organisation
        fields = (
            "id",
            "name",
            "name_original",
            "aliases",
            "kind",
            "region",
            "parent",
            "founded",
            "founded_precision",
            "merged_into",
            *CURATION_FIELDS,
        )


class PersonResource(KbResource):
    aliases = fields.Field(attribute="aliases", column_name="aliases", widget=AliasesWidget())

    class Meta:
        model = Person
        fields = ("id", "name", "name_original", "aliases", "merged_into", *CURATION_FIELDS)


class PositionResource(KbResource):
    class Meta:
        model = Position
        fields = (
            "id",
            "person",
            "title",
            "organisation",
            "organisation_name",
            "as_of",
            "as_of_precision",
            "source",
        )


class QuoteResource(KbResource):
    class Meta:
        model = Quote
        fields = (
            "id",
            "kind",
            "text",
            "text_original",
            "speaker",
            "speaker_label",
            "speaker_title",
            "speaker_organisation",
            "event",
            "source",
            *CURATION_FIELDS,
        )


class EvidenceResource(KbResource):
    content_type = fields.Field(
        attribute="content_type", column_name="content_type", widget=ContentTypeWidget()
    )

    class Meta:
        model = Evidence
        fields = ("id", "source", "content_type", "object_id", "start", "end", "sentence", "note",
                  "curator_made", "anchor_text", "anchor_lost")
