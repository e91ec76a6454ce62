"""Scheduling sessions through the services: the plan and its checks, the states, instructors
under the rule, rescheduling and cancelling with their history and e-mails."""

from datetime import date, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import formats, translation

from cadre.audit.models import AuditEntry
from cadre.courses.models import Course
from cadre.directory.models import Country, Region
from cadre.instructors.models import Assignment, AvailabilityPeriod
from cadre.training_sessions.models import Nomination, Session, SessionEvent, SessionInstructor
from cadre.training_sessions.services import session_instructors
from cadre.training_sessions.services import sessions as services
from cadre.training_sessions.services.session_checks import DayPlan, QuotaPlan
from cadre.training_sessions.tests import test_sessions_fixtures as fixtures
from cadre.training_sessions.tests.test_sessions_fixtures import (
    certified,
    days_from,
    plan_values,
    schedule,
    today,
)
from conftest import person_with
from tests.factories import NominationFactory, UserFactory

pytestmark = pytest.mark.django_db
# The fixtures this module uses, from the module that defines them.
manager_course, other_course_manager, planned, opened = (
    fixtures.manager_course,
    fixtures.other_course_manager,
    fixtures.planned,
    fixtures.opened,
)
Status = Session.Status
Kind = SessionEvent.Kind


def in_french(day: date) -> str:
    with translation.override("fr"):
        return formats.date_format(day, "DATE_FORMAT")


def fresh(session: Session) -> Session:
    return Session.objects.get(pk=session.pk)


# --- Creating ------------------------------------------------------------------------------------


def test_a_course_manager_schedules_a_planned_session_with_its_days_and_reserved_seats(
    course_manager, manager_course, kenya, france
) -> None:
    first = today() + timedelta(days=30)
    values = plan_values(manager_course, first_day=first, country=kenya, seats_by="country", capacity=10)
    quotas = [QuotaPlan(seats=3, country=kenya), {"seats": 2, "country": france, "region": None}]
    days = [DayPlan(first + timedelta(days=2), time(9), time(13), "Wrap-up"), *days_from(first, 2)]

    session = services.create_session(by=course_manager, values=values, days=days, quotas=quotas)

    assert session.status == Status.PLANNED
    assert session.code == f"{manager_course.code.upper()[:12].strip('-_')}-{first.year}-001"
    assert (session.starts_on, session.ends_on) == (first, first + timedelta(days=2))
    assert [day.date for day in session.days.all()] == [first + timedelta(days=n) for n in range(3)]
    assert session.days.last().agenda == "Wrap-up"
    assert sorted(session.quotas.values_list("seats", flat=True)) == [2, 3]
    assert session.manager == course_manager
    assert session.created_by == course_manager
    event = session.events.get()
    assert event.kind == Kind.CREATED
    assert len(event.after["days"]) == 3
    assert AuditEntry.objects.filter(
        action="training_sessions.session_created", target_id=str(session.pk)
    ).exists()


def test_references_follow_each_other_within_a_course_and_year(course_manager, manager_course) -> None:
    first = date(today().year + 1, 3, 2)
    one = schedule(course_manager, manager_course, first_day=first)
    two = schedule(course_manager, manager_course, first_day=first + timedelta(days=7))
    assert one.code.endswith("-001")
    assert two.code.endswith("-002")


def test_only_those_who_look_after_a_published_course_schedule_it(
    course_manager, manager_course, other_course_manager, ncb_officer
) -> None:
    for person in (other_course_manager, ncb_officer):
        with pytest.raises(PermissionDenied):
            schedule(person, manager_course)
    manager_course.status = Course.Status.DRAFT
    manager_course.save()
    with pytest.raises(PermissionDenied):
        schedule(course_manager, manager_course)
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"language": "ar"}, "language", "not offered in Arabic"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "not a time zone"),
        ({"place": "", "city": "", "country": None}, "venue", "Say where the session takes place"),
        ({"country": None}, "place", "city and the country together"),
        ({"capacity": 0}, "capacity", "between 1 and 500"),
        ({"follow_up_after_days": 10}, "follow_up_after_days", "between 30 and 365"),
    ],
)
def test_a_plan_that_does_not_hold_is_refused_with_the_field_and_the_fix(
    course_manager, manager_course, overrides, field, message
) -> None:
    with pytest.raises(ValidationError) as refusal:
        schedule(course_manager, manager_course, **overrides)
    assert message in " ".join(refusal.value.message_dict[field])
    assert not Session.objects.exists()


