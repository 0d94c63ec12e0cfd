"""kb.chinese.Converter gives exactly what OpenCC gives, through its
character-mapping path or through OpenCC's own dictionaries."""

import random
from pathlib import Path

import pytest
from opencc import OpenCC

from kb.chinese import Converter, converter, to_simplified, to_traditional

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = ["t2s", "s2t", "tw2s", "hk2s", "s2tw", "s2hk", "tw2sp", "s2twp"]


def _corpus_lines() -> list[str]:
    lines = []
    for folder in (ROOT / "seeds", ROOT / "tests" / "data" / "articles"):
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            lines.append(text)
            lines.extend(text.splitlines())
    return lines


@pytest.fixture(scope="module")
def corpus():
    return _corpus_lines()


@pytest.mark.parametrize("config", CONFIGS)
def test_same_as_opencc_on_the_articles(config, corpus):
    reference, fast = OpenCC(config), Converter(config)
    assert corpus
    for text in corpus:
        assert fast.convert(text) == reference.convert(text)


@pytest.mark.parametrize("config", CONFIGS)
def test_same_as_opencc_on_text_made_of_dictionary_entries(config, corpus):
    """Phrases, single characters and plain text run together, with and
    without OpenCC's separators between them."""
    reference, fast = OpenCC(config), Converter(config)
    keys = sorted(k for group in reference._dict_chain_data for _, _, entries in group for k in entries)
    rng = random.Random(config)
    for _ in range(400):
        parts = [rng.choice(keys) if rng.random() < 0.6 else rng.choice(corpus)[: rng.randint(0, 12)]
                 for _ in range(rng.randint(1, 8))]
        text = rng.choice(["", "", " ", "，", "-", "。"]).join(parts)
        assert fast.convert(text) == reference.convert(text), text


def test_known_conversions():
    assert to_simplified("長三角區域一體化發展") == "长三角区域一体化发展"
    assert to_simplified("上海市人民政府") == "上海市人民政府"
    assert to_traditional("长三角") == "長三角"
    # A phrase entry (OpenCC's dictionaries, not one character at a time).
    assert converter("tw2sp").convert("網際網路") == "互联网"
    assert converter("t2s").convert("") == ""


def test_to_simplified_folds_the_variants_opencc_leaves():
    # 陜 is a variant of 陕 that OpenCC's t2s keeps; the pipeline and the
    # pages (search, the script switch) must read it the same way.
    assert to_simplified("陜西省渭南市") == "陕西省渭南市"
    assert len(to_simplified("陜西淸水")) == 4


def test_to_simplified_keeps_qian_in_place_names():
    # 乾 of 乾县 and 乾州 is the Simplified character; 乾 of 乾燥 is 干.
    assert to_simplified("陝西省乾縣、吉林省乾安縣和吉首市乾州街道") == "陕西省乾县、吉林省乾安县和吉首市乾州街道"
    assert to_simplified("乾燥的餅乾") == "干燥的饼干"
