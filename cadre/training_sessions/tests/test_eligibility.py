from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from cadre.accounts.models import User
from cadre.directory.models import Country, Region, Sector
from cadre.training_sessions import eligibility
from cadre.training_sessions.models import Nomination, SeatQuota, Session
from cadre.training_sessions.tests.test_nominations_fixtures import (
    completion_certificate,
    official,
    open_session,
    published_course,
)
from cadre.vetting.models import AccessRequest
from tests.factories import NominationFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def checks_of(session: Session, person: User) -> dict[str, dict[str, Any]]:
    result = eligibility.check_person(session, person)
    return {check["code"]: check for check in result.checks}


def reason(session: Session, person: User, code: str) -> str:
    return checks_of(session, person)[code]["reason"]


def test_an_official_who_meets_everything_is_eligible(kenya: Country) -> None:
    session = open_session()
    person = official(kenya)
    result = eligibility.check_person(session, person)
    assert result.eligible
    assert [check["code"] for check in result.checks] == [
        "active",
        "vetted",
        "country",
        "sector",
        "prerequisites",
        "not_completed",
        "no_overlap",
        "not_nominated",
    ]
    assert result.failed == []


def test_an_inactive_account_fails(kenya: Country) -> None:
    person = official(kenya, is_active=False)
    assert reason(open_session(), person, "active") == "inactive"
    assert not eligibility.check_person(open_session(), person).eligible


@pytest.mark.parametrize(
    ("status", "until_days", "expected"),
    [
        (AccessRequest.Status.APPROVED, 30, "vetted"),
        (AccessRequest.Status.APPROVED, None, "vetted"),
        (AccessRequest.Status.APPROVED, -1, "lapsed"),
        (AccessRequest.Status.PENDING, None, "not_vetted"),
        (AccessRequest.Status.SUSPENDED, 30, "not_vetted"),
        (AccessRequest.Status.REVOKED, None, "not_vetted"),
    ],
)
def test_vetting_decides(kenya: Country, status: str, until_days: int | None, expected: str) -> None:
    person = official(kenya)
    until = None if until_days is None else timezone.localdate() + timedelta(days=until_days)
    AccessRequest.objects.create(person=person, country=kenya, status=status, approved_until=until)
    check = checks_of(open_session(), person)["vetted"]
    assert check["reason"] == expected
    assert check["ok"] is (expected == "vetted")


def test_people_the_organisation_created_count_as_vetted(kenya: Country) -> None:
    assert reason(open_session(), official(kenya), "vetted") == "vetted"


def test_a_region_keeps_other_regions_out(kenya: Country, france: Country) -> None:
    session = open_session(region=Region.objects.get(code="africa"))
    assert reason(session, official(kenya), "country") == "open_to_country"
    assert reason(session, official(france), "country") == "other_region"


def test_no_country_or_not_a_member_fails(kenya: Country) -> None:
    session = open_session()
    assert reason(session, UserFactory(country=None), "country") == "no_country"
    Country.objects.filter(pk=kenya.pk).update(is_member=False)
    assert reason(session, official(Country.objects.get(pk=kenya.pk)), "country") == "not_member"


def test_seats_per_country(kenya: Country, france: Country) -> None:
    session = open_session(capacity=10, seats_by=Session.SeatsBy.COUNTRY)
    SeatQuota.objects.create(session=session, country=kenya, seats=4)
    kenyan = checks_of(session, official(kenya))["country"]
    assert (kenyan["reason"], kenyan["params"]) == ("reserved", {"seats": 4})
    french = checks_of(session, official(france))["country"]
    assert (french["reason"], french["params"], french["ok"]) == ("unreserved", {"seats": 6}, True)


def test_every_seat_reserved_for_others_fails(kenya: Country, france: Country) -> None:
    session = open_session(capacity=4, seats_by=Session.SeatsBy.COUNTRY)
    SeatQuota.objects.create(session=session, country=kenya, seats=4)
    check = checks_of(session, official(france))["country"]
    assert (check["reason"], check["ok"]) == ("no_seats", False)


def test_seats_per_region(kenya: Country, france: Country) -> None:
    session = open_session(capacity=5, seats_by=Session.SeatsBy.REGION)
    SeatQuota.objects.create(session=session, region=kenya.region, seats=5)
    assert reason(session, official(kenya), "country") == "reserved_region"
    assert reason(session, official(france), "country") == "no_seats"


def test_sectors_admitted(kenya: Country) -> None:
    session = open_session()
    customs = Sector.objects.exclude(code="police").first()
    assert customs is not None
    police = official(kenya)
    assert reason(session, police, "sector") == "any_sector"
    session.eligible_sectors.set([customs])
    assert reason(session, police, "sector") == "other_sector"
    assert reason(session, UserFactory(country=kenya, agency=None), "sector") == "no_agency"
    session.eligible_sectors.add(police.agency.sector)
    assert reason(session, police, "sector") == "sector"


