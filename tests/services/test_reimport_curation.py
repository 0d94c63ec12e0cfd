"""Curator work survives re-import of the same files and of changed files
— changed in the very files the curated records come from, so the importer
really re-processes them — and rejected records do not come back."""

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from events.models import Event
from kb.models import Evidence, Organisation, Quote, ReviewStatus, Source
from kb.services.curation import (
    organisation_merge,
    record_curator_update,
    record_mark_reviewed,
    record_reject,
)
from tests.factories import StaffUserFactory

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FORUM = "第七届长三角一体化发展高层论坛"
EDITED = "第七届长三角一体化发展高层论坛(南京·编辑)"
REJECTED = "联影集团成立"
QUOTE = "这个行业靠一家企业单打独斗不行"
SURVIVOR, DUPLICATE = "联影集团", "浙江晶盛机电股份有限公司"

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_dir(db, tmp_path):
    call_command("load_regions", verbosity=0)
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def import_files(folder: Path) -> None:
    call_command("import_seeds", str(folder), no_progress=True, verbosity=0)


def files_of(record) -> set[str]:
    return set(Evidence.objects.filter(content_type__model=record._meta.model_name, object_id=record.pk)
               .values_list("source__file_name", flat=True))


def curate() -> dict[str, set[str]]:
    """Edit, reject, review and merge; the files each record comes from."""
    curator = StaffUserFactory()
    forum = Event.objects.get(title=FORUM)
    forum.title = EDITED
    record_curator_update(record=forum, user=curator, changed_fields=["title"])
    rejected = Event.objects.get(title=REJECTED)
    record_reject(record=rejected, user=curator)
    quote = Quote.objects.get(text__startswith=QUOTE)
    record_mark_reviewed(record=quote, user=curator)
    survivor, duplicate = Organisation.objects.get(name=SURVIVOR), Organisation.objects.get(name=DUPLICATE)
    merged_files = files_of(duplicate)
    organisation_merge(survivor=survivor, others=[duplicate], user=curator)
    return {"forum": files_of(forum), "rejected": files_of(rejected), "quote": files_of(quote),
            "merged": merged_files}


def assert_curation_survived() -> None:
    assert not Event.objects.filter(title=FORUM).exists()
    forum = Event.objects.get(title=EDITED)
    assert forum.curator_edited
    rejected = Event.objects.filter(title=REJECTED)
    assert [e.review_status for e in rejected] == [ReviewStatus.REJECTED]  # one, still rejected
    quotes = Quote.objects.filter(text__startswith=QUOTE)
    assert [q.review_status for q in quotes] == [ReviewStatus.REVIEWED]
    survivor = Organisation.objects.get(name=SURVIVOR)
    assert DUPLICATE in survivor.aliases
    duplicates = Organisation.objects.filter(name=DUPLICATE)
    assert [(d.review_status, d.merged_into_id) for d in duplicates] == [(ReviewStatus.REJECTED, survivor.pk)]


def test_curation_survives_reimport_of_the_same_and_of_changed_files(seed_dir):
    import_files(seed_dir)
    files = curate()
    assert all(files.values()), files

    import_files(seed_dir)  # the same files
    assert_curation_survived()

    # Change every file a curated record comes from, so each is re-read.
    changed = set().union(*files.values())
    for name in changed:
        path = seed_dir / name
        path.write_bytes(path.read_bytes() + "\n本报将继续关注。\n".encode())
    import_files(seed_dir)

    for name in changed:
        assert Source.objects.get(file_name=name).text.endswith("本报将继续关注。")
    assert_curation_survived()
    # What the merged duplicate's mentions prove now goes to the survivor.
    survivor = Organisation.objects.get(name=SURVIVOR)
    assert files["merged"] <= files_of(survivor)
    assert not files_of(Organisation.objects.get(name=DUPLICATE))
