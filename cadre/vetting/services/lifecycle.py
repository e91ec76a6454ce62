"""The access period: reminders before it ends, lapsing when it has ended. Run by Celery beat;
running twice changes nothing more than running once."""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cadre.audit import services as audit
from cadre.vetting import tasks
from cadre.vetting.models import AccessRequest
from cadre.vetting.services._steps import Action, Status, decide

BATCH = 500


def lapse_ended_access(*, today: date | None = None) -> int:
    """Mark lapsed every approval whose period has ended; return how many."""
    today = today or timezone.localdate()
    lapsed = 0
    while True:
        ids = list(
            AccessRequest.objects.filter(status=Status.APPROVED, approved_until__lt=today).values_list(
                "pk", flat=True
            )[:BATCH]
        )
        if not ids:
            return lapsed
        for pk in ids:
            lapsed += _lapse(pk, today)


@transaction.atomic
def _lapse(pk: int, today: date) -> int:
    record = (
        AccessRequest.objects.select_for_update(of=("self",))
        .select_related("person", "country")
        .filter(pk=pk, status=Status.APPROVED, approved_until__lt=today)
        .first()
    )
    if record is None:
        return 0
    until = record.approved_until
    decide(record, action=Action.LAPSED, status=Status.LAPSED, actor=None)
    record.approved_until = until  # keep the end of the period that lapsed
    record.save(update_fields=["approved_until"])
    return 1


def remind_of_ending_access(*, today: date | None = None) -> int:
    """Enqueue one reminder per access period ending within VETTING_REMINDER_DAYS."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=settings.VETTING_REMINDER_DAYS)
    due = AccessRequest.objects.filter(
        status=Status.APPROVED, approved_until__gte=today, approved_until__lte=horizon
    ).values_list("pk", flat=True)
    return sum(_remind(pk, today, horizon) for pk in list(due))


@transaction.atomic
def _remind(pk: int, today: date, horizon: date) -> int:
    record = (
        AccessRequest.objects.select_for_update(of=("self",))
        .select_related("person", "country")
        .filter(pk=pk, status=Status.APPROVED, approved_until__gte=today, approved_until__lte=horizon)
        .first()
    )
    if record is None or record.reminded_for == record.approved_until:
        return 0
    before = record.reminded_for
    record.reminded_for = record.approved_until
    record.save(update_fields=["reminded_for"])
    audit.record(
        actor=None,
        action="vetting.reminded",
        target=record.person,
        changes={"reminded_for": (before, record.reminded_for)},
        country=record.country,
    )
    transaction.on_commit(lambda: tasks.remind_access_ending.delay(record.pk))
    return 1
