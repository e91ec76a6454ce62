"""Whose roles each person sees, and whom they may give a role to."""

import pytest

from cadre.accounts import selectors
from cadre.accounts.models import User
from cadre.accounts.tests.roles_helpers import holder, person_of, role
from cadre.directory.models import Country, Institution, Region
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def holders_seen(user: User) -> set[int]:
    return set(selectors.role_holders_for(user).values_list("pk", flat=True))


@pytest.fixture
def world(kenya: Country, france: Country, academy: Institution) -> dict[str, int]:
    return {
        "kenyan_learner": holder("learner", country=kenya).pk,
        "kenyan_focal_point": holder("ncb-focal-point", kenya, country=kenya).pk,
        "french_focal_point": holder("ncb-focal-point", france, country=france).pk,
        "academy_admin": holder("institution-administrator", academy, country=kenya).pk,
        "other_academy_admin": holder(
            "institution-administrator", InstitutionFactory(country=kenya), country=kenya
        ).pk,
    }


@pytest.mark.parametrize(
    ("persona", "seen", "unseen"),
    [
        ("ncb_head", {"kenyan_learner", "kenyan_focal_point", "academy_admin"}, {"french_focal_point"}),
        ("ncb_officer_elsewhere", {"french_focal_point"}, {"kenyan_learner", "kenyan_focal_point"}),
        ("regional_officer", {"kenyan_learner", "academy_admin"}, {"french_focal_point"}),
        ("institution_admin", {"academy_admin"},
         {"kenyan_learner", "kenyan_focal_point", "french_focal_point", "other_academy_admin"}),
        ("learner", set(), {"kenyan_learner", "kenyan_focal_point", "academy_admin"}),
        ("administrator", {"kenyan_learner", "french_focal_point", "other_academy_admin"}, set()),
    ],
)  # fmt: skip
def test_each_person_sees_the_role_holders_within_their_scope(
    request: pytest.FixtureRequest, world: dict[str, int], persona: str, seen: set[str], unseen: set[str]
) -> None:
    visible = holders_seen(request.getfixturevalue(persona))
    assert {world[name] for name in seen} <= visible
    assert not {world[name] for name in unseen} & visible


def test_role_holders_are_searched_by_name_or_e_mail_and_filtered_by_role(
    administrator: User, kenya: Country
) -> None:
    wanted = holder("ncb-head", kenya, country=kenya, given_names="Wanjiru", family_name="Kamau")
    holder("learner", country=kenya, given_names="Wanjiru", family_name="Otieno")
    everyone = selectors.role_holders_for(administrator)
    assert list(selectors.filter_role_holders(everyone, query="wanjiru kam")) == [wanted]
    assert list(selectors.filter_role_holders(everyone, query=wanted.user.email.upper())) == [wanted]
    by_role = selectors.filter_role_holders(everyone, query="Wanjiru", role=role("learner"))
    assert [assignment.user.family_name for assignment in by_role] == ["Otieno"]


def test_a_head_of_ncb_offers_ncb_roles_in_their_own_country_only(ncb_head: User, kenya: Country) -> None:
    assert set(selectors.assignable_roles_for(ncb_head).values_list("code", flat=True)) == {
        "ncb-focal-point",
        "ncb-head",
    }
    assert list(selectors.scopes_for(ncb_head, "country")) == [kenya]
    assert not selectors.scopes_for(ncb_head, "institution").exists()


def test_administrators_are_offered_every_assignable_role_and_scope(
    administrator: User, africa: Region
) -> None:
    codes = set(selectors.assignable_roles_for(administrator).values_list("code", flat=True))
    assert {"administrator", "ncb-head", "institution-administrator", "regional-training-officer"} <= codes
    assert "course-manager" in codes  # the courses app is installed
    assert "donor-viewer" not in codes  # programmes are not yet
    assert africa in selectors.scopes_for(administrator, "region")


@pytest.mark.parametrize(
    ("persona", "may_choose_kenyan", "may_choose_french"),
    [("ncb_head", True, False), ("institution_admin", True, False), ("ncb_officer", False, False),
     ("administrator", True, True)],
)  # fmt: skip
def test_whom_a_person_may_give_a_role_to(
    request: pytest.FixtureRequest,
    kenya: Country,
    france: Country,
    persona: str,
    may_choose_kenyan: bool,
    may_choose_french: bool,
) -> None:
    user = request.getfixturevalue(persona)
    kenyan, french = person_of(kenya), person_of(france)
    assert (selectors.person_for_assignment(user, kenyan.pk) is not None) is may_choose_kenyan
    assert (selectors.person_for_assignment(user, french.pk) is not None) is may_choose_french


def test_people_who_left_cannot_be_chosen(ncb_head: User, kenya: Country) -> None:
    gone = person_of(kenya, is_active=False)
    assert selectors.person_for_assignment(ncb_head, gone.pk) is None


def test_the_person_search_is_bounded(ncb_head: User, kenya: Country) -> None:
    for _ in range(selectors.PEOPLE_FOUND_AT_MOST + 5):
        person_of(kenya, family_name="Mwangi")
    found = selectors.search_people(selectors.people_assignable_by(ncb_head), "mwangi")
    assert len(found) == selectors.PEOPLE_FOUND_AT_MOST
