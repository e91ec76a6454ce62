"""The sessions' JSON API: who sees which session, nomination and record; the filters; 404 for a
session one may not see; a bounded number of queries whatever the page size."""

from datetime import date, timedelta
from typing import Any, get_args

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from cadre.accounts.models import User
from cadre.directory.models import Region
from cadre.training_sessions import api
from cadre.training_sessions.models import Nomination, SeatQuota, Session
from cadre.training_sessions.selectors import sessions as selectors
from cadre.training_sessions.services import session_instructors
from cadre.training_sessions.tests import test_nominations_fixtures as nomination_fixtures
from cadre.training_sessions.tests import test_sessions_fixtures as fixtures
from cadre.training_sessions.tests.test_nominations_fixtures import completion_certificate, official
from cadre.training_sessions.tests.test_sessions_fixtures import certified, schedule
from conftest import country
from tests.factories import CourseFactory, InstitutionFactory, NominationFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db
manager_course, planned, opened = fixtures.manager_course, fixtures.planned, fixtures.opened
other_course_manager = fixtures.other_course_manager
kenyan, french = nomination_fixtures.kenyan, nomination_fixtures.french
two_countries = nomination_fixtures.focal_point_two_countries
Status = Session.Status
NominationStatus = Nomination.Status

SESSIONS = "/api/v1/sessions/"
NOMINATIONS = "/api/v1/sessions/nominations/"
RECORD = "/api/v1/sessions/record"


def get(client: Client, url: str, **params: Any) -> Any:
    return client.get(url, params)


def references(client: Client, url: str = SESSIONS, **params: Any) -> list[str]:
    response = get(client, url, **params)
    assert response.status_code == 200, response.content[:500]
    return [item["reference"] for item in response.json()["items"]]


@pytest.mark.parametrize("url", [SESSIONS, NOMINATIONS, RECORD, f"{SESSIONS}s-anything"])
def test_anonymous_callers_get_401(client: Client, url: str) -> None:
    SessionFactory(code="s-anything")
    assert client.get(url).status_code == 401


def test_the_filters_take_the_values_the_models_do() -> None:
    assert set(get_args(api.SessionStatus)) == set(Session.Status.values)
    assert set(get_args(api.NominationStatus)) == set(Nomination.Status.values)
    assert set(get_args(api.Language)) == {code for code, _name in settings.LANGUAGES}


