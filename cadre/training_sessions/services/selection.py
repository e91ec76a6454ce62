"""Selecting participants: the course manager accepts, waitlists or rejects nominations, one at a
time or many at once; an NCB or the manager withdraws a nomination; the manager removes a
participant. Every change that gives or frees a seat locks the session and counts the seats
inside the lock (see `waitlist`); a freed seat goes to the waitlist.

Only the course manager decides. Only an endorsed nomination that meets the criteria can be
accepted or waitlisted; a seat is given only when the session has one left for the nominee's
country or region (`seats`).
"""

from collections.abc import Iterable
from typing import Literal, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.training_sessions import eligibility, permissions
from cadre.training_sessions.models import Nomination, Session
from cadre.training_sessions.selectors import selection as selectors
from cadre.training_sessions.services.locking import lock_session
from cadre.training_sessions.services.seats import SeatBook
from cadre.training_sessions.services.waitlist import (
    free_seat,
    give_seat,
    locked_nomination,
    locked_nominations,
    next_position,
    promote_from_waitlist,
    record,
    save,
    take_seat,
)
from cadre.training_sessions.tasks import selection as tasks

Status = Nomination.Status
Decision = Literal["accept", "waitlist", "reject"]
DECISIONS: tuple[Decision, ...] = ("accept", "waitlist", "reject")
MAX_AT_ONCE = 100


# --- Why a decision cannot be made -----------------------------------------------------------


def failed_check_messages(nomination: Nomination) -> list[str]:
    """The messages of the checks the nominee failed, in the reader's language."""
    return [check["message"] for check in eligibility.describe_checks(nomination.failed_checks)]


def _closed_reason(nomination: Nomination) -> str | None:
    if nomination.status == Status.WITHDRAWN:
        return _("The nomination was withdrawn.")
    if nomination.status == Status.ACCEPTED:
        return _("Already accepted.")
    return None


def _readiness(nomination: Nomination, failed: list[str] | None) -> list[str]:
    """What keeps a nomination from a seat or the waitlist: endorsement and the criteria."""
    reasons = []
    if nomination.endorsed_at is None or nomination.status == Status.NOMINATED:
        reasons.append(_("Not endorsed by the head of NCB yet: it can be accepted once endorsed."))
    if not nomination.eligible:
        messages = failed_check_messages(nomination) if failed is None else failed
        listed = "; ".join(message for message in messages if message)
        reasons.append(
            _("Does not meet the criteria: %(reasons)s") % {"reasons": listed}
            if listed
            else _("Does not meet the criteria.")
        )
    return reasons


def acceptance_blockers(nomination: Nomination, failed: list[str] | None = None) -> list[str]:
    """Why the nomination cannot be accepted now (seats aside); empty when it can. `failed`: the
    messages of its failed checks when the caller has them already."""
    closed = _closed_reason(nomination)
    return [closed] if closed else _readiness(nomination, failed)


def waitlist_blockers(nomination: Nomination, failed: list[str] | None = None) -> list[str]:
    if nomination.status == Status.WAITLISTED:
        return [_("Already on the waitlist.")]
    return acceptance_blockers(nomination, failed)


def rejection_blockers(nomination: Nomination, failed: list[str] | None = None) -> list[str]:
    if nomination.status == Status.REJECTED:
        return [_("Already rejected.")]
    if nomination.status == Status.ACCEPTED:
        return [_("Already accepted: remove the participant instead.")]
    closed = _closed_reason(nomination)
    return [closed] if closed else []


BLOCKERS = {"accept": acceptance_blockers, "waitlist": waitlist_blockers, "reject": rejection_blockers}


def _required_reason(reason: str, message: str) -> str:
    cleaned = (reason or "").strip()
    if not cleaned:
        raise ValidationError(message)
    return cleaned


def _refuse(reasons: list[str]) -> None:
    if reasons:
        raise ValidationError(reasons)


# --- Deciding ---------------------------------------------------------------------------------


def _apply(nomination: Nomination, decision: Decision, *, by: User, note: str, position: int) -> None:
    """One decision on a locked nomination whose blockers (and seat) were checked."""
    if decision == "accept":
        give_seat(nomination, by=by, action="accepted", note=note)
        return
    before = nomination.status
    nomination.status = Status.WAITLISTED if decision == "waitlist" else Status.REJECTED
    nomination.decided_by = by
    nomination.decided_at = timezone.now()
    nomination.decision_note = note
    nomination.waitlist_position = position if decision == "waitlist" else None
    save(nomination)
    action = "waitlisted" if decision == "waitlist" else "rejected"
    record(nomination, by=by, action=action, before=before, note=note)
    pk = nomination.pk
    transaction.on_commit(lambda: tasks.notify_decision.delay(pk))


def _decide_one(nomination: Nomination, decision: Decision, *, by: User, note: str) -> Nomination:
    with transaction.atomic():
        session = lock_session(nomination.session_id)
        permissions.require(permissions.can_select(by, session))
        current = locked_nomination(nomination, session)
        _refuse(BLOCKERS[decision](current))
        if decision == "accept":
            take_seat(selectors.seat_book(session), session, current)
        position = next_position(session) if decision == "waitlist" else 0
        _apply(current, decision, by=by, note=note, position=position)
        return current


