import pytest

from cadre.accounts.models import User
from cadre.directory.models import Agency, Country
from cadre.imports.files import COLUMN_CODES
from cadre.imports.models import ImportRow
from cadre.imports.problems import explain
from cadre.imports.validation import RowChecker
from tests.factories import AgencyFactory, UserFactory

from .conftest import official

pytestmark = pytest.mark.django_db


def checked(country: Country, *rows: list[str]) -> list[tuple[str, list[str]]]:
    table = [(number, dict(zip(COLUMN_CODES, row, strict=True))) for number, row in enumerate(rows, start=2)]
    checker = RowChecker.for_rows(country, table)
    results = [checker.check(number, values) for number, values in table]
    return [(row.outcome, [code for code, _params in row.errors]) for row in results]


def test_a_complete_row_is_valid_and_its_agency_found_by_acronym_or_name(
    kenya: Country, police: Agency
) -> None:
    assert checked(kenya, official(1), official(2, agency="kenya police service")) == [
        ("valid", []),
        ("valid", []),
    ]


@pytest.mark.parametrize(
    ("changes", "codes"),
    [
        ({"email": "not-an-address"}, ["email_invalid"]),
        ({"email": ""}, ["required"]),
        ({"given_names": "", "family_name": ""}, ["required", "required"]),
        ({"given_names": "x" * 151}, ["too_long"]),
        ({"agency": "FBI"}, ["agency_unknown"]),
        ({"agency": ""}, ["required"]),
        ({"gender": "other"}, ["gender_invalid"]),
        ({"preferred_language": "de"}, ["language_invalid"]),
    ],
)
def test_each_kind_of_bad_value_is_reported(
    kenya: Country, police: Agency, changes: dict[str, str], codes: list[str]
) -> None:
    assert checked(kenya, official(1, **changes)) == [("invalid", codes)]


def test_values_are_normalised_and_empty_choices_take_their_default(kenya: Country, police: Agency) -> None:
    table = [
        (
            2,
            dict(
                zip(
                    COLUMN_CODES,
                    official(1, email="A@Police.go.KE", gender="", preferred_language="FR"),
                    strict=True,
                )
            ),
        )
    ]
    row = RowChecker.for_rows(kenya, table).check(*table[0])
    assert row.values["email"] == "a@police.go.ke"
    assert row.values["gender"] == User.Gender.UNDISCLOSED
    assert row.values["preferred_language"] == "fr"
    assert row.agency_id == police.pk


def test_a_repeated_email_is_an_error_on_the_later_row(kenya: Country, police: Agency) -> None:
    assert checked(kenya, official(1), official(2, email="OFFICIAL1@police.go.ke")) == [
        ("valid", []),
        ("invalid", ["email_duplicate"]),
    ]


def test_an_agency_of_another_country_is_not_found(kenya: Country, france: Country, police: Agency) -> None:
    AgencyFactory(country=france, name="Police nationale", acronym="PN")
    assert checked(kenya, official(1, agency="PN")) == [("invalid", ["agency_unknown"])]


def test_an_acronym_shared_by_two_agencies_is_ambiguous(kenya: Country, police: Agency) -> None:
    AgencyFactory(country=kenya, name="Kenya Prisons Service", acronym="KPS")
    assert checked(kenya, official(1)) == [("invalid", ["agency_ambiguous"])]


def test_people_already_registered_are_present_here_and_refused_from_elsewhere(
    kenya: Country, france: Country, police: Agency
) -> None:
    UserFactory(email="official1@police.go.ke", country=kenya)
    UserFactory(email="official2@police.go.ke", country=france)
    assert checked(kenya, official(1), official(2)) == [
        (ImportRow.Outcome.PRESENT, []),
        (ImportRow.Outcome.INVALID, ["email_other_country"]),
    ]


def test_problems_are_explained_in_the_readers_language() -> None:
    from django.utils import translation

    stored = ["email_duplicate", {"row": 4}]
    with translation.override("en"):
        assert explain(stored) == "The same e-mail address is already on row 4."
    assert explain(["no-such-code", {}]) == "no-such-code"