def test_the_openapi_document_lists_the_sessions_paths(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (SESSIONS, NOMINATIONS, RECORD, "/api/v1/sessions/{reference}"):
        assert path in paths, path
    status = next(p for p in paths[NOMINATIONS]["get"]["parameters"] if p["name"] == "status")
    assert "withdrawn" in str(status["schema"])  # the nominations' statuses, not the sessions'


# --- The list of sessions ----------------------------------------------------------------------


@pytest.fixture
def sessions(course_manager: User, manager_course: Any, learner: User) -> dict[str, Session]:
    """The course manager's planned session, another course's open one, another's planned one,
    and an open one the learner was nominated to."""
    found = {
        "mine": schedule(course_manager, manager_course),
        "open": SessionFactory(status=Status.OPEN),
        "hidden": SessionFactory(status=Status.PLANNED),
        "nominated": SessionFactory(status=Status.CONFIRMED),
    }
    NominationFactory(session=found["nominated"], person=learner)
    return found


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("course_manager", {"mine"}),  # their course's, planned included; no other course's
        ("ncb_officer", {"open", "nominated"}),  # every session past planning
        ("learner", {"nominated"}),  # those they were nominated to
        ("nobody", set()),
        ("administrator", {"mine", "open", "hidden", "nominated"}),
    ],
)
def test_the_list_shows_what_each_may_see(
    client: Client,
    request: pytest.FixtureRequest,
    sessions: dict[str, Session],
    persona: str,
    expected: set[str],
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert set(references(client, limit=100)) == {sessions[name].code for name in expected}


def test_an_instructor_sees_the_session_they_teach(
    client: Client, course_manager: User, opened: Session
) -> None:
    teacher = certified(opened.course)
    session_instructors.add_instructor(session=opened, instructor=teacher, by=course_manager)
    SessionFactory(status=Status.OPEN)
    client.force_login(teacher.person)
    assert references(client) == [opened.code]


def test_the_list_is_ordered_by_first_day(client: Client, administrator: User) -> None:
    today = timezone.localdate()
    later = SessionFactory(starts_on=today + timedelta(days=60))
    sooner = SessionFactory(starts_on=today + timedelta(days=20))
    client.force_login(administrator)
    assert references(client) == [sooner.code, later.code]


def test_the_list_filters(client: Client, administrator: User, africa: Region) -> None:
    today = timezone.localdate()
    french_one = SessionFactory(language="fr", status=Status.CONFIRMED, starts_on=today + timedelta(days=50))
    in_kenya = SessionFactory(country=country("KE"), starts_on=today + timedelta(days=20))
    for_africa = SessionFactory(region=africa, starts_on=today + timedelta(days=30))
    in_france = SessionFactory(country=country("FR"), starts_on=today + timedelta(days=40))
    client.force_login(administrator)

    assert references(client, status="confirmed") == [french_one.code]
    assert references(client, language="fr") == [french_one.code]
    assert references(client, course=in_france.course.code) == [in_france.code]
    assert references(client, region="africa") == [in_kenya.code, for_africa.code]
    assert references(client, region="europe") == [in_france.code]
    start = in_kenya.starts_on
    assert references(client, starts_after=(start + timedelta(days=10)).isoformat()) == [
        for_africa.code,
        in_france.code,
        french_one.code,
    ]
    assert references(client, starts_before=(start + timedelta(days=10)).isoformat()) == [
        in_kenya.code,
        for_africa.code,
    ]
    assert references(client, starts_after=start.isoformat(), starts_before=start.isoformat()) == [
        in_kenya.code
    ]
    assert references(client, q=in_france.code) == [in_france.code]


@pytest.mark.parametrize(
    "params",
    [{"course": "no-such-course"}, {"region": "atlantis"}],
)
def test_a_course_or_region_there_is_not_finds_nothing(
    client: Client, administrator: User, params: dict[str, str]
) -> None:
    SessionFactory()
    client.force_login(administrator)
    body = get(client, SESSIONS, **params).json()
    assert body == {"items": [], "count": 0}


def test_a_course_the_person_sees_no_session_of_finds_nothing(
    client: Client, ncb_officer: User, sessions: dict[str, Session]
) -> None:
    client.force_login(ncb_officer)
    assert references(client, course=sessions["mine"].course.code) == []  # still planned
    assert references(client, course=sessions["open"].course.code) == [sessions["open"].code]


@pytest.mark.parametrize(
    "params",
    [{"status": "bogus"}, {"language": "de"}, {"starts_after": "nonsense"}, {"starts_before": "2025-13-01"}],
)
def test_a_wrong_filter_is_422(client: Client, administrator: User, params: dict[str, str]) -> None:
    client.force_login(administrator)
    assert get(client, SESSIONS, **params).status_code == 422


def test_what_a_session_in_the_list_says(client: Client, administrator: User) -> None:
    course = CourseFactory(code="cyber-1", title_en="Cybercrime", title_ar="الجريمة السيبرانية")
    academy = InstitutionFactory(name="Kenya Police College", city="Nyeri", country=country("KE"))
    at_academy = SessionFactory(code="s-academy", course=course, venue=academy, city="", capacity=12)
    NominationFactory.create_batch(2, session=at_academy, status=NominationStatus.ACCEPTED)
    NominationFactory(session=at_academy, status=NominationStatus.WAITLISTED)
    SessionFactory(code="s-place", place="Hall B", city="Lyon", country=country("FR"))
    SessionFactory(code="s-online", city="", meeting_url="https://meet.example/x")
    client.force_login(administrator)

    items = {item["reference"]: item for item in get(client, SESSIONS).json()["items"]}

    assert items["s-academy"] == {
        "reference": "s-academy",
        "title": "Cybercrime",
        "course": "cyber-1",
        "course_title": "Cybercrime",
        "language": "en",
        "status": "open",
        "starts_on": at_academy.starts_on.isoformat(),
        "ends_on": at_academy.ends_on.isoformat(),
        "time_zone": "Africa/Nairobi",
        "online": False,
        "venue": {"institution": "Kenya Police College", "place": "", "city": "Nyeri", "country": "KE"},
        "capacity": 12,
        "accepted": 2,
        "nominations_open_on": at_academy.nominations_open_on.isoformat(),
        "nominations_close_on": at_academy.nominations_close_on.isoformat(),
    }
    assert items["s-place"]["venue"] == {
        "institution": None,
        "place": "Hall B",
        "city": "Lyon",
        "country": "FR",
    }
    assert items["s-online"]["online"] is True
    assert items["s-online"]["venue"] is None
    assert "meet.example" not in str(items)  # the link is for the participants

    User.objects.filter(pk=administrator.pk).update(preferred_language="ar")
    arabic = {item["reference"]: item for item in get(client, SESSIONS).json()["items"]}
    assert arabic["s-academy"]["course_title"] == "الجريمة السيبرانية"


def test_the_list_stays_within_a_few_queries(
    client: Client, administrator: User, django_assert_max_num_queries: Any
) -> None:
    for number in range(30):
        venue = InstitutionFactory() if number % 2 else None
        session = SessionFactory(venue=venue, country=None if venue else country("KE"), days=2)
        NominationFactory(session=session, status=NominationStatus.ACCEPTED)
    client.force_login(administrator)
    with django_assert_max_num_queries(8):
        body = get(client, SESSIONS, limit=30).json()
    assert body["count"] == 30
    assert len(body["items"]) == 30
    assert {item["accepted"] for item in body["items"]} == {1}


# --- One session -------------------------------------------------------------------------------


def test_one_session_with_its_days_instructors_seats_and_counts(
    client: Client, course_manager: User, opened: Session
) -> None:
    teacher = certified(opened.course, person=UserFactory(given_names="Amina", family_name="Njeri"))
    session_instructors.add_instructor(session=opened, instructor=teacher, by=course_manager)
    Session.objects.filter(pk=opened.pk).update(seats_by=Session.SeatsBy.COUNTRY)
    SeatQuota.objects.create(session=opened, country=country("KE"), seats=4)
    NominationFactory.create_batch(3, session=opened, status=NominationStatus.ACCEPTED)
    NominationFactory(session=opened, status=NominationStatus.WAITLISTED, waitlist_position=1)
    NominationFactory(session=opened, status=NominationStatus.NOMINATED)
    client.force_login(course_manager)

    response = client.get(f"{SESSIONS}{opened.code}")

    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == opened.code
    assert body["venue"] == {
        "institution": None,
        "place": "Police Training College, Hall B",
        "city": "Nairobi",
        "country": "KE",
    }
    first = opened.starts_on
    assert body["days"] == [
        {"date": (first + timedelta(days=n)).isoformat(), "starts_at": "09:00:00", "ends_at": "17:00:00"}
        for n in range(3)
    ]
    assert body["instructors"] == [{"name": "Amina Njeri", "role": "lead"}]
    assert body["seats_by"] == "country"
    assert body["reserved_seats"] == [{"country": "KE", "region": None, "seats": 4}]
    assert (body["accepted"], body["waitlisted"]) == (3, 1)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("course_manager", 200),  # manages it, planned as it is
        ("other_course_manager", 404),
        ("ncb_officer", 404),  # still planned
        ("learner", 404),
        ("administrator", 200),
    ],
)
def test_a_planned_session_is_seen_by_those_who_manage_it(
    client: Client, request: pytest.FixtureRequest, planned: Session, persona: str, status: int
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"{SESSIONS}{planned.code}").status_code == status


