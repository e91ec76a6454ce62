"""Nominating officials to a session, and the head of NCB's endorsement.

Only the NCB training focal point of the official's country nominates, while the session's
window is open; each official is checked again (`cadre.training_sessions.eligibility`) under a
lock on the session, and one who does not pass is refused with the reasons, nothing created.
The heads of NCB of the country are told, in their language, that an endorsement waits.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.training_sessions import eligibility, permissions
from cadre.training_sessions.models import Nomination, NominationEvent, Session
from cadre.training_sessions.services.locking import lock_session
from cadre.training_sessions.tasks import nominations as tasks

Status = Nomination.Status
MOTIVATION_MAX_LENGTH = 2000
CRITERIA_CHECK: eligibility.Check = {
    "code": "criteria",
    "ok": True,
    "reason": "criteria_confirmed",
    "params": {},
}


class NotEligible(ValidationError):
    """The official does not pass every check: nothing was created."""

    def __init__(self, person: User, checks: list[eligibility.Check]) -> None:
        self.person = person
        self.checks = checks
        reasons = " ".join(item["message"] for item in eligibility.describe_checks(checks) if not item["ok"])
        super().__init__(
            _("%(name)s cannot be nominated: %(reasons)s")
            % {"name": person.get_full_name(), "reasons": reasons}
        )


@dataclass
class NominationOutcome:
    created: list[Nomination] = field(default_factory=list)
    refused: list[NotEligible] = field(default_factory=list)


def _require_may_nominate(session: Session, people: Sequence[User], by: User) -> None:
    """The window is open and every official is of a country whose focal point `by` is."""
    if not session.window_is_open():
        raise ValidationError(_("Nominations for this session are not open."))
    for person in people:
        if person.country_id is None or not permissions.can_nominate(by, session, person.country_id):
            raise PermissionDenied


def _require_criteria(session: Session, criteria_confirmed: bool) -> None:
    if session.course.admission_criteria and not criteria_confirmed:
        raise ValidationError(
            _("Confirm that the officials meet the course's admission criteria before nominating them.")
        )


def _clean_motivation(motivation: str) -> str:
    motivation = motivation.strip()
    if len(motivation) > MOTIVATION_MAX_LENGTH:
        raise ValidationError(
            _("Keep the motivation under %(count)s characters.") % {"count": MOTIVATION_MAX_LENGTH}
        )
    return motivation


def _create(
    session: Session, person: User, by: User, motivation: str, checks: list[eligibility.Check]
) -> Nomination:
    now = timezone.now()
    country = person.country
    if country is None:  # refused beforehand; here for the type checker
        raise PermissionDenied
    try:
        with transaction.atomic():
            nomination = Nomination.objects.create(
                session=session,
                person=person,
                country=country,
                status=Status.NOMINATED,
                motivation=motivation,
                checks=checks,
                eligible=True,
                nominated_by=by,
                nominated_at=now,
            )
    except IntegrityError:
        # Nominated meanwhile by someone else: the same refusal as when seen beforehand.
        checks = eligibility.check_person(session, person).checks
        raise NotEligible(person, [check for check in checks if check["code"] == "not_nominated"]) from None
    NominationEvent.objects.create(
        nomination=nomination, from_status="", to_status=Status.NOMINATED, action="nominated", by=by, at=now
    )
    audit.record(
        actor=by,
        action="training_sessions.nominated",
        target=nomination,
        changes={
            "status": ("", Status.NOMINATED),
            "session": (None, session.pk),
            "person": (None, person.pk),
            "motivation": ("", motivation),
        },
        country=country,
    )
    return nomination


def _notify_heads(nominations: list[Nomination]) -> None:
    ids = [nomination.pk for nomination in nominations]
    if ids:
        transaction.on_commit(lambda: tasks.notify_endorsement_waiting.delay(ids))


@transaction.atomic
def nominate_many(
    *, session: Session, people: Sequence[User], by: User, motivation: str, criteria_confirmed: bool
) -> NominationOutcome:
    """Nominate each of `people` who passes every check; refuse the others with the reasons.
    Refused when the window is closed, the criteria unconfirmed or any official is not of a
    country whose focal point `by` is (then nothing is created)."""
    session = lock_session(session)
    _require_may_nominate(session, people, by)
    _require_criteria(session, criteria_confirmed)
    motivation = _clean_motivation(motivation)
    confirmed = [CRITERIA_CHECK] if session.course.admission_criteria else []
    outcome = NominationOutcome()
    by_id = {person.pk: person for person in people}
    for person_id, result in eligibility.check_people(session, list(by_id.values())).items():
        person = by_id[person_id]
        if not result.eligible:
            outcome.refused.append(NotEligible(person, result.checks))
            continue
        try:
            outcome.created.append(_create(session, person, by, motivation, [*result.checks, *confirmed]))
        except NotEligible as refusal:
            outcome.refused.append(refusal)
    _notify_heads(outcome.created)
    return outcome


def nominate(
    *, session: Session, person: User, by: User, motivation: str, criteria_confirmed: bool
) -> Nomination:
    """Nominate one official; `NotEligible` (a ValidationError, with the reasons) when they do
    not pass every check, PermissionDenied when `by` is not the focal point of their country."""
    outcome = nominate_many(
        session=session, people=[person], by=by, motivation=motivation, criteria_confirmed=criteria_confirmed
    )
    if outcome.refused:
        raise outcome.refused[0]
    return outcome.created[0]


# --- Endorsement ----------------------------------------------------------------------------


def _endorse(nomination: Nomination, by: User) -> None:
    now = timezone.now()
    nomination.status = Status.ENDORSED
    nomination.endorsed_by = by
    nomination.endorsed_at = now
    nomination.save(update_fields=["status", "endorsed_by", "endorsed_at"])
    NominationEvent.objects.create(
        nomination=nomination,
        from_status=Status.NOMINATED,
        to_status=Status.ENDORSED,
        action="endorsed",
        by=by,
        at=now,
    )
    audit.record(
        actor=by,
        action="training_sessions.endorsed",
        target=nomination,
        changes={"status": (Status.NOMINATED, Status.ENDORSED)},
        country=nomination.country,
    )


def _locked(ids: list[int]) -> list[Nomination]:
    return list(
        Nomination.objects.select_for_update(of=("self",))
        .select_related("country", "person", "session")
        .filter(pk__in=ids)
        .order_by("pk")
    )


@transaction.atomic
def endorse_nomination(*, nomination: Nomination, by: User) -> Nomination:
    """The head of NCB endorses: nominated -> endorsed. PermissionDenied for anyone else, or
    when the nomination is no longer waiting for endorsement."""
    locked = _locked([nomination.pk])
    if not locked or not permissions.can_endorse(by, locked[0]):
        raise PermissionDenied
    _endorse(locked[0], by)
    return locked[0]


@transaction.atomic
def endorse_nominations(*, nominations: Sequence[Nomination], by: User) -> int:
    """Endorse those of `nominations` still waiting for it; how many were. PermissionDenied,
    nothing changed, when one is of a country whose head of NCB `by` is not."""
    locked = _locked([nomination.pk for nomination in nominations])
    if any(not permissions.is_ncb_of(by, item.country_id, permissions.NCB_HEAD) for item in locked):
        raise PermissionDenied
    waiting = [item for item in locked if permissions.can_endorse(by, item)]
    for item in waiting:
        _endorse(item, by)
    return len(waiting)
