"""Recording attendance: an instructor or manager marks a participant for a day, or the
participant checks in by scanning the day's QR code; the manager rotates a day's code."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.training_sessions import permissions
from cadre.training_sessions.models import Attendance, Nomination, Session, SessionDay
from cadre.training_sessions.models.sessions import new_secret_key
from cadre.training_sessions.selectors.attendance import day_by_key, local_now, local_today, session_zone

Mark = Attendance.Status
Method = Attendance.Method
NOTE_LENGTH = 200
OPEN_FOR_CHECK_IN = (Session.Status.CONFIRMED, Session.Status.RUNNING)
RECORDED_FIELDS = ("status", "arrived_at", "note", "method")


def method_for(user: User, session: Session) -> str:
    """How a mark by `user` is labelled: an instructor's, or the course manager's correction."""
    return Method.INSTRUCTOR if permissions.is_session_instructor(user, session) else Method.MANAGER


def _check_mark(nomination: Nomination, day: SessionDay, status: str, today: date) -> None:
    if day.session_id != nomination.session_id:
        raise ValidationError(_("This day is not one of the session's days."))
    if nomination.status != Nomination.Status.ACCEPTED:
        raise ValidationError(_("Attendance is recorded only for accepted participants."))
    if status not in Mark.values:
        raise ValidationError(_("Choose present, late, part of the day, absent or excused."))
    if day.date > today:
        raise ValidationError(
            _("Attendance for %(date)s can be recorded from that day on.")
            % {"date": formats.date_format(day.date, "DATE_FORMAT")}
        )


def _clean_note(note: str) -> str:
    note = " ".join(note.split())
    if len(note) > NOTE_LENGTH:
        raise ValidationError(_("Keep the note to %(count)d characters or fewer.") % {"count": NOTE_LENGTH})
    return note


def _values(status: str, arrived_at: time | None, note: str, method: str) -> dict[str, object]:
    return {
        "status": status,
        "arrived_at": arrived_at.replace(second=0, microsecond=0)
        if arrived_at and status == Mark.LATE
        else None,
        "note": note,
        "method": method,
    }


@transaction.atomic
def record_attendance(
    *,
    nomination: Nomination,
    day: SessionDay,
    status: str,
    by: User,
    arrived_at: time | None = None,
    note: str = "",
    method: str,
    now: datetime | None = None,
) -> Attendance:
    """Mark `nomination`'s participant for `day`; changing a mark records who, when and how. A mark
    identical to the one held changes nothing. Refused (ValidationError) before the day, for a day
    of another session and for anyone not an accepted participant."""
    if method not in Method.values:
        raise ValueError(f"Unknown attendance method {method!r}")
    nomination = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("session", "country")
        .get(pk=nomination.pk)
    )
    session = nomination.session
    if method != Method.CHECK_IN and not permissions.can_take_attendance(by, session):
        raise PermissionDenied
    _check_mark(nomination, day, status, local_today(session, now))
    values = _values(status, arrived_at, _clean_note(note), method)
    current = Attendance.objects.filter(nomination=nomination, day=day).first()
    before = audit.snapshot(current, RECORDED_FIELDS) if current else {}
    if current is not None and before == audit.snapshot(Attendance(**values), RECORDED_FIELDS):
        return current
    attendance = current or Attendance(nomination=nomination, day=day)
    for name, value in values.items():
        setattr(attendance, name, value)
    attendance.recorded_by = by
    attendance.recorded_at = now or timezone.now()
    attendance.save()
    audit.record(
        actor=by,
        action="training_sessions.attendance_recorded",
        target=attendance,
        changes=audit.diff(before, audit.snapshot(attendance, RECORDED_FIELDS)),
        country=nomination.country,
    )
    return attendance


# --- Checking in with the day's QR code -----------------------------------------------------------


class CheckIn(StrEnum):
    PRESENT = "present"
    LATE = "late"
    ALREADY_CHECKED_IN = "already_checked_in"
    ALREADY_MARKED = "already_marked"
    WRONG_DAY = "wrong_day"
    CLOSED = "closed"
    NOT_PARTICIPANT = "not_participant"


RECORDED = (CheckIn.PRESENT, CheckIn.LATE)
ANSWERED = (*RECORDED, CheckIn.ALREADY_CHECKED_IN, CheckIn.ALREADY_MARKED)


@dataclass(frozen=True)
class CheckInResult:
    outcome: CheckIn
    day: SessionDay
    attendance: Attendance | None = None

    @property
    def recorded(self) -> bool:
        return self.outcome in RECORDED

    @property
    def refused(self) -> bool:
        return self.outcome not in ANSWERED


def grace() -> timedelta:
    return timedelta(minutes=max(0, int(settings.SESSION_CHECKIN_GRACE_MINUTES)))


def is_late(day: SessionDay, arrival: datetime) -> bool:
    """Whether `arrival` (aware) is after the day's start plus the grace period, in the session's zone."""
    start = datetime.combine(day.date, day.starts_at, tzinfo=session_zone(day.session))
    return arrival > start + grace()


def check_in_refusal(
    day: SessionDay, nomination: Nomination | None, now: datetime | None = None
) -> CheckIn | None:
    """Why the person cannot check in to `day` now, or None when they can."""
    if nomination is None:
        return CheckIn.NOT_PARTICIPANT
    if day.session.status not in OPEN_FOR_CHECK_IN:
        return CheckIn.CLOSED
    if local_today(day.session, now) != day.date:
        return CheckIn.WRONG_DAY
    return None


def participation(day: SessionDay, person: User, *, lock: bool = False) -> Nomination | None:
    rows = Nomination.objects.filter(
        session_id=day.session_id, person=person, status=Nomination.Status.ACCEPTED
    )
    if lock:
        rows = rows.select_for_update()
    return rows.first()


def already(mark: Attendance) -> CheckIn:
    return CheckIn.ALREADY_CHECKED_IN if mark.method == Method.CHECK_IN else CheckIn.ALREADY_MARKED


@transaction.atomic
def check_in(*, key: str, person: User, now: datetime | None = None) -> CheckInResult:
    """The participant scanned the day's code: present, or late after the start plus the grace
    period. A second scan, or a mark an instructor already made, changes nothing. Raises
    SessionDay.DoesNotExist for an unknown key."""
    day = day_by_key(key)
    if day is None:
        raise SessionDay.DoesNotExist
    nomination = participation(day, person, lock=True)
    refusal = check_in_refusal(day, nomination, now)
    if refusal is not None or nomination is None:
        return CheckInResult(refusal or CheckIn.NOT_PARTICIPANT, day)
    existing = Attendance.objects.filter(nomination=nomination, day=day).first()
    if existing is not None:
        return CheckInResult(already(existing), day, existing)
    arrival = local_now(day.session, now)
    late = is_late(day, arrival)
    attendance = record_attendance(
        nomination=nomination,
        day=day,
        status=Mark.LATE if late else Mark.PRESENT,
        by=person,
        arrived_at=arrival.time() if late else None,
        method=Method.CHECK_IN,
        now=now,
    )
    return CheckInResult(CheckIn.LATE if late else CheckIn.PRESENT, day, attendance)


@transaction.atomic
def rotate_checkin_key(*, day: SessionDay, by: User) -> SessionDay:
    """A new key for the day's QR code, when a photo of the old one went round; the old one stops
    working at once."""
    day = SessionDay.objects.select_for_update().select_related("session__course").get(pk=day.pk)
    if not permissions.can_change_session(by, day.session):
        raise PermissionDenied
    day.checkin_key = new_secret_key()
    day.save(update_fields=["checkin_key"])
    audit.record(
        actor=by,
        action="training_sessions.checkin_key_rotated",
        target=day,
        changes={"checkin_key": ("", "new")},
    )
    return day