@pytest.mark.parametrize(("persona", "status"), [("ncb_officer", 200), ("learner", 404), ("nobody", 404)])
def test_an_open_session_is_seen_by_ncbs_not_by_others(
    client: Client, request: pytest.FixtureRequest, opened: Session, persona: str, status: int
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"{SESSIONS}{opened.code}").status_code == status


def test_an_unknown_reference_is_404(client: Client, administrator: User) -> None:
    client.force_login(administrator)
    assert client.get(f"{SESSIONS}no-such-session").status_code == 404


def test_one_session_stays_within_a_few_queries(
    client: Client, course_manager: User, opened: Session, django_assert_max_num_queries: Any
) -> None:
    for _ in range(10):
        session_instructors.add_instructor(
            session=opened, instructor=certified(opened.course), by=course_manager
        )
    client.force_login(course_manager)
    with django_assert_max_num_queries(12):
        body = client.get(f"{SESSIONS}{opened.code}").json()
    assert len(body["instructors"]) == 10


# --- An NCB's nominations ----------------------------------------------------------------------


@pytest.fixture
def nigerian(db: None) -> User:
    return official(country("NG"), family_name="Okafor")


def nominees(client: Client, **params: Any) -> list[str]:
    response = get(client, NOMINATIONS, **params)
    assert response.status_code == 200, response.content[:500]
    return [item["nominee"] for item in response.json()["items"]]