def test_an_online_session_needs_only_its_link(course_manager, manager_course) -> None:
    session = schedule(
        course_manager,
        manager_course,
        place="",
        city="",
        country=None,
        meeting_url="https://meet.example/abc",
    )
    assert session.is_online


def test_the_window_closes_before_the_first_day(course_manager, manager_course) -> None:
    first = today() + timedelta(days=20)
    with pytest.raises(ValidationError) as refusal:
        schedule(course_manager, manager_course, first_day=first, nominations_close_on=first)
    assert "before the first day" in refusal.value.message_dict["nominations_close_on"][0]
    with pytest.raises(ValidationError) as refusal:
        schedule(
            course_manager,
            manager_course,
            first_day=first,
            nominations_open_on=first - timedelta(days=5),
            nominations_close_on=first - timedelta(days=8),
        )
    assert "on or after the day they open" in refusal.value.message_dict["nominations_close_on"][0]
    with pytest.raises(ValidationError) as refusal:
        schedule(course_manager, manager_course, first_day=first, respond_by=first)
    assert "respond_by" in refusal.value.message_dict


def test_days_are_each_given_once_end_after_they_start_and_are_not_past(
    course_manager, manager_course
) -> None:
    first = today() + timedelta(days=30)
    values = plan_values(manager_course, first_day=first, country=Country.objects.get(iso2="KE"))
    bad = {
        "twice": [*days_from(first, 1), *days_from(first, 1)],
        "backwards": [DayPlan(first, time(17), time(9))],
        "past": days_from(today() - timedelta(days=1), 1),
        "none": [],
    }
    for days in bad.values():
        with pytest.raises(ValidationError):
            services.create_session(by=course_manager, values=values, days=days)
    assert not Session.objects.exists()


def test_reserved_seats_stay_within_the_capacity_and_match_how_they_are_reserved(
    course_manager, manager_course, kenya
) -> None:
    africa = Region.objects.get(code="africa")
    cases = [
        ("country", [QuotaPlan(seats=25, country=kenya)], "capacity"),
        ("country", [QuotaPlan(seats=2, region=africa)], "seats_by"),
        ("country", [QuotaPlan(seats=2, country=kenya), QuotaPlan(seats=1, country=kenya)], "seats_by"),
        ("none", [QuotaPlan(seats=2, country=kenya)], "seats_by"),
        ("region", [], "seats_by"),
    ]
    for seats_by, quotas, field in cases:
        values = plan_values(manager_course, country=kenya, seats_by=seats_by)
        with pytest.raises(ValidationError) as refusal:
            services.create_session(
                by=course_manager, values=values, days=days_from(today() + timedelta(days=40)), quotas=quotas
            )
        assert field in refusal.value.message_dict
    region_session = services.create_session(
        by=course_manager,
        values=plan_values(manager_course, country=kenya, seats_by="region"),
        days=days_from(today() + timedelta(days=40)),
        quotas=[QuotaPlan(seats=5, region=africa)],
    )
    assert region_session.quotas.get().region == africa


def test_the_manager_is_another_course_manager_of_the_course_or_the_creator(
    course_manager, manager_course, other_course_manager, kenya
) -> None:
    colleague = person_with("course-manager", manager_course, country=kenya)
    session = schedule(course_manager, manager_course, manager=colleague)
    assert session.manager == colleague
    with pytest.raises(ValidationError) as refusal:
        schedule(course_manager, manager_course, manager=other_course_manager)
    assert "manager" in refusal.value.message_dict


# --- Changing the plan ---------------------------------------------------------------------------------


