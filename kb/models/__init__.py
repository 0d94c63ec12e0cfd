"""The knowledge base: sources, the region gazetteer, organisations, people,
their positions, quotes, and the provenance that ties every imported record
to the article span it came from.

Every record the importer creates carries a curation state (CuratedModel):
re-import never overwrites a record a curator has reviewed or edited, and a
rejected record stays behind as a tombstone so that re-import cannot bring it
back.  Merged duplicates are tombstones too: they point at the record they
were merged into, so the importer follows the pointer instead of recreating
them.

One module a domain: search (search text), curation (review state,
merging), sources, regions (the gazetteer), parties (organisations, people,
positions), quotes (quotes and evidence), versions (the data version).
"""

from .curation import CuratedModel, DatePrecision, MergeableModel, ReviewStatus, Script
from .parties import Organisation, OrganisationKind, Person, Position
from .quotes import Evidence, Quote, QuoteKind
from .regions import Region, RegionLevel
from .search import SearchTextMixin, search_pattern, search_text_of
from .sources import CreditRole, Source, SourceCredit
from .versions import DataVersion

__all__ = [
    "CreditRole",
    "CuratedModel",
    "DataVersion",
    "DatePrecision",
    "Evidence",
    "MergeableModel",
    "Organisation",
    "OrganisationKind",
    "Person",
    "Position",
    "Quote",
    "QuoteKind",
    "Region",
    "RegionLevel",
    "ReviewStatus",
    "Script",
    "SearchTextMixin",
    "Source",
    "SourceCredit",
    "search_pattern",
    "search_text_of",
]
