"""Who may see and do what with sessions and nominations.

- Course managers of the session's course (and administrators) schedule, change, select and close
  it; the session's named manager may too.
- An NCB's focal point nominates officials of their own country during the window; the head of
  that NCB endorses; both see their own country's nominations only, never another's.
- Instructors booked on a session see its participants and take attendance.
- A nominee sees their own nomination and answers for it.
- A session that is still being planned is seen only by those who manage it.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from cadre.accounts import permissions as roles
from cadre.accounts.models import ScopeKind
from cadre.accounts.permissions import AnyUser
from cadre.courses import permissions as course_permissions
from cadre.courses.models import Course
from cadre.directory.models import Country
from cadre.training_sessions.models import Nomination, Session

FOCAL_POINT = "ncb-focal-point"
NCB_HEAD = "ncb-head"
NCB_ROLES = (FOCAL_POINT, NCB_HEAD)
REGIONAL_OFFICER = "regional-training-officer"

Status = Session.Status
NominationStatus = Nomination.Status


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def can_schedule_session(user: AnyUser, course: Course) -> bool:
    return course.status == Course.Status.PUBLISHED and course_permissions.looks_after(user, course)


def can_schedule_any_session(user: AnyUser) -> bool:
    return course_permissions.can_create_course(user)


def manages(user: AnyUser, session: Session) -> bool:
    if not user.is_authenticated:
        return False
    return session.manager_id == user.pk or course_permissions.looks_after(user, session.course)


def is_session_instructor(user: AnyUser, session: Session) -> bool:
    if not user.is_authenticated:
        return False
    return session.instructor_links.filter(
        assignment__instructor__person_id=user.pk, assignment__cancelled_at__isnull=True
    ).exists()


def ncb_country_ids(user: AnyUser) -> frozenset[int] | None:
    """The countries whose NCB the person works for; None when they hold an NCB role
    organisation-wide (every country)."""
    if roles.holds_organisation_wide(user, *NCB_ROLES):
        return None
    return roles.scope_ids(user, *NCB_ROLES, kind=ScopeKind.COUNTRY)


def is_ncb_of(user: AnyUser, country: Country | int | None, *wanted: str) -> bool:
    if country is None or not user.is_authenticated:
        return False
    wanted = wanted or NCB_ROLES
    if roles.holds_organisation_wide(user, *wanted):
        return True
    country_id = country if isinstance(country, int) else country.pk
    return country_id in roles.scope_ids(user, *wanted, kind=ScopeKind.COUNTRY)


def works_for_an_ncb(user: AnyUser) -> bool:
    return user.is_authenticated and roles.has_role(user, *NCB_ROLES)


def can_view_session(user: AnyUser, session: Session) -> bool:
    if manages(user, session):
        return True
    if session.status == Status.PLANNED:
        return False
    if works_for_an_ncb(user) or is_session_instructor(user, session):
        return True
    return session.nominations.filter(person_id=user.pk).exists()


def can_change_session(user: AnyUser, session: Session) -> bool:
    return not session.is_closed and manages(user, session)


def can_cancel_session(user: AnyUser, session: Session) -> bool:
    return not session.is_closed and manages(user, session)


def can_complete_session(user: AnyUser, session: Session) -> bool:
    return session.status == Status.RUNNING and manages(user, session)


def can_recompute_outcomes(user: AnyUser, session: Session) -> bool:
    """Outcomes of a completed session are decided again after a correction or a late post-test."""
    return session.status == Status.COMPLETED and manages(user, session)


def can_nominate(user: AnyUser, session: Session, country: Country | int | None = None) -> bool:
    """Whether the person may nominate to `session` now; with `country`, that country's officials."""
    if not session.window_is_open():
        return False
    if country is None:
        return works_for_an_ncb(user) and roles.has_role(user, FOCAL_POINT)
    return is_ncb_of(user, country, FOCAL_POINT)


def can_endorse(user: AnyUser, nomination: Nomination) -> bool:
    return nomination.status == NominationStatus.NOMINATED and is_ncb_of(
        user, nomination.country_id, NCB_HEAD
    )


def can_select(user: AnyUser, session: Session) -> bool:
    return session.status in (Status.OPEN, Status.SELECTION, Status.CONFIRMED, Status.RUNNING) and manages(
        user, session
    )


def can_view_nomination(user: AnyUser, nomination: Nomination) -> bool:
    if nomination.person_id == user.pk:
        return True
    if is_ncb_of(user, nomination.country_id):
        return True
    session = nomination.session
    if manages(user, session):
        return True
    return nomination.status == NominationStatus.ACCEPTED and is_session_instructor(user, session)


def can_withdraw_nomination(user: AnyUser, nomination: Nomination) -> bool:
    if nomination.status in (NominationStatus.WITHDRAWN, NominationStatus.REJECTED):
        return False
    if nomination.session.is_closed or nomination.session.status == Status.RUNNING:
        return False
    return is_ncb_of(user, nomination.country_id) or manages(user, nomination.session)


def can_answer_invitation(user: AnyUser, nomination: Nomination) -> bool:
    return (
        nomination.person_id == user.pk
        and nomination.status == NominationStatus.ACCEPTED
        and nomination.session.status in (Status.OPEN, Status.SELECTION, Status.CONFIRMED)
    )


def can_remove_participant(user: AnyUser, nomination: Nomination) -> bool:
    """The course manager takes an accepted participant off the session (before it runs)."""
    return (
        nomination.status == NominationStatus.ACCEPTED
        and nomination.session.status in (Status.OPEN, Status.SELECTION, Status.CONFIRMED)
        and manages(user, nomination.session)
    )


def can_get_invitation_letter(user: AnyUser, nomination: Nomination) -> bool:
    """The letter of invitation, for an accepted participant: theirs, their NCB's and the manager's."""
    if nomination.status != NominationStatus.ACCEPTED or nomination.session.is_cancelled:
        return False
    if nomination.person_id == user.pk:
        return True
    return is_ncb_of(user, nomination.country_id) or manages(user, nomination.session)


def can_take_attendance(user: AnyUser, session: Session) -> bool:
    if session.status not in (Status.CONFIRMED, Status.RUNNING, Status.COMPLETED):
        return False
    return manages(user, session) or is_session_instructor(user, session)


def can_view_country_training(user: AnyUser, country: Country) -> bool:
    return roles.is_administrator(user) or is_ncb_of(user, country)


def get_session_for(user: AnyUser, pk: int, *, write: bool = False) -> Session:
    """The session: Http404 when the person may not see it, PermissionDenied when they may see it
    but not change it."""
    session = (
        Session.objects.select_related("course", "venue", "country", "region", "manager")
        .filter(pk=pk)
        .first()
    )
    if session is None or not can_view_session(user, session):
        raise Http404
    if write and not can_change_session(user, session):
        raise PermissionDenied
    return session


def get_nomination_for(user: AnyUser, pk: int) -> Nomination:
    nomination = (
        Nomination.objects.select_related("session__course", "person__agency", "country")
        .filter(pk=pk)
        .first()
    )
    if nomination is None or not can_view_nomination(user, nomination):
        raise Http404
    return nomination
