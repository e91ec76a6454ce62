"""Requests for the demo instance, in every state an NCB meets."""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.directory.models import Sector
from cadre.vetting.models import AccessRequest, Decision

Status = AccessRequest.Status
ACTION_OF_STATUS: dict[str, str] = {
    Status.APPROVED: Decision.Action.APPROVED,
    Status.REJECTED: Decision.Action.REJECTED,
    Status.INFO_REQUESTED: Decision.Action.INFO_REQUESTED,
    Status.LAPSED: Decision.Action.LAPSED,
    Status.SUSPENDED: Decision.Action.SUSPENDED,
}


@transaction.atomic
def ensure_demo_request(
    *,
    person: User,
    status: str,
    reason: str = "",
    days_left: int | None = None,
    proposed_agency_name: str = "",
    proposed_sector_code: str = "",
) -> tuple[AccessRequest, bool]:
    """The person's request in `status`, created once; `days_left` sets the end of an approval."""
    existing = AccessRequest.objects.filter(person=person).first()
    if existing is not None:
        return existing, False
    today = timezone.localdate()
    record = AccessRequest.objects.create(
        person=person,
        country=person.country,
        status=status,
        reason=reason,
        proposed_agency_name=proposed_agency_name,
        proposed_agency_sector=Sector.objects.filter(code=proposed_sector_code).first(),
        submitted_at=timezone.now() - timedelta(days=3),
        terms_version=settings.VETTING_TERMS_VERSION,
        terms_accepted_at=timezone.now() - timedelta(days=3),
        privacy_version=settings.VETTING_PRIVACY_VERSION,
        privacy_accepted_at=timezone.now() - timedelta(days=3),
        approved_until=_until(status, today, days_left),
    )
    Decision.objects.create(
        request=record, action=Decision.Action.SUBMITTED, actor=person, via="registration"
    )
    if status in ACTION_OF_STATUS:
        Decision.objects.create(request=record, action=ACTION_OF_STATUS[status], reason=reason, via="demo")
    audit.record(
        actor=None,
        action="vetting.demo_loaded",
        target=person,
        changes={"status": (None, status)},
        country=person.country,
    )
    return record, True


def _until(status: str, today: date, days_left: int | None) -> date | None:
    if days_left is not None:
        return today + timedelta(days=days_left)
    if status == Status.APPROVED:
        return today + timedelta(days=settings.VETTING_APPROVAL_DAYS)
    return None
