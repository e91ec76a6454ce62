"""E-mails to a certificate's holder, in the holder's language: their certificate was revoked,
or re-issued with a new code. Tasks take ids and send nothing when the certificate is no longer
in the state they were enqueued for."""

from smtplib import SMTPException
from typing import Any

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from cadre.certificates.models import Certificate
from cadre.lib.mail import send_in_language

RETRY: dict[str, Any] = {"autoretry_for": (SMTPException, OSError), "retry_backoff": True, "max_retries": 5}


def _link(certificate: Certificate) -> str:
    return f"{settings.SITE_URL}{reverse('certificates:detail', args=[certificate.code])}"


def _send_to_holder(certificate: Certificate, template: str, context: dict[str, Any]) -> int:
    holder = certificate.holder
    if not holder.email:
        return 0
    return send_in_language(
        to=holder.email,
        language=holder.preferred_language,
        template=template,
        context={**context, "name": holder.get_short_name(), "certificate": certificate},
    )


@shared_task(**RETRY)
def notify_revoked(certificate_id: int) -> int:
    certificate = Certificate.objects.select_related("holder").filter(pk=certificate_id).first()
    if certificate is None or certificate.status != Certificate.Status.REVOKED:
        return 0
    title = certificate.title_in(certificate.holder.preferred_language)
    return _send_to_holder(
        certificate, "certificates/email/revoked", {"title": title, "link": _link(certificate)}
    )


@shared_task(**RETRY)
def notify_reissued(certificate_id: int) -> int:
    certificate = Certificate.objects.select_related("holder", "replaces").filter(pk=certificate_id).first()
    if certificate is None or certificate.replaces is None or certificate.status != Certificate.Status.VALID:
        return 0
    title = certificate.title_in(certificate.holder.preferred_language)
    return _send_to_holder(
        certificate,
        "certificates/email/reissued",
        {"title": title, "old_code": certificate.replaces.code, "link": _link(certificate)},
    )