def test_an_ncb_sees_its_own_countrys_nominations_and_never_anothers(
    client: Client, ncb_officer: User, kenyan: User, nigerian: User
) -> None:
    session = SessionFactory()
    NominationFactory(session=session, person=kenyan)
    NominationFactory(session=session, person=nigerian)
    client.force_login(ncb_officer)

    assert nominees(client) == [kenyan.get_full_name()]
    assert nominees(client, session=session.code) == [kenyan.get_full_name()]
    assert nominees(client, country="ke") == [kenyan.get_full_name()]
    assert get(client, NOMINATIONS, country="NG").status_code == 404
    assert "Okafor" not in get(client, NOMINATIONS, country="NG").content.decode()


@pytest.mark.parametrize(
    ("persona", "status", "expected"),
    [
        ("ncb_officer", 200, ["KE"]),
        ("ncb_head", 200, ["KE"]),
        ("ncb_officer_elsewhere", 200, ["FR"]),
        ("administrator", 200, ["FR"]),  # their own country, until they ask for another
        ("course_manager", 403, None),
        ("learner", 403, None),
        ("nobody", 403, None),
    ],
)
def test_who_sees_which_nominations(
    client: Client,
    request: pytest.FixtureRequest,
    kenyan: User,
    french: User,
    persona: str,
    status: int,
    expected: list[str] | None,
) -> None:
    session = SessionFactory()
    NominationFactory(session=session, person=kenyan)
    NominationFactory(session=session, person=french)
    client.force_login(request.getfixturevalue(persona))
    response = get(client, NOMINATIONS)
    assert response.status_code == status
    if expected is None:
        assert "Only the staff of a National Central Bureau" in response.json()["detail"]
    else:
        assert [item["country"] for item in response.json()["items"]] == expected


def test_a_focal_point_of_two_countries_picks_one(
    client: Client, two_countries: User, kenyan: User, french: User, nigerian: User
) -> None:
    session = SessionFactory()
    for person in (kenyan, french, nigerian):
        NominationFactory(session=session, person=person)
    client.force_login(two_countries)
    assert nominees(client) == [kenyan.get_full_name()]  # their own country first
    assert nominees(client, country="FR") == [french.get_full_name()]
    assert get(client, NOMINATIONS, country="NG").status_code == 404


def test_the_nominations_filters(client: Client, ncb_officer: User, ncb_head: User) -> None:
    this_year = SessionFactory()
    past = SessionFactory(
        starts_on=date(2024, 3, 4),
        ends_on=date(2024, 3, 6),
        nominations_open_on=date(2024, 1, 1),
        nominations_close_on=date(2024, 2, 1),
        status=Status.COMPLETED,
    )
    endorsed = NominationFactory(
        session=this_year,
        person=official(country("KE"), family_name="Achieng"),
        status=NominationStatus.ENDORSED,
        endorsed_by=ncb_head,
        endorsed_at=timezone.now(),
    )
    waiting = NominationFactory(session=this_year, person=official(country("KE"), family_name="Barasa"))
    old = NominationFactory(
        session=past, person=official(country("KE"), family_name="Cherono"), status=NominationStatus.ACCEPTED
    )
    client.force_login(ncb_officer)

    def ids(**params: Any) -> set[int]:
        return {item["id"] for item in get(client, NOMINATIONS, **params).json()["items"]}

    assert ids() == {endorsed.pk, waiting.pk, old.pk}
    assert ids(session=this_year.code) == {endorsed.pk, waiting.pk}
    assert ids(session="no-such-session") == set()
    assert ids(status="endorsed") == {endorsed.pk}
    assert ids(year=2024) == {old.pk}
    assert ids(year=2024, status="nominated") == set()
    assert get(client, NOMINATIONS, status="bogus").status_code == 422
    assert get(client, NOMINATIONS, year=99999).status_code == 422

    item = next(row for row in get(client, NOMINATIONS, status="endorsed").json()["items"])
    assert item["session"] == this_year.code
    assert item["course"] == this_year.course.code
    assert item["nominee"] == endorsed.person.get_full_name()
    assert item["country"] == "KE"
    assert item["status"] == "endorsed"
    assert item["status_changed_by"] == ncb_head.get_full_name()
    assert item["status_changed_at"] is not None


