"""A person's own request: registering, and editing it until the NCB decides."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.directory.models import Sector
from cadre.vetting.models import AccessRequest, Decision, Invitation, PreauthorisationCode
from cadre.vetting.services._steps import Action, Status, decide

PROFILE_FIELDS = (
    "given_names",
    "family_name",
    "preferred_name",
    "country",
    "agency",
    "rank",
    "position",
    "supervisor_name",
    "supervisor_email",
    "preferred_language",
    "gender",
)


@dataclass(frozen=True)
class AgencyProposal:
    name: str = ""
    sector: Sector | None = None


def _apply_profile(person: User, profile: dict[str, Any]) -> None:
    for name in PROFILE_FIELDS:
        if name in profile:
            setattr(person, name, profile[name])
    person.save()


@transaction.atomic
def register_person(
    *,
    person: User,
    profile: dict[str, Any],
    proposal: AgencyProposal | None = None,
    invitation: Invitation | None = None,
    code: PreauthorisationCode | None = None,
) -> AccessRequest:
    """Record a self-registered person's request; an invitation or a code approves it at once."""
    proposal = proposal or AgencyProposal()
    if code is not None:
        profile = {**profile, "agency": code.agency}
    _apply_profile(person, profile)
    now = timezone.now()
    record = AccessRequest.objects.create(
        person=person,
        country=person.country,
        proposed_agency_name=proposal.name if person.agency_id is None else "",
        proposed_agency_sector=proposal.sector if person.agency_id is None else None,
        terms_version=settings.VETTING_TERMS_VERSION,
        terms_accepted_at=now,
        privacy_version=settings.VETTING_PRIVACY_VERSION,
        privacy_accepted_at=now,
        submitted_at=now,
    )
    Decision.objects.create(request=record, action=Action.SUBMITTED, actor=person, via="registration")
    audit.record(
        actor=person,
        action="vetting.registered",
        target=person,
        changes=audit.diff({}, audit.snapshot(person, PROFILE_FIELDS)),
        country=person.country,
    )
    if invitation is not None:
        _approve_by_invitation(record, invitation)
    elif code is not None:
        _approve_by_code(record, code)
    return record


def _approve_by_invitation(record: AccessRequest, invitation: Invitation) -> None:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    person = record.person
    if not invitation.is_usable() or invitation.email.lower() != person.email.lower():
        return  # the request stays with the NCB
    if invitation.country_id != person.country_id:
        return
    invitation.status = Invitation.Status.ACCEPTED
    invitation.accepted_by = person
    invitation.save(update_fields=["status", "accepted_by"])
    decide(
        record,
        action=Action.APPROVED,
        status=Status.APPROVED,
        actor=invitation.invited_by,
        via="invitation",
        notify=False,
    )
    record.via = "invitation"
    record.save(update_fields=["via"])


def _approve_by_code(record: AccessRequest, code: PreauthorisationCode) -> None:
    code = PreauthorisationCode.objects.select_for_update().get(pk=code.pk)
    if not code.is_usable() or code.country_id != record.person.country_id:
        return
    code.uses += 1
    code.save(update_fields=["uses"])
    decide(
        record, action=Action.APPROVED, status=Status.APPROVED, actor=code.issued_by, via="code", notify=False
    )
    record.via = "code"
    record.save(update_fields=["via"])


@transaction.atomic
def update_own_request(
    *, person: User, profile: dict[str, Any], proposal: AgencyProposal | None = None
) -> AccessRequest:
    """The person corrects their request; one the NCB asked about goes back to the NCB."""
    record = AccessRequest.objects.select_for_update().select_related("person").get(person=person)
    if not record.is_open:
        raise ValidationError(_("Your request has been decided and can no longer be changed."))
    before = audit.snapshot(person, PROFILE_FIELDS)
    _apply_profile(person, profile)
    proposal = proposal or AgencyProposal()
    record.country = person.country
    record.proposed_agency_name = proposal.name if person.agency_id is None else ""
    record.proposed_agency_sector = proposal.sector if person.agency_id is None else None
    record.save(update_fields=["country", "proposed_agency_name", "proposed_agency_sector"])
    audit.record(
        actor=person,
        action="vetting.request_updated",
        target=person,
        changes=audit.diff(before, audit.snapshot(person, PROFILE_FIELDS)),
        country=person.country,
    )
    if record.status == Status.INFO_REQUESTED:
        record.submitted_at = timezone.now()
        record.save(update_fields=["submitted_at"])
        decide(record, action=Action.RESUBMITTED, status=Status.PENDING, actor=person, notify=False)
    return record
