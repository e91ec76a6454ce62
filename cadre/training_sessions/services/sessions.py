"""Scheduling sessions: creating and changing them, moving them through their states,
rescheduling and cancelling them. Every function is keyword-only, atomic, authorised and
audited, and keeps the session's history (SessionEvent) as its people read it.

create_session, update_session              the plan: course, language, place, seats, window, days
change_status (open_nominations, move_to_selection, confirm_session, start_session)
reschedule_session                          new days; instructors checked again; everyone told
cancel_session                              nothing deleted; instructors released; everyone told

Instructors are added and removed in `session_instructors`.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.instructors import services as instructor_services
from cadre.training_sessions import permissions
from cadre.training_sessions.models import (
    Nomination,
    SeatQuota,
    Session,
    SessionDay,
    SessionEvent,
    SessionInstructor,
)
from cadre.training_sessions.services import session_checks as checks
from cadre.training_sessions.services.locking import lock_session
from cadre.training_sessions.services.session_checks import DayPlan, QuotaPlan
from cadre.training_sessions.services.session_instructors import Dropped, recheck_instructors
from cadre.training_sessions.tasks import notifications

Status = Session.Status
Kind = SessionEvent.Kind

# The plain fields a form may set; the course, the days, the sectors and the quotas are apart.
PLAN_FIELDS = (
    "title",
    "language",
    "time_zone",
    "venue",
    "place",
    "city",
    "country",
    "meeting_url",
    "region",
    "capacity",
    "seats_by",
    "nominations_open_on",
    "nominations_close_on",
    "respond_by",
    "joining_instructions",
    "follow_up_after_days",
    "manager",
)
TEXT_FIELDS = ("title", "place", "city", "meeting_url", "joining_instructions")
# Each status and the one that follows it by hand; completing is the completion's service.
NEXT_STATUS = {
    Status.PLANNED: Status.OPEN,
    Status.OPEN: Status.SELECTION,
    Status.SELECTION: Status.CONFIRMED,
    Status.CONFIRMED: Status.RUNNING,
}
RESCHEDULABLE = (Status.PLANNED, Status.OPEN, Status.SELECTION, Status.CONFIRMED)


# --- What the history and the audit trail keep -----------------------------------------------------


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | bool):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, User):
        return value.display_name
    return str(value)


def snapshot(session: Session) -> dict[str, Any]:
    """The session's plan as plain values, for its history and the audit trail."""
    values = {name: _plain(getattr(session, name)) for name in PLAN_FIELDS}
    values["course"] = session.course.code
    values["sectors"] = sorted(session.eligible_sectors.values_list("code", flat=True))
    values["quotas"] = [
        {"place": str(quota.country or quota.region), "seats": quota.seats}
        for quota in session.quotas.select_related("country", "region")
    ]
    values["days"] = days_snapshot(session)
    return values


def days_snapshot(session: Session) -> list[dict[str, str]]:
    return [
        DayPlan(date=day.date, starts_at=day.starts_at, ends_at=day.ends_at).as_stored()
        for day in session.days.order_by("date")
    ]


