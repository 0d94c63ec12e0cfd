"""measure_extraction on the real-article set: the texts are third-party and
live outside the repository, so the command must say clearly which are
missing and measure the ones present."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parents[2]


def test_measure_extraction_real_without_texts_names_the_way_to_retrieve_them(tmp_path):
    with pytest.raises(CommandError, match="retrieve them as tests/data/real/README.md says"):
        call_command("measure_extraction", real="dev", corpus=str(tmp_path))


def test_measure_extraction_real_lists_missing_texts_and_measures_the_rest(tmp_path):
    # A stand-in text written here (not the third-party page) under the stem
    # of one dev entry: the command measures it and lists the others.
    stem = sorted((ROOT / "tests" / "data" / "real" / "dev").glob("*.json"))[0].stem
    (tmp_path / f"{stem}.txt").write_text(
        "长三角区域合作座谈会举行\n2024-05-09 10:00:00 来源:示例网\n9日，长三角区域合作座谈会在上海举行。\n",
        encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("measure_extraction", real="dev", corpus=str(tmp_path),
                 json_path=str(tmp_path / "figures.json"), stdout=out, stderr=err)
    dev_count = len(list((ROOT / "tests" / "data" / "real" / "dev").glob("*.json")))
    assert f"{dev_count - 1} of {dev_count} texts are missing" in err.getvalue()
    assert "1 articles" in out.getvalue()
    figures = json.loads((tmp_path / "figures.json").read_text(encoding="utf-8"))
    assert {"core events", "event dates", "event titles", "organisations"} <= set(figures)
