"""CSV export: the public column contract and the machinery that streams it.

One exporter class per table holds that table's column definitions; the
`export_csv` command, the public site's download views and anything else that
writes these tables use the same classes, so a column is defined only here
(and in events.exporting for events).

Exporters must stay fast on 100,000+ rows without holding a table in memory:
they stream `values_list` rows from the database in chunks, and for each chunk
fetch the related names (regions, roles, evidence sources …) with one query
per relation.  The number of queries grows with the number of chunks, never
with the number of rows.

Every cell is passed through `escape_formula`, so that a spreadsheet opening
the file never runs a cell as a formula (CSV injection).

cells    a value as a cell, formulas escaped
base     the Exporter and the lookups exporters share
tables   one exporter per table of the knowledge base
writing  to a file, or streamed as a download
"""

from .base import (
    Exporter,
    batched,
    evidence_source_ids,
    grouped_text,
    id_list,
    name_with_role,
    pk_in,
)
from .cells import (
    BOM,
    FORMULA_PREFIXES,
    LIST_SEPARATOR,
    cell,
    chinese_labels,
    escape_formula,
    join_list,
    unescape_formula,
)
from .tables import (
    TABLES,
    OrganisationExporter,
    PersonExporter,
    QuoteExporter,
    RegionExporter,
    SourceExporter,
    exporter_classes,
    position_text,
)
from .writing import csv_chunks, streaming_csv_response, write_csv

__all__ = [
    "BOM", "FORMULA_PREFIXES", "LIST_SEPARATOR", "TABLES", "Exporter", "OrganisationExporter",
    "PersonExporter", "QuoteExporter", "RegionExporter", "SourceExporter", "batched", "cell",
    "chinese_labels", "csv_chunks", "escape_formula", "evidence_source_ids", "exporter_classes",
    "grouped_text", "id_list", "join_list", "name_with_role", "pk_in", "position_text",
    "streaming_csv_response", "unescape_formula", "write_csv",
]
