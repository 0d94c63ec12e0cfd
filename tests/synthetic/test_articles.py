"""kb.synthetic.articles and kb.synthetic.dirt: raw articles in the style of
seeds/, and the damage they carry, checked against the ingest steps that
repair it and through `import_seeds`."""

import io
import random
from collections import Counter

import pytest
from django.core.management import call_command

from events.models import Event
from kb.chinese import to_simplified, to_traditional
from kb.ingest.decode import decode_article
from kb.ingest.edits import apply_edits
from kb.ingest.html import find_html
from kb.ingest.mojibake import find_mojibake
from kb.ingest.pinyin import find_pinyin
from kb.models import Source
from kb.synthetic import dirt
from kb.synthetic.articles import MAX_CHARS, MIN_CHARS, TEMPLATES, make_articles

CLEAN = (
    "4月15日至20日,长春新区组织企业家代表分赴上海、苏州考察学习。"
    "“这次培训理论联系实际,让我们开阔了视野。”浙江海宁力泰微电子装备股份有限公司董事长李元雄说。"
    "他表示,将与长三角企业深化合作,推动项目早落地、早见效。"
)


@pytest.fixture(scope="module")
def articles():
    return list(make_articles(count=60, seed=3))


# --- determinism, size and variety -----------------------------------------


def test_make_articles_same_seed_same_bytes():
    first = [(a.file_name, a.data) for a in make_articles(count=15, seed=11)]
    again = [(a.file_name, a.data) for a in make_articles(count=15, seed=11)]

    assert first == again


def test_make_articles_other_seed_other_articles():
    one = {a.data for a in make_articles(count=10, seed=11)}
    other = {a.data for a in make_articles(count=10, seed=12)}

    assert not one & other


def test_make_articles_each_between_600_and_2500_characters(articles):
    assert all(MIN_CHARS <= len(a.text) <= MAX_CHARS for a in articles)


def test_make_articles_every_template_and_kind_of_damage(articles):
    assert {a.story.kind for a in articles} == {kind for kind, _ in TEMPLATES}
    damage = Counter(d for a in articles for d in a.damage)
    assert damage["pinyin"] and damage["mojibake"] and damage["html"]
    scripts = Counter(a.script for a in articles)
    assert scripts["traditional"] and scripts["simplified"] > scripts["traditional"]
    assert Counter(a.encoding for a in articles)["gbk"]


def test_make_articles_traditional_ones_are_converted(articles):
    for article in articles:
        changed = to_simplified(article.text) != article.text
        assert changed == (article.script == "traditional")


def test_make_articles_bytes_decode_to_the_text_as_the_importer_reads_them(articles):
    for article in articles:
        decoded = decode_article(article.data, name=article.file_name, max_bytes=1 << 20)
        assert decoded.text == article.text
        assert decoded.encoding == ("gb18030" if article.encoding == "gbk" else "utf-8")


def test_make_articles_clean_ones_name_every_event_of_their_story(articles):
    clean = [a for a in articles if a.script == "simplified" and not a.damage]
    assert len(clean) > 10
    for article in clean:
        assert all(event.title in article.text for event in article.story.events)


def test_make_articles_junk_lines_around_the_body(articles):
    texts = [a.text for a in articles]
    assert any(text.startswith(dirt.SPAM) for text in texts)
    assert any("责编:" in text or "責編:" in text for text in texts)
    assert any("本报讯(记者" in text or "本報訊(記者" in text for text in texts)
    assert any("电(记者" in text or "電(記者" in text for text in texts)


# --- the damage, and the repairs that undo it ------------------------------


def test_damage_reproduces_the_seed_span():
    text, end = dirt.damage("能夠建成的。”上海市經(jīng)信委", 5)

    assert text == "能夠建成的?!鄙虾J薪?jīng)信委"
    assert text[5:end] == "?!鄙虾J薪?"


def test_damage_lost_byte_before_a_comma_eats_it():
    text, end = dirt.damage("我们开阔了视野,他说。", 5)

    assert text[5:end].endswith("?") and "," not in text
    assert text.endswith("他说。")


QUOTES = (
    "“这个行业靠一家企业单打独斗不行。”联影集团董事长薛敏说。\n"
    "“设备在这个行业里是核心。”朱亮介绍,企业正在加快推进国产化。\n"
    "“我们正在共同研究战略布局。”上海市科学技术委员会主任骆大进表示。\n"
)


def damaged_spans(clean: str, count: int):
    """(damaged text, offset of its first "?") for seeds 0..count-1."""
    spans = []
    for seed in range(count):
        damaged = dirt.add_mojibake(clean, random.Random(seed), 1)
        assert damaged.count("\n") == clean.count("\n")
        if damaged != clean:
            spans.append((damaged, next(i for i, (a, b) in enumerate(zip(damaged, clean, strict=False)) if a != b)))
    assert len(spans) >= 0.8 * count
    return spans


def test_add_mojibake_spans_found_by_the_repair_step():
    for clean in (QUOTES, to_traditional(QUOTES)):
        spans = damaged_spans(clean, 30)
        found = sum(any(e.start <= at < e.end for e in find_mojibake(text)) for text, at in spans)
        assert found >= 0.8 * len(spans)


def test_add_mojibake_in_traditional_text_some_read_back_exactly():
    # Traditional characters outside GB2312 often end in an ASCII-range
    # byte: the decoder is back in step after a letter, as on the seeds,
    # and the repair step can read the span back (it marks the others).
    clean = to_traditional(QUOTES)
    spans = damaged_spans(clean, 30)
    repaired = sum(apply_edits(text, find_mojibake(text)) == clean for text, _ in spans)
    assert repaired >= 3


def test_add_pinyin_annotations_are_readings_the_repair_step_removes():
    text = dirt.add_pinyin(CLEAN, random.Random(1), 0.5)

    assert text != CLEAN and "(" in text
    assert apply_edits(text, find_pinyin(text)) == CLEAN


def test_add_pinyin_leaves_common_characters_alone():
    text = dirt.add_pinyin("的一是在不了有和人这中大为上", random.Random(1), 1.0)

    assert "(" not in text


def test_add_html_residue_removed_by_the_repair_step():
    paragraphs = dirt.add_html([CLEAN] * 12, random.Random(5))
    text = "\n".join(paragraphs)

    assert "<p>" in text or "&nbsp;" in text
    repaired = apply_edits(text, find_html(text))
    assert "<" not in repaired and "&" not in repaired
    assert repaired.count(CLEAN) == 12


# --- through the importer --------------------------------------------------


@pytest.mark.django_db
def test_make_synthetic_articles_import_through_import_seeds(tmp_path):
    call_command("make_synthetic", "--articles", "8", "--out", str(tmp_path), "--seed", "5")
    call_command("load_regions", stdout=io.StringIO())

    call_command("import_seeds", str(tmp_path), "--no-progress", stdout=io.StringIO())

    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) == 8
    assert sorted(Source.objects.values_list("file_name", flat=True)) == files
    assert Event.objects.count() >= 6
    assert Source.objects.exclude(published_date=None).count() >= 5
    repairs = Counter(entry["kind"] for s in Source.objects.all() for entry in s.repair_log)
    assert repairs["junk_line"] >= 8
