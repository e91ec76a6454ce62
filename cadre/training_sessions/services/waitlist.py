"""Who holds a seat: the session's lock, giving a seat, freeing one, and the waitlist.

Every service that changes who holds a seat of a session locks the session's row first
(`lock_session`) and counts the seats inside that lock, so two changes at once never give the
same seat twice. When a seat frees up, `promote_from_waitlist` gives it to the first person on the
waitlist whose country (or region) may still take a seat.
"""

from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.training_sessions import permissions
from cadre.training_sessions.models import Nomination, NominationEvent, Session
from cadre.training_sessions.selectors import selection as selectors
from cadre.training_sessions.services.locking import lock_session
from cadre.training_sessions.services.seats import NoSeatLeft, SeatBook
from cadre.training_sessions.tasks import selection as tasks

Status = Nomination.Status
# A seat freed in these states goes to the waitlist; once the session runs, it stays empty.
PROMOTING = (Session.Status.OPEN, Session.Status.SELECTION, Session.Status.CONFIRMED)
NOMINATION_FIELDS = (
    "status",
    "decided_by",
    "decided_at",
    "decision_note",
    "waitlist_position",
    "promoted_at",
    "response",
    "responded_at",
    "withdrawn_by",
    "withdrawn_at",
)


def locked_nominations(session: Session, ids: list[int] | None = None) -> list[Nomination]:
    rows = Nomination.objects.select_for_update(of=("self",)).filter(session=session)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return list(rows.select_related("country", "person").order_by("pk"))


def locked_nomination(nomination: Nomination, session: Session) -> Nomination:
    """The nomination as it is now (another change may have come first), locked."""
    found = locked_nominations(session, [nomination.pk])
    if not found:
        raise ValidationError(_("This nomination is not in this session."))
    found[0].session = session
    return found[0]


def record(nomination: Nomination, *, by: User | None, action: str, before: str, note: str = "") -> None:
    """The nomination's history and the audit trail, in the transaction of the change."""
    NominationEvent.objects.create(
        nomination=nomination,
        from_status=before,
        to_status=nomination.status,
        action=action,
        by=by,
        note=note,
    )
    audit.record(
        actor=by,
        action=f"training_sessions.nomination_{action}",
        target=nomination,
        changes={"status": (before, nomination.status), **({"note": ("", note)} if note else {})},
        country=nomination.country,
    )


def save(nomination: Nomination) -> None:
    nomination.save(update_fields=list(NOMINATION_FIELDS))


def seat_refusal(refusal: NoSeatLeft, session: Session, nomination: Nomination) -> ValidationError:
    if refusal.full:
        return ValidationError(_("No seat left: waitlist instead."))
    if session.seats_by == Session.SeatsBy.REGION:
        group = nomination.country.region.name
    else:
        group = nomination.country.name
    return ValidationError(
        _(
            "No seat left for %(group)s: its reserved seats are taken and the free seats are "
            "reserved for others. Waitlist instead."
        ),
        params={"group": group},
    )


def take_seat(book: SeatBook, session: Session, nomination: Nomination) -> SeatBook:
    try:
        return book.take(selectors.group_of(session, nomination))
    except NoSeatLeft as refusal:
        raise seat_refusal(refusal, session, nomination) from refusal


def give_seat(
    nomination: Nomination, *, by: User | None, action: str, note: str = "", automatic: bool = False
) -> None:
    """Accept the nomination (the seat was counted by the caller, under the session's lock) and
    send the invitation once the transaction commits."""
    before = nomination.status
    now = timezone.now()
    nomination.status = Status.ACCEPTED
    nomination.decided_by = None if automatic else by
    nomination.decided_at = now
    nomination.decision_note = note
    nomination.promoted_at = now if before == Status.WAITLISTED else None
    nomination.waitlist_position = None
    nomination.response = Nomination.Response.PENDING
    nomination.responded_at = None
    save(nomination)
    record(nomination, by=by, action=action, before=before, note=note)
    pk = nomination.pk
    transaction.on_commit(lambda: tasks.send_invitation.delay(pk))
    if automatic:
        transaction.on_commit(lambda: tasks.notify_promotion.delay(pk))


def free_seat(
    nomination: Nomination, *, by: User | None, action: str, note: str = "", response: str | None = None
) -> bool:
    """Withdraw the nomination; whether it held a seat (the caller then promotes)."""
    before = nomination.status
    now = timezone.now()
    nomination.status = Status.WITHDRAWN
    nomination.waitlist_position = None
    nomination.withdrawn_by = by
    nomination.withdrawn_at = now
    if response is not None:
        nomination.response = response
        nomination.responded_at = now
    save(nomination)
    record(nomination, by=by, action=action, before=before, note=note)
    return before == Status.ACCEPTED


def next_position(session: Session) -> int:
    top = Nomination.objects.filter(session=session, status=Status.WAITLISTED).aggregate(
        top=Max("waitlist_position")
    )["top"]
    return (top or 0) + 1


def promote_from_waitlist(*, session: Session, by: User | None, limit: int | None = None) -> list[Nomination]:
    """Give the free seats (at most `limit`) to the waitlist in its order, skipping those whose
    country or region may take no more seats; each promoted person gets their invitation and
    their NCB's focal points are told. Locks the session (again, if the caller holds it)."""
    with transaction.atomic():
        session = lock_session(session)
        if session.status not in PROMOTING:
            return []
        book = selectors.seat_book(session)
        promoted: list[Nomination] = []
        waiting = selectors.waitlist_of(session).filter(eligible=True).select_for_update(of=("self",))
        for nomination in waiting:
            if book.is_full or (limit is not None and len(promoted) >= limit):
                break
            group = selectors.group_of(session, nomination)
            if book.allowance(group) < 1:
                continue
            book = book.take(group)
            nomination.session = session
            give_seat(nomination, by=by, action="promoted", automatic=True)
            promoted.append(nomination)
        return promoted


def fill_from_waitlist(*, session: Session, by: User) -> list[Nomination]:
    """The course manager gives every free seat to the waitlist."""
    permissions.require(permissions.can_select(by, session))
    return promote_from_waitlist(session=session, by=by)


def move_on_waitlist(*, nomination: Nomination, by: User, direction: Literal["up", "down"]) -> Nomination:
    """Swap the person with the one before (up) or after (down) them on the waitlist."""
    with transaction.atomic():
        session = lock_session(nomination.session_id)
        permissions.require(permissions.can_select(by, session))
        queue = list(selectors.waitlist_of(session).select_for_update(of=("self",)))
        index = next((i for i, row in enumerate(queue) if row.pk == nomination.pk), None)
        if index is None:
            raise ValidationError(_("This person is not on the waitlist any more."))
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(queue):
            raise ValidationError(_("This person cannot move further that way."))
        queue[index], queue[other] = queue[other], queue[index]
        _renumber(queue)
        moved = queue[other]
        moved.session = session
        audit.record(
            actor=by,
            action="training_sessions.waitlist_moved",
            target=moved,
            changes={"waitlist_position": (index + 1, other + 1)},
            country=moved.country,
        )
        return moved


def _renumber(queue: list[Nomination]) -> None:
    for position, row in enumerate(queue, start=1):
        if row.waitlist_position != position:
            row.waitlist_position = position
            row.save(update_fields=["waitlist_position"])
