"""Personal data for the demo instance: open requests and one flagged account."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.privacy.models import DataRequest, InactivityReview


@transaction.atomic
def ensure_demo_data_request(*, person: User, kind: str, reason: str) -> tuple[DataRequest, bool]:
    """The person's open request of `kind`, created once."""
    data_request, created = DataRequest.objects.get_or_create(
        person=person,
        kind=kind,
        status=DataRequest.Status.OPEN,
        defaults={"reason": reason, "created_at": timezone.now() - timedelta(days=2)},
    )
    if created:
        audit.record(
            actor=None,
            action="privacy.demo_loaded",
            target=person,
            changes={"kind": (None, kind)},
            country=person.country,
        )
    return data_request, created


@transaction.atomic
def ensure_demo_inactivity_flag(*, person: User, days_unseen: int) -> tuple[InactivityReview, bool]:
    """Flag the person as unseen for `days_unseen` days, once."""
    existing = InactivityReview.objects.filter(person=person).first()
    if existing is not None:
        return existing, False
    last_seen = timezone.now() - timedelta(days=days_unseen)
    User.objects.filter(pk=person.pk, last_login__isnull=True).update(date_joined=last_seen)
    review = InactivityReview.objects.create(person=person, last_seen=last_seen)
    audit.record(
        actor=None,
        action="privacy.demo_loaded",
        target=person,
        changes={"status": (None, review.status)},
        country=person.country,
    )
    return review, True
