"""The loader on real files: what an import writes, and what re-import
leaves alone."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from events.models import Event, EventRole, Role
from kb.models import Evidence, Organisation, Person, Position, Quote, ReviewStatus, Source
from kb.services.curation import organisation_merge, record_mark_reviewed, record_reject
from tests.factories import StaffUserFactory

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

pytestmark = pytest.mark.django_db


@pytest.fixture
def gazetteer_loaded(db):
    call_command("load_regions", verbosity=0)


@pytest.fixture
def seed_dir(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def import_files(*paths, **options):
    call_command("import_seeds", *map(str, paths), no_progress=True, verbosity=0, **options)


def snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", "updated_at"))
        for model in (Source, Event, Organisation, Person, Quote)
    } | {"evidence": Evidence.objects.count(), "roles": EventRole.objects.count(),
         "positions": Position.objects.count()}


def test_import_seeds_writes_sources_with_metadata(gazetteer_loaded, seed_dir):
    import_files(seed_dir)
    assert Source.objects.count() == 5
    source = Source.objects.get(file_name="004_53c94bcfb374685e.txt")
    assert source.outlet == "东方网"
    assert source.published_date == dt.date(2025, 6, 8)
    assert source.published_precision == "day"
    assert source.script == "traditional"
    assert "“这个行业靠一家企业单打独斗不行。”" in source.text
    assert "91经典" not in source.text  # the spam line is gone
    assert {c.name for c in source.credits.all()} == {"宁静", "朱晓华", "文凤雏"}
    undated = Source.objects.get(file_name="001_e41a0b784f92bb4f.txt")
    assert undated.published_date is None and undated.published_precision == "unknown"


def test_import_seeds_extracts_the_forum_and_its_children(gazetteer_loaded, seed_dir):
    import_files(seed_dir)
    forum = Event.objects.get(title="第七届长三角一体化发展高层论坛")
    assert (forum.kind, forum.start_date, forum.date_precision) == ("forum", dt.date(2025, 6, 7), "day")
    assert "南京市" in {r.name for r in forum.regions.all()}
    children = {e.kind for e in forum.children.all()}
    assert children == {"alliance", "agreement"}
    keynote = EventRole.objects.get(event=forum, role=Role.KEYNOTE)
    assert keynote.person.name == "薛敏"


def test_import_seeds_links_people_positions_and_quotes(gazetteer_loaded, seed_dir):
    import_files(seed_dir)
    xue = Person.objects.get(name="薛敏")
    assert {(p.title, p.organisation.name) for p in xue.positions.all()} == {("董事长", "联影集团")}
    lianying = Organisation.objects.get(name="联影集团")
    assert "联影" in lianying.aliases
    quote = Quote.objects.get(text__startswith="这个行业靠一家企业单打独斗不行")
    assert quote.speaker == xue
    assert quote.kind == "direct"


def test_import_seeds_evidence_points_at_the_text(gazetteer_loaded, seed_dir):
    import_files(seed_dir)
    org = Organisation.objects.get(name="浙江晶盛机电股份有限公司")
    spans = {(e.source.text[e.start:e.end]) for e in org.evidence.select_related("source")}
    assert "浙江晶盛机电股份有限公司" in spans
    assert spans <= {org.name, *org.aliases}
    for evidence in Evidence.objects.select_related("source")[:200]:
        assert 0 <= evidence.start < evidence.end <= len(evidence.source.text)


def test_reimport_of_the_same_files_changes_nothing(gazetteer_loaded, seed_dir):
    import_files(seed_dir)
    before = snapshot()
    import_files(seed_dir)
    assert snapshot() == before


def test_reimport_keeps_what_curators_did(gazetteer_loaded, seed_dir):
    import_files(seed_dir)
    curator = StaffUserFactory()
    forum = Event.objects.get(title="第七届长三角一体化发展高层论坛")
    forum.title = "第七届长三角一体化发展高层论坛(南京)"
    forum.curator_edited = True
    forum.save()
    rejected = Event.objects.get(title="联影集团成立")
    record_reject(record=rejected, user=curator)
    quote = Quote.objects.get(text__startswith="这个行业靠一家企业单打独斗不行")
    record_mark_reviewed(record=quote, user=curator)
    survivor = Organisation.objects.get(name="浙江晶盛机电股份有限公司")
    duplicate = Organisation.objects.create(name="晶盛机电集团", import_key="org:晶盛机电集团")
    organisation_merge(survivor=survivor, others=[duplicate], user=curator)
    # The file changes (a sentence added); re-import the whole folder.
    changed = seed_dir / "004_53c94bcfb374685e.txt"
    changed.write_bytes(changed.read_bytes() + "\n本报将继续关注。\n".encode())
    import_files(seed_dir)

    forum.refresh_from_db()
    assert forum.title == "第七届长三角一体化发展高层论坛(南京)"
    assert Event.objects.filter(title="联影集团成立").count() == 1
    assert Event.objects.get(title="联影集团成立").review_status == ReviewStatus.REJECTED
    quote.refresh_from_db()
    assert quote.review_status == ReviewStatus.REVIEWED
    assert not Organisation.objects.filter(name="晶盛机电集团", review_status=ReviewStatus.AUTO).exists()
    assert Source.objects.get(file_name=changed.name).text.endswith("本报将继续关注。")


def test_rejected_source_is_left_alone_on_reimport(gazetteer_loaded, seed_dir):
    import_files(seed_dir / "002_62f8318e51c4fe30.txt")
    source = Source.objects.get()
    record_reject(record=source, user=StaffUserFactory())
    path = seed_dir / "002_62f8318e51c4fe30.txt"
    path.write_bytes(path.read_bytes() + "\n新增一段。\n".encode())
    import_files(path)
    source.refresh_from_db()
    assert "新增一段" not in source.text
    assert source.review_status == ReviewStatus.REJECTED


def test_changed_file_drops_auto_records_it_no_longer_supports(gazetteer_loaded, tmp_path):
    article = tmp_path / "article.txt"
    lead = "新华网杭州5月8日电 5月7日,2024数字经济创新发展论坛在杭州举行。"
    extra = "5月8日,杭州市与宁波市签署数字经济合作框架协议。"
    article.write_text(lead + "\n" + extra + "\n", encoding="utf-8")
    import_files(article)
    assert Event.objects.filter(kind="agreement").count() == 1
    article.write_text(lead + "\n", encoding="utf-8")
    import_files(article)
    assert Event.objects.filter(kind="agreement").count() == 0
    assert Event.objects.filter(title__contains="数字经济创新发展论坛").count() == 1


def test_refused_file_is_reported_and_the_rest_imported(gazetteer_loaded, seed_dir, capsys):
    (seed_dir / "empty.txt").write_bytes(b"")
    with pytest.raises(CommandError, match="1 file"):
        import_files(seed_dir)
    assert Source.objects.count() == 5
    assert "empty.txt" in capsys.readouterr().err


def test_strict_stops_at_the_first_refused_file(gazetteer_loaded, seed_dir):
    (seed_dir / "00-empty.txt").write_bytes(b"")
    with pytest.raises(CommandError):
        import_files(seed_dir, strict=True)
    assert Source.objects.count() == 0


def test_dry_run_writes_nothing(gazetteer_loaded, seed_dir, capsys):
    import_files(seed_dir, dry_run=True)
    assert Source.objects.count() == 0
    assert Event.objects.count() == 0
    assert "dry run" in capsys.readouterr().out


def test_missing_path_is_refused_with_its_name(gazetteer_loaded, tmp_path, capsys):
    with pytest.raises(CommandError):
        import_files(tmp_path / "nope")
    assert "nope" in capsys.readouterr().err


def test_import_with_workers_equals_import_in_one_process(gazetteer_loaded, seed_dir):
    import_files(seed_dir, workers=2)
    with_workers = sorted(Event.objects.values_list("kind", "title", "start_date", "date_precision"))
    people = sorted(Person.objects.values_list("name", flat=True))
    Source.objects.all().delete()
    Event.objects.all().delete()
    Person.objects.all().delete()
    import_files(seed_dir)
    assert sorted(Event.objects.values_list("kind", "title", "start_date", "date_precision")) == with_workers
    assert sorted(Person.objects.values_list("name", flat=True)) == people


def test_folder_import_takes_article_files_only(gazetteer_loaded, tmp_path):
    shutil.copy(SEEDS / "002_62f8318e51c4fe30.txt", tmp_path / "article.txt")
    (tmp_path / "expected.json").write_text('{"title": "第七届长三角论坛"}', encoding="utf-8")
    import_files(tmp_path)
    assert list(Source.objects.values_list("file_name", flat=True)) == ["article.txt"]


def _write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_one_event_reported_by_two_articles_in_other_words_is_one_event(gazetteer_loaded, tmp_path):
    # Two outlets, the same founding and the same forum, told in other words
    # (挂牌成立 / 揭牌成立, a day / only the month).
    first = _write(tmp_path / "a.txt", "湾区产业协同联盟挂牌成立",
                   "发布时间:2024-05-10 09:00 来源:示例网",
                   "9日,第三届湾区产业协同发展论坛在深圳开幕。论坛上,湾区产业协同联盟挂牌成立,首批成员单位30家。")
    second = _write(tmp_path / "b.txt", "湾区产业协同联盟揭牌",
                    "示例报讯 5月,第三届湾区产业协同发展论坛在深圳举行,湾区产业协同联盟揭牌成立。")
    import_files(first, second)
    alliances = Event.objects.filter(kind="alliance")
    forums = Event.objects.filter(kind="forum")
    assert alliances.count() == 1 and forums.count() == 1
    for event in (alliances.get(), forums.get()):
        sources = set(Evidence.objects.filter(event=event).values_list("source__file_name", flat=True))
        assert sources == {"a.txt", "b.txt"}
    # The first report's day stands: the second gave only the month.
    assert (forums.get().start_date, forums.get().date_precision) == (dt.date(2024, 5, 9), "day")
    before = snapshot()
    import_files(first, second)
    assert snapshot() == before  # re-import: still one event each, nothing rewritten


def test_an_organisation_is_written_as_its_fullest_mention_whichever_file_comes_first(
        gazetteer_loaded, tmp_path):
    # The short name comes first, in Traditional script: the name as
    # written is the full one, so another article naming it in full first
    # leaves the same record.
    (tmp_path / "a.txt").write_text(
        "企業參訪\n\n2025年3月2日,代表團探訪華榮、匯川等企業。華榮電子科技股份有限公司介紹了產品。\n",
        encoding="utf-8")
    import_files(tmp_path / "a.txt")
    org = Organisation.objects.get(name="华荣电子科技股份有限公司")
    assert org.name_original == "華榮電子科技股份有限公司"


def test_import_flags_an_organisation_the_name_finder_does_not_confirm(gazetteer_loaded, tmp_path):
    article = tmp_path / "fragment.txt"
    article.write_text("两地合作座谈会召开\n发布时间:2024-05-06\n"
                       "5月5日,两地合作座谈会在宁波召开。产业项目及工商联代表参加,宁波市人民政府负责人出席。\n",
                       encoding="utf-8")
    import_files(article)
    phrase = Organisation.objects.get(name="产业项目及工商联")
    assert (phrase.flagged, phrase.flag_reason) == (True, "统计模型未确认这是一个机构名称")
    government = Organisation.objects.get(name="宁波市人民政府")
    assert (government.flagged, government.flag_reason) == (False, "")


def _flag_article(folder: Path, name: str, day: int) -> Path:
    path = folder / name
    path.write_text(f"两地合作座谈会召开\n发布时间:2024-05-0{day}\n"
                    f"5月{day}日,两地合作座谈会在宁波召开。产业项目及工商联代表参加。\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("finder_first", [True, False])
def test_import_an_organisation_stays_flagged_only_if_every_article_flags_it(
        gazetteer_loaded, tmp_path, monkeypatch, finder_first):
    # With the name finder the phrase is flagged; without it no article
    # flags it.  Whichever comes first, one confident article clears it.
    flagged_one = _flag_article(tmp_path, "a.txt", 5)
    clear_one = _flag_article(tmp_path, "b.txt", 6)
    runs = [("", flagged_one), ("off", clear_one)]
    for ner_setting, path in runs if finder_first else runs[::-1]:
        monkeypatch.setenv("KB_NER", ner_setting)
        import_files(path)
    org = Organisation.objects.get(name="产业项目及工商联")
    assert (org.flagged, org.flag_reason) == (False, "")
