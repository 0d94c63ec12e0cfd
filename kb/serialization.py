"""dumpdata/loaddata's JSON format, with many-to-many lists in link order.

Django writes a many-to-many field as a list in the related model's default
ordering, and loaddata makes the link rows with `.set()`, in set order.  Our
link order means something (an event's regions, most specific first, are
read in the order of their link rows), so this format writes the list in
link-row order and reads it back into link rows made in that order: a dump
restores exactly.  Installed for "json" by settings.SERIALIZATION_MODULES.
"""

from django.core.serializers import base, json
from django.db.models.signals import m2m_changed


class Serializer(json.Serializer):
    def handle_m2m_field(self, obj, field):
        through = field.remote_field.through
        if not through._meta.auto_created:  # an explicit through model is dumped itself
            return super().handle_m2m_field(obj, field)
        target_ids = list(
            through._default_manager.filter(**{field.m2m_field_name(): obj.pk})
            .order_by("pk")
            .values_list(f"{field.m2m_reverse_field_name()}_id", flat=True)
        )
        related = field.remote_field.model._default_manager.in_bulk(target_ids)
        natural = self.use_natural_foreign_keys and hasattr(field.remote_field.model, "natural_key")
        self._current[field.name] = [
            related[pk].natural_key() if natural else self._value_from_field(related[pk], related[pk]._meta.pk)
            for pk in target_ids
        ]


class DeserializedInOrder(base.DeserializedObject):
    def save(self, save_m2m=True, using=None, **kwargs):
        links = self.m2m_data if save_m2m else None
        super().save(save_m2m=False, using=using, **kwargs)
        for name, target_ids in (links or {}).items():
            links_write_in_order(self.object, name=name, target_ids=target_ids, using=using)


def links_write_in_order(obj, *, name: str, target_ids, using=None) -> None:
    """Replace obj's links of many-to-many field `name` by target_ids, link
    rows made in list order; the signals `.set()` would send are sent."""
    field = obj._meta.get_field(name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    manager = through._default_manager.db_manager(using)
    ids = list(dict.fromkeys(target_ids))
    signal = {"sender": through, "instance": obj, "reverse": False,
              "model": field.remote_field.model, "using": manager.db}
    existing = manager.filter(**{source: obj})
    if list(existing.order_by("pk").values_list(f"{target}_id", flat=True)) == ids:
        return
    if existing.exists():
        m2m_changed.send(action="pre_clear", pk_set=None, **signal)
        existing.delete()
        m2m_changed.send(action="post_clear", pk_set=None, **signal)
    m2m_changed.send(action="pre_add", pk_set=set(ids), **signal)
    manager.bulk_create([through(**{f"{source}_id": obj.pk, f"{target}_id": pk}) for pk in ids])
    m2m_changed.send(action="post_add", pk_set=set(ids), **signal)


class Deserializer(json.Deserializer):
    def __iter__(self):
        for item in super().__iter__():
            yield DeserializedInOrder(item.object, item.m2m_data, item.deferred_fields)
