"""Completing a session: outcomes, certificates, e-mails; deciding them again; the course's rule."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext

from cadre.audit.models import AuditEntry
from cadre.certificates.models import Certificate
from cadre.courses.models import Course
from cadre.training_sessions.models import Attendance, CompletionRule, Nomination, Session, SessionEvent
from cadre.training_sessions.services.attendance import record_attendance
from cadre.training_sessions.services.completion import (
    complete_session,
    recompute_outcomes,
    save_completion_rule,
)
from cadre.training_sessions.tests.test_attendance_fixtures import (
    day_of,
    give_post_test,
    nairobi_today,
    participant,
    post_test,
    running_session,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Mark = Attendance.Status
Outcome = Nomination.Outcome
Kind = Certificate.Kind


def ended_session(days: int = 5, **values) -> Session:
    """A running session whose last day is today."""
    return running_session(days=days, first=nairobi_today() - timedelta(days=days - 1), **values)


def mark(nomination: Nomination, *statuses: str | None) -> None:
    session = nomination.session
    for index, status in enumerate(statuses):
        if status is not None:
            record_attendance(
                nomination=nomination,
                day=day_of(session, index),
                status=status,
                by=session.manager,
                method=Attendance.Method.MANAGER,
            )


def reloaded(nomination: Nomination) -> Nomination:
    return Nomination.objects.get(pk=nomination.pk)


def certificates_of(nomination: Nomination) -> list[tuple[str, str]]:
    return list(
        Certificate.objects.filter(source_id=nomination.pk, holder=nomination.person)
        .order_by("pk")
        .values_list("kind", "status")
    )


P, L, H, A, E = Mark.PRESENT, Mark.LATE, Mark.PARTIAL, Mark.ABSENT, Mark.EXCUSED


@pytest.fixture
def tested() -> Session:
    """An ended session of a course with a post-test, and the default rule (80%, pass at 70%)."""
    session = ended_session(city="Nairobi")
    session.course.title_fr = "Cours en français"
    session.course.save()
    give_post_test(session.course)
    return session


def test_completing_decides_each_outcome_and_issues_the_certificates(
    tested: Session, django_capture_on_commit_callbacks
) -> None:
    passed = participant(tested, UserFactory(preferred_language="fr"))
    mark(passed, P, P, L, P, A)
    post_test(passed, 85)
    failed = participant(tested)
    mark(failed, P, P, P, P, H)  # 90%
    post_test(failed, 40)
    untested = participant(tested)
    mark(untested, P, P, P, P, P)
    absent = participant(tested)
    mark(absent, P, P, E, None, P)  # 60%: excused and unrecorded days count as absent
    post_test(absent, 100)
    waitlisted = participant(tested, status=Nomination.Status.WAITLISTED)

    with django_capture_on_commit_callbacks(execute=True):
        summary = complete_session(session=tested, by=tested.manager)

    assert Session.objects.get(pk=tested.pk).status == Session.Status.COMPLETED
    outcomes = {
        n: (reloaded(n).attendance_percent, reloaded(n).outcome) for n in (passed, failed, untested, absent)
    }
    assert outcomes == {
        passed: (80, Outcome.COMPLETED),
        failed: (90, Outcome.ATTENDED),
        untested: (100, Outcome.ATTENDED),
        absent: (60, Outcome.NOT_COMPLETED),
    }
    assert reloaded(waitlisted).outcome == Outcome.PENDING
    assert summary.outcomes == {Outcome.COMPLETED: 1, Outcome.ATTENDED: 2, Outcome.NOT_COMPLETED: 1}
    assert summary.issued == {Kind.COMPLETION: 1, Kind.ATTENDANCE: 2}
    assert certificates_of(absent) == []

    certificate = Certificate.objects.get(holder=passed.person)
    assert certificate.kind == Kind.COMPLETION
    assert certificate.titles["fr"] == "Cours en français"
    assert certificate.titles["en"] == tested.course.title_en
    assert certificate.activity == f"{tested.code} · Nairobi"
    assert certificate.hours == Decimal("32.0")  # four days of 8 hours
    assert (certificate.starts_on, certificate.ends_on) == (day_of(tested).date, day_of(tested, 4).date)
    assert certificate.source == passed
    assert certificate.issued_by == tested.manager

    assert len(mail.outbox) == 3
    french = next(message for message in mail.outbox if message.to == [passed.person.email])
    assert "certificat" in french.subject.lower() or "Cours en français" in french.subject
    assert certificate.code in french.body

    event = SessionEvent.objects.get(session=tested, kind=SessionEvent.Kind.STATUS)
    assert (event.before, event.after, event.by) == (
        {"status": "running"},
        {"status": "completed"},
        tested.manager,
    )
    assert AuditEntry.objects.filter(action="training_sessions.session_completed").count() == 1
    assert AuditEntry.objects.filter(action="training_sessions.outcome_decided").count() == 4


def test_without_a_question_bank_attendance_is_enough() -> None:
    session = ended_session(days=2)
    nomination = participant(session)
    mark(nomination, P, H)  # 75%
    CompletionRule.objects.create(course=session.course, min_attendance_percent=75)
    complete_session(session=session, by=session.manager)
    assert reloaded(nomination).outcome == Outcome.COMPLETED
    assert certificates_of(nomination) == [(Kind.COMPLETION, "valid")]


def test_a_rule_without_post_test_and_late_counting_partly(tested: Session) -> None:
    CompletionRule.objects.create(
        course=tested.course,
        requires_post_test=False,
        late_counts_as_present=False,
        partial_day_share=50,
        min_attendance_percent=90,
    )
    nomination = participant(tested)
    mark(nomination, P, P, P, P, L)  # 90% when late counts half a day
    complete_session(session=tested, by=tested.manager)
    assert (reloaded(nomination).attendance_percent, reloaded(nomination).outcome) == (90, Outcome.COMPLETED)


def test_online_sessions_say_so_in_the_certificate_s_language() -> None:
    session = ended_session(days=1, city="", meeting_url="https://meet.example.org/room")
    nomination = participant(session, UserFactory(preferred_language="es"))
    mark(nomination, P)
    complete_session(session=session, by=session.manager)
    with translation.override("es"):
        online = gettext("online")
    assert Certificate.objects.get().activity == f"{session.code} · {online}"


@pytest.mark.parametrize(
    ("status", "first_day_offset", "who", "error"),
    [
        ("running", 1, "manager", ValidationError),  # the last day is tomorrow
        ("confirmed", 0, "manager", PermissionDenied),
        ("completed", 0, "manager", PermissionDenied),
        ("running", 0, "stranger", PermissionDenied),
    ],
)
def test_completing_is_refused_and_changes_nothing(status, first_day_offset, who, error) -> None:
    session = running_session(
        days=2, first=nairobi_today() - timedelta(days=1 - first_day_offset), status=status
    )
    nomination = participant(session)
    by = session.manager if who == "manager" else UserFactory()
    with pytest.raises(error):
        complete_session(session=session, by=by)
    assert Session.objects.get(pk=session.pk).status == status
    assert reloaded(nomination).outcome == Outcome.PENDING
    assert not Certificate.objects.exists()


def test_a_session_without_days_cannot_be_completed() -> None:
    session = running_session(days=0)
    with pytest.raises(ValidationError, match="no days"):
        complete_session(session=session, by=session.manager)


# --- Recomputing ------------------------------------------------------------------------------------


def test_a_late_post_test_turns_the_attendance_certificate_into_a_completion_certificate(
    tested: Session, django_capture_on_commit_callbacks
) -> None:
    nomination = participant(tested)
    mark(nomination, P, P, P, P, P)
    complete_session(session=tested, by=tested.manager)
    assert certificates_of(nomination) == [(Kind.ATTENDANCE, "valid")]
    post_test(nomination, 75)
    completed = Session.objects.get(pk=tested.pk)

    with django_capture_on_commit_callbacks(execute=True):
        summary = recompute_outcomes(session=completed, by=completed.manager)

    assert reloaded(nomination).outcome == Outcome.COMPLETED
    assert certificates_of(nomination) == [(Kind.ATTENDANCE, "replaced"), (Kind.COMPLETION, "valid")]
    assert summary.issued == {Kind.COMPLETION: 1}
    assert len(mail.outbox) == 1

    again = recompute_outcomes(session=completed, by=completed.manager)
    assert again.issued == {}
    assert len(certificates_of(nomination)) == 2
    assert AuditEntry.objects.filter(action="training_sessions.outcomes_recomputed").count() == 2


def test_an_attendance_correction_neither_withdraws_nor_downgrades_a_certificate(tested: Session) -> None:
    nomination = participant(tested)
    mark(nomination, P, P, P, P, P)
    post_test(nomination, 90)
    complete_session(session=tested, by=tested.manager)
    mark(nomination, A, A, A)
    completed = Session.objects.get(pk=tested.pk)
    summary = recompute_outcomes(session=completed, by=completed.manager)
    assert (reloaded(nomination).attendance_percent, reloaded(nomination).outcome) == (
        40,
        Outcome.NOT_COMPLETED,
    )
    assert certificates_of(nomination) == [(Kind.COMPLETION, "valid")]
    assert summary.to_review == 1


def test_a_revoked_certificate_is_not_issued_again(tested: Session) -> None:
    nomination = participant(tested)
    mark(nomination, P, P, P, P, P)
    complete_session(session=tested, by=tested.manager)
    Certificate.objects.filter(holder=nomination.person).update(status=Certificate.Status.REVOKED)
    summary = recompute_outcomes(session=Session.objects.get(pk=tested.pk), by=tested.manager)
    assert (summary.revoked, sum(summary.issued.values())) == (1, 0)
    assert certificates_of(nomination) == [(Kind.ATTENDANCE, "revoked")]


def test_only_a_completed_session_s_outcomes_are_recomputed(tested: Session) -> None:
    with pytest.raises(PermissionDenied):
        recompute_outcomes(session=tested, by=tested.manager)


# --- The rule -------------------------------------------------------------------------------------


def test_the_course_s_rule_is_saved_audited_and_checked(course_manager) -> None:
    course = Course.objects.get(owner=course_manager)
    rule = save_completion_rule(course=course, by=course_manager, values={"min_attendance_percent": 90})
    assert (rule.min_attendance_percent, rule.pass_mark_percent) == (90, 70)
    entry = AuditEntry.objects.get(action="training_sessions.completion_rule_saved")
    assert entry.changes["min_attendance_percent"] == [None, 90]
    save_completion_rule(course=course, by=course_manager, values={"min_attendance_percent": 90})
    assert AuditEntry.objects.filter(action="training_sessions.completion_rule_saved").count() == 1
    with pytest.raises(ValidationError):
        save_completion_rule(course=course, by=course_manager, values={"pass_mark_percent": 0})
    assert CompletionRule.objects.get(course=course).pass_mark_percent == 70
    with pytest.raises(PermissionDenied):
        save_completion_rule(course=course, by=UserFactory(), values={"min_attendance_percent": 50})
