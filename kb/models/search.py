"""Search text: how records are matched by a query on every database
(search_text_of, search_pattern) and the mixin that keeps a record's
search_text in step."""




# search_text stores every character between separators ("\x1f长\x1f三\x1f角\x1f").
# A query becomes the same shape (search_pattern), so a LIKE on it finds the
# characters in order on every database, and on PostgreSQL each character
# is a word of its own to pg_trgm: a one- or two-character query still has
# trigrams, so the trigram index (events migration 0003) serves it.
SEARCH_SEPARATOR = "\x1f"
_CONTROL = dict.fromkeys(range(32))


def _search_normal(text: str) -> str:
    from kb.chinese import to_simplified

    return to_simplified(str(text)).casefold().translate(_CONTROL)


def _separated(text: str) -> str:
    return SEARCH_SEPARATOR + SEARCH_SEPARATOR.join(text) + SEARCH_SEPARATOR if text else ""


def search_text_of(*parts) -> str:
    """What text search matches for a record: its texts in Simplified and
    case-folded, characters separated, one text per line.  The public site
    converts a query the same way (search_pattern), so a Traditional query
    finds a Simplified record and the reverse.  Stored denormalised
    (search_text) because converting at query time cannot use an index."""
    texts = []
    for part in parts:
        for text in part if isinstance(part, (list, tuple)) else [part]:
            normal = _search_normal(text) if text else ""
            if normal:
                texts.append(_separated(normal))
    return "\n".join(texts)


def search_pattern(query: str) -> str:
    """A visitor's query in search_text's shape ("" for an empty query)."""
    return _separated(_search_normal(query.strip()))


class SearchTextMixin:
    """save() keeps `search_text` in step with the fields named in
    `search_field_names`; bulk writes (bulk_create, update) bypass save() and
    must call the refresh services in events.services."""

    search_field_names: tuple[str, ...] = ()

    def search_fields(self) -> tuple:
        return tuple(getattr(self, name) or "" for name in self.search_field_names)

    def save(self, *args, **kwargs):
        self.search_text = search_text_of(*self.search_fields())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)
