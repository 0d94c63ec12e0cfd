"""Stories: what one news report is about — a main event, its children, the
organisations and people taking part, and what they said.

Seven shapes, as regional news has them: a forum (with an alliance launched
or an agreement signed on its stage, or a sub-forum), a training class (with
on-site teaching visits), a study tour (with a dated visit a day), an
alliance launch, a signing, a symposium series, and a founding (profile).
`plan_stories` yields stories until exactly the wanted number of events.
Pure Python and deterministic for a given random.Random.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from kb.synthetic import lexicon as L
from kb.synthetic.draw import pick
from kb.synthetic.places import JJJ, YRD, Place
from kb.synthetic.world import Org, Person, World, titles_for

DAY, MONTH, YEAR, UNKNOWN = "day", "month", "year", "unknown"

# More news every year (the site's archive thins out backwards); 2026 is
# the first half only.
YEAR_WEIGHTS = {2015: 2, 2016: 3, 2017: 3, 2018: 4, 2019: 5, 2020: 5, 2021: 7, 2022: 8,
                2023: 10, 2024: 12, 2025: 13, 2026: 5}
STORY_WEIGHTS = (("forum", 30), ("training", 15), ("tour", 8), ("alliance", 10),
                 ("agreement", 11), ("series", 5), ("founding", 8), ("other", 13))
ROLE_ORIGINAL = {
    "organiser": "主办", "co_organiser": "协办", "host": "承办", "guide": "指导", "supporter": "支持",
    "lead": "牵头", "founding_member": "首批成员单位", "participant": "参加", "chair": "主持",
    "keynote": "主旨演讲", "speaker": "发言",
}
REVIEW_WEIGHTS = (("auto", 88), ("reviewed", 9), ("rejected", 3))
FLAG_REASONS = ("标题由规则生成", "日期由上下文推断", "名称由上下文推断,无机构后缀")


@dataclass(eq=False)
class Role:
    party: Org | Person
    role: str


@dataclass(eq=False)
class EventSpec:
    number: int
    kind: str
    title: str
    start: dt.date | None
    end: dt.date | None
    precision: str
    places: list[Place]
    parent: EventSpec | None = None
    roles: list[Role] = field(default_factory=list)
    participants: int | None = None
    approximate: bool = False
    review: str = "auto"
    flag_reason: str = ""
    founded: Org | None = None  # the organisation this event set up
    summary: str = ""  # the sentence that reports it (set by the report)
    pk: int | None = None

    def add(self, party: Org | Person, role: str) -> None:
        """A role; a party takes one role in an event (a report names it once)."""
        if not any(r.party is party for r in self.roles):
            self.roles.append(Role(party, role))

    def people(self, *roles: str) -> list[Person]:
        return [r.party for r in self.roles if isinstance(r.party, Person) and (not roles or r.role in roles)]

    def orgs(self, *roles: str) -> list[Org]:
        return [r.party for r in self.roles if isinstance(r.party, Org) and (not roles or r.role in roles)]


@dataclass(eq=False)
class QuoteSpec:
    number: int
    speaker: Person
    text: str
    kind: str  # direct | indirect
    event: EventSpec
    review: str = "auto"
    pk: int | None = None


@dataclass(eq=False)
class Story:
    number: int
    kind: str
    cluster: str
    place: Place
    macro: Place
    industry: str
    theme: str
    events: list[EventSpec] = field(default_factory=list)
    quotes: list[QuoteSpec] = field(default_factory=list)
    sources: int = 1  # how many reports: 0 (entered by hand), 1, or 2 outlets

    @property
    def main(self) -> EventSpec:
        return self.events[0]


def plan_stories(world: World, rng: random.Random, events: int) -> Iterator[Story]:
    """Stories until exactly `events` events (the last story loses children
    to fit)."""
    planner = Planner(world, rng)
    number = 0
    while planner.next_event < events:
        world.events_planned = planner.next_event + 3  # the pools grow with the events
        yield planner.story(number, limit=events - planner.next_event)
        number += 1


class Planner:
    """Makes stories one at a time, numbering events and quotes on."""

    def __init__(self, world: World, rng: random.Random):
        self.world = world
        self.gaz = world.gazetteer
        self.rng = rng
        self.next_event = 0
        self.next_quote = 0

    # ---------------------------------------------------------------- helpers
    def pick(self, weights):
        return pick(self.rng, weights)

    def date(self) -> dt.date:
        year = self.pick(tuple(YEAR_WEIGHTS.items()))
        last = dt.date(year, 6, 30) if year == 2026 else dt.date(year, 12, 31)
        first = dt.date(year, 1, 1)
        return first + dt.timedelta(days=self.rng.randrange((last - first).days + 1))

    def event(self, story: Story, kind: str, title: str, *, start: dt.date | None, precision: str,
              places: list[Place], parent: EventSpec | None = None, days: int = 0) -> EventSpec:
        if precision == UNKNOWN:
            start = None
        elif precision == MONTH:
            start = start.replace(day=1)
        elif precision == YEAR:
            start = start.replace(month=1, day=1)
        end = start + dt.timedelta(days=days) if days and precision == DAY else None
        spec = EventSpec(self.next_event, kind, title, start, end, precision,
                         list(dict.fromkeys(places)), parent)
        spec.review = self.pick(REVIEW_WEIGHTS)
        if self.rng.random() < 0.05:
            spec.flag_reason = self.rng.choice(FLAG_REASONS)
        self.next_event += 1
        story.events.append(spec)
        return spec

    def org(self, story: Story, group: str | None = None, place: Place | None = None) -> Org:
        return self.world.organisation(cluster=story.cluster, place=place or story.place, group=group)

    def person(self, story: Story, group: str | None = None, place: Place | None = None) -> Person:
        return self.world.person(cluster=story.cluster, place=place or story.place, group=group)

    def seat(self, place: Place, cluster: str) -> Org:
        """A place's people's government (a signing party, a tour's organiser)."""
        return self.world.register(f"{place.full}人民政府", kind="government", place=place,
                                   cluster=cluster, seat=True)

    def precision(self, founding: bool = False) -> str:
        if founding:
            return self.pick(((DAY, 55), (MONTH, 15), (YEAR, 25), (UNKNOWN, 5)))
        return self.pick(((DAY, 84), (MONTH, 7), (YEAR, 5), (UNKNOWN, 4)))

    def scope(self, story: Story) -> Place:
        """What a title is named after: the macro-region or the place."""
        return story.macro if self.rng.random() < 0.45 else story.place

    # ------------------------------------------------------------------ story
    def story(self, number: int, *, limit: int, kind: str | None = None, reported: bool = False) -> Story:
        """A story of `kind` (drawn when None) with at most `limit` events;
        `reported`: it has a report (else 8% have none)."""
        rng = self.rng
        cluster, place = self.gaz.pick(rng)
        kind = kind or self.pick(STORY_WEIGHTS)
        story = Story(number, kind, cluster, place, self.gaz.macro_for(rng, cluster, place),
                      rng.choice(L.INDUSTRIES), rng.choice(L.THEMES))
        story.sources = self.pick(((1, 84), (2, 8), (0, 8)))
        if reported:
            story.sources = max(story.sources, 1)
        getattr(self, f"_{kind}")(story, limit)
        self._quotes(story)
        return story

    def _room(self, story: Story, limit: int, wanted: int) -> int:
        return max(0, min(wanted, limit - len(story.events)))

    def _forum(self, story: Story, limit: int) -> None:
        rng, s = self.rng, story
        scope = self.scope(s)
        start, precision = self.date(), self.precision()
        year = start.year
        shape = rng.randrange(5)
        if shape == 0:
            title = f"{year}{scope.short}{s.industry}{rng.choice(L.FORUM_WORDS)}"
        elif shape == 1:
            title = f"第{L.CHINESE_NUMBERS[rng.randrange(10)]}届{s.macro.short}{s.theme}{rng.choice(L.BIG_FORUM_WORDS)}"
            scope = s.macro
        elif shape == 2:
            title = f"{year}{s.macro.short}{s.theme}{rng.choice(L.BIG_FORUM_WORDS)}"
            scope = s.macro
        elif shape == 3:
            title = f"中国({self.gaz.city_of(s.place).short}){s.industry}{rng.choice(L.FORUM_WORDS)}"
            scope = s.place
        else:
            title = f"{scope.short}{s.industry}产业{rng.choice(L.FORUM_WORDS)}"
        places = [s.place] + ([s.macro] if scope is s.macro else [])
        forum = self.event(s, "forum", title, start=start, precision=precision, places=places,
                           days=1 if rng.random() < 0.2 else 0)
        if rng.random() < 0.6:
            forum.participants = rng.choice((50, 80, 100, 120, 150, 200, 300, 400, 500, 600, 800, 1000))
            forum.approximate = rng.random() < 0.7
        for _ in range(rng.randint(0, 2)):
            forum.add(self.org(s, "government"), "guide")
        for _ in range(rng.randint(1, 3)):
            forum.add(self.org(s, rng.choice(("government", "association", "research"))), "organiser")
        for _ in range(rng.randint(0, 2)):
            forum.add(self.org(s), "host")
        if rng.random() < 0.3:
            forum.add(self.org(s), "co_organiser")
        for _ in range(rng.randint(0, 2)):
            forum.add(self.org(s, "company"), "supporter")
        if rng.random() < 0.5:
            forum.add(self.person(s, "government"), "chair")
        for _ in range(rng.randint(1, 2)):
            forum.add(self.person(s, rng.choice(("university", "research", "company"))), "keynote")
        for _ in range(rng.randint(0, 3)):
            forum.add(self.person(s), "speaker")
        wanted = self.pick(((0, 50), (1, 30), (2, 14), (3, 6)))
        for _ in range(self._room(s, limit, wanted)):
            child = rng.choice(("alliance", "agreement", "subforum", "founding"))
            if child == "alliance":
                self._alliance_event(s, parent=forum)
            elif child == "agreement":
                self._agreement_event(s, parent=forum)
            elif child == "founding":
                self._founding_event(s, parent=forum)
            else:
                sub = self.event(s, "forum", f"{rng.choice(L.INDUSTRIES)}{rng.choice(L.SUB_FORUM_WORDS)}",
                                 start=forum.start, precision=forum.precision, places=[s.place], parent=forum)
                sub.add(self.org(s), "host")
                for _ in range(rng.randint(1, 2)):
                    sub.add(self.person(s), "speaker")

    def _training(self, story: Story, limit: int) -> None:
        rng, s = self.rng, story
        scope = self.scope(s)
        audience, subject = rng.choice(L.AUDIENCES), rng.choice(L.TRAINING_SUBJECTS)
        shape = rng.randrange(3)
        if shape == 0:
            title = f"首期{scope.short}{audience}{subject}培训班"
        elif shape == 1:
            title = f"第{L.CHINESE_NUMBERS[rng.randrange(10)]}期{scope.short}{audience}{rng.choice(L.TRAINING_WORDS)}"
        else:
            title = f"{scope.short}{s.industry}{audience}{rng.choice(L.TRAINING_WORDS)}"
        start, precision = self.date(), self.precision()
        places = [s.place] + ([s.macro] if scope is s.macro else [])
        days = rng.randint(2, 6)
        training = self.event(s, "training", title, start=start, precision=precision, places=places, days=days)
        if rng.random() < 0.7:
            training.participants = rng.choice((30, 40, 45, 50, 60, 80, 100, 120))
            training.approximate = rng.random() < 0.4
        for _ in range(rng.randint(1, 2)):
            training.add(self.org(s, "government"), "organiser")
        if rng.random() < 0.6:
            training.add(self.org(s, "university"), "host")
        for _ in range(rng.randint(1, 2)):
            training.add(self.person(s, rng.choice(("university", "research"))), "speaker")
        for _ in range(rng.randint(1, 4)):
            training.add(self.person(s, "company"), "participant")
        for offset in range(self._room(s, limit, self.pick(((0, 45), (1, 25), (2, 20), (3, 10))))):
            company = self.world.organisation(cluster=s.cluster, place=s.place, group="company", local=True)
            day = training.start + dt.timedelta(days=min(offset + 1, days)) if training.start else None
            visit = self.event(s, "visit", f"{title}学员赴{company.name}现场教学", start=day,
                               precision=training.precision, places=[company.place], parent=training)
            visit.add(company, "host")
            if rng.random() < 0.5:
                visit.add(self.world.leader(company, "董事长"), "speaker")

    def _tour(self, story: Story, limit: int) -> None:
        rng, s = self.rng, story
        home = s.place
        dest_cluster = self.pick(((YRD, 55), ("macro-greater-bay-area", 30), (JJJ, 15)))
        dests = list(dict.fromkeys(self.gaz.city_of(self.gaz.pick_in(rng, dest_cluster))
                                   for _ in range(rng.randint(2, 3))))
        names = "、".join(d.short for d in dests)
        as_training = rng.random() < 0.4
        delegation = f"{home.short}{rng.choice(L.DELEGATIONS)}"
        if as_training:
            title = f"{home.short}{rng.choice(L.AUDIENCES)}赴{names}考察学习培训"
        else:
            title = f"{delegation}赴{names}{rng.choice(L.VISIT_WORDS)}"
        start, precision = self.date(), self.precision()
        wanted = rng.randint(2, 4) if precision == DAY else rng.randint(0, 2)
        visits = max(0, min(wanted, limit - 1))  # the tour itself is one of the events
        tour = self.event(s, "training" if as_training else "visit", title, start=start,
                          precision=precision, places=[home, *dests], days=max(visits, 2) + 1)
        tour.participants = rng.choice((20, 30, 40, 50, 60))
        tour.approximate = rng.random() < 0.6
        tour.add(self.seat(home, s.cluster) if rng.random() < 0.5 else self.org(s, "government"), "organiser")
        for _ in range(rng.randint(2, 4)):
            tour.add(self.person(s, "company"), "participant")
        for day in range(visits):
            dest = dests[day % len(dests)]
            company = self.world.organisation(cluster=dest_cluster, place=dest, local=True,
                                              group=rng.choice(("company", "company", "research", "university")))
            when = tour.start + dt.timedelta(days=day) if tour.start else None
            visit = self.event(s, "visit", f"{delegation}赴{company.name}{rng.choice(L.VISIT_WORDS)}",
                               start=when, precision=tour.precision, places=[company.place], parent=tour)
            visit.add(company, "host")
            if rng.random() < 0.5:
                visit.add(self.world.leader(company, rng.choice(_leader_titles(company))), "speaker")

    def _alliance(self, story: Story, limit: int) -> None:
        self._alliance_event(story, parent=None)

    def _alliance_event(self, story: Story, parent: EventSpec | None) -> EventSpec:
        rng, s = self.rng, story
        scope = self.scope(s)
        name = f"{scope.short}{rng.choice((s.industry, rng.choice(L.INDUSTRIES)))}{rng.choice(L.ALLIANCE_WORDS)}"
        start = parent.start if parent else self.date()
        precision = parent.precision if parent else self.precision()
        places = [s.place] + ([s.macro] if scope is s.macro else [])
        event = self.event(s, "alliance", f"{name}{rng.choice(L.ALLIANCE_VERBS)}", start=start,
                           precision=precision, places=places, parent=parent)
        alliance = self.world.register(name, kind="alliance", place=scope, cluster=s.cluster,
                                       founded=event.start, founded_precision=event.precision)
        event.founded = alliance
        event.add(self.org(s, rng.choice(("university", "research", "association"))), "lead")
        for _ in range(rng.randint(2, 6)):
            event.add(self.org(s, rng.choice(("company", "company", "university", "research"))), "founding_member")
        if rng.random() < 0.5:
            event.add(self.org(s, "government"), "guide")
        for _ in range(rng.randint(0, 2)):
            event.add(self.person(s), "speaker")
        return event

    def _agreement(self, story: Story, limit: int) -> None:
        self._agreement_event(story, parent=None)

    def _agreement_event(self, story: Story, parent: EventSpec | None) -> EventSpec:
        rng, s = self.rng, story
        start = parent.start if parent else self.date()
        precision = parent.precision if parent else self.precision()
        shape = rng.randrange(3)
        if shape == 0 and s.cluster == YRD:
            parties = [self.seat(self.gaz.places[code], s.cluster) for code in ("310000", "320000", "330000", "340000")]
            title = f"沪苏浙皖签署{s.macro.short}{s.industry}产业集群{rng.choice(L.AGREEMENT_WORDS[2:])}"
            places = [self.gaz.places[YRD]]
        elif shape <= 1:
            other = self.gaz.city_of(self.gaz.pick_in(rng, s.cluster))
            if other.slug == s.place.slug:
                other = self.gaz.city_of(self.gaz.pick(rng)[1])
            parties = [self.seat(s.place, s.cluster), self.seat(other, s.cluster)]
            title = f"{s.place.short}与{other.short}签署{rng.choice(L.AGREEMENT_TOPICS)}{rng.choice(L.AGREEMENT_WORDS[:2])}"
            places = [s.place, other]
        else:
            company = self.org(s, "company")
            parties = [self.seat(s.place, s.cluster), company]
            called = company.aliases[0] if company.aliases else company.name
            title = f"{s.place.short}与{called}签署{s.industry}{rng.choice(L.AGREEMENT_WORDS[2:])}"
            places = [s.place]
        event = self.event(s, "agreement", title, start=start, precision=precision, places=places, parent=parent)
        for party in parties:
            event.add(party, "participant")
        if rng.random() < 0.3:
            event.add(self.org(s, "government"), "guide")
        for party in parties[:2]:
            event.add(self.world.leader(party, rng.choice(_leader_titles(party))), "speaker")
        return event

    def _founding(self, story: Story, limit: int) -> None:
        self._founding_event(story, parent=None)

    def _founding_event(self, story: Story, parent: EventSpec | None) -> EventSpec:
        rng, s = self.rng, story
        start = parent.start if parent else self.date()
        precision = parent.precision if parent else self.precision(founding=True)
        if rng.random() < 0.5:
            name = rng.choice(L.RESEARCH_SHAPES[:3]).format(short=self.scope(s).short, industry=s.industry)
            kind = "research"
        else:
            name = f"{s.place.short}{''.join(rng.sample(L.BRAND_CHARS, 2))}{rng.choice(L.COMPANY_TRADES)}有限公司"
            kind = "company"
        verb = rng.choice(("揭牌成立", "正式成立", "成立")) if precision == DAY else "成立"
        event = self.event(s, "founding", f"{name}{verb}", start=start, precision=precision,
                           places=[s.place], parent=parent)
        founded = self.world.register(name, kind=kind, place=s.place, cluster=s.cluster,
                                      founded=event.start, founded_precision=event.precision)
        event.founded = founded
        event.add(self.org(s, rng.choice(("government", "university", "company"))), "organiser")
        if rng.random() < 0.4:
            event.add(self.org(s, "government"), "guide")
        event.add(self.world.leader(founded, _leader_titles(founded)[0]), "speaker")
        return event

    def _series(self, story: Story, limit: int) -> None:
        rng, s = self.rng, story
        city = self.gaz.city_of(s.place)
        committee = self.world.register(f"中共{city.full}委员会", kind="party", place=city, cluster=s.cluster)
        secretary = self.world.leader(committee, "书记")
        slogan = rng.choice(L.SERIES_SLOGANS)
        start = self.date()
        meetings = self._room(s, limit, rng.randint(3, 5)) - 1
        gaps = sorted(rng.sample(range(5, 40), max(meetings - 1, 0)))
        days = [0, *gaps][:meetings]
        series = self.event(s, "other", f"{city.short}“{slogan}”系列专题座谈会", start=start, precision=DAY,
                            places=[city], days=days[-1] if days else 0)
        series.add(committee, "organiser")
        series.add(secretary, "chair")
        for index, offset in enumerate(days):
            meeting = self.event(s, "forum", f"“{slogan}”第{L.CHINESE_NUMBERS[index]}场专题座谈会",
                                 start=start + dt.timedelta(days=offset), precision=DAY, places=[city],
                                 parent=series)
            meeting.add(committee, "organiser")
            meeting.add(secretary, "chair")
            for _ in range(rng.randint(2, 3)):
                meeting.add(self.person(s, rng.choice(("company", "company", "university"))), "speaker")

    def _other(self, story: Story, limit: int) -> None:
        rng, s = self.rng, story
        start, precision = self.date(), self.precision()
        title = rng.choice(L.OTHER_TITLES).format(year=start.year, short=s.place.short,
                                                  industry=s.industry, theme=s.theme)
        event = self.event(s, "other", title, start=start, precision=precision, places=[s.place])
        for _ in range(rng.randint(1, 2)):
            event.add(self.org(s, "government"), "organiser")
        for _ in range(rng.randint(0, 3)):
            event.add(self.org(s, "company"), "participant")
        if rng.random() < 0.6:
            event.add(self.person(s, "government"), "speaker")

    # ----------------------------------------------------------------- quotes
    def _quotes(self, story: Story) -> None:
        """About one quote per three events, said by someone taking part."""
        if not story.sources:
            return
        rng = self.rng
        for event in story.events:
            speakers = event.people("keynote", "speaker", "chair", "participant")
            if not speakers or rng.random() > 0.45:
                continue
            direct = rng.random() < 0.6
            root = event.parent or event
            shapes = L.DIRECT_QUOTES if direct else L.INDIRECT_QUOTES
            shape = rng.choice(shapes["any"] + shapes.get(root.kind, ()))
            text = shape.format(industry=story.industry, macro=story.macro.short, short=story.place.short)
            quote = QuoteSpec(self.next_quote, rng.choice(speakers), text,
                              "direct" if direct else "indirect", event)
            quote.review = self.pick((("auto", 92), ("reviewed", 6), ("rejected", 2)))
            self.next_quote += 1
            story.quotes.append(quote)


def _leader_titles(org: Org) -> tuple[str, ...]:
    if org.seat:
        return titles_for(org)
    if org.name.endswith("研究所"):
        return ("所长",)
    if org.name.endswith("中心"):
        return ("主任",)
    return {"company": ("董事长", "总经理"), "government": ("主任", "局长"),
            "university": ("校长", "副校长"), "research": ("院长",), "association": ("会长",),
            "party": ("书记",), "hospital": ("院长",)}.get(org.kind, ("负责人",))
