"""The instructors of a session. Booking one is the instructors app's assignment, under its
rule (no current certification, no delivery; not unavailable; not booked elsewhere), which an
administrator alone may override, with a justification; the session links the assignment and
keeps the booking in its history.

add_instructor, remove_instructor    by the session's managers
recheck_instructors                  when the session moves: each instructor checked for the new dates
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.instructors import rules
from cadre.instructors import services as instructor_services
from cadre.instructors.models import Assignment, Instructor
from cadre.training_sessions import permissions
from cadre.training_sessions.models import Session, SessionEvent, SessionInstructor
from cadre.training_sessions.services.locking import lock_session

Kind = SessionEvent.Kind
Role = Assignment.Role


@dataclass(frozen=True)
class Dropped:
    """An instructor the rule refuses for the session's new dates, and its reasons."""

    name: str
    person_id: int
    reasons: list[str]


def _history(
    session: Session, by: User | None, kind: str, link: SessionInstructor, note: str = ""
) -> SessionEvent:
    assignment = link.assignment
    name = assignment.instructor.person.display_name
    facts = {"instructor": name, "role": assignment.role, "override": assignment.is_override}
    event = SessionEvent.objects.create(
        session=session,
        kind=kind,
        by=by,
        before={} if kind == Kind.INSTRUCTOR_ADDED else facts,
        after=facts if kind == Kind.INSTRUCTOR_ADDED else {},
        note=note,
    )
    added = kind == Kind.INSTRUCTOR_ADDED
    audit.record(
        actor=by,
        action=f"training_sessions.{kind}",
        target=session,
        changes={"instructor": (None, name) if added else (name, None)},
    )
    return event


@transaction.atomic
def add_instructor(
    *,
    session: Session,
    instructor: Instructor,
    by: User | None,
    role: str = Role.LEAD,
    override_reason: str = "",
    check_permission: bool = True,
) -> SessionInstructor:
    """Book `instructor` for the session's course, language and dates. Refused with every reason
    of the rule (ValidationError) unless an administrator overrides it with `override_reason`."""
    session = lock_session(session)
    if check_permission and not permissions.can_change_session(by, session):  # type: ignore[arg-type]
        raise PermissionDenied
    if session.is_closed:
        raise ValidationError(_("The session is completed or cancelled: its instructors stay as they were."))
    assignment = instructor_services.assign_instructor(
        instructor=instructor,
        course=session.course,
        language=session.language,
        start=session.starts_on,
        end=session.ends_on,
        by=by,
        reference=session.code,
        override_reason=override_reason,
        role=role,
        check_permission=False,
    )
    link = SessionInstructor.objects.create(session=session, assignment=assignment)
    _history(session, by, Kind.INSTRUCTOR_ADDED, link, note=assignment.override_reason)
    return link


@transaction.atomic
def remove_instructor(
    *,
    session: Session,
    link: SessionInstructor,
    by: User | None,
    reason: str = "",
    check_permission: bool = True,
) -> SessionInstructor:
    """Release the instructor: their assignment is cancelled; the link stays, as history."""
    session = lock_session(session)
    if check_permission and not permissions.can_change_session(by, session):  # type: ignore[arg-type]
        raise PermissionDenied
    if link.session_id != session.pk:
        raise ValidationError(_("This instructor is not on this session."))
    if link.assignment.is_cancelled:
        return link
    note = reason.strip() or _("Removed from the session %(code)s.") % {"code": session.code}
    instructor_services.cancel_assignment(
        assignment=link.assignment, by=by, reason=note, check_permission=False
    )
    link.assignment.refresh_from_db()
    _history(session, by, Kind.INSTRUCTOR_REMOVED, link, note=reason.strip())
    return link


def _verdicts(session: Session, links: list[SessionInstructor]) -> dict[tuple[int, str], rules.Verdict]:
    """The rule's verdict for each instructor on the session's (new) dates, by instructor and
    role, in a fixed number of queries per role."""
    by_role: dict[str, list[Instructor]] = defaultdict(list)
    for link in links:
        by_role[link.assignment.role].append(link.assignment.instructor)
    verdicts = {}
    for role, instructors in by_role.items():
        found = rules.verdicts_for(
            instructors, session.course, session.language, session.starts_on, session.ends_on, role=role
        )
        verdicts.update({(instructor_id, role): verdict for instructor_id, verdict in found.items()})
    return verdicts


def recheck_instructors(session: Session, by: User | None) -> tuple[list[str], list[Dropped]]:
    """After the session moved: release every instructor, then book again those the rule allows
    on the new dates. Returns the names kept, and those dropped with the rule's reasons (an
    earlier override is not carried over: an administrator may override again)."""
    links = list(
        session.instructor_links.filter(assignment__cancelled_at__isnull=True).select_related(
            "assignment__instructor__person"
        )
    )
    for link in links:
        instructor_services.cancel_assignment(
            assignment=link.assignment,
            by=by,
            reason=_("Session %(code)s rescheduled.") % {"code": session.code},
            check_permission=False,
        )
    verdicts = _verdicts(session, links)
    kept: list[str] = []
    dropped: list[Dropped] = []
    for link in links:
        old = link.assignment
        person = old.instructor.person
        verdict = verdicts[(old.instructor_id, old.role)]
        reasons = verdict.reasons
        if verdict.allowed:
            try:
                new = instructor_services.assign_instructor(
                    instructor=old.instructor,
                    course=session.course,
                    language=session.language,
                    start=session.starts_on,
                    end=session.ends_on,
                    by=by,
                    reference=session.code,
                    role=old.role,
                    check_permission=False,
                )
            except ValidationError as error:
                reasons = error.messages
            else:
                SessionInstructor.objects.create(session=session, assignment=new)
                kept.append(person.display_name)
                continue
        dropped.append(Dropped(name=person.display_name, person_id=person.pk, reasons=reasons))
    return kept, dropped