def test_a_planned_session_changes_its_days_and_plan_with_the_differences_in_its_history(
    course_manager, planned
) -> None:
    first = planned.starts_on + timedelta(days=7)
    values = plan_values(
        planned.course, first_day=first, capacity=12, title="Cyber basics", country=planned.country
    )
    services.update_session(session=planned, by=course_manager, values=values, days=days_from(first, 2))
    session = fresh(planned)
    assert (session.capacity, session.title, session.starts_on, session.days.count()) == (
        12,
        "Cyber basics",
        first,
        2,
    )
    event = session.events.filter(kind=Kind.CHANGED).get()
    assert event.before["capacity"] == 20
    assert event.after["capacity"] == 12
    assert "joining_instructions" not in event.after


def test_once_open_the_days_change_only_by_rescheduling(course_manager, opened) -> None:
    values = plan_values(opened.course, country=opened.country)
    with pytest.raises(ValidationError, match="Reschedule"):
        services.update_session(
            session=opened,
            by=course_manager,
            values=values,
            days=days_from(opened.starts_on + timedelta(days=3)),
        )
    services.update_session(session=opened, by=course_manager, values={**values, "capacity": 30})
    assert fresh(opened).capacity == 30


def test_the_capacity_never_falls_below_the_participants_accepted(course_manager, opened) -> None:
    for _ in range(3):
        NominationFactory(session=opened, status=Nomination.Status.ACCEPTED)
    values = plan_values(opened.course, country=opened.country, capacity=2)
    with pytest.raises(ValidationError) as refusal:
        services.update_session(session=opened, by=course_manager, values=values)
    assert "3 participants are already accepted" in refusal.value.message_dict["capacity"][0]


def test_the_language_stays_once_an_instructor_is_booked(course_manager, planned) -> None:
    services.update_session(
        session=planned,
        by=course_manager,
        values=plan_values(planned.course, language="fr", country=planned.country),
    )
    assert fresh(planned).language == "fr"
    instructor = certified(planned.course, languages=("fr",))
    session_instructors.add_instructor(session=fresh(planned), instructor=instructor, by=course_manager)
    with pytest.raises(ValidationError) as refusal:
        services.update_session(
            session=fresh(planned),
            by=course_manager,
            values=plan_values(planned.course, language="en", country=planned.country),
        )
    assert "language" in refusal.value.message_dict


def test_only_those_who_manage_the_session_change_it(planned, other_course_manager, ncb_officer) -> None:
    for person in (other_course_manager, ncb_officer):
        with pytest.raises(PermissionDenied):
            services.update_session(session=planned, by=person, values={"capacity": 3})


# --- States ----------------------------------------------------------------------------------------


def test_a_session_moves_one_state_at_a_time_and_each_move_is_history(course_manager, planned) -> None:
    with pytest.raises(ValidationError, match="cannot move"):
        services.confirm_session(session=planned, by=course_manager)
    services.open_nominations(session=planned, by=course_manager)
    services.move_to_selection(session=planned, by=course_manager)
    services.confirm_session(session=planned, by=course_manager)
    assert fresh(planned).status == Status.CONFIRMED
    moves = [
        (event.before["status"], event.after["status"]) for event in planned.events.filter(kind=Kind.STATUS)
    ]
    assert sorted(moves) == sorted([("planned", "open"), ("open", "selection"), ("selection", "confirmed")])


def test_a_session_runs_from_its_first_day_where_it_is_held(course_manager, planned) -> None:
    for step in (services.open_nominations, services.move_to_selection, services.confirm_session):
        step(session=planned, by=course_manager)
    with pytest.raises(ValidationError, match="can be marked as running from that day"):
        services.start_session(session=planned, by=course_manager)
    Session.objects.filter(pk=planned.pk).update(starts_on=today() - timedelta(days=1))
    services.start_session(session=planned, by=course_manager)
    assert fresh(planned).status == Status.RUNNING


def test_nominations_open_only_with_days(course_manager, planned) -> None:
    planned.days.all().delete()
    with pytest.raises(ValidationError, match="days before opening"):
        services.open_nominations(session=planned, by=course_manager)


# --- Instructors ------------------------------------------------------------------------------------


def test_an_instructor_the_rule_allows_is_booked_for_the_sessions_dates(course_manager, planned) -> None:
    instructor = certified(planned.course)
    link = session_instructors.add_instructor(session=planned, instructor=instructor, by=course_manager)
    assignment = link.assignment
    assert (assignment.starts_on, assignment.ends_on, assignment.language) == (
        planned.starts_on,
        planned.ends_on,
        "en",
    )
    assert assignment.reference == planned.code
    assert not assignment.is_override
    assert planned.events.filter(kind=Kind.INSTRUCTOR_ADDED).get().after["instructor"] == (
        instructor.person.display_name
    )


