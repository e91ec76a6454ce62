import pytest
from django.core.management import call_command
from django.utils import translation

from cadre.directory import services
from cadre.directory.models import (
    Country,
    CrimeArea,
    GlobalProgramme,
    NationalCentralBureau,
    NoticeType,
    Office,
    SubBureau,
)

pytestmark = pytest.mark.django_db

SHIPPED_COUNTRIES = len(services.read_csv("countries.csv"))


def test_every_member_country_is_loaded_with_one_ncb() -> None:
    assert Country.objects.count() == SHIPPED_COUNTRIES == 196
    assert NationalCentralBureau.objects.count() == SHIPPED_COUNTRIES


def test_country_names_come_from_cldr_in_the_four_languages() -> None:
    kenya = Country.objects.get(iso2="KE")
    assert (kenya.name_en, kenya.name_fr, kenya.name_es, kenya.name_ar) == (
        "Kenya",
        "Kenya",
        "Kenia",
        "كينيا",
    )
    assert kenya.iso3 == "KEN"
    assert kenya.numeric == "404"


def test_a_country_name_follows_the_active_language() -> None:
    germany = Country.objects.get(iso2="DE")
    with translation.override("fr"):
        assert str(germany) == "Allemagne"
    with translation.override("ar"):
        assert str(germany) == "ألمانيا"


def test_every_country_has_a_region_and_a_covering_office() -> None:
    assert not Country.objects.filter(covering_office__isnull=True).exists()
    assert Country.objects.get(iso2="KE").covering_office.code == "rb-nairobi"
    assert Country.objects.get(iso2="CI").region.code == "africa"


def test_regional_bureaus_and_seats_are_loaded() -> None:
    bureaus = set(Office.objects.filter(kind=Office.Kind.REGIONAL_BUREAU).values_list("city_en", flat=True))
    assert {"Abidjan", "Yaoundé", "Nairobi", "Harare", "Buenos Aires", "San Salvador"} <= bureaus
    assert Office.objects.get(kind=Office.Kind.TRAINING_DIRECTORATE).city_en == "Singapore"


def test_sub_bureaus_work_under_their_countrys_ncb() -> None:
    hong_kong = SubBureau.objects.get(territory_code="HK")
    assert hong_kong.ncb.country.iso2 == "CN"


def test_crime_areas_map_to_their_global_programme() -> None:
    assert CrimeArea.objects.count() == 22
    assert CrimeArea.objects.get(code="cbrne").programme.code == "counter-terrorism"
    assert CrimeArea.objects.get(code="cybercrime").programme.code == "cybercrime"
    assert CrimeArea.objects.get(code="forensics").programme is None
    assert GlobalProgramme.objects.count() == 3


def test_taxonomy_is_translated_in_every_language() -> None:
    for notice in NoticeType.objects.all():
        assert all([notice.name_en, notice.name_fr, notice.name_es, notice.name_ar]), notice.code
    assert NoticeType.objects.get(code="silver").is_pilot


def test_loading_again_adds_nothing() -> None:
    report = services.load_reference_data()
    assert report.total_created == 0
    assert Country.objects.count() == SHIPPED_COUNTRIES


def test_loading_again_keeps_edits_made_in_the_admin_unless_refreshed() -> None:
    Country.objects.filter(iso2="PS").update(name_en="Palestine")
    services.load_reference_data()
    assert Country.objects.get(iso2="PS").name_en == "Palestine"
    services.load_reference_data(refresh=True)
    assert Country.objects.get(iso2="PS").name_en != "Palestine"


def test_the_command_reports_what_it_created(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_reference")
    assert "Reference data loaded." in capsys.readouterr().out