def test_prerequisites_must_be_completed(kenya: Country) -> None:
    first, second = published_course(title_en="Online module"), published_course(title_en="Basics")
    session = open_session()
    session.course.prerequisites.set([first, second])
    person = official(kenya)
    check = checks_of(session, person)["prerequisites"]
    assert (check["ok"], check["params"]) == (False, {"courses": sorted([first.pk, second.pk])})
    assert "Online module" in eligibility.describe_checks([check])[0]["message"]
    completion_certificate(person, first)
    completion_certificate(person, second)
    assert reason(session, person, "prerequisites") == "prerequisites"


def test_a_course_without_prerequisites_passes(kenya: Country) -> None:
    assert reason(open_session(), official(kenya), "prerequisites") == "no_prerequisites"


def test_having_completed_the_course_already_fails(kenya: Country) -> None:
    session = open_session()
    person = official(kenya)
    completion_certificate(person, session.course)
    check = checks_of(session, person)["not_completed"]
    assert (check["ok"], eligibility.describe(check)) == (False, "Already completed this course.")


def test_accepted_in_an_overlapping_session_fails(kenya: Country) -> None:
    session = open_session()
    person = official(kenya)
    other = SessionFactory(starts_on=session.ends_on, ends_on=session.ends_on + timedelta(days=2))
    nomination = NominationFactory(session=other, person=person, status=Nomination.Status.ACCEPTED)
    check = checks_of(session, person)["no_overlap"]
    assert (check["ok"], check["params"]["session"]) == (False, other.code)
    nomination.response = Nomination.Response.DECLINED
    nomination.save()
    assert reason(session, person, "no_overlap") == "free"


def test_a_nomination_elsewhere_or_a_later_session_is_no_overlap(kenya: Country) -> None:
    session = open_session()
    person = official(kenya)
    later = SessionFactory(
        starts_on=session.ends_on + timedelta(days=1), ends_on=session.ends_on + timedelta(days=3)
    )
    NominationFactory(session=later, person=person, status=Nomination.Status.ACCEPTED)
    overlapping = SessionFactory(starts_on=session.starts_on, ends_on=session.ends_on)
    NominationFactory(session=overlapping, person=person, status=Nomination.Status.NOMINATED)
    assert reason(session, person, "no_overlap") == "free"


def test_already_nominated_fails_whatever_became_of_it(kenya: Country) -> None:
    session = open_session()
    person = official(kenya)
    NominationFactory(session=session, person=person, status=Nomination.Status.WITHDRAWN)
    check = checks_of(session, person)["not_nominated"]
    assert check["ok"] is False
    assert eligibility.describe(check) == "Already nominated to this session (Withdrawn)."


def test_messages_are_written_when_shown_in_the_readers_language(kenya: Country) -> None:
    """Stored checks hold codes and parameters; the words come at display time."""
    session = open_session()
    person = official(kenya)
    NominationFactory(session=session, person=person, status=Nomination.Status.WITHDRAWN)
    check = checks_of(session, person)["not_nominated"]
    assert "message" not in check
    assert check["params"] == {"nomination": "withdrawn"}
    with translation.override("fr"):
        assert "Retirée" in eligibility.describe(check)
    assert "Withdrawn" in eligibility.describe(check)


def test_many_people_are_checked_in_a_fixed_number_of_queries(
    kenya: Country, django_assert_max_num_queries: Any
) -> None:
    session = open_session(seats_by=Session.SeatsBy.COUNTRY)
    session.course.prerequisites.add(published_course())
    people = list(
        User.objects.filter(pk__in=[official(kenya).pk for _ in range(30)]).select_related(
            "country", "agency"
        )
    )
    for person in people[:5]:
        AccessRequest.objects.create(person=person, country=kenya, status=AccessRequest.Status.PENDING)
    with django_assert_max_num_queries(7):
        results = eligibility.check_people(session, people)
    assert len(results) == 30
    assert sum(not result.eligible for result in results.values()) == 30  # nobody holds the prerequisite


def test_seats_for_a_country(kenya: Country, france: Country) -> None:
    session = open_session(capacity=12, seats_by=Session.SeatsBy.COUNTRY)
    SeatQuota.objects.create(session=session, country=kenya, seats=5)
    SeatQuota.objects.create(session=session, country=france, seats=3)
    assert eligibility.seats_for(session, kenya.pk, kenya.region_id) == {
        "reserved": 5,
        "unreserved": 4,
        "capacity": 12,
    }
    plain = open_session(capacity=8)
    assert eligibility.seats_for(plain, kenya.pk, kenya.region_id)["reserved"] is None
