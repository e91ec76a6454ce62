import pytest
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from cadre.accounts.models import User
from cadre.directory import selectors
from cadre.directory.models import Country

pytestmark = pytest.mark.django_db


def iso_codes(countries: object) -> set[str]:
    return {country.iso2 for country in countries}  # type: ignore[attr-defined]


def test_search_finds_a_country_by_its_name_in_any_language() -> None:
    assert iso_codes(selectors.search_countries(query="كينيا")) == {"KE"}
    assert "DE" in iso_codes(selectors.search_countries(query="Allemagne"))
    assert iso_codes(selectors.search_countries(query="ken")) >= {"KE"}


def test_search_by_iso_code_and_region() -> None:
    assert iso_codes(selectors.search_countries(query="KEN")) == {"KE"}
    african = selectors.search_countries(region_code="africa")
    assert "KE" in iso_codes(african)
    assert "FR" not in iso_codes(african)


def test_names_sort_with_accents_folded() -> None:
    names = [country.name for country in selectors.search_countries(region_code="africa")]
    assert names == sorted(names, key=selectors.sort_key)


# Who sees which countries through their NCB and regional roles.
@pytest.mark.parametrize(
    ("persona", "sees_kenya", "sees_france", "sees_all"),
    [
        ("nobody", False, False, False),
        ("learner", False, False, False),
        ("ncb_officer", True, False, False),
        ("ncb_officer_elsewhere", False, True, False),
        ("regional_officer", True, False, False),
        ("administrator", True, True, True),
    ],
)
def test_countries_for_follows_the_scope_of_roles(
    request: pytest.FixtureRequest, persona: str, sees_kenya: bool, sees_france: bool, sees_all: bool
) -> None:
    user: User = request.getfixturevalue(persona)
    visible = selectors.countries_for(user, *selectors.COUNTRY_ROLES)
    codes = set(visible.values_list("iso2", flat=True))
    assert ("KE" in codes) is sees_kenya
    assert ("FR" in codes) is sees_france
    assert (visible.count() == Country.objects.count()) is sees_all


def test_a_regional_officer_sees_every_country_of_their_region_only(regional_officer: User) -> None:
    visible = selectors.countries_for(regional_officer, "regional-training-officer")
    assert set(visible.values_list("region__code", flat=True)) == {"africa"}
    assert visible.count() == Country.objects.filter(region__code="africa").count()


@pytest.mark.parametrize("language", ["ar", "en", "fr", "es"])
def test_countries_sort_in_the_readers_language(language: str) -> None:
    with translation.override(language):
        names = [country.name for country in selectors.search_countries()]
    assert len(names) == Country.objects.filter(is_member=True).count()
    assert names == sorted(names, key=selectors.sort_key)


def test_a_page_of_countries_loads_only_its_rows(django_assert_num_queries: DjangoAssertNumQueries) -> None:
    countries = selectors.search_countries()
    with django_assert_num_queries(1):
        page = countries[25:50]
    with translation.override("fr"):
        french = selectors.search_countries()[0:3]
    assert len(page) == 25
    assert [country.name_fr for country in french] == ["Afghanistan", "Afrique du Sud", "Albanie"]
