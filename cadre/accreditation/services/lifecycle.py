"""The life of a certificate after the decision: reminders before it ends and before the
deadline of its conditions, and expiry, which takes the mark off the course. Run daily by
Celery beat; running twice sends and changes nothing more than running once."""

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from cadre.accreditation import tasks
from cadre.accreditation.models import AccreditationCase, Certificate, Outcome, Reminder
from cadre.accreditation.services._common import refresh_course_mark
from cadre.audit import services as audit

Valid = Certificate.Status.VALID
OPEN_STATUSES = (
    AccreditationCase.Status.DRAFT,
    AccreditationCase.Status.SUBMITTED,
    AccreditationCase.Status.IN_REVIEW,
)


def expire_certificates(*, today: date | None = None) -> int:
    """Record as expired every valid certificate whose end has passed; return how many."""
    today = today or timezone.localdate()
    ids = list(Certificate.objects.filter(status=Valid, valid_until__lt=today).values_list("pk", flat=True))
    return sum(_expire(pk, today) for pk in ids)


@transaction.atomic
def _expire(pk: int, today: date) -> int:
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("course")
        .filter(pk=pk, status=Valid, valid_until__lt=today)
        .first()
    )
    if certificate is None:
        return 0
    certificate.status = Certificate.Status.EXPIRED
    certificate.save(update_fields=["status"])
    audit.record(
        actor=None,
        action="accreditation.certificate_expired",
        target=certificate,
        changes={"status": (Valid, Certificate.Status.EXPIRED)},
    )
    refresh_course_mark(certificate.course, today)
    return 1


def _reminder_days() -> list[int]:
    return sorted({int(days) for days in settings.ACCREDITATION_REMINDER_DAYS if int(days) > 0}, reverse=True)


def remind_of_expiry(*, today: date | None = None) -> int:
    """One reminder at each of ACCREDITATION_REMINDER_DAYS before a certificate ends (a single
    e-mail when several thresholds are crossed at once), unless a re-accreditation is open."""
    today = today or timezone.localdate()
    thresholds = _reminder_days()
    if not thresholds:
        return 0
    due = (
        Certificate.objects.filter(
            status=Valid, valid_until__gte=today, valid_until__lte=today + timedelta(days=thresholds[0])
        )
        .exclude(renewals__status__in=OPEN_STATUSES)
        .values_list("pk", flat=True)
        .distinct()
    )
    return sum(_remind_expiry(pk, today, thresholds) for pk in list(due))


@transaction.atomic
def _remind_expiry(pk: int, today: date, thresholds: list[int]) -> int:
    certificate = Certificate.objects.select_for_update().filter(pk=pk, status=Valid).first()
    if certificate is None:
        return 0
    left = (certificate.valid_until - today).days
    sent = set(certificate.reminders.filter(kind=Reminder.Kind.EXPIRY).values_list("days", flat=True))
    new = [days for days in thresholds if left <= days and days not in sent]
    if not new or not _record_reminders(certificate, Reminder.Kind.EXPIRY, new):
        return 0
    audit.record(
        actor=None,
        action="accreditation.expiry_reminded",
        target=certificate,
        changes={"reminded": (None, min(new))},
    )
    transaction.on_commit(lambda: tasks.remind_expiry.delay(pk, left))
    return 1


def _record_reminders(certificate: Certificate, kind: str, days: list[int]) -> bool:
    try:
        with transaction.atomic():
            Reminder.objects.bulk_create(
                [Reminder(certificate=certificate, kind=kind, days=number) for number in days]
            )
    except IntegrityError:  # another run recorded them first
        return False
    return True


def remind_of_conditions(*, today: date | None = None) -> int:
    """One reminder, ACCREDITATION_CONDITIONS_REMINDER_DAYS before the deadline of conditions."""
    today = today or timezone.localdate()
    days = settings.ACCREDITATION_CONDITIONS_REMINDER_DAYS
    due = Certificate.objects.filter(
        status=Valid,
        outcome=Outcome.CONDITIONAL,
        conditions_deadline__gte=today,
        conditions_deadline__lte=today + timedelta(days=days),
    ).exclude(reminders__kind=Reminder.Kind.CONDITIONS)
    return sum(_remind_conditions(pk, days) for pk in list(due.values_list("pk", flat=True)))


@transaction.atomic
def _remind_conditions(pk: int, days: int) -> int:
    certificate = Certificate.objects.select_for_update().filter(pk=pk, status=Valid).first()
    if certificate is None or not _record_reminders(certificate, Reminder.Kind.CONDITIONS, [days]):
        return 0
    audit.record(
        actor=None,
        action="accreditation.conditions_reminded",
        target=certificate,
        changes={"conditions_deadline": (None, certificate.conditions_deadline)},
    )
    transaction.on_commit(lambda: tasks.remind_conditions.delay(pk))
    return 1
