"""Who may answer, take, edit and read what in a session's evaluation.

- Level 1: the session's participants and instructors answer their questionnaire once, from the
  session's last day (or once it is completed).
- Level 2: participants take the pre-test from the session's confirmation to the end of its
  first day, and the post-test from its last day to two weeks after; each once.
- The question bank is edited by those who look after the course.
- Level 3: a participant answers their follow-up once; their supervisor answers through a
  private link, once.
- The session report is for those who manage the session (administrators included); the
  session's instructors see its level 1 results.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from cadre.accounts.permissions import AnyUser
from cadre.assessments import selectors
from cadre.assessments.models import FollowUp, Questionnaire, TestAttempt
from cadre.courses import permissions as course_permissions
from cadre.courses.models import Course
from cadre.training_sessions import permissions as session_permissions
from cadre.training_sessions.models import Session

Status = Session.Status
Level = Questionnaire.Level
Audience = Questionnaire.Audience
TestKind = TestAttempt.Kind
POST_TEST_DAYS = 14  # the post-test stays open this many days after the last day

# Why a person may not answer now: what the page tells them.
ANSWER = "answer"
ANSWERED = "answered"
NOT_YET = "not_yet"
CLOSED = "closed"
NOT_YOURS = "not_yours"
NO_TEST = "no_test"


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _today(today: date | None) -> date:
    return today or timezone.localdate()


# --- Level 1 -------------------------------------------------------------------------------------


def reaction_is_open(session: Session, today: date | None = None) -> bool:
    """Level 1 opens on the session's last day, or when it is completed sooner."""
    if session.status == Status.COMPLETED:
        return True
    return session.status == Status.RUNNING and _today(today) >= session.ends_on


def reaction_audience(user: AnyUser, session: Session) -> str | None:
    """Which level 1 questionnaire the person answers about the session, if any."""
    if selectors.instructor_link_of(user, session) is not None:
        return Audience.INSTRUCTOR
    if selectors.participation_of(user, session) is not None:
        return Audience.PARTICIPANT
    return None


def reaction_state(user: AnyUser, session: Session, today: date | None = None) -> str:
    audience = reaction_audience(user, session)
    if audience is None:
        return NOT_YOURS
    if selectors.has_answered(user, session, Level.REACTION, audience):
        return ANSWERED
    if not reaction_is_open(session, today):
        return NOT_YET if session.status != Status.CANCELLED else CLOSED
    return ANSWER


def can_answer_reaction(user: AnyUser, session: Session, today: date | None = None) -> bool:
    return reaction_state(user, session, today) == ANSWER


# --- Level 2 -------------------------------------------------------------------------------------


def post_test_closes_on(session: Session) -> date:
    return session.ends_on + timedelta(days=POST_TEST_DAYS)


def is_test_open(session: Session, kind: str, today: date | None = None) -> bool:
    """The pre-test: from the session's confirmation to the end of its first day. The
    post-test: from its last day to two weeks after."""
    day = _today(today)
    if kind == TestKind.PRE:
        return session.status in (Status.CONFIRMED, Status.RUNNING) and day <= session.starts_on
    return session.status in (Status.CONFIRMED, Status.RUNNING, Status.COMPLETED) and (
        session.ends_on <= day <= post_test_closes_on(session)
    )


def _timing_of_test(session: Session, kind: str, day: date) -> str:
    if is_test_open(session, kind, day):
        return ANSWER
    if session.status == Status.CANCELLED:
        return CLOSED
    if kind == TestKind.PRE:
        return NOT_YET if session.status in (Status.PLANNED, Status.OPEN, Status.SELECTION) else CLOSED
    return NOT_YET if day < session.ends_on else CLOSED


def state_of_test(user: AnyUser, session: Session, kind: str, today: date | None = None) -> str:
    nomination = selectors.participation_of(user, session)
    if nomination is None:
        return NOT_YOURS
    if selectors.attempt_of(nomination, kind) is not None:
        return ANSWERED
    if not selectors.has_post_test(session):
        return NO_TEST
    return _timing_of_test(session, kind, _today(today))


def can_take_test(user: AnyUser, session: Session, kind: str, today: date | None = None) -> bool:
    return state_of_test(user, session, kind, today) == ANSWER


def can_view_results(user: AnyUser, session: Session) -> bool:
    """A participant's own scores and gain."""
    return selectors.participation_of(user, session) is not None


def can_edit_bank(user: AnyUser, course: Course) -> bool:
    return course_permissions.looks_after(user, course)


# --- Level 3 -------------------------------------------------------------------------------------


def can_answer_follow_up(user: AnyUser, follow_up: FollowUp) -> bool:
    return (
        user.is_authenticated
        and follow_up.nomination.person_id == user.pk
        and follow_up.participant_answered_at is None
    )


def can_answer_as_supervisor(follow_up: FollowUp) -> bool:
    """The private link answers once; whoever holds it is taken to be the supervisor."""
    return bool(follow_up.supervisor_email) and follow_up.supervisor_answered_at is None


# --- The report ----------------------------------------------------------------------------------


def can_view_report(user: AnyUser, session: Session) -> bool:
    """The whole report: those who manage the session, administrators included."""
    return session_permissions.manages(user, session)


def can_view_reaction_results(user: AnyUser, session: Session) -> bool:
    """Level 1 results: those who may read the report, and the session's instructors."""
    return can_view_report(user, session) or selectors.instructor_link_of(user, session) is not None


# --- Getting what a page is about ----------------------------------------------------------------


def get_session_for(user: AnyUser, pk: int) -> Session:
    """The session when the person may see it (Http404 otherwise)."""
    return session_permissions.get_session_for(user, pk)


def get_bank_course_for(user: AnyUser, course_id: int) -> Course:
    """The course whose bank is edited: Http404 when the person may not see the course,
    PermissionDenied when they may see it but not edit its bank."""
    course = course_permissions.get_course_for(user, course_id)
    require(can_edit_bank(user, course))
    return course


def get_follow_up_for(user: AnyUser, session: Session) -> FollowUp:
    """The person's own follow-up about the session: PermissionDenied when they have none."""
    nomination = selectors.participation_of(user, session)
    follow_up = (
        FollowUp.objects.select_related("nomination__person", "nomination__session__course")
        .filter(nomination=nomination)
        .first()
        if nomination is not None
        else None
    )
    if follow_up is None:
        raise PermissionDenied
    return follow_up


def get_follow_up_by_key(key: str) -> FollowUp:
    follow_up = (
        FollowUp.objects.select_related("nomination__person", "nomination__session__course")
        .filter(supervisor_key=key)
        .first()
        if key
        else None
    )
    if follow_up is None:
        raise Http404
    return follow_up