def accept_nomination(*, nomination: Nomination, by: User, note: str = "") -> Nomination:
    """Give the nominee a seat; refused when the session (or the nominee's country) has none left."""
    return _decide_one(nomination, "accept", by=by, note=(note or "").strip())


def waitlist_nomination(*, nomination: Nomination, by: User, note: str = "") -> Nomination:
    """Put the nominee at the end of the waitlist."""
    return _decide_one(nomination, "waitlist", by=by, note=(note or "").strip())


def reject_nomination(*, nomination: Nomination, by: User, reason: str) -> Nomination:
    reason = _required_reason(reason, _("Give the reason for rejecting the nomination."))
    return _decide_one(nomination, "reject", by=by, note=reason)


def decide_nominations(
    *, session: Session, by: User, ids: Iterable[int], decision: str, reason: str = ""
) -> list[Nomination]:
    """The same decision on several nominations of the session, in the order of the selection
    page; all of them or, when one cannot be decided, none (the message says which and why)."""
    if decision not in DECISIONS:
        raise ValidationError(_("Choose accept, waitlist or reject."))
    chosen = sorted(set(ids))
    if not chosen:
        raise ValidationError(_("Tick at least one nomination."))
    if len(chosen) > MAX_AT_ONCE:
        raise ValidationError(
            _("Decide on at most %(count)s nominations at once."), params={"count": MAX_AT_ONCE}
        )
    note = reason.strip()
    if decision == "reject":
        note = _required_reason(reason, _("Give the reason for rejecting the nominations."))
    with transaction.atomic():
        session = lock_session(session)
        permissions.require(permissions.can_select(by, session))
        return _decide_locked(session, chosen, cast(Decision, decision), by=by, note=note)


def _decide_locked(
    session: Session, chosen: list[int], decision: Decision, *, by: User, note: str
) -> list[Nomination]:
    nominations = locked_nominations(session, chosen)
    if len(nominations) != len(chosen):
        raise ValidationError(_("Some of the chosen nominations are not in this session."))
    order = {pk: index for index, pk in enumerate(_page_order(session, chosen))}
    nominations.sort(key=lambda row: order.get(row.pk, 0))
    problems = _problems(session, nominations, decision)
    if problems:
        raise ValidationError([_("Nothing was decided."), *problems])
    position = next_position(session)
    for offset, nomination in enumerate(nominations):
        _apply(nomination, decision, by=by, note=note, position=position + offset)
    return nominations


def _page_order(session: Session, chosen: list[int]) -> list[int]:
    return list(selectors.nominations_to_select(session).filter(pk__in=chosen).values_list("pk", flat=True))


def _problems(session: Session, nominations: list[Nomination], decision: Decision) -> list[str]:
    """Why some of the nominations cannot be decided so, seats counted as if in turn."""
    book = selectors.seat_book(session) if decision == "accept" else SeatBook(capacity=0)
    problems = []
    for nomination in nominations:
        nomination.session = session
        reasons = BLOCKERS[decision](nomination)
        if not reasons and decision == "accept":
            try:
                book = take_seat(book, session, nomination)
            except ValidationError as refusal:
                reasons = refusal.messages
        if reasons:
            problems.append(f"{nomination.person.get_full_name()}: {' '.join(reasons)}")
    return problems


# --- Leaving the session ----------------------------------------------------------------------


def withdraw_nomination(*, nomination: Nomination, by: User, reason: str) -> Nomination:
    """The NCB of the nominee's country, or the course manager, withdraws the nomination; a seat
    it held goes to the waitlist."""
    reason = _required_reason(reason, _("Give the reason for withdrawing the nomination."))
    with transaction.atomic():
        session = lock_session(nomination.session_id)
        current = locked_nomination(nomination, session)
        permissions.require(permissions.can_withdraw_nomination(by, current))
        held_seat = free_seat(current, by=by, action="withdrawn", note=reason)
        _tell_nominee(current, by)
        if held_seat:
            promote_from_waitlist(session=session, by=by, limit=1)
        return current


def remove_participant(*, nomination: Nomination, by: User, reason: str) -> Nomination:
    """The course manager takes an accepted participant off the session; the seat goes to the
    waitlist."""
    reason = _required_reason(reason, _("Give the reason for removing the participant."))
    with transaction.atomic():
        session = lock_session(nomination.session_id)
        current = locked_nomination(nomination, session)
        permissions.require(permissions.can_remove_participant(by, current))
        free_seat(current, by=by, action="removed", note=reason)
        _tell_nominee(current, by)
        promote_from_waitlist(session=session, by=by, limit=1)
        return current


def _tell_nominee(nomination: Nomination, by: User | None) -> None:
    if by is None or by.pk != nomination.person_id:
        pk = nomination.pk
        transaction.on_commit(lambda: tasks.notify_decision.delay(pk))
