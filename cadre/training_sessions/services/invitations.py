"""Invitations: an accepted participant confirms or declines their place by the deadline; the
daily review reminds those who have not answered and, the day after the deadline, releases their
place to the waitlist.

The deadline is the session's "confirm by" date; someone accepted so late that fewer than
`LATE_ANSWER_DAYS` remain before it gets that many days from their acceptance instead (but no
later than the day before the session starts).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.training_sessions import permissions
from cadre.training_sessions.models import Nomination, NominationEvent, Session
from cadre.training_sessions.services.locking import lock_session
from cadre.training_sessions.services.waitlist import (
    PROMOTING,
    free_seat,
    locked_nomination,
    promote_from_waitlist,
    record,
    save,
)
from cadre.training_sessions.tasks import selection as tasks

Status = Nomination.Status
Response = Nomination.Response
LATE_ANSWER_DAYS = 7
REMIND_DAYS_BEFORE = 3
REMINDED = "reminded"
RELEASED_NOTE = "No answer by the deadline."


def answer_deadline(nomination: Nomination, session: Session) -> date | None:
    """The last day the participant may answer; None when the session sets no deadline."""
    if session.respond_by is None:
        return None
    accepted_at = nomination.promoted_at or nomination.decided_at
    if accepted_at is None:
        return session.respond_by
    accepted_on = timezone.localdate(accepted_at)
    latest = max(session.starts_on - timedelta(days=1), accepted_on)
    return max(session.respond_by, min(accepted_on + timedelta(days=LATE_ANSWER_DAYS), latest))


def respond_to_invitation(*, nomination: Nomination, by: User, accept: bool, reason: str = "") -> Nomination:
    """The participant confirms their place, or declines it (the seat goes to the waitlist)."""
    with transaction.atomic():
        session = lock_session(nomination.session_id)
        current = locked_nomination(nomination, session)
        permissions.require(permissions.can_answer_invitation(by, current))
        _check_deadline(current, session)
        if accept:
            _confirm(current, by)
            return current
        free_seat(current, by=by, action="declined", note=reason.strip(), response=Response.DECLINED)
        promote_from_waitlist(session=session, by=by, limit=1)
        return current


def _check_deadline(nomination: Nomination, session: Session) -> None:
    deadline = answer_deadline(nomination, session)
    if deadline is not None and timezone.localdate() > deadline:
        raise ValidationError(
            _("The deadline to answer was %(date)s: contact the course manager or your NCB."),
            params={"date": formats.date_format(deadline, "DATE_FORMAT")},
        )


def _confirm(nomination: Nomination, by: User) -> None:
    if nomination.response == Response.CONFIRMED:
        raise ValidationError(_("You have already confirmed your place."))
    before = nomination.status
    nomination.response = Response.CONFIRMED
    nomination.responded_at = timezone.now()
    save(nomination)
    record(nomination, by=by, action="confirmed", before=before)


# --- The daily review --------------------------------------------------------------------------


@dataclass(frozen=True)
class Review:
    reminded: int
    released: int


def unanswered(today: date) -> QuerySet[Nomination]:
    """Accepted participants who have not answered, of sessions with a deadline still to come."""
    return (
        Nomination.objects.filter(
            status=Status.ACCEPTED,
            response=Response.PENDING,
            session__respond_by__isnull=False,
            session__status__in=PROMOTING,
            session__starts_on__gt=today,
        )
        .select_related("session")
        .annotate(reminded=Exists(NominationEvent.objects.filter(nomination=OuterRef("pk"), action=REMINDED)))
        .order_by("session_id", "pk")
    )


def review_invitations(today: date | None = None) -> Review:
    """Remind once, three days before the deadline; release the place the day after it.
    Idempotent: a reminder is recorded, a released place is no longer accepted."""
    today = today or timezone.localdate()
    reminded = released = 0
    for nomination in unanswered(today):
        deadline = answer_deadline(nomination, nomination.session)
        if deadline is None:
            continue
        if today > deadline:
            released += _release(nomination, today)
        elif deadline - timedelta(days=REMIND_DAYS_BEFORE) <= today and not nomination.reminded:  # type: ignore[attr-defined]
            reminded += _remind(nomination)
    return Review(reminded=reminded, released=released)


def _remind(nomination: Nomination) -> int:
    with transaction.atomic():
        session = lock_session(nomination.session_id)
        current = locked_nomination(nomination, session)
        if current.status != Status.ACCEPTED or current.events.filter(action=REMINDED).exists():
            return 0
        NominationEvent.objects.create(
            nomination=current, from_status=current.status, to_status=current.status, action=REMINDED
        )
        pk = current.pk
        transaction.on_commit(lambda: tasks.remind_invitation.delay(pk))
        return 1


def _release(nomination: Nomination, today: date) -> int:
    """Withdraw a participant who did not answer by the deadline; promote from the waitlist."""
    with transaction.atomic():
        session = lock_session(nomination.session_id)
        current = locked_nomination(nomination, session)
        deadline = answer_deadline(current, session)
        if current.status != Status.ACCEPTED or current.response != Response.PENDING:
            return 0
        if deadline is None or today <= deadline:
            return 0
        free_seat(current, by=None, action="released", note=RELEASED_NOTE)
        pk = current.pk
        transaction.on_commit(lambda: tasks.notify_release.delay(pk))
        promote_from_waitlist(session=session, by=None, limit=1)
        return 1
