"""E-mails about personal data in each person's language, ending sessions, and the daily
review of inactive accounts."""

from smtplib import SMTPException
from typing import Any

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from cadre.lib.mail import send_in_language
from cadre.privacy.models import DataRequest, InactivityReview

RETRY: dict[str, Any] = {"autoretry_for": (SMTPException, OSError), "retry_backoff": True, "max_retries": 5}
SESSION_BATCH = 1000


def link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


@shared_task(**RETRY)
def notify_data_request(data_request_id: int, address: str = "") -> int:
    """Tell the person of the decision. `address` is where they were reachable when it was
    made: completing an erasure replaces the one on their account."""
    data_request = (
        (DataRequest.objects.filter(pk=data_request_id).exclude(status=DataRequest.Status.OPEN))
        .select_related("person")
        .first()
    )
    if data_request is None:
        return 0
    person = data_request.person
    return send_in_language(
        to=address or person.email,
        language=person.preferred_language,
        template="privacy/email/decision",
        context={
            "data_request": data_request,
            "anonymised": person.anonymised_at is not None,
            "link": link(reverse("privacy:my_requests")),
        },
    )


@shared_task(**RETRY)
def notify_flagged(review_id: int) -> int:
    review = (
        InactivityReview.objects.filter(pk=review_id, status=InactivityReview.Status.FLAGGED)
        .select_related("person")
        .first()
    )
    if review is None:
        return 0
    person = review.person
    return send_in_language(
        to=person.email,
        language=person.preferred_language,
        template="privacy/email/flagged",
        context={
            "person": person,
            "days": settings.PRIVACY_INACTIVE_DAYS,
            "link": link(reverse("account_login")),
        },
    )


@shared_task
def review_inactive_accounts() -> dict[str, int]:
    """Daily: close the flags of people who came back, anonymise the accounts whose
    anonymisation the officer approved, then flag the newly inactive."""
    from cadre.privacy import services

    return {
        "returned": services.close_returned_reviews(),
        "anonymised": services.anonymise_approved_accounts(),
        "flagged": services.flag_inactive_accounts(),
    }
