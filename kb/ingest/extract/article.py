"""Runs the extractors over one repaired article, in dependency order:
dates and places first, then organisations (which use place prefixes),
people (whose titles point at organisations), quotes (attributed to people)
and events (which gather all of them)."""

from __future__ import annotations

from dataclasses import dataclass

from kb.ingest.extract import ner
from kb.ingest.extract.dates import DateMention, find_dates
from kb.ingest.extract.document import Document
from kb.ingest.extract.events import EventRecord, find_events
from kb.ingest.extract.gazetteer import Gazetteer
from kb.ingest.extract.mentions import Organisation, Person, QuoteMention, Term
from kb.ingest.extract.organisations import find_organisations
from kb.ingest.extract.people import find_people
from kb.ingest.extract.quotes import find_quotes
from kb.ingest.extract.regions import RegionMention, find_regions


def _outside_names(regions: list[RegionMention], people: list[Person]) -> list[RegionMention]:
    """A place inside a person's name is no place (符海东 holds 海东)."""
    names = [(m.start, m.end) for p in people for m in p.mentions]
    return [r for r in regions if not any(s < r.end and r.start < e for s, e in names)]


@dataclass
class Extraction:
    dates: list[DateMention]
    regions: list[RegionMention]
    organisations: list[Organisation]
    people: list[Person]
    quotes: list[QuoteMention]
    terms: list[Term]
    events: list[EventRecord]


def extract(doc: Document, gazetteer: Gazetteer) -> Extraction:
    dates = [d for d in find_dates(doc.text, published=doc.published,
                                   published_precision=doc.published_precision)
             if not doc.is_damaged(d.start, d.end)]
    regions = find_regions(doc, gazetteer)
    organisations = find_organisations(doc, regions, gazetteer)
    ner.confirm_organisations(doc, organisations)
    people = find_people(doc, organisations, regions)
    regions = _outside_names(regions, people)
    quotes, terms = find_quotes(doc, people, organisations)
    events = find_events(doc, dates=dates, regions=regions, organisations=organisations,
                         people=people, quotes=quotes, gazetteer=gazetteer)
    return Extraction(dates, regions, organisations, people, quotes, terms, events)
