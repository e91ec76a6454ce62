"""E-mails after a session is completed: "your certificate is ready", in the holder's language.
Tasks take ids and send nothing when the certificate is no longer valid."""

from smtplib import SMTPException
from typing import Any

from celery import shared_task
from django.conf import settings
from django.urls import NoReverseMatch, reverse

from cadre.certificates.models import Certificate
from cadre.lib.mail import send_in_language

RETRY: dict[str, Any] = {"autoretry_for": (SMTPException, OSError), "retry_backoff": True, "max_retries": 5}


def certificate_link(code: str) -> str:
    """The holder's page of the certificate (its verification page where that is not served)."""
    try:
        path = reverse("certificates:detail", args=[code])
    except NoReverseMatch:
        path = f"/verify/certificate/{code}/"
    return f"{settings.SITE_URL}{path}"


@shared_task(**RETRY)
def notify_certificate_ready(certificate_id: int) -> int:
    certificate = Certificate.objects.select_related("holder").filter(pk=certificate_id).first()
    if certificate is None or certificate.status != Certificate.Status.VALID:
        return 0
    holder = certificate.holder
    if not holder.is_active or not holder.email:
        return 0
    language = holder.preferred_language
    return send_in_language(
        to=holder.email,
        language=language,
        template="training_sessions/completion/email/certificate_ready",
        context={
            "name": holder.get_short_name(),
            "certificate": certificate,
            "title": certificate.title_in(language),
            "completion": certificate.kind == Certificate.Kind.COMPLETION,
            "link": certificate_link(certificate.code),
        },
    )
