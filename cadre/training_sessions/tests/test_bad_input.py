"""Bad input on the sessions' pages: every form field and query parameter, sent missing, twice,
empty, too long, with NUL bytes, non-numeric or huge ids, impossible dates, unknown choices and
ids of another session's or country's objects, by the person allowed to use the page. None is a
server error; a refusal changes nothing; what a field must refuse is refused."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadre.accounts.models import User
from cadre.instructors.models import Instructor
from cadre.training_sessions.models import Nomination, Session, SessionInstructor
from cadre.training_sessions.services import session_instructors
from cadre.training_sessions.tests import test_attendance_fixtures as attendance
from cadre.training_sessions.tests import test_selection_fixtures as selection
from cadre.training_sessions.tests import test_sessions_fixtures as scheduling
from cadre.training_sessions.tests.test_sessions_fixtures import certified, today
from cadre.training_sessions.tests.test_sessions_views import plan_form
from tests.bad_input import HTMX, Probe, probe_addresses
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db
Status = Nomination.Status
manager_course, planned, opened = scheduling.manager_course, scheduling.planned, scheduling.opened
other_course_manager, selecting = scheduling.other_course_manager, selection.selecting_fixture


@dataclass
class Target:
    """One page as its user reaches it: the address, the method, a valid form or query, and the
    kind of each field to try."""

    user: User
    url: str
    method: str
    base: dict[str, Any]
    kinds: dict[str, str]
    foreign: dict[str, list[Any]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


def url(name: str, *args: Any) -> str:
    return reverse(f"training_sessions:{name}", args=args)


def other_session() -> Session:
    """A session of someone else's, with a day, an accepted participant and a waitlisted one."""
    session = SessionFactory(days=1, status=Session.Status.RUNNING)
    attendance.participant(session)
    return session


# --- Scheduling ------------------------------------------------------------------------------------

FILTERS = {
    "q": "text",
    "status": "choice",
    "course": "choice",
    "language": "choice",
    "region": "choice",
    "starts_from": "date",
    "ends_by": "date",
    "page": "number",
}
PLAN = {
    "course": "id",
    "language": "choice",
    "title": "text",
    "manager": "id",
    "venue": "id",
    "country": "id",
    "meeting_url": "text",
    "time_zone": "required_text",
    "region": "id",
    "sectors": "id",
    "capacity": "number",
    "seats_by": "choice",
    "nominations_open_on": "date",
    "nominations_close_on": "date",
    "respond_by": "date",
    "follow_up_after_days": "number",
    "joining_instructions": "text",
    "days-TOTAL_FORMS": "number",
    "days-0-date": "date",
    "days-0-starts_at": "time",
    "days-0-ends_at": "time",
    "days-0-agenda": "text",
    "quotas-0-country": "id",
    "quotas-0-seats": "number",
    "more_days": "flag",
}
# Editing goes through the same form: the fields whose values the change itself handles.
EDIT = (
    "course",
    "manager",
    "title",
    "sectors",
    "capacity",
    "nominations_close_on",
    "days-0-date",
    "quotas-0-seats",
)
DAYS = {"days-0-date": "date", "days-0-starts_at": "time", "days-0-ends_at": "time", "days-0-agenda": "text"}


def session_list(request: Any) -> Target:
    return Target(request.getfixturevalue("course_manager"), url("list"), "get", {}, FILTERS)


def create(request: Any) -> Target:
    course = request.getfixturevalue("manager_course")
    base = plan_form(course, today() + timedelta(days=30))
    return Target(course.owner, url("create"), "post", base, PLAN)


def edit(request: Any) -> Target:
    planned: Session = request.getfixturevalue("planned")
    other = request.getfixturevalue("other_course_manager")
    base = plan_form(planned.course, planned.starts_on, manager=str(planned.manager_id))
    base = {key: value for key, value in base.items() if not key.startswith("days-2-")} | {
        "days-TOTAL_FORMS": "2"
    }
    kinds = {name: PLAN[name] for name in EDIT}
    return Target(
        planned.manager, url("edit", planned.pk), "post", base, kinds, foreign={"manager": [other.pk]}
    )


def change_status(request: Any) -> Target:
    planned: Session = request.getfixturevalue("planned")
    session_instructors.add_instructor(
        session=planned, instructor=certified(planned.course), by=planned.manager
    )
    return Target(planned.manager, url("change_status", planned.pk), "post", {"to": "open"}, {"to": "choice"})


