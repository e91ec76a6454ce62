"""The steps every vetting write shares: recording a decision, auditing it, telling the person."""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.vetting import tasks
from cadre.vetting.models import AccessRequest, Decision

Status = AccessRequest.Status
Action = Decision.Action


def end_of_new_period(today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=settings.VETTING_APPROVAL_DAYS)


def locked(record: AccessRequest) -> AccessRequest:
    return (
        AccessRequest.objects.select_for_update(of=("self",))
        .select_related("person", "country")
        .get(pk=record.pk)
    )


def record_of(person: User) -> AccessRequest:
    """The person's request, locked; people created by the organisation get one, approved."""
    record, _created = AccessRequest.objects.get_or_create(
        person=person,
        defaults={"country": person.country, "status": Status.APPROVED, "via": "organisation"},
    )
    return locked(record)


def decide(
    record: AccessRequest,
    *,
    action: str,
    status: str,
    actor: User | None,
    reason: str = "",
    via: str = "",
    notify: bool = True,
) -> Decision:
    """Move `record` to `status`, keep the decision, audit it and (on commit) tell the person."""
    before = (record.status, record.approved_until)
    now = timezone.now()
    record.status = status
    record.reason = reason
    record.decided_at = now
    if status == Status.APPROVED and action != Action.REINSTATED:
        record.approved_until = end_of_new_period()
    record.save(update_fields=["status", "reason", "decided_at", "approved_until"])
    decision = Decision.objects.create(
        request=record, action=action, actor=actor, reason=reason, via=via, occurred_at=now
    )
    audit.record(
        actor=actor,
        action=f"vetting.{action}",
        target=record.person,
        changes={
            "status": (before[0], status),
            "approved_until": (before[1], record.approved_until),
            "reason": ("", reason),
            "via": ("", via),
        },
        country=record.country,
    )
    if notify:
        transaction.on_commit(lambda: tasks.notify_decision.delay(decision.pk))
    return decision
