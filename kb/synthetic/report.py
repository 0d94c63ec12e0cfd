"""A news report of a story: its headline and paragraphs, with marks that say
which span of the text names which record.

The same sentences serve both sides: records.py stores a report as a
Source and turns every mark into provenance (kb.Evidence), and articles.py
dresses the paragraphs up as a raw web page for the importer.  Every mark's
span is exactly the record's name (an event's title, an organisation's or a
person's name, a quote's text, a place's name), so provenance always points
at text that contains what it supports.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from kb.synthetic import lexicon as L
from kb.synthetic.places import Place
from kb.synthetic.stories import DAY, MONTH, YEAR, EventSpec, QuoteSpec, Story
from kb.synthetic.world import Org, Person


@dataclass
class Mark:
    start: int
    end: int
    target: object  # EventSpec | Org | Person | QuoteSpec | Place
    sentence: tuple[int, int]


@dataclass
class Report:
    title: str
    published: dt.date
    precision: str
    paragraphs: list[str]
    marks: list[Mark]
    # (person, title, organisation) as this report shows them: Position rows.
    positions: list[tuple[Person, str, Org]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The stored text: headline, then paragraphs, one blank line apart
        (the importer's layout); marks are offsets into it."""
        return "\n\n".join([self.title, *self.paragraphs])


class _Writer:
    """Text written sentence by sentence; a piece given with a target is
    marked.  Offsets count from the start of the stored text."""

    def __init__(self, title: str):
        self.title = title
        self.paragraphs: list[list[str]] = []
        self.pos = len(title)
        self.marks: list[Mark] = []
        self.positions: list[tuple[Person, str, Org]] = []

    def paragraph(self) -> None:
        if not self.paragraphs or self.paragraphs[-1]:
            self.paragraphs.append([])
            self.pos += 2  # the blank line before it

    def sentence(self, *pieces) -> None:
        start, pending = self.pos, []
        for piece in pieces:
            text, target = piece if isinstance(piece, tuple) else (piece, None)
            if target is not None:
                pending.append((self.pos, self.pos + len(text), target))
            self.paragraphs[-1].append(text)
            self.pos += len(text)
        for s, e, target in pending:
            self.marks.append(Mark(s, e, target, (start, self.pos)))

    def report(self, published: dt.date, precision: str) -> Report:
        return Report(self.title, published, precision, ["".join(p) for p in self.paragraphs if p],
                      self.marks, self.positions)


def report_story(story: Story, rng: random.Random, *, filler: tuple[int, int] = (1, 3)) -> Report:
    """One report of the story; a second call with the same story is a
    second outlet's report (different words around the same facts)."""
    main = story.main
    published = _published(main, rng)
    writer = _Writer(_headline(story, rng))
    renderer = _Renderer(story, writer, rng, published)
    renderer.render()
    renderer.filler(rng.randint(*filler))
    return writer.report(published, DAY)


def _published(main: EventSpec, rng: random.Random) -> dt.date:
    if main.start is None:
        return dt.date(rng.randint(2016, 2025), rng.randint(1, 12), rng.randint(1, 28))
    last = main.end or main.start
    spread = {DAY: 2, MONTH: 45, YEAR: 300}.get(main.precision, 2)
    return last + dt.timedelta(days=rng.randint(0, spread))


def _headline(story: Story, rng: random.Random) -> str:
    main = story.main
    place = main.places[0] if main.places[0].level != "macro" else story.place
    if main.kind == "forum" and rng.random() < 0.6:
        return f"{main.title}在{place.short}{rng.choice(L.VENUE_VERBS)}"
    if main.kind == "training" and rng.random() < 0.5:
        return f"{main.title}开班"
    if rng.random() < 0.2 and not main.title.startswith(place.short):
        return f"{place.short}:{main.title}"
    return main.title


