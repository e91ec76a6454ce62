"""Recording attendance, checking in with the day's QR code, and rotating a day's code."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.audit.models import AuditEntry
from cadre.training_sessions.models import Attendance, Nomination, Session, SessionDay
from cadre.training_sessions.services.attendance import (
    CheckIn,
    check_in,
    method_for,
    record_attendance,
    rotate_checkin_key,
)
from cadre.training_sessions.tests.test_attendance_fixtures import (
    at,
    book_instructor,
    day_of,
    instructor,
    manager,
    nairobi_today,
    participant,
    running_session,
    session,
)
from tests.factories import UserFactory

__all__ = ["instructor", "manager", "session"]  # fixtures

pytestmark = pytest.mark.django_db
Mark = Attendance.Status
Method = Attendance.Method


def audit_count(action: str) -> int:
    return AuditEntry.objects.filter(action=action).count()


# --- record_attendance ------------------------------------------------------------------------------


def test_an_instructor_marks_a_participant_and_who_when_how_is_kept(session: Session, instructor) -> None:
    nomination = participant(session)
    day = day_of(session)
    mark = record_attendance(
        nomination=nomination,
        day=day,
        status=Mark.LATE,
        by=instructor,
        arrived_at=time(9, 41, 30),
        note="  Flight   delayed ",
        method=method_for(instructor, session),
    )
    assert (mark.status, mark.arrived_at, mark.note) == (Mark.LATE, time(9, 41), "Flight delayed")
    assert (mark.method, mark.recorded_by) == (Method.INSTRUCTOR, instructor)
    entry = AuditEntry.objects.get(action="training_sessions.attendance_recorded")
    assert entry.actor == instructor
    assert entry.changes["status"] == [None, Mark.LATE]


def test_the_manager_corrects_a_mark_and_an_identical_mark_changes_nothing(
    session: Session, instructor, manager
) -> None:
    nomination = participant(session)
    day = day_of(session)
    record_attendance(
        nomination=nomination, day=day, status=Mark.ABSENT, by=instructor, method=Method.INSTRUCTOR
    )
    assert method_for(manager, session) == Method.MANAGER
    record_attendance(
        nomination=nomination,
        day=day,
        status=Mark.EXCUSED,
        by=manager,
        note="Sick note",
        method=method_for(manager, session),
    )
    record_attendance(
        nomination=nomination,
        day=day,
        status=Mark.EXCUSED,
        by=manager,
        note="Sick note",
        method=Method.MANAGER,
    )
    mark = Attendance.objects.get()
    assert (mark.status, mark.method, mark.recorded_by) == (Mark.EXCUSED, Method.MANAGER, manager)
    assert audit_count("training_sessions.attendance_recorded") == 2


def test_the_arrival_time_is_kept_only_for_a_late_arrival(session: Session, manager) -> None:
    mark = record_attendance(
        nomination=participant(session),
        day=day_of(session),
        status=Mark.PRESENT,
        by=manager,
        arrived_at=time(9, 5),
        method=Method.MANAGER,
    )
    assert mark.arrived_at is None


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("future day", "can be recorded from that day on"),
        ("other session", "not one of the session's days"),
        ("waitlisted", "only for accepted participants"),
        ("bad status", "Choose present, late"),
        ("long note", "200 characters or fewer"),
    ],
)
def test_bad_marks_are_refused_with_a_message_and_nothing_recorded(
    session: Session, manager, case, message
) -> None:
    nomination = participant(session)
    values = {"nomination": nomination, "day": day_of(session), "status": Mark.PRESENT, "note": ""}
    if case == "future day":
        values["day"] = day_of(session, 2)
    elif case == "other session":
        values["day"] = day_of(running_session())
    elif case == "waitlisted":
        values["nomination"] = participant(session, status=Nomination.Status.WAITLISTED)
    elif case == "bad status":
        values["status"] = "asleep"
    else:
        values["note"] = "x" * 201
    with pytest.raises(ValidationError, match=message):
        record_attendance(by=manager, method=Method.MANAGER, **values)
    assert not Attendance.objects.exists()


def test_someone_who_does_not_take_attendance_is_refused(session: Session) -> None:
    with pytest.raises(PermissionDenied):
        record_attendance(
            nomination=participant(session),
            day=day_of(session),
            status=Mark.PRESENT,
            by=UserFactory(),
            method=Method.INSTRUCTOR,
        )
    assert not Attendance.objects.exists()


def test_attendance_is_not_taken_before_the_session_is_confirmed() -> None:
    session = running_session(status="selection")
    with pytest.raises(PermissionDenied):
        record_attendance(
            nomination=participant(session),
            day=day_of(session),
            status=Mark.PRESENT,
            by=session.manager,
            method=Method.MANAGER,
        )


# --- check_in ------------------------------------------------------------------------------------


def scan(day: SessionDay, person, hour: int, minute: int = 0, *, on=None):
    return check_in(key=day.checkin_key, person=person, now=at(on or day.date, hour, minute))


def test_a_participant_on_time_is_present_and_late_after_the_grace_period(session: Session, settings) -> None:
    settings.SESSION_CHECKIN_GRACE_MINUTES = 15
    early, late = participant(session), participant(session)
    day = day_of(session)
    on_time = scan(day, early.person, 9, 15)
    after = scan(day, late.person, 9, 16)
    assert (on_time.outcome, on_time.attendance.status, on_time.attendance.arrived_at) == (
        CheckIn.PRESENT,
        Mark.PRESENT,
        None,
    )
    assert (after.outcome, after.attendance.status, after.attendance.arrived_at) == (
        CheckIn.LATE,
        Mark.LATE,
        time(9, 16),
    )
    assert after.attendance.method == Method.CHECK_IN
    assert after.attendance.recorded_by == late.person
    assert audit_count("training_sessions.attendance_recorded") == 2


def test_the_grace_period_is_a_setting(session: Session, settings) -> None:
    settings.SESSION_CHECKIN_GRACE_MINUTES = 0
    assert scan(day_of(session), participant(session).person, 9, 1).outcome == CheckIn.LATE


def test_the_day_is_the_session_s_day_in_its_own_time_zone(session: Session) -> None:
    """23:30 in Nairobi is 20:30 UTC, the same day; 02:00 in Nairobi the next day is still the
    day before in UTC, and the wrong day for the session."""
    nomination = participant(session)
    day = day_of(session)
    assert scan(day, nomination.person, 2, on=day.date + timedelta(days=1)).outcome == CheckIn.WRONG_DAY
    assert scan(day, nomination.person, 23, 30).outcome == CheckIn.LATE


def test_a_second_scan_changes_nothing_and_says_so(session: Session) -> None:
    nomination = participant(session)
    day = day_of(session)
    first = scan(day, nomination.person, 9)
    second = scan(day, nomination.person, 11)
    assert second.outcome == CheckIn.ALREADY_CHECKED_IN
    assert not second.recorded
    assert second.attendance == first.attendance
    assert Attendance.objects.get().status == Mark.PRESENT
    assert audit_count("training_sessions.attendance_recorded") == 1


def test_a_scan_never_overwrites_an_instructor_s_mark(session: Session, instructor) -> None:
    nomination = participant(session)
    day = day_of(session)
    record_attendance(
        nomination=nomination, day=day, status=Mark.ABSENT, by=instructor, method=Method.INSTRUCTOR
    )
    result = scan(day, nomination.person, 9)
    assert result.outcome == CheckIn.ALREADY_MARKED
    mark = Attendance.objects.get()
    assert (mark.status, mark.method) == (Mark.ABSENT, Method.INSTRUCTOR)


def test_the_wrong_day_someone_else_or_a_closed_session_records_nothing(session: Session) -> None:
    nomination = participant(session)
    waitlisted = participant(session, status=Nomination.Status.WAITLISTED)
    tomorrow = day_of(session, 1)
    assert scan(tomorrow, nomination.person, 9, on=day_of(session).date).outcome == CheckIn.WRONG_DAY
    assert scan(day_of(session), UserFactory(), 9).outcome == CheckIn.NOT_PARTICIPANT
    assert scan(day_of(session), waitlisted.person, 9).outcome == CheckIn.NOT_PARTICIPANT
    Session.objects.filter(pk=session.pk).update(status=Session.Status.COMPLETED)
    closed = scan(SessionDay.objects.get(pk=day_of(session).pk), nomination.person, 9)
    assert closed.outcome == CheckIn.CLOSED
    assert closed.refused
    assert not Attendance.objects.exists()


def test_an_unknown_key_is_not_found(session: Session) -> None:
    with pytest.raises(SessionDay.DoesNotExist):
        check_in(key="no-such-key", person=participant(session).person, now=at(nairobi_today(), 9))


# --- rotate_checkin_key --------------------------------------------------------------------------


def test_the_manager_rotates_the_day_s_key_and_the_old_one_stops_working(session: Session, manager) -> None:
    day = day_of(session)
    old = day.checkin_key
    rotated = rotate_checkin_key(day=day, by=manager)
    assert rotated.checkin_key != old
    assert audit_count("training_sessions.checkin_key_rotated") == 1
    with pytest.raises(SessionDay.DoesNotExist):
        check_in(key=old, person=participant(session).person, now=at(day.date, 9))


def test_an_instructor_does_not_rotate_the_key(session: Session) -> None:
    day = day_of(session)
    with pytest.raises(PermissionDenied):
        rotate_checkin_key(day=day, by=book_instructor(session))
    assert SessionDay.objects.get(pk=day.pk).checkin_key == day.checkin_key
