"""E-mails about vetting, in each recipient's language, and the periodic review of access."""

from smtplib import SMTPException
from typing import Any

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from cadre.accounts.models import User
from cadre.lib.mail import send_in_language
from cadre.vetting.models import AccessRequest, Decision, Invitation

RETRY: dict[str, Any] = {"autoretry_for": (SMTPException, OSError), "retry_backoff": True, "max_retries": 5}


def link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


@shared_task(**RETRY)
def notify_decision(decision_id: int) -> int:
    decision = Decision.objects.filter(pk=decision_id).select_related("request__person").first()
    if decision is None:
        return 0
    person = decision.request.person
    return send_in_language(
        to=person.email,
        language=person.preferred_language,
        template="vetting/email/decision",
        context={"person": person, "decision": decision, "link": link(reverse("vetting:my_request"))},
    )


@shared_task(**RETRY)
def send_invitation(invitation_id: int) -> int:
    invitation = (
        Invitation.objects.filter(pk=invitation_id, status=Invitation.Status.PENDING)
        .select_related("country", "invited_by")
        .first()
    )
    if invitation is None:
        return 0
    inviter = invitation.invited_by
    return send_in_language(
        to=invitation.email,
        language=inviter.preferred_language if inviter else "en",
        template="vetting/email/invitation",
        context={
            "invitation": invitation,
            "link": link(reverse("vetting:invited_signup", args=[invitation.token])),
        },
    )


@shared_task(**RETRY)
def invite_to_set_password(person_id: int) -> int:
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    person = User.objects.filter(pk=person_id, is_active=True).first()
    if person is None or person.has_usable_password():
        return 0
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(person), "key": default_token_generator.make_token(person)},
    )
    return send_in_language(
        to=person.email,
        language=person.preferred_language,
        template="vetting/email/admitted",
        context={"person": person, "link": link(path)},
    )


@shared_task(**RETRY)
def remind_access_ending(record_id: int) -> int:
    from cadre.vetting.selectors import vetters_of

    record = AccessRequest.objects.filter(pk=record_id).select_related("person", "country").first()
    if record is None or record.status != AccessRequest.Status.APPROVED:
        return 0
    sent = send_in_language(
        to=record.person.email,
        language=record.person.preferred_language,
        template="vetting/email/ending_person",
        context={"person": record.person, "record": record},
    )
    for vetter in vetters_of(record.country):
        sent += send_in_language(
            to=vetter.email,
            language=vetter.preferred_language,
            template="vetting/email/ending_ncb",
            context={
                "person": record.person,
                "record": record,
                "link": link(reverse("vetting:person", args=[record.person_id])),
            },
        )
    return sent


@shared_task
def review_access_periods() -> dict[str, int]:
    from cadre.vetting import services

    return {
        "lapsed": services.lapse_ended_access(),
        "reminded": services.remind_of_ending_access(),
    }
