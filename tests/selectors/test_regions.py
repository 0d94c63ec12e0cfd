"""The region tree each process keeps (kb.selectors.regions.region_tree_cached)."""

from kb.models import Region
from kb.selectors.regions import region_tree_cached
from kb.services.data_version import data_version_bump
from tests.factories import RegionFactory


def test_a_kept_tree_sees_a_rename_by_another_process_once_the_data_version_moves(db):
    province = RegionFactory(name="甲省", adcode="910000", level="province")
    assert region_tree_cached().names[province.pk] == "甲省"
    # Another process renames it: no signal here, the row count and ids stay.
    Region.objects.filter(pk=province.pk).update(name="乙省")
    assert region_tree_cached().names[province.pk] == "甲省"  # the kept tree, one query
    data_version_bump()  # that process's commit
    assert region_tree_cached().names[province.pk] == "乙省"


def test_a_kept_tree_costs_one_query_and_no_rows_while_nothing_changes(db, django_assert_num_queries):
    RegionFactory(name="甲省", adcode="910000", level="province")
    first = region_tree_cached()
    with django_assert_num_queries(1):
        assert region_tree_cached() is first