def reschedule(request: Any) -> Target:
    opened: Session = request.getfixturevalue("opened")
    first = opened.starts_on + timedelta(days=7)
    base = {
        "reason": "The venue is closed that week.",
        "nominations_open_on": opened.nominations_open_on.isoformat(),
        "nominations_close_on": opened.nominations_close_on.isoformat(),
        "respond_by": "",
        "days-TOTAL_FORMS": "1",
        "days-INITIAL_FORMS": "0",
        "days-0-date": first.isoformat(),
        "days-0-starts_at": "09:00",
        "days-0-ends_at": "17:00",
    }
    kinds = {
        "reason": "required_text",
        "nominations_open_on": "date",
        "nominations_close_on": "date",
        "respond_by": "date",
        **DAYS,
    }
    return Target(opened.manager, url("reschedule", opened.pk), "post", base, kinds)


def cancel(request: Any) -> Target:
    opened: Session = request.getfixturevalue("opened")
    base = {"reason": "The course is withdrawn."}
    return Target(opened.manager, url("cancel", opened.pk), "post", base, {"reason": "required_text"})


def candidates(request: Any) -> Target:
    planned: Session = request.getfixturevalue("planned")
    kinds = {"q": "text", "role": "choice", "page": "any"}
    return Target(planned.manager, url("instructors", planned.pk), "get", {}, kinds)


def add_instructor(request: Any) -> Target:
    planned: Session = request.getfixturevalue("planned")
    instructor = certified(planned.course)
    retired = certified(planned.course)
    Instructor.objects.filter(pk=retired.pk).update(is_active=False)
    base = {"instructor": instructor.pk, "role": "lead", "override_reason": ""}
    kinds = {"instructor": "id", "role": "choice", "override_reason": "text", "override": "flag"}
    return Target(
        planned.manager,
        url("add_instructor", planned.pk),
        "post",
        base,
        kinds,
        foreign={"instructor": [retired.pk]},
    )


def remove_instructor(request: Any) -> Target:
    planned: Session = request.getfixturevalue("planned")
    link = session_instructors.add_instructor(
        session=planned, instructor=certified(planned.course), by=planned.manager
    )
    base = {"reason": "Unavailable that week."}
    return Target(
        planned.manager, url("remove_instructor", planned.pk, link.pk), "post", base, {"reason": "text"}
    )


# --- Attendance and completion ---------------------------------------------------------------------


def attendance_sheet(request: Any) -> Target:
    session = attendance.running_session()
    attendance.participant(session)
    other = other_session()
    kinds = {"day": "number", "q": "text"}
    return Target(
        session.manager,
        url("attendance", session.pk),
        "get",
        {"day": attendance.day_of(session).pk},
        kinds,
        foreign={"day": [attendance.day_of(other).pk]},
    )


def record_attendance(request: Any, headers: dict[str, str] | None = None) -> Target:
    session = attendance.running_session()
    nomination = attendance.participant(session)
    other = other_session()
    base = {
        "nomination": nomination.pk,
        "day": attendance.day_of(session).pk,
        "status": "present",
        "arrived_at": "09:05",
        "note": "",
        "q": "",
    }
    kinds = {
        "nomination": "id",
        "day": "id",
        "status": "choice",
        "arrived_at": "time",
        "note": "text",
        "q": "flag",
    }
    foreign = {
        "nomination": [Nomination.objects.filter(session=other).get().pk],
        "day": [attendance.day_of(other).pk],
    }
    return Target(
        session.manager, url("record_attendance", session.pk), "post", base, kinds, foreign, headers or {}
    )


def record_attendance_htmx(request: Any) -> Target:
    return record_attendance(request, HTMX)


def attendance_summary(request: Any) -> Target:
    session = attendance.running_session()
    attendance.participant(session)
    return Target(session.manager, url("attendance_summary", session.pk), "get", {}, {"export": "flag"})


def checkin_screen(request: Any) -> Target:
    session = attendance.running_session()
    day = attendance.day_of(session)
    return Target(session.manager, url("checkin_screen", session.pk, day.pk), "get", {}, {}, headers=HTMX)


