"""E-mails about training material, in each recipient's language."""

from smtplib import SMTPException
from typing import Any

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from cadre.lib.mail import send_in_language
from cadre.materials.models import Review

RETRY: dict[str, Any] = {"autoretry_for": (SMTPException, OSError), "retry_backoff": True, "max_retries": 5}


@shared_task(**RETRY)
def notify_decision(review_id: int) -> int:
    """Tell the submitter that their version was approved or returned (with the comments)."""
    review = (
        Review.objects.filter(pk=review_id, decided_at__isnull=False)
        .select_related("version__material__course", "version__submitted_by", "reviewer")
        .first()
    )
    if review is None or review.version.submitted_by is None:
        return 0
    person = review.version.submitted_by
    path = reverse("materials:material", args=[review.version.material_id])
    return send_in_language(
        to=person.email,
        language=person.preferred_language or "en",
        template="materials/email/decision",
        context={
            "person": person,
            "review": review,
            "version": review.version,
            "material": review.version.material,
            "findings": list(review.findings.select_related("criterion")),
            "link": f"{settings.SITE_URL}{path}",
        },
    )
