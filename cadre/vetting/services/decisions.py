"""The NCB's decisions on requests and on the access of the people of its country."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cadre.accounts import services as accounts_services
from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.directory.services import ensure_agency
from cadre.vetting import permissions
from cadre.vetting.models import AccessRequest, Decision
from cadre.vetting.services._steps import Action, Status, decide, locked, record_of


def _changed_meanwhile() -> ValidationError:
    return ValidationError(_("This request was changed meanwhile. Look at it again before deciding."))


def _accept_proposed_agency(record: AccessRequest, by: User) -> None:
    person = record.person
    sector = record.proposed_agency_sector
    if person.agency_id is not None or not record.proposed_agency_name or sector is None:
        return
    agency = ensure_agency(
        country=record.country, name=record.proposed_agency_name, acronym="", sector_code=sector.code
    )
    person.agency = agency
    person.save(update_fields=["agency"])
    audit.record(
        actor=by,
        action="vetting.agency_accepted",
        target=person,
        changes={"agency": (None, agency.pk)},
        country=record.country,
    )


@transaction.atomic
def approve_request(*, record: AccessRequest, by: User) -> Decision:
    record = locked(record)
    if not permissions.can_approve_request(by, record):
        raise _changed_meanwhile()
    _accept_proposed_agency(record, by)
    return decide(record, action=Action.APPROVED, status=Status.APPROVED, actor=by)


def _required(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason: the person will read it."))
    return reason


@transaction.atomic
def reject_request(*, record: AccessRequest, by: User, reason: str) -> Decision:
    reason = _required(reason)
    record = locked(record)
    if not permissions.can_reject_request(by, record):
        raise _changed_meanwhile()
    return decide(record, action=Action.REJECTED, status=Status.REJECTED, actor=by, reason=reason)


@transaction.atomic
def ask_for_information(*, record: AccessRequest, by: User, reason: str) -> Decision:
    reason = _required(reason)
    record = locked(record)
    if not permissions.can_ask_for_information(by, record):
        raise _changed_meanwhile()
    return decide(record, action=Action.INFO_REQUESTED, status=Status.INFO_REQUESTED, actor=by, reason=reason)


BULK_ACTIONS: dict[str, tuple[Callable[..., bool], Callable[..., Decision], bool]] = {
    "approve": (
        permissions.can_approve_request,
        lambda record, by, reason: approve_request(record=record, by=by),
        False,
    ),
    "reject": (
        permissions.can_reject_request,
        lambda record, by, reason: reject_request(record=record, by=by, reason=reason),
        True,
    ),
    "ask": (
        permissions.can_ask_for_information,
        lambda record, by, reason: ask_for_information(record=record, by=by, reason=reason),
        True,
    ),
}


@dataclass(frozen=True)
class BulkOutcome:
    decided: int
    skipped: int


@transaction.atomic
def decide_in_bulk(*, records: list[AccessRequest], by: User, action: str, reason: str = "") -> BulkOutcome:
    """One decision for several requests, all or nothing; those it does not fit are skipped."""
    if action not in BULK_ACTIONS:
        raise ValidationError(_("Choose what to do with the selected requests."))
    allowed, apply, needs_reason = BULK_ACTIONS[action]
    if needs_reason:
        reason = _required(reason)
    decided = 0
    for record in records:
        if allowed(by, record):
            apply(record, by, reason)
            decided += 1
    return BulkOutcome(decided=decided, skipped=len(records) - decided)


@transaction.atomic
def reconfirm_access(*, record: AccessRequest, by: User) -> Decision:
    record = locked(record)
    if not permissions.can_reconfirm_access(by, record):
        raise _changed_meanwhile()
    return decide(record, action=Action.RECONFIRMED, status=Status.APPROVED, actor=by)


@transaction.atomic
def suspend_access(*, person: User, by: User, reason: str) -> Decision:
    reason = _required(reason)
    record = record_of(person)
    if not permissions.can_suspend_access(by, person, record):
        raise _changed_meanwhile()
    return decide(record, action=Action.SUSPENDED, status=Status.SUSPENDED, actor=by, reason=reason)


@transaction.atomic
def reinstate_access(*, person: User, by: User, reason: str) -> Decision:
    reason = _required(reason)
    record = record_of(person)
    if not permissions.can_reinstate_access(by, person, record):
        raise _changed_meanwhile()
    return decide(record, action=Action.REINSTATED, status=Status.APPROVED, actor=by, reason=reason)


@transaction.atomic
def revoke_access(*, person: User, by: User, reason: str) -> Decision:
    """At once: the gate shuts on the person's next request and their sessions are ended."""
    reason = _required(reason)
    record = record_of(person)
    if not permissions.can_revoke_access(by, person, record):
        raise _changed_meanwhile()
    decision = decide(record, action=Action.REVOKED, status=Status.REVOKED, actor=by, reason=reason)
    accounts_services.sign_out_everywhere(person=person)
    return decision