def _differences(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    changed = [name for name in after if before.get(name) != after[name]]
    return {name: before.get(name) for name in changed}, {name: after[name] for name in changed}


def _record(
    session: Session,
    by: User | None,
    kind: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> SessionEvent:
    event = SessionEvent.objects.create(
        session=session, kind=kind, by=by, before=before or {}, after=after or {}, note=note
    )
    changes = {name: (value, (after or {}).get(name)) for name, value in (before or {}).items()}
    for name, value in (after or {}).items():
        changes.setdefault(name, (None, value))
    audit.record(
        actor=by, action=f"training_sessions.session_{kind}", target=session, changes=changes or None
    )
    return event


def _notify(event: SessionEvent) -> None:
    event_id = event.pk
    transaction.on_commit(lambda: notifications.notify_session_event.delay(event_id))


# --- Writing the plan ----------------------------------------------------------------------------------


def _required_reason(reason: str, message: str) -> str:
    cleaned = (reason or "").strip()
    if not cleaned:
        raise ValidationError({"reason": message})
    return cleaned


def _cleaned_values(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = {name: values.get(name) for name in PLAN_FIELDS if name in values}
    for name in TEXT_FIELDS:
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    return cleaned


def _check_plan(session: Session, first_day: Any, by: User | None, *, new: frozenset[str]) -> None:
    """Check the plan; the course, its language and the manager only when they are `new` (an
    archived course, a language since dropped or a manager who has since moved on does not stop
    the rest of the plan from changing)."""
    plan = {name: getattr(session, name) for name in PLAN_FIELDS}
    if "course" in new:
        checks.check_course(session.course, by)
    if new & {"course", "language"}:
        checks.check_language(session.course, session.language)
    session.time_zone = checks.check_time_zone(session.time_zone)
    checks.check_location(plan)
    checks.check_window(plan, first_day)
    if not 1 <= session.capacity <= 500:  # noqa: PLR2004 - the model's bounds
        raise ValidationError({"capacity": _("Give a capacity between 1 and 500 participants.")})
    if not 30 <= session.follow_up_after_days <= 365:  # noqa: PLR2004 - the model's bounds
        raise ValidationError({"follow_up_after_days": _("Give a number of days between 30 and 365.")})
    if "manager" in new:
        checks.check_manager(session.manager, session.course, by)


def _write_days(session: Session, plans: list[DayPlan]) -> None:
    if SessionDay.objects.filter(session=session, attendance__isnull=False).exists():
        raise ValidationError(
            _("Attendance is already recorded for this session's days: they stay as they are.")
        )
    session.days.all().delete()
    SessionDay.objects.bulk_create(
        [
            SessionDay(
                session=session,
                date=plan.date,
                starts_at=plan.starts_at,
                ends_at=plan.ends_at,
                agenda=plan.agenda,
            )
            for plan in plans
        ]
    )
    session.starts_on, session.ends_on = plans[0].date, plans[-1].date


def _write_quotas(session: Session, plans: list[QuotaPlan]) -> None:
    session.quotas.all().delete()
    SeatQuota.objects.bulk_create(
        [
            SeatQuota(session=session, country=plan.country, region=plan.region, seats=plan.seats)
            for plan in plans
        ]
    )


def _save_new(session: Session, first_day: Any) -> None:
    """Save a new session under the next free reference, trying again if another took it."""
    for _attempt in range(5):
        session.code = checks.next_code(session.course, first_day)
        try:
            with transaction.atomic():
                session.save()
        except IntegrityError:
            continue
        return
    raise IntegrityError("No free session reference.")


@transaction.atomic
def create_session(
    *,
    by: User | None,
    values: Mapping[str, Any],
    days: Iterable[DayPlan | Mapping[str, Any]],
    quotas: Iterable[QuotaPlan | Mapping[str, Any]] = (),
    check_permission: bool = True,
) -> Session:
    """Schedule a session of `values["course"]`: planned, seen only by those who manage it until
    nominations open. `by` becomes its manager unless `values["manager"]` names another."""
    course = values["course"]
    if check_permission and not permissions.can_schedule_session(by, course):  # type: ignore[arg-type]
        raise PermissionDenied
    plans = checks.day_plans(days)
    checks.check_days(plans, not_before=timezone.localdate())
    cleaned = _cleaned_values(values)
    cleaned["manager"] = cleaned.get("manager") or by
    session = Session(course=course, created_by=by, status=Status.PLANNED, **cleaned)
    session.starts_on, session.ends_on = plans[0].date, plans[-1].date
    _check_plan(session, plans[0].date, by, new=frozenset({"course", "language", "manager"}))
    quota_rows = checks.quota_plans(session.seats_by, quotas, session.capacity)
    _save_new(session, plans[0].date)
    session.eligible_sectors.set(values.get("sectors") or [])
    _write_days(session, plans)
    _write_quotas(session, quota_rows)
    _record(session, by, Kind.CREATED, after=snapshot(session))
    return session


def seats_taken(session: Session) -> int:
    return Nomination.objects.filter(session=session, status=Nomination.Status.ACCEPTED).count()


def _active_links(session: Session) -> list[SessionInstructor]:
    return list(
        session.instructor_links.filter(assignment__cancelled_at__isnull=True).select_related(
            "assignment__instructor__person"
        )
    )


def _changed(session: Session, values: Mapping[str, Any]) -> frozenset[str]:
    """Which of the course, the language and the manager `values` change."""
    current = {"course": session.course_id, "language": session.language, "manager": session.manager_id}
    given = {
        "course": getattr(values.get("course"), "pk", None),
        "language": values.get("language"),
        "manager": getattr(values.get("manager"), "pk", None),
    }
    return frozenset(name for name, value in given.items() if value is not None and value != current[name])


def _check_course_change(session: Session, changed: frozenset[str]) -> None:
    if not changed & {"course", "language"}:
        return
    if session.status != Status.PLANNED or _active_links(session):
        field = "course" if "course" in changed else "language"
        message = _(
            "The course and the language change only while the session is planned and no instructor "
            "is booked."
        )
        raise ValidationError({field: message})


@transaction.atomic
def update_session(
    *,
    session: Session,
    by: User | None,
    values: Mapping[str, Any],
    quotas: Iterable[QuotaPlan | Mapping[str, Any]] = (),
    days: Iterable[DayPlan | Mapping[str, Any]] | None = None,
    check_permission: bool = True,
) -> Session:
    """Change the plan. The days change here only while the session is planned; afterwards
    `reschedule_session` moves them and tells everyone concerned."""
    session = lock_session(session)
    if check_permission and not permissions.can_change_session(by, session):  # type: ignore[arg-type]
        raise PermissionDenied
    changed = _changed(session, values)
    _check_course_change(session, changed)
    before = snapshot(session)
    plans = checks.day_plans(days) if days is not None else None
    if plans is not None and session.status != Status.PLANNED:
        raise ValidationError(_("Once nominations are open, change the dates with Reschedule."))
    if plans is not None:
        checks.check_days(plans, not_before=min(timezone.localdate(), session.starts_on))
    for name, value in _cleaned_values(values).items():
        if name != "manager" or value is not None:
            setattr(session, name, value)
    session.course = values.get("course") or session.course
    _check_plan(session, plans[0].date if plans else session.starts_on, by, new=changed)
    checks.check_capacity(session.capacity, seats_taken(session))
    quota_rows = checks.quota_plans(session.seats_by, quotas, session.capacity)
    if plans is not None:
        _write_days(session, plans)
    session.save()
    if "sectors" in values:
        session.eligible_sectors.set(values["sectors"] or [])
    _write_quotas(session, quota_rows)
    old, new = _differences(before, snapshot(session))
    if old or new:
        _record(session, by, Kind.CHANGED, before=old, after=new)
    return session


# --- Moving through the states -------------------------------------------------------------------------


def _check_transition(session: Session, to: str) -> None:
    if NEXT_STATUS.get(Status(session.status)) != to:
        raise ValidationError(
            _("A session that is “%(status)s” cannot move to “%(to)s”.")
            % {"status": session.get_status_display(), "to": Status(to).label}
        )
    if to == Status.OPEN and not session.days.exists():
        raise ValidationError(_("Give the session its days before opening nominations."))
    if to == Status.OPEN and session.ends_on < timezone.localdate():
        raise ValidationError(
            _("The session's last day has passed: reschedule it before opening nominations.")
        )
    if to == Status.RUNNING and checks.local_today(session.time_zone) < session.starts_on:
        raise ValidationError(
            _("The session starts on %(date)s: it can be marked as running from that day.")
            % {"date": checks.day_text(session.starts_on)}
        )


@transaction.atomic
def change_status(*, session: Session, by: User | None, to: str, check_permission: bool = True) -> Session:
    """planned → open → selection → confirmed → running, one step at a time."""
    session = lock_session(session)
    if check_permission and not permissions.can_change_session(by, session):  # type: ignore[arg-type]
        raise PermissionDenied
    _check_transition(session, to)
    before = session.status
    session.status = to
    session.save(update_fields=["status", "updated_at"])
    _record(session, by, Kind.STATUS, before={"status": before}, after={"status": to})
    return session


def open_nominations(*, session: Session, by: User | None) -> Session:
    return change_status(session=session, by=by, to=Status.OPEN)


def move_to_selection(*, session: Session, by: User | None) -> Session:
    return change_status(session=session, by=by, to=Status.SELECTION)


def confirm_session(*, session: Session, by: User | None) -> Session:
    return change_status(session=session, by=by, to=Status.CONFIRMED)


def start_session(*, session: Session, by: User | None) -> Session:
    return change_status(session=session, by=by, to=Status.RUNNING)


# --- Rescheduling and cancelling ----------------------------------------------------------------------


@dataclass(frozen=True)
class Rescheduled:
    """What rescheduling did: the session, its history entry, the instructors kept on the new
    dates and those the rule now refuses, with its reasons."""

    session: Session
    event: SessionEvent
    kept: list[str]
    dropped: list[Dropped]


WINDOW_FIELDS = ("nominations_open_on", "nominations_close_on", "respond_by")


def _moved_window(session: Session, window: Mapping[str, Any] | None, first_day: Any) -> None:
    for name in WINDOW_FIELDS:
        if window is not None and name in window:
            setattr(session, name, window[name])
    checks.check_window({name: getattr(session, name) for name in WINDOW_FIELDS}, first_day)


@transaction.atomic
def reschedule_session(
    *,
    session: Session,
    by: User | None,
    days: Iterable[DayPlan | Mapping[str, Any]],
    reason: str,
    window: Mapping[str, Any] | None = None,
    check_permission: bool = True,
) -> Rescheduled:
    """Move the session to new days (and, with `window`, move its nomination window). Each
    instructor is checked again under the rule for the new dates: kept when allowed, released
    and reported when not. Nominees, their NCBs and the instructors are told by e-mail."""
    session = lock_session(session)
    if check_permission and not permissions.can_change_session(by, session):  # type: ignore[arg-type]
        raise PermissionDenied
    if session.status not in RESCHEDULABLE:
        raise ValidationError(_("A session that is running, completed or cancelled cannot be rescheduled."))
    note = _required_reason(reason, _("Say why the session is rescheduled."))
    plans = checks.day_plans(days)
    checks.check_days(plans, not_before=timezone.localdate())
    before = {
        "days": days_snapshot(session),
        **{name: _plain(getattr(session, name)) for name in WINDOW_FIELDS},
    }
    if [plan.as_stored() for plan in plans] == before["days"]:
        raise ValidationError(_("These are the session's days already: change at least one date or time."))
    _moved_window(session, window, plans[0].date)
    _write_days(session, plans)
    session.save()
    kept, dropped = recheck_instructors(session, by)
    after = {
        "days": [plan.as_stored() for plan in plans],
        **{name: _plain(getattr(session, name)) for name in WINDOW_FIELDS},
        "instructors_kept": kept,
        "instructors_dropped": [{"name": item.name, "reasons": item.reasons} for item in dropped],
        "released_instructors": [item.person_id for item in dropped],
    }
    event = _record(session, by, Kind.RESCHEDULED, before=before, after=after, note=note)
    _notify(event)
    return Rescheduled(session=session, event=event, kept=kept, dropped=dropped)


@transaction.atomic
def cancel_session(
    *, session: Session, by: User | None, reason: str, check_permission: bool = True
) -> Session:
    """Cancel the session: its instructors are released, everyone concerned is told, and
    nothing is deleted."""
    session = lock_session(session)
    if check_permission and not permissions.can_cancel_session(by, session):  # type: ignore[arg-type]
        raise PermissionDenied
    if session.is_closed:
        raise ValidationError(_("The session is already completed or cancelled."))
    note = _required_reason(reason, _("Say why the session is cancelled."))
    released = []
    for link in _active_links(session):
        instructor_services.cancel_assignment(
            assignment=link.assignment,
            by=by,
            reason=_("Session cancelled: %(reason)s") % {"reason": note},
            check_permission=False,
        )
        released.append(link.assignment.instructor.person_id)
    before_status = session.status
    session.status = Status.CANCELLED
    session.cancel_reason = note
    session.save(update_fields=["status", "cancel_reason", "updated_at"])
    event = _record(
        session,
        by,
        Kind.CANCELLED,
        before={"status": before_status},
        after={"status": Status.CANCELLED, "released_instructors": released},
        note=note,
    )
    _notify(event)
    return session
