"""Raw article files in the style of seeds/, for import benchmarks.

An article is a story's report (the same sentences the database side
stores) dressed as a saved web page: a header (SEO spam, a page title with
the site's name, a breadcrumb, site chrome), a publication-date line in one
of the shapes sites use, a dateline opening the lead, the paragraphs with
background, and a footer (sign-offs, copyright, reading counts).  Then, as
the seeds have it: some in Traditional script (OpenCC s2t), some with
pinyin glued after rarer characters, some with GBK mojibake spans, some with
HTML residue, and some saved as GBK bytes.  600–2,500 characters each.

Deterministic: the same count and seed give the same files, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from kb.chinese import to_traditional
from kb.synthetic import dirt
from kb.synthetic import lexicon as L
from kb.synthetic.draw import pick
from kb.synthetic.places import Gazetteer, fixture_rows
from kb.synthetic.report import report_story
from kb.synthetic.stories import Planner, Story
from kb.synthetic.world import World, person_name

MIN_CHARS, MAX_CHARS = 600, 2500
# One template per shape of story (the story's kind), with these weights.
TEMPLATES = (("forum", 24), ("training", 14), ("tour", 12), ("alliance", 11), ("agreement", 11),
             ("series", 9), ("founding", 11), ("other", 8))


@dataclass
class Article:
    file_name: str
    text: str  # as written, before encoding
    data: bytes
    encoding: str  # utf-8 | gbk
    script: str  # simplified | traditional
    damage: tuple[str, ...]  # which kinds of dirt it carries
    story: Story


def articles_write(*, count: int, out: Path, seed: int = 0) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in make_articles(count=count, seed=seed):
        path = out / article.file_name
        path.write_bytes(article.data)
        paths.append(path)
    return paths


def make_articles(*, count: int, seed: int = 0, gazetteer: Gazetteer | None = None):
    """Yield `count` articles; organisations and people recur across them
    as in real news (one world for the run)."""
    gazetteer = gazetteer or Gazetteer(fixture_rows())
    rng = random.Random(f"{seed}:articles")
    world = World(gazetteer, rng)
    planner = Planner(world, rng)
    for number in range(count):
        world.events_planned = planner.next_event + 3
        kind = pick(rng, TEMPLATES)
        story = planner.story(number, limit=6, kind=kind, reported=True)
        yield _article(story, number, random.Random(f"{seed}:article:{number}"))


def _article(story: Story, number: int, rng: random.Random) -> Article:
    report = report_story(story, rng, filler=(0, 0))
    outlet = rng.choice(L.OUTLETS)
    names = [person_name(rng) for _ in range(3)]
    traditional = rng.random() < 0.35
    # As on the seeds: the Traditional pages are the annotated and garbled ones.
    shares = (("pinyin", 0.3 if traditional else 0.1), ("mojibake", 0.35 if traditional else 0.08),
              ("html", 0.2))
    damage = [name for name, share in shares if rng.random() < share]
    gbk = "mojibake" not in damage and rng.random() < 0.12
    founded = next((e.founded for e in story.events if e.founded), None)
    shapes = L.FILLER + (_PROFILE if founded else ())
    extra = [s.format(industry=story.industry, macro=story.macro.short, short=story.place.short,
                      theme=story.theme, count=rng.choice((30, 50, 80, 100, 200)),
                      name=founded.name if founded else "")
             for s in rng.sample(shapes, len(shapes))]
    body = list(report.paragraphs)
    background: list[str] = []  # what was added, and may go again to fit
    target = rng.randint(700, 1400 if "pinyin" in damage else 2100)
    while sum(len(p) for p in body) < target and extra:
        background.append(extra.pop())
        body.insert(rng.randint(1, len(body)), background[-1])
    layout = _Layout(rng, story, report, outlet, names, html="html" in damage)
    # Dirt is made with its own generator, so that trimming a paragraph to
    # fit does not change what the rest of the article looks like.
    dirt_seed = rng.random()
    text = _dirty(layout.page(body), random.Random(dirt_seed), traditional, damage)
    while len(text) > MAX_CHARS and len(body) > 1:
        if background:
            body.remove(background.pop())
        else:
            body.pop()
        text = _dirty(layout.page(body), random.Random(dirt_seed), traditional, damage)
    while len(text) < MIN_CHARS and extra:
        body.append(extra.pop())
        text = _dirty(layout.page(body), random.Random(dirt_seed), traditional, damage)
    data, encoding = text.encode("utf-8"), "utf-8"
    if gbk:
        try:
            data, encoding = text.encode("gbk"), "gbk"
        except UnicodeEncodeError:
            pass  # a character GBK lacks: the site would have served UTF-8
    return Article(f"{number:05d}_{story.kind}_{'gbk' if encoding == 'gbk' else 'utf8'}.txt", text, data,
                   encoding, "traditional" if traditional else "simplified", tuple(damage), story)


def _dirty(page: str, rng: random.Random, traditional: bool, damage: list[str]) -> str:
    if traditional:
        page = to_traditional(page)
    if "pinyin" in damage:
        page = dirt.add_pinyin(page, rng, 0.25)
    if "mojibake" in damage:
        page = dirt.add_mojibake(page, rng, rng.randint(1, 3))
    return page


# A profile's paragraphs about the body a story founded (no records in them).
_PROFILE = (
    "如今,{name}已发展到{count}多人的规模,其中近一半是研发人员,产品覆盖全国主要城市。",
    "回顾发展历程,{name}从最初只有几十人的团队起步,一步步成长为行业内的重要力量。",
    "据了解,{name}成立以来在{industry}领域持续发力,已承担和参与重点项目{count}余个。",
)


class _Layout:
    """Header, date line, dateline and footer of one page (every choice is
    drawn up front: page() is called again when the body is trimmed)."""

    def __init__(self, rng: random.Random, story: Story, report, outlet: str, names: list[str], *,
                 html: bool):
        self.report, self.outlet, self.names = report, outlet, names
        self.shape = rng.randrange(6)
        self.indent = rng.choice(("", "", "  ", "\u3000\u3000"))
        self.gap = rng.choice(("\n\n", "\n"))
        self.header = dirt.header_junk(rng, outlet=outlet, title=report.title)
        self.chrome = rng.choice(dirt.CHROME) if rng.random() < 0.3 else ""
        self.footer = dirt.footer_junk(rng, outlet=outlet, names=names, views=rng.randint(100, 99999))
        self.time = dt.time(rng.randint(7, 22), rng.randint(0, 59), rng.randint(0, 59))
        self.views = rng.randint(100, 9999)
        self.agency = rng.choice(L.AGENCIES)
        self.city = story.place.short if story.place.level != "macro" else "北京"
        self.html_seed = rng.random() if html else None

    def page(self, body: list[str]) -> str:
        day, t = self.report.published, self.time
        lines = [*self.header, self.report.title]
        if self.chrome:
            lines.append(self.chrome)
        lead = body[0]
        if self.shape == 0:  # 2025 04/22 14:29:05 / 来源:新华网
            lines += [f"{day.year} {day.month:02d}/{day.day:02d} {t:%H:%M:%S}", f"来源:{self.outlet}"]
        elif self.shape == 1:  # 东方网 2025-06-08 10:15:20
            lines.append(f"{self.outlet} {day.isoformat()} {t:%H:%M:%S}")
        elif self.shape == 2:  # 2023年11月02日 09:30 来源:澎湃新闻
            lines.append(f"{day.year}年{day.month:02d}月{day.day:02d}日 {t:%H:%M} 来源:{self.outlet}")
            lines.append(f"{self.outlet}记者 {self.names[1]}")
        elif self.shape == 3:  # a government site's print page
            lines.append(f"发布时间:{day.isoformat()} 来源:{self.outlet} 浏览次数:{self.views:,}")
        elif self.shape == 4:  # 新华社南京6月8日电(记者 王逸飞)
            lead = f"{self.agency}{self.city}{day.month}月{day.day}日电(记者 {self.names[1]})" + lead
        else:  # 本报讯(记者 周晓): the date only in the lead
            lead = f"本报讯(记者 {self.names[1]})" + lead
        paragraphs = [lead, *body[1:]]
        if self.html_seed is not None:
            paragraphs = dirt.add_html(paragraphs, random.Random(self.html_seed))
        return self.gap.join(lines + [self.indent + p for p in paragraphs] + self.footer) + "\n"
