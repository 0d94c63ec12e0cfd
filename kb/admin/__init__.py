"""The curators' admin for the knowledge base (Django imports this package
to register every table).

Writes go through kb.services.curation; these modules only wire them to
actions and forms.  Every table has CSV/XLSX import and export
(kb.resources).

base     what every table shares (import/export, review, merging)
sources  sources, their credits and the workbench
records  the gazetteer, organisations, people, positions, quotes, evidence
"""

from . import records, sources  # noqa: F401 - registers the tables
