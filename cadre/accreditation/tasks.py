"""E-mails about accreditation, each in its recipient's language, and the daily review of
certificates."""

from smtplib import SMTPException
from typing import Any

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from cadre.accreditation.models import AccreditationCase, CaseReviewer, Certificate
from cadre.lib.mail import send_in_language

RETRY: dict[str, Any] = {"autoretry_for": (SMTPException, OSError), "retry_backoff": True, "max_retries": 5}


def link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _case_link(case: AccreditationCase) -> str:
    return link(reverse("accreditation:case", args=[case.reference]))


def _certificate_link(certificate: Certificate) -> str:
    return link(reverse("accreditation:certificate", args=[certificate.code]))


def _send_to_contacts(case: AccreditationCase, template: str, context: dict[str, Any]) -> int:
    from cadre.accreditation.selectors import contacts_of

    return sum(
        send_in_language(
            to=contact.email,
            language=contact.language,
            template=template,
            context={**context, "name": contact.name},
        )
        for contact in contacts_of(case)
    )


def _send_to_quality_officers(template: str, context: dict[str, Any]) -> int:
    from cadre.accreditation.selectors import quality_officers

    return sum(
        send_in_language(
            to=person.email,
            language=person.preferred_language,
            template=template,
            context={**context, "name": person.get_short_name()},
        )
        for person in quality_officers()
    )


def _case(case_id: int) -> AccreditationCase | None:
    return (
        AccreditationCase.objects.select_related("course__owner", "opened_by", "institution", "decision")
        .filter(pk=case_id)
        .first()
    )


@shared_task(**RETRY)
def notify_decision(case_id: int) -> int:
    case = _case(case_id)
    if case is None or case.status != AccreditationCase.Status.DECIDED:
        return 0
    certificate = Certificate.objects.filter(case=case).first()
    context = {
        "case": case,
        "decision": case.decision,
        "certificate": certificate,
        "link": _certificate_link(certificate) if certificate else _case_link(case),
    }
    return _send_to_contacts(case, "accreditation/email/decision", context)


@shared_task(**RETRY)
def notify_reviewer_assigned(row_id: int) -> int:
    row = CaseReviewer.objects.select_related("case__course", "reviewer").filter(pk=row_id).first()
    if row is None:
        return 0
    return send_in_language(
        to=row.reviewer.email,
        language=row.reviewer.preferred_language,
        template="accreditation/email/assigned",
        context={
            "name": row.reviewer.get_short_name(),
            "row": row,
            "case": row.case,
            "link": _case_link(row.case),
        },
    )


def _certificate(certificate_id: int) -> Certificate | None:
    return (
        Certificate.objects.select_related("case__course__owner", "case__opened_by", "case__institution")
        .filter(pk=certificate_id)
        .first()
    )


@shared_task(**RETRY)
def notify_revoked(certificate_id: int) -> int:
    certificate = _certificate(certificate_id)
    if certificate is None or certificate.status != Certificate.Status.REVOKED:
        return 0
    context = {"certificate": certificate, "link": _certificate_link(certificate)}
    return _send_to_contacts(certificate.case, "accreditation/email/revoked", context)


@shared_task(**RETRY)
def remind_expiry(certificate_id: int, days_left: int) -> int:
    certificate = _certificate(certificate_id)
    if certificate is None or certificate.status != Certificate.Status.VALID:
        return 0
    context = {"certificate": certificate, "days_left": days_left, "link": _certificate_link(certificate)}
    sent = _send_to_contacts(certificate.case, "accreditation/email/expiry", context)
    return sent + _send_to_quality_officers("accreditation/email/expiry", context)


@shared_task(**RETRY)
def remind_conditions(certificate_id: int) -> int:
    certificate = _certificate(certificate_id)
    if certificate is None or certificate.status != Certificate.Status.VALID:
        return 0
    context = {"certificate": certificate, "link": _certificate_link(certificate)}
    sent = _send_to_contacts(certificate.case, "accreditation/email/conditions", context)
    return sent + _send_to_quality_officers("accreditation/email/conditions", context)


@shared_task
def review_accreditations() -> dict[str, int]:
    from cadre.accreditation import services

    return {
        "expired": services.expire_certificates(),
        "reminded": services.remind_of_expiry(),
        "conditions": services.remind_of_conditions(),
    }
