"""The real gazetteer and the places the map tests use."""

import pytest

from kb.models import Region
from tests.conftest import module_data


@pytest.fixture(scope="module")
def gazetteer(django_db_setup, django_db_blocker):
    """The real gazetteer, loaded once for each module and rolled back."""
    with module_data(django_db_blocker, ("load_regions",)):
        yield


@pytest.fixture
def places(gazetteer, db):
    get = Region.objects.get
    return {
        "zhejiang": get(adcode="330000"),
        "hangzhou": get(adcode="330100"),
        "ningbo": get(adcode="330200"),
        "yinzhou": get(adcode="330212"),  # a district of Ningbo
        "jiangsu": get(adcode="320000"),
        "suzhou": get(adcode="320500"),
        "wujiang": get(adcode="320509"),  # a district of Suzhou
        "shanghai": get(adcode="310000"),
        "pudong": get(adcode="310115"),
        "beijing": get(adcode="110000"),
        "haidian": get(adcode="110108"),  # a district Beijing governs directly
        "yrd": get(name="长三角", level="macro"),
        "free_trade_zone": get(name="上海自贸区"),  # a zone under Shanghai itself, in no district
    }