def completion_rule(request: Any) -> Target:
    course = request.getfixturevalue("manager_course")
    base = {
        "min_attendance_percent": 90,
        "requires_post_test": "on",
        "pass_mark_percent": 60,
        "partial_day_share": 25,
    }
    kinds = {
        "min_attendance_percent": "number",
        "requires_post_test": "flag",
        "pass_mark_percent": "number",
        "late_counts_as_present": "flag",
        "partial_day_share": "number",
    }
    return Target(course.owner, url("completion_rule", course.pk), "post", base, kinds)


# --- Nominations and the NCB -------------------------------------------------------------------------


def nominate_page(request: Any) -> Target:
    officer = request.getfixturevalue("ncb_officer")
    session = SessionFactory()
    kinds = {"country": "choice", "q": "text", "page": "number"}
    return Target(officer, url("nominate", session.pk), "get", {}, kinds)


def nominate(request: Any) -> Target:
    officer = request.getfixturevalue("ncb_officer")
    kenya, france = request.getfixturevalue("kenya"), request.getfixturevalue("france")
    session = SessionFactory()
    base = {"selected": [selection.official(kenya).pk], "motivation": "Investigates cybercrime cases."}
    kinds = {"selected": "id", "motivation": "text", "criteria_confirmed": "flag"}
    foreign = {"selected": [selection.official(france).pk]}
    return Target(officer, url("nominate", session.pk), "post", base, kinds, foreign)


def endorse(request: Any) -> Target:
    head = request.getfixturevalue("ncb_head")
    kenya, france = request.getfixturevalue("kenya"), request.getfixturevalue("france")
    session = SessionFactory()
    mine = selection.nomination(session, kenya, Status.NOMINATED)
    theirs = selection.nomination(session, france, Status.NOMINATED)
    base = {"selected": [mine.pk], "next": url("ncb")}
    kinds = {"selected": "id", "next": "any"}
    return Target(head, url("endorse"), "post", base, kinds, foreign={"selected": [theirs.pk]})


NCB_FILTERS = {
    "country": "choice",
    "q": "text",
    "session": "id",
    "status": "choice",
    "course": "id",
    "year": "number",
}


def ncb_page(request: Any) -> Target:
    officer = request.getfixturevalue("ncb_officer")
    selection.nomination(SessionFactory(), request.getfixturevalue("kenya"), Status.NOMINATED)
    return Target(officer, url("ncb"), "get", {}, {**NCB_FILTERS, "page": "number"})


def ncb_export(request: Any) -> Target:
    officer = request.getfixturevalue("ncb_officer")
    return Target(officer, url("ncb_export"), "get", {}, NCB_FILTERS)


# --- Selection, waitlist, withdrawal and the invitation ---------------------------------------------


def selection_page(request: Any) -> Target:
    session = request.getfixturevalue("selecting")
    selection.nomination(session, request.getfixturevalue("kenya"))
    kinds = {"q": "text", "status": "choice", "gender": "choice", "eligible": "choice", "page": "number"}
    kinds |= dict.fromkeys(("country", "region", "sector", "agency"), "id")
    return Target(session.manager, url("selection", session.pk), "get", {}, kinds)


def decide(request: Any) -> Target:
    session = request.getfixturevalue("selecting")
    row = selection.nomination(session, request.getfixturevalue("kenya"))
    base = {"decision": "reject", "reason": "Does not work on cybercrime."}
    kinds = {"decision": "choice", "reason": "text", "next": "any"}
    return Target(session.manager, url("decide", row.pk), "post", base, kinds)


def decide_bulk(request: Any) -> Target:
    session = request.getfixturevalue("selecting")
    row = selection.nomination(session, request.getfixturevalue("kenya"))
    elsewhere = selection.nomination(
        selection.managed_session(session.manager), request.getfixturevalue("kenya")
    )
    base = {"decision": "reject", "reason": "Does not work on cybercrime.", "nominations": [row.pk]}
    kinds = {"decision": "choice", "reason": "text", "nominations": "id", "next": "any"}
    return Target(
        session.manager,
        url("decide_bulk", session.pk),
        "post",
        base,
        kinds,
        foreign={"nominations": [elsewhere.pk]},
    )


def move_waitlisted(request: Any) -> Target:
    session = selection.closed_window(request.getfixturevalue("selecting"))
    kenya = request.getfixturevalue("kenya")
    selection.waitlisted(session, kenya, 1)
    second = selection.waitlisted(session, kenya, 2)
    return Target(
        session.manager,
        url("move_waitlisted", second.pk),
        "post",
        {"direction": "up"},
        {"direction": "choice"},
    )


