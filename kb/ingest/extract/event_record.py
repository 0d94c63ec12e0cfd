"""What the event pipeline returns for one event: the fields the loader
writes, nothing of the assembler's working state (that lives on the
assembler's Draft, a subclass)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kb import dates as D
from kb.event_identity import GENERATED_TITLE
from kb.ingest.extract.document import Sentence
from kb.ingest.extract.event_roles import RoleRef


@dataclass
class EventRecord:
    kind: str
    title: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    precision: str = D.UNKNOWN
    region_keys: list[str] = field(default_factory=list)
    participants: int | None = None
    participants_approximate: bool = False
    summary: str = ""
    roles: list[RoleRef] = field(default_factory=list)
    parent: int | None = None  # index into the article's event list
    spans: list[tuple[int, int]] = field(default_factory=list)  # evidence in the text
    sentences: list[Sentence] = field(default_factory=list)
    flagged: bool = False
    flag_reason: str = ""

    @property
    def title_generated(self) -> bool:
        return GENERATED_TITLE in self.flag_reason