def test_an_instructor_the_rule_refuses_is_refused_with_every_reason(course_manager, planned) -> None:
    instructor = certified(planned.course, languages=("fr",))
    AvailabilityPeriod.objects.create(
        instructor=instructor, kind="unavailable", starts_on=planned.starts_on, ends_on=planned.ends_on
    )
    with pytest.raises(ValidationError) as refusal:
        session_instructors.add_instructor(session=planned, instructor=instructor, by=course_manager)
    text = " ".join(refusal.value.messages)
    assert "Not certified to teach in English" in text
    assert "Unavailable from" in text
    assert not SessionInstructor.objects.exists()


def test_only_an_administrator_overrides_the_rule_with_a_justification(
    course_manager, administrator, planned
) -> None:
    instructor = certified(planned.course, languages=("fr",))
    with pytest.raises(ValidationError, match="Only an administrator"):
        session_instructors.add_instructor(
            session=planned, instructor=instructor, by=course_manager, override_reason="We need her."
        )
    link = session_instructors.add_instructor(
        session=planned, instructor=instructor, by=administrator, override_reason="Interpreter provided."
    )
    assert link.assignment.is_override
    assert link.assignment.override_reason == "Interpreter provided."
    assert planned.events.filter(kind=Kind.INSTRUCTOR_ADDED).get().after["override"] is True


def test_removing_an_instructor_cancels_the_booking_and_keeps_the_link(course_manager, planned) -> None:
    link = session_instructors.add_instructor(
        session=planned, instructor=certified(planned.course), by=course_manager
    )
    session_instructors.remove_instructor(session=planned, link=link, by=course_manager, reason="Ill.")
    assert Assignment.objects.get(pk=link.assignment_id).is_cancelled
    assert SessionInstructor.objects.filter(pk=link.pk).exists()
    assert planned.events.filter(kind=Kind.INSTRUCTOR_REMOVED).get().note == "Ill."


# --- Rescheduling and cancelling ----------------------------------------------------------------------


def concerned_session(opened: Session, course_manager, kenya, france):
    """An open session with nominees in several states, their focal points and two instructors,
    one of whom will be unavailable on the new dates."""
    focal_ke = person_with("ncb-focal-point", kenya, country=kenya)
    focal_fr = person_with("ncb-focal-point", france, country=france, preferred_language="fr")
    person_with("ncb-focal-point", Country.objects.get(iso2="NG"), country=Country.objects.get(iso2="NG"))
    accepted = NominationFactory(session=opened, status="accepted", person=UserFactory(country=kenya))
    french = NominationFactory(
        session=opened, status="waitlisted", person=UserFactory(country=france, preferred_language="fr")
    )
    NominationFactory(session=opened, status="withdrawn", person=UserFactory(country=kenya))
    NominationFactory(session=opened, status="rejected", person=UserFactory(country=kenya))
    staying = certified(opened.course)
    leaving = certified(opened.course, person=UserFactory(preferred_language="es"))
    for instructor in (staying, leaving):
        session_instructors.add_instructor(session=opened, instructor=instructor, by=course_manager)
    return {
        "focal_ke": focal_ke,
        "focal_fr": focal_fr,
        "accepted": accepted.person,
        "french": french.person,
        "staying": staying,
        "leaving": leaving,
    }