def withdraw(request: Any) -> Target:
    session = request.getfixturevalue("selecting")
    row = selection.nomination(session, request.getfixturevalue("kenya"))
    base = {"reason": "Reassigned to another unit."}
    return Target(
        request.getfixturevalue("ncb_officer"),
        url("withdraw", row.pk),
        "post",
        base,
        {"reason": "required_text"},
    )


def remove_participant(request: Any) -> Target:
    session = request.getfixturevalue("selecting")
    row = selection.nomination(session, request.getfixturevalue("kenya"), Status.ACCEPTED)
    base = {"reason": "Misconduct."}
    return Target(
        session.manager, url("remove_participant", row.pk), "post", base, {"reason": "required_text"}
    )


def respond(request: Any) -> Target:
    session = request.getfixturevalue("selecting")
    row = selection.nomination(session, request.getfixturevalue("kenya"), Status.ACCEPTED)
    base = {"answer": "decline", "reason": "Posted abroad that month."}
    return Target(row.person, url("respond", row.pk), "post", base, {"answer": "choice", "reason": "text"})


def letter(request: Any) -> Target:
    session = request.getfixturevalue("selecting")
    row = selection.nomination(session, request.getfixturevalue("kenya"), Status.ACCEPTED)
    return Target(row.person, url("letter", row.pk), "get", {"language": "fr"}, {"language": "choice"})


CASES: list[Callable[[Any], Target]] = [
    session_list,
    create,
    edit,
    change_status,
    reschedule,
    cancel,
    candidates,
    add_instructor,
    remove_instructor,
    attendance_sheet,
    record_attendance,
    record_attendance_htmx,
    attendance_summary,
    checkin_screen,
    completion_rule,
    nominate_page,
    nominate,
    endorse,
    ncb_page,
    ncb_export,
    selection_page,
    decide,
    decide_bulk,
    move_waitlisted,
    withdraw,
    remove_participant,
    respond,
    letter,
]


@pytest.mark.parametrize("case", CASES, ids=[case.__name__ for case in CASES])
def test_bad_input_is_refused_without_a_server_error(
    client: Client, request: Any, case: Callable[[Any], Target]
) -> None:
    target = case(request)
    client.force_login(target.user)
    probe = Probe(client, target.url, headers=target.headers)
    probe.fields(target.method, target.base, target.kinds, foreign=target.foreign)
    if target.method == "get":
        probe.query_strings()
    assert not probe.problems, probe.report()


@pytest.mark.parametrize("method", ["get", "post"])
def test_addresses_with_ids_past_any_integer_or_nul_bytes_are_not_found(
    client: Client, administrator: User, method: str
) -> None:
    client.force_login(administrator)
    probe = probe_addresses(client, "training_sessions", method)
    assert not probe.problems, probe.report()


def test_another_sessions_instructor_or_day_in_the_address_is_not_found(
    client: Client, planned: Session
) -> None:
    """The session's manager names, in their own session's address, another session's booked
    instructor or day: not found, and nothing changes."""
    other = other_session()
    attendance.book_instructor(other)
    link = SessionInstructor.objects.get(session=other)
    day = attendance.day_of(other)
    Session.objects.filter(pk=planned.pk).update(status=Session.Status.RUNNING)
    client.force_login(planned.manager)
    probe = Probe(client, "")
    for name, args, method, data in [
        ("remove_instructor", (planned.pk, link.pk), "post", {"reason": "Unavailable."}),
        ("checkin_screen", (planned.pk, day.pk), "get", {}),
        ("rotate_checkin", (planned.pk, day.pk), "post", {}),
        ("attendance", (planned.pk,), "get", {"day": day.pk}),
    ]:
        probe.url = url(name, *args)
        response = probe.send(method, data, must_refuse=True, what=name)
        assert response is not None
        assert response.status_code == 404, name
    assert not probe.problems, probe.report()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(country=st.text(max_size=5), query=st.text(max_size=40))
def test_any_text_in_the_ncb_pages_country_and_search(
    client: Client, ncb_officer: User, country: str, query: str
) -> None:
    client.force_login(ncb_officer)
    probe = Probe(client, url("ncb"))
    response = probe.send("get", {"country": country, "q": query}, what=f"{country!r} {query!r}")
    assert not probe.problems, probe.report()
    assert response is not None
    assert response.status_code in (200, 404)