def test_the_nominations_stay_within_a_few_queries(
    client: Client, ncb_officer: User, ncb_head: User, django_assert_max_num_queries: Any
) -> None:
    now = timezone.now()
    for number in range(30):
        NominationFactory(
            session=SessionFactory(),
            person=official(country("KE")),
            nominated_by=ncb_officer,
            status=NominationStatus.ENDORSED if number % 2 else NominationStatus.NOMINATED,
            endorsed_by=ncb_head if number % 2 else None,
            endorsed_at=now if number % 2 else None,
        )
    client.force_login(ncb_officer)
    with django_assert_max_num_queries(10):
        body = get(client, NOMINATIONS, limit=30).json()
    assert body["count"] == 30
    assert len(body["items"]) == 30
    assert {item["status_changed_by"] for item in body["items"]} == {
        ncb_officer.get_full_name(),
        ncb_head.get_full_name(),
    }


# --- One's own record --------------------------------------------------------------------------


def test_the_record_is_ones_own(client: Client, kenyan: User, french: User) -> None:
    past = SessionFactory(
        code="s-past",
        starts_on=date(2024, 6, 3),
        ends_on=date(2024, 6, 5),
        nominations_open_on=date(2024, 4, 1),
        nominations_close_on=date(2024, 5, 1),
        status=Status.COMPLETED,
    )
    done = NominationFactory(
        session=past,
        person=kenyan,
        status=NominationStatus.ACCEPTED,
        attendance_percent=95,
        outcome=Nomination.Outcome.COMPLETED,
    )
    certificate = completion_certificate(kenyan, past.course, source=done)
    upcoming = NominationFactory(session=SessionFactory(code="s-next"), person=kenyan)
    NominationFactory(session=upcoming.session, person=french)
    client.force_login(kenyan)

    response = client.get(RECORD)

    assert response.status_code == 200
    assert response.json() == [
        {
            "session": "s-next",
            "course": upcoming.session.course.code,
            "course_title": upcoming.session.course.title_en,
            "starts_on": upcoming.session.starts_on.isoformat(),
            "ends_on": upcoming.session.ends_on.isoformat(),
            "status": "nominated",
            "outcome": "pending",
            "attendance_percent": None,
            "certificate": None,
        },
        {
            "session": "s-past",
            "course": past.course.code,
            "course_title": past.course.title_en,
            "starts_on": "2024-06-03",
            "ends_on": "2024-06-05",
            "status": "accepted",
            "outcome": "completed",
            "attendance_percent": 95,
            "certificate": certificate.code,
        },
    ]
    client.force_login(french)
    assert [row["session"] for row in client.get(RECORD).json()] == ["s-next"]


def test_someone_never_nominated_has_an_empty_record(client: Client, learner: User) -> None:
    NominationFactory()
    client.force_login(learner)
    assert client.get(RECORD).json() == []


def test_the_record_stays_within_a_few_queries(
    client: Client, kenyan: User, django_assert_max_num_queries: Any
) -> None:
    for number in range(30):
        nomination = NominationFactory(
            session=SessionFactory(venue=InstitutionFactory() if number % 2 else None),
            person=kenyan,
            status=NominationStatus.ACCEPTED,
        )
        if number % 3 == 0:
            completion_certificate(kenyan, nomination.session.course, source=nomination)
    client.force_login(kenyan)
    with django_assert_max_num_queries(8):
        rows = client.get(RECORD).json()
    assert len(rows) == 30
    assert sum(1 for row in rows if row["certificate"]) == 10


# --- The selectors the API reads through -------------------------------------------------------


def test_a_sessions_id_by_its_reference() -> None:
    session = SessionFactory(code="s-ref-1")
    assert selectors.session_id("s-ref-1") == session.pk
    assert selectors.session_id(" s-ref-1 ") == session.pk
    assert selectors.session_id("s-ref-2") is None


def test_sessions_starting_within_days(administrator: User) -> None:
    today = timezone.localdate()
    early = SessionFactory(starts_on=today + timedelta(days=10), ends_on=today + timedelta(days=40))
    late = SessionFactory(starts_on=today + timedelta(days=30))

    def found(**bounds: date) -> set[int]:
        return {row.pk for row in selectors.session_list(administrator, selectors.SessionFilters(**bounds))}

    assert found(starts_on_or_after=today + timedelta(days=10)) == {early.pk, late.pk}
    assert found(starts_on_or_after=today + timedelta(days=11)) == {late.pk}
    assert found(starts_on_or_before=today + timedelta(days=29)) == {early.pk}
    # "ending on or after" still reads the last day: the early session runs past the late one's start
    assert found(ends_on_or_after=today + timedelta(days=35)) == {early.pk}
