"""The events table of the CSV export contract (see kb.exporting)."""

from collections import defaultdict

from django.db.models import Q, Value

from kb import dates
from kb.exporting import (
    LIST_SEPARATOR,
    Exporter,
    batched,
    cell,
    chinese_labels,
    id_list,
    pk_in,
)
from kb.models import Evidence, Organisation, Person

from .models import Event, EventRole, Role


class EventExporter(Exporter):
    model = Event
    columns = (
        "id",
        "kind",
        "title",
        "title_original",
        "start_date",
        "end_date",
        "date_precision",
        "parent_id",
        "regions",
        "organisations",
        "people",
        "participants",
        "source_ids",
        "review_status",
    )
    fields = (
        "pk",
        "kind",
        "title",
        "title_original",
        "start_date",
        "end_date",
        "date_precision",
        "parent_id",
        "participants",
        "review_status",
    )

    def rows(self, queryset):
        """Every row, streamed: the events in chunks (plain tuples from a
        server-side cursor), each chunk's regions, roles and sources read
        with one query per table, and the names behind them looked up by
        id for the chunk (an index look-up per name, where joining the
        names in made the database hash the whole organisation and person
        tables once per chunk)."""
        using = queryset.db
        labels = chinese_labels(Role)
        records = queryset.values_list(*self.fields).iterator(chunk_size=self.chunk_size)
        iso = dates.iso_at_precision
        for chunk in batched(records, self.chunk_size):
            related = self.related([values[0] for values in chunk], using=using, labels=labels)
            regions, organisations = related["regions"], related["organisations"]
            people, sources = related["people"], related["source_ids"]
            for pk, kind, title, title_original, start, end, precision, parent, participants, status in chunk:
                yield [
                    str(pk),
                    cell(kind),
                    cell(title),
                    cell(title_original),
                    iso(start, precision),
                    iso(end, precision),
                    cell(precision),
                    "" if parent is None else str(parent),
                    cell(regions.get(pk, "")),
                    cell(organisations.get(pk, "")),
                    cell(people.get(pk, "")),
                    "" if participants is None else str(participants),
                    sources.get(pk, ""),
                    cell(status),
                ]

    def related(self, ids, *, using="default", labels=None):
        """What a chunk of events (`ids`, a list) needs from other tables:
        four queries (region links with their names, roles, the names of
        the roles' organisations and people, evidence)."""
        ids = list(ids)
        labels = labels or chinese_labels(Role)
        wanted = set(ids)
        links = [
            row
            for row in Event.regions.through.objects.using(using)
            .filter(chunk_condition("event_id", ids, using))
            .order_by("event_id", "id")
            .values_list("event_id", "region__name")
            if row[0] in wanted
        ]
        roles = [
            row
            for row in EventRole.objects.using(using)
            .filter(chunk_condition("event_id", ids, using))
            .order_by("event_id", "id")
            .values_list("event_id", "organisation_id", "person_id", "role")
            if row[0] in wanted
        ]
        evidence = (
            Evidence.objects.using(using)
            .filter(chunk_condition("object_id", ids, using), content_type__app_label="events",
                    content_type__model="event")
            .order_by()
            .values_list("object_id", "source_id")
            .distinct()
        )
        org_names, person_names = _party_names(
            {org for _, org, _, _ in roles if org is not None},
            {person for _, _, person, _ in roles if person is not None},
            using,
        )
        grouped = {"regions": defaultdict(list), "organisations": defaultdict(list), "people": defaultdict(list)}
        for event_id, name in links:
            grouped["regions"][event_id].append(name)
        for event_id, org, person, role in roles:
            label = labels.get(role, role)
            if org is not None:
                grouped["organisations"][event_id].append(f"{org_names[org]} ({label})")
            elif person is not None:
                grouped["people"][event_id].append(f"{person_names[person]} ({label})")
        join = LIST_SEPARATOR.join  # the names are text already (join_list's str() is not needed)
        related = {name: {k: join(v) for k, v in items.items()} for name, items in grouped.items()}
        sources = defaultdict(set)
        for object_id, source_id in evidence:
            if object_id in wanted:
                sources[object_id].add(source_id)
        related["source_ids"] = {pk: join(map(str, sorted(found))) for pk, found in sources.items()}
        return related


def _party_names(org_ids: set[int], person_ids: set[int], using: str):
    """({id: name} of the organisations, {id: name} of the people), in one
    query by primary key (run even for none)."""
    organisations = (
        Organisation.objects.using(using)
        .filter(pk_in(Organisation, sorted(org_ids), using=using))
        .order_by()
        .values_list(Value(0), "pk", "name")
    )
    people = (
        Person.objects.using(using)
        .filter(pk_in(Person, sorted(person_ids), using=using))
        .order_by()
        .values_list(Value(1), "pk", "name")
    )
    names = ({}, {})
    for which, pk, name in organisations.union(people, all=True):
        names[which][pk] = name
    return names


def chunk_condition(field: str, ids: list[int], using: str) -> Q:
    """Rows whose `field` is one of a chunk's event ids.  A chunk of an
    export in id order is a run of nearly consecutive ids: a range, which
    the database reads from the index in order (several times cheaper than
    looking each id up); rows inside the range for events outside the chunk
    (filtered out) are dropped by the caller.  A sparse chunk gets an id
    list."""
    if ids and ids == sorted(ids) and ids[-1] - ids[0] < 2 * len(ids):
        return Q(**{f"{field}__gte": ids[0], f"{field}__lte": ids[-1]})
    return Q(**{f"{field}__in": id_list(ids, using=using)})
