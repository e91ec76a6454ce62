"""E-mails about certifications, each in its recipient's language, and the daily review that
expires lapsed certifications and reminds before expiry."""

from smtplib import SMTPException
from typing import Any

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from cadre.accounts.models import User
from cadre.instructors.models import Certification, CertificationEvent
from cadre.lib.mail import send_in_language

RETRY: dict[str, Any] = {"autoretry_for": (SMTPException, OSError), "retry_backoff": True, "max_retries": 5}


def link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _send(person: User, template: str, context: dict[str, Any]) -> int:
    if not person.is_active or not person.email:
        return 0
    return send_in_language(
        to=person.email,
        language=person.preferred_language,
        template=template,
        context={**context, "name": person.get_short_name()},
    )


def _certification(certification_id: int) -> Certification | None:
    return (
        Certification.objects.select_related("instructor__person", "instructor__manager", "level")
        .filter(pk=certification_id)
        .first()
    )


@shared_task(**RETRY)
def remind_expiry(certification_id: int, days_left: int) -> int:
    """The reminder before expiry: to the instructor, their manager and the certification managers."""
    from cadre.instructors.selectors import certification_managers

    certification = _certification(certification_id)
    if certification is None or certification.status != Certification.Status.ACTIVE:
        return 0
    instructor = certification.instructor
    context = {
        "certification": certification,
        "instructor": instructor,
        "days_left": days_left,
        "link": link(reverse("instructors:profile", args=[instructor.pk])),
    }
    sent = _send(instructor.person, "instructors/email/expiry_instructor", context)
    others = {person.pk: person for person in certification_managers()}
    if instructor.manager is not None:
        others[instructor.manager.pk] = instructor.manager
    others.pop(instructor.person_id, None)
    for person in others.values():
        sent += _send(person, "instructors/email/expiry_manager", context)
    return sent


@shared_task(**RETRY)
def notify_certification_event(event_id: int) -> int:
    """Tell the instructor what happened to their certification (issued, renewed, suspended,
    reinstated, revoked, expired)."""
    event = (
        CertificationEvent.objects.select_related("certification__instructor__person", "certification__level")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return 0
    instructor = event.certification.instructor
    context = {
        "event": event,
        "certification": event.certification,
        "link": link(reverse("instructors:profile", args=[instructor.pk])),
    }
    return _send(instructor.person, "instructors/email/event", context)


@shared_task
def review_certifications() -> dict[str, int]:
    from cadre.instructors import services

    return {"expired": services.expire_lapsed_certifications(), "reminded": services.remind_of_expiry()}