def test_rescheduling_keeps_history_rechecks_instructors_and_tells_everyone_in_their_language(
    course_manager, opened, kenya, france, django_capture_on_commit_callbacks
) -> None:
    people = concerned_session(opened, course_manager, kenya, france)
    new_first = opened.starts_on + timedelta(days=14)
    AvailabilityPeriod.objects.create(
        instructor=people["leaving"],
        kind="unavailable",
        starts_on=new_first,
        ends_on=new_first + timedelta(days=5),
    )
    old_days = [day.date.isoformat() for day in opened.days.all()]

    with django_capture_on_commit_callbacks(execute=True):
        result = services.reschedule_session(
            session=opened, by=course_manager, days=days_from(new_first, 2), reason="The venue is closed."
        )

    session = fresh(opened)
    assert (session.starts_on, session.ends_on) == (new_first, new_first + timedelta(days=1))
    event = session.events.get(kind=Kind.RESCHEDULED)
    assert [row["date"] for row in event.before["days"]] == old_days
    assert event.note == "The venue is closed."
    assert result.kept == [people["staying"].person.display_name]
    assert [item.name for item in result.dropped] == [people["leaving"].person.display_name]
    assert "Unavailable from" in " ".join(result.dropped[0].reasons)
    active = Assignment.objects.filter(session_link__session=session, cancelled_at__isnull=True)
    assert [(row.instructor_id, row.starts_on) for row in active] == [(people["staying"].pk, new_first)]

    sent = {message.to[0]: message for message in mail.outbox}
    expected = {
        people["accepted"].email,
        people["french"].email,
        people["focal_ke"].email,
        people["focal_fr"].email,
        people["staying"].person.email,
        people["leaving"].person.email,
    }
    assert set(sent) == expected
    assert "rescheduled" in sent[people["accepted"].email].subject
    assert in_french(new_first) in sent[people["french"].email].body
    assert in_french(new_first) not in sent[people["accepted"].email].body
    assert "The venue is closed." in sent[people["focal_fr"].email].body


def test_rescheduling_needs_a_reason_and_new_days(course_manager, opened) -> None:
    with pytest.raises(ValidationError) as refusal:
        services.reschedule_session(
            session=opened, by=course_manager, days=days_from(opened.starts_on), reason=" "
        )
    assert "reason" in refusal.value.message_dict
    same = [DayPlan(day.date, day.starts_at, day.ends_at) for day in opened.days.all()]
    with pytest.raises(ValidationError, match="days already"):
        services.reschedule_session(session=opened, by=course_manager, days=same, reason="No change.")
    with pytest.raises(ValidationError) as refusal:
        services.reschedule_session(
            session=opened,
            by=course_manager,
            days=days_from(opened.nominations_close_on - timedelta(days=1)),
            reason="Earlier.",
        )
    assert "nominations_close_on" in refusal.value.message_dict
    assert not opened.events.filter(kind=Kind.RESCHEDULED).exists()


def test_rescheduling_may_move_the_nomination_window(course_manager, opened) -> None:
    new_first = opened.starts_on - timedelta(days=5)
    window = {"nominations_close_on": new_first - timedelta(days=2), "respond_by": None}
    services.reschedule_session(
        session=opened, by=course_manager, days=days_from(new_first), reason="Earlier.", window=window
    )
    session = fresh(opened)
    assert session.nominations_close_on == new_first - timedelta(days=2)
    assert session.respond_by is None


def test_cancelling_releases_instructors_tells_everyone_and_deletes_nothing(
    course_manager, opened, kenya, france, django_capture_on_commit_callbacks
) -> None:
    people = concerned_session(opened, course_manager, kenya, france)
    nominations = opened.nominations.count()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_session(session=opened, by=course_manager, reason="Budget withdrawn.")
    session = fresh(opened)
    assert session.status == Status.CANCELLED
    assert session.cancel_reason == "Budget withdrawn."
    assert session.nominations.count() == nominations
    assert session.days.count() == 3
    assert not Assignment.objects.filter(session_link__session=session, cancelled_at__isnull=True).exists()
    recipients = {message.to[0] for message in mail.outbox}
    assert people["leaving"].person.email in recipients
    assert people["staying"].person.email in recipients
    assert people["focal_ke"].email in recipients
    french = next(message for message in mail.outbox if message.to == [people["french"].email])
    assert in_french(session.starts_on) in french.body
    with pytest.raises(PermissionDenied):
        services.cancel_session(session=session, by=course_manager, reason="Again.")


def test_cancelling_needs_a_reason(course_manager, opened) -> None:
    with pytest.raises(ValidationError) as refusal:
        services.cancel_session(session=opened, by=course_manager, reason="")
    assert "reason" in refusal.value.message_dict
    assert fresh(opened).status == Status.OPEN