class _Renderer:
    def __init__(self, story: Story, writer: _Writer, rng: random.Random, published: dt.date):
        self.story = story
        self.w = writer
        self.rng = rng
        self.published = published
        self.named: set[int] = set()  # people already introduced with their title

    # ------------------------------------------------------------------ words
    def when(self, event: EventSpec) -> str:
        """The date as the report writes it, at the event's precision."""
        start = event.start
        if start is None:
            return self.rng.choice(("日前", "近日"))
        if event.precision == YEAR:
            return f"{start.year}年"
        if event.precision == MONTH:
            return f"{start.year}年{start.month}月"
        year = "" if start.year == self.published.year else f"{start.year}年"
        text = f"{year}{start.month}月{start.day}日"
        end = event.end
        if end and end != start:
            text += f"至{end.day}日" if end.month == start.month else f"至{end.month}月{end.day}日"
        return text

    def place(self, place: Place) -> list:
        """杭州市滨江区: the county is the region marked (its name exactly)."""
        if place.full != place.name:
            return [place.full[: -len(place.name)], (place.name, place)]
        return [(place.name, place)]

    def orgs(self, orgs: list[Org]) -> list:
        pieces = []
        for i, org in enumerate(orgs):
            if i:
                pieces.append("、")
            pieces.append((org.name, org))
        return pieces

    def person(self, person: Person, event: EventSpec) -> list:
        """组织 + 职务 + 姓名 the first time, the name alone afterwards."""
        if person.number in self.named:
            return [(person.name, person)]
        self.named.add(person.number)
        day = event.start or self.published
        title = person.title_on(day)
        self.w.positions.append((person, title, person.org))
        return [(person.org.name, person.org), title, (person.name, person)]

    def people(self, people: list[Person], event: EventSpec) -> list:
        pieces = []
        for i, person in enumerate(people):
            if i:
                pieces.append("、")
            pieces.extend(self.person(person, event))
        return pieces

    def count(self, event: EventSpec, unit: str) -> str:
        return f"{event.participants}{'余' if event.approximate else ''}{unit}"

    # ----------------------------------------------------------------- events
    def render(self) -> None:
        story = self.story
        for event in story.events:
            self.w.paragraph()
            getattr(self, f"_{event.kind if event.parent is None else 'child'}")(event)
            self.founded(event)
            for quote in story.quotes:
                if quote.event is event:
                    self.quote(quote)

    def founded(self, event: EventSpec) -> None:
        """The body an event set up is named at the head of its title
        (长三角人工智能产业联盟揭牌成立): provenance for it too."""
        org = event.founded
        if org is None or not event.title.startswith(org.name):
            return
        for mark in [m for m in self.w.marks if m.target is event]:
            self.w.marks.append(Mark(mark.start, mark.start + len(org.name), org, mark.sentence))

    def _forum(self, event: EventSpec) -> None:
        w, rng = self.w, self.rng
        w.sentence(self.when(event), ",", (event.title, event), "在", *self.place(event.places[0]),
                   rng.choice(L.VENUE_VERBS), "。")
        if event.participants:
            w.sentence(f"本次活动以“{self.story.theme}”为主题,吸引了{self.count(event, '名')}代表参加。")
        self.roles_sentence(event, "本次活动")
        chair = event.people("chair")
        if chair:
            w.sentence(*self.people(chair, event), "主持会议。")
        keynote = event.people("keynote")
        if keynote:
            w.sentence(*self.people(keynote, event), "分别作主旨演讲。" if len(keynote) > 1 else "作主旨演讲。")
        speakers = event.people("speaker")
        if speakers:
            w.sentence(*self.people(speakers, event), "等嘉宾先后发言。" if len(speakers) > 1 else "致辞。")

    def roles_sentence(self, event: EventSpec, subject: str) -> None:
        parts = []
        for role, verb in (("guide", "指导"), ("organiser", "主办"), ("host", "承办"),
                           ("co_organiser", "协办"), ("supporter", "支持")):
            orgs = event.orgs(role)
            if orgs:
                parts.append([*self.orgs(orgs), verb])
        if not parts:
            return
        pieces = [subject, "由"]
        for i, part in enumerate(parts):
            if i:
                pieces.append(",")
            pieces.extend(part)
        self.w.sentence(*pieces, "。")

    def _training(self, event: EventSpec) -> None:
        w = self.w
        if event.parent is None and "赴" in event.title:
            self._visit(event)
            return
        w.sentence(self.when(event), ",", (event.title, event), "在", *self.place(event.places[0]), "举办。")
        self.roles_sentence(event, "培训")
        if event.participants:
            w.sentence(f"{self.count(event, '名')}学员参加培训。")
        teachers = event.people("speaker")
        if teachers:
            w.sentence(*self.people(teachers, event), "等专家学者为学员授课。")
        trainees = event.people("participant")
        if trainees:
            w.sentence(*self.people(trainees, event), "等学员参加了培训。")

    def _visit(self, event: EventSpec) -> None:
        """A study tour: where the delegation went, who organised it."""
        w = self.w
        w.sentence(self.when(event), ",", (event.title, event), "。")
        organiser = event.orgs("organiser")
        if organiser:
            count = f",{self.count(event, '位')}企业家代表参加" if event.participants else ""
            w.sentence("此次活动由", *self.orgs(organiser), f"组织{count}。")
        members = event.people("participant")
        if members:
            w.sentence(*self.people(members, event), "等随团考察。")

    def _alliance(self, event: EventSpec) -> None:
        self.w.sentence(self.when(event), ",", (event.title, event), "。")
        self.w.sentence("成立仪式在", *self.place(event.places[0]), "举行。")
        self._alliance_members(event)

    def _alliance_members(self, event: EventSpec) -> None:
        w = self.w
        lead, members = event.orgs("lead"), event.orgs("founding_member")
        w.sentence(f"该{_noun(event.title)}由", *self.orgs(lead), "牵头,", *self.orgs(members),
                   f"等{len(members)}家单位成为首批成员单位。")
        guide = event.orgs("guide")
        if guide:
            w.sentence(*self.orgs(guide), "为指导单位。")
        speakers = event.people("speaker")
        if speakers:
            w.sentence(*self.people(speakers, event), "在仪式上致辞。")

    def _agreement(self, event: EventSpec) -> None:
        self.w.sentence(self.when(event), ",", (event.title, event), "。")
        self._agreement_terms(event)

    def _agreement_terms(self, event: EventSpec) -> None:
        w = self.w
        parties = event.orgs("participant")
        w.sentence("根据协议,", *self.orgs(parties),
                   f"将在{self.rng.choice(L.AGREEMENT_TOPICS)}、{self.story.industry}等方面深化合作。")
        signers = event.people("speaker")
        if signers:
            w.sentence(*self.people(signers, event), "代表各方签约。")
        guide = event.orgs("guide")
        if guide:
            w.sentence(*self.orgs(guide), "有关负责人见证签约。")

    def _founding(self, event: EventSpec) -> None:
        self.w.sentence(self.when(event), ",", (event.title, event), "。")
        self._founding_details(event)

    def _founding_details(self, event: EventSpec) -> None:
        w = self.w
        organiser = event.orgs("organiser")
        if organiser:
            w.sentence(f"据介绍,该{_noun(event.title)}由", *self.orgs(organiser),
                       f"发起设立,将聚焦{self.story.industry}领域的关键技术攻关和成果转化。")
        speakers = event.people("speaker")
        if speakers:
            w.sentence(*self.people(speakers, event), "介绍了发展规划。")

    def _other(self, event: EventSpec) -> None:
        w = self.w
        if event.title.endswith("系列专题座谈会"):
            w.sentence(self.when(event), ",", *self.people(event.people("chair"), event), "先后主持召开",
                       (event.title, event), "。")
            return
        w.sentence(self.when(event), ",", (event.title, event), "在", *self.place(event.places[0]), "举行。")
        self.roles_sentence(event, "活动")
        companies = event.orgs("participant")
        if companies:
            w.sentence(*self.orgs(companies), "等企业参加。")
        speakers = event.people("speaker")
        if speakers:
            w.sentence(*self.people(speakers, event), "出席并讲话。")

    def _child(self, event: EventSpec) -> None:
        """An event inside another one: on a forum's stage, a training's
        teaching visit, a tour's stop, one meeting of a series."""
        w, rng = self.w, self.rng
        if event.kind == "visit":
            w.sentence(self.when(event), ",", (event.title, event), "。")
            speakers = event.people("speaker")
            if speakers:
                w.sentence(*self.people(speakers, event), "介绍了企业的发展历程和创新做法。")
        elif event.kind == "forum" and "座谈会" in event.title:
            w.sentence(self.when(event), ",", (event.title, event), f"召开,聚焦{rng.choice(L.INDUSTRIES)}。")
            speakers = event.people("speaker")
            w.sentence(*self.people(speakers, event), "等企业和人才代表发言。")
        elif event.kind == "forum":
            w.sentence(rng.choice(("当天下午,", "同日,")), (event.title, event), "同期举行。")
            self.roles_sentence(event, "分论坛")
            speakers = event.people("speaker")
            if speakers:
                w.sentence(*self.people(speakers, event), "围绕相关议题发言。")
        else:
            w.sentence(rng.choice(("会上,", "活动现场,", "会议期间,")), (event.title, event), "。")
            {"alliance": self._alliance_members, "agreement": self._agreement_terms,
             "founding": self._founding_details}[event.kind](event)

    # ----------------------------------------------------------------- quotes
    def quote(self, quote: QuoteSpec) -> None:
        w, rng = self.w, self.rng
        who = self.person(quote.speaker, quote.event)
        if quote.kind == "indirect":
            w.sentence(*who, rng.choice(L.SPEECH_VERBS_BEFORE), ",", (quote.text, quote), "。")
        elif rng.random() < 0.5:
            w.sentence("“", (quote.text, quote), "”", *who, rng.choice(L.SPEECH_VERBS_AFTER), "。")
        else:
            w.sentence(*who, rng.choice(L.SPEECH_VERBS_BEFORE), ":“", (quote.text, quote), "”")

    def filler(self, count: int) -> None:
        """Background sentences that name no record (reports have them)."""
        story, rng = self.story, self.rng
        for shape in rng.sample(L.FILLER, count):
            self.w.paragraph()
            self.w.sentence(shape.format(
                industry=story.industry, macro=story.macro.short, short=story.place.short,
                theme=story.theme, count=rng.choice((30, 50, 80, 100, 200, 300))))


def _noun(title: str) -> str:
    for noun in ("联合体", "共同体", "联盟", "研究院", "创新中心", "研究所", "公司"):
        if noun in title:
            return noun
    return "机构"
