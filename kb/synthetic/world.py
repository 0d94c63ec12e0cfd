"""The organisations and people synthetic events share.

News names the same bodies again and again: a city government organises many
forums, a few companies show up everywhere.  The pools here grow with the
number of events planned (about one organisation per five events and one
person per four) and reuse is preferential: a record already used is picked
again in proportion to how often it was used, within the same cluster of
regions.  Pure Python; records.py gives the objects their database ids.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from kb.synthetic import lexicon as L
from kb.synthetic.draw import pick
from kb.synthetic.places import Gazetteer, Place

# The pool of organisations taking part grows by one per ten events; events
# that set up a body (alliances, foundings) add about one per seven more, so
# there are about a quarter as many organisations as events in all.
POOLED_ORGS_PER_EVENT = 1 / 10
# Likewise people: one per eight events in the pool, and the heads of bodies
# that sign, host or are founded (about one per seven events) on top.
POOLED_PEOPLE_PER_EVENT = 1 / 8
# Kinds of organisation by how often they take part in events.
ORG_GROUPS = (("government", 34), ("company", 40), ("university", 8), ("research", 8),
              ("association", 8), ("hospital", 2))


@dataclass(eq=False)
class Org:
    number: int
    name: str
    kind: str
    place: Place
    cluster: str
    aliases: tuple[str, ...] = ()
    founded: dt.date | None = None
    founded_precision: str = "unknown"
    seat: bool = False  # a people's government: its heads are 市长/区长
    pk: int | None = None


@dataclass(eq=False)
class Person:
    number: int
    name: str
    org: Org
    title: str
    promoted_to: str = ""  # the title held after `promoted_on`
    promoted_on: dt.date | None = None
    pk: int | None = None

    def title_on(self, day: dt.date | None) -> str:
        if self.promoted_to and day is not None and self.promoted_on and day >= self.promoted_on:
            return self.promoted_to
        return self.title


class World:
    def __init__(self, gazetteer: Gazetteer, rng: random.Random):
        self.gazetteer = gazetteer
        self.rng = rng
        self.orgs: list[Org] = []
        self.people: list[Person] = []
        self.events_planned = 0
        self._org_by_name: dict[str, Org] = {}
        self._org_uses: dict[tuple[str, str], list[Org]] = {}
        self._org_distinct: dict[tuple[str, str], list[Org]] = {}
        self._org_local: dict[tuple[str, str], list[Org]] = {}
        self._pooled = 0  # organisations made for the pool (not by a founding)
        self._pooled_people = 0  # people made for the pool (not a body's leader)
        self._person_uses: dict[tuple[str, str | None], list[Person]] = {}
        self._person_distinct: dict[tuple[str, str | None], list[Person]] = {}
        self._person_local: dict[tuple[str, str | None], list[Person]] = {}
        self._leaders: dict[tuple[int, str], Person] = {}

    # ------------------------------------------------------------ organisations
    def organisation(self, *, cluster: str, place: Place, group: str | None = None,
                     local: bool = False) -> Org:
        """An organisation for an event in `place`: a new one while the pool
        is below its share of the events planned, else a reused one: of the
        same place, or of the cluster (in proportion to its uses, so a few
        bodies are everywhere, or uniformly, so most appear now and then).
        `local`: only one of the place itself will do (a company visited)."""
        rng = self.rng
        group = group or pick(rng, ORG_GROUPS)
        uses = self._org_uses.setdefault((cluster, group), [])
        nearby = self._org_local.get((place.slug, group))
        full = self._pooled >= POOLED_ORGS_PER_EVENT * self.events_planned
        if local and nearby and (full or rng.random() < 0.5):
            org = rng.choice(nearby)
        elif not local and uses and full:
            org = _reuse(rng, nearby, uses, self._org_distinct.get((cluster, group)) or uses)
        else:
            before = len(self.orgs)
            org = self._new_org(cluster, place, group, moved=not local)
            if len(self.orgs) > before:  # not a name made before
                self._pooled += 1
                self._org_distinct.setdefault((cluster, group), []).append(org)
                self._org_local.setdefault((org.place.slug, group), []).append(org)
        uses.append(org)
        return org

    def _new_org(self, cluster: str, place: Place, group: str, moved: bool) -> Org:
        rng = self.rng
        if moved and rng.random() < 0.4:
            place = self.gazetteer.pick_in(rng, cluster)  # a body from elsewhere in the cluster
        kind, seat, aliases = group, False, ()
        if group == "government":
            body, kind = rng.choice(L.GOVERNMENT_BODIES)
            seat = body == "人民政府"
            name = f"中共{place.full}{body}" if kind == "party" else f"{place.full}{body}"
            if seat and rng.random() < 0.5:
                aliases = (f"{place.full}政府",)
        elif group == "company":
            name, brand = company_name(rng, place)
            if rng.random() < 0.3:
                aliases = (brand,)
        elif group == "university":
            name = university_name(rng, self.gazetteer.city_of(place))
        elif group == "research":
            university = university_name(rng, self.gazetteer.city_of(place), generated=False)
            shapes = L.RESEARCH_SHAPES if university else L.RESEARCH_SHAPES[:-1]
            name = rng.choice(shapes).format(short=place.short, industry=rng.choice(L.INDUSTRIES),
                                             university=university)
        elif group == "association":
            name = rng.choice(L.ASSOCIATION_SHAPES).format(short=place.short, industry=rng.choice(L.INDUSTRIES))
        else:
            name = rng.choice(L.HOSPITAL_SHAPES).format(short=self.gazetteer.city_of(place).short)
        return self.register(name, kind=kind, place=place, cluster=cluster, seat=seat, aliases=aliases)

    def register(self, name: str, *, kind: str, place: Place, cluster: str, seat: bool = False,
                 aliases: tuple[str, ...] = (), founded: dt.date | None = None,
                 founded_precision: str = "unknown") -> Org:
        """The organisation of this name, made on first use (names are unique)."""
        org = self._org_by_name.get(name)
        if org is None:
            org = Org(len(self.orgs), name, kind, place, cluster, aliases, founded, founded_precision, seat)
            self.orgs.append(org)
            self._org_by_name[name] = org
        return org

    # ------------------------------------------------------------------ people
    def person(self, *, cluster: str, place: Place, group: str | None = None) -> Person:
        """A person for an event in `place`: new while the pool is below its
        share, else one already named for the wanted kind of organisation:
        of the same place, of the cluster in proportion to how often, or any."""
        uses = self._person_uses.setdefault((cluster, group), [])
        if uses and self._pooled_people >= POOLED_PEOPLE_PER_EVENT * self.events_planned:
            person = _reuse(self.rng, self._person_local.get((place.slug, group)), uses,
                            self._person_distinct.get((cluster, group)) or uses)
        else:
            person = self._new_person(cluster, place, group)
            self._pooled_people += 1
            for key in dict.fromkeys((group, person.org.kind, None)):  # ordered: determinism
                self._person_distinct.setdefault((cluster, key), []).append(person)
                self._person_local.setdefault((person.org.place.slug, key), []).append(person)
                if key != group:
                    self._person_uses.setdefault((cluster, key), []).append(person)
        uses.append(person)
        return person

    def leader(self, org: Org, title: str) -> Person:
        """The one holder of a title at an organisation (a city's party
        secretary), made on first use."""
        key = (org.number, title)
        person = self._leaders.get(key)
        if person is None:
            person = Person(len(self.people), person_name(self.rng), org, title)
            self.people.append(person)
            self._leaders[key] = person
        return person

    def _new_person(self, cluster: str, place: Place, group: str | None) -> Person:
        rng = self.rng
        org = self.organisation(cluster=cluster, place=place, group=group)
        title = rng.choice(titles_for(org))
        promoted_to, promoted_on = "", None
        if title in L.PROMOTIONS and rng.random() < 0.35:
            promoted_to = L.PROMOTIONS[title]
            promoted_on = dt.date(rng.randint(2017, 2025), rng.randint(1, 12), rng.randint(1, 28))
        person = Person(len(self.people), person_name(rng), org, title, promoted_to, promoted_on)
        self.people.append(person)
        return person


def titles_for(org: Org) -> tuple[str, ...]:
    if org.seat:
        if org.place.level == "county" and org.place.name.endswith("县"):
            return ("县长", "副县长")
        if org.place.level == "county" and org.place.name.endswith("区"):
            return ("区长", "副区长")
        return ("市长", "副市长")
    return L.TITLES.get(org.kind, L.TITLES["company"])


def company_name(rng: random.Random, place: Place) -> tuple[str, str]:
    """place + brand + trade + legal suffix (杭州瑞芯智能科技有限公司) and the
    short name news uses for it the second time (瑞芯智能)."""
    brand = "".join(rng.sample(L.BRAND_CHARS, 2))
    trade = rng.choice(L.COMPANY_TRADES)
    return f"{place.short}{brand}{trade}{rng.choice(L.LEGAL_SUFFIXES)}", brand + trade[:2]


def university_name(rng: random.Random, city: Place, generated: bool = True) -> str:
    """A real university of the city (浙江大学) most of the time when it has
    one, else a generated 学院 ("" when `generated` is off)."""
    real = L.UNIVERSITIES.get(city.slug) or L.UNIVERSITIES.get(city.province or "")
    if real and (not generated or rng.random() < 0.8):
        return rng.choice(real)
    if not generated:
        return ""
    return f"{city.short}{rng.choice(('职业技术学院', '理工学院', '学院', '科技学院'))}"


def _reuse(rng: random.Random, nearby: list | None, uses: list, distinct: list):
    """A record to name again: one of the same place, one in proportion to
    its uses (a few are everywhere), or any one (most appear now and then)."""
    draw = rng.random()
    if nearby and draw < 0.3:
        return rng.choice(nearby)
    if draw < 0.45:
        # Among recent uses only, so that whoever came first does not
        # stay on top for ever (news has its figures of the season).
        return uses[rng.randrange(max(0, len(uses) - 3000), len(uses))]
    return rng.choice(distinct)


def person_name(rng: random.Random) -> str:
    """Surname (the head of the list more often) + one or two given characters."""
    if rng.random() < 0.01:
        surname = rng.choice(L.COMPOUND_SURNAMES)
    else:
        surname = L.SURNAMES[int(len(L.SURNAMES) * rng.random() ** 1.7)]
    size = 1 if rng.random() < 0.25 else 2
    return surname + "".join(rng.choice(L.GIVEN_CHARS) for _ in range(size))
