"""Level 3 follow-ups: the daily task that creates those falling due, and the e-mails to each
participant and their supervisor, each in the recipient's language."""

from smtplib import SMTPException
from typing import Any

from celery import Task, shared_task
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from cadre.assessments.models import FollowUp
from cadre.lib.mail import send_in_language

RETRY: dict[str, Any] = {"autoretry_for": (SMTPException, OSError), "retry_backoff": True, "max_retries": 5}


def link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _follow_up(follow_up_id: int) -> FollowUp | None:
    return (
        FollowUp.objects.select_related("nomination__person", "nomination__session__course")
        .filter(pk=follow_up_id)
        .first()
    )


def _context(follow_up: FollowUp) -> dict[str, Any]:
    session = follow_up.nomination.session
    return {
        "participant": follow_up.nomination.person.display_name,
        "title": session.display_title,
        "starts_on": session.starts_on,
        "ends_on": session.ends_on,
    }


def _to_participant(follow_up: FollowUp) -> int:
    person = follow_up.nomination.person
    if not person.email or person.anonymised_at is not None:
        return 0
    return send_in_language(
        to=person.email,
        language=person.preferred_language,
        template="assessments/email/follow_up_participant",
        context={
            **_context(follow_up),
            "name": person.get_short_name(),
            "link": link(reverse("assessments:l3", args=[follow_up.nomination.session_id])),
        },
    )


def _to_supervisor(follow_up: FollowUp) -> int:
    if not follow_up.supervisor_email or follow_up.supervisor_answered_at is not None:
        return 0
    return send_in_language(
        to=follow_up.supervisor_email,
        # The participant's language: the supervisor has no account saying theirs.
        language=follow_up.nomination.person.preferred_language,
        template="assessments/email/follow_up_supervisor",
        context={
            **_context(follow_up),
            "link": link(reverse("assessments:l3_supervisor", args=[follow_up.supervisor_key])),
        },
    )


@shared_task(bind=True, **RETRY)
def send_follow_up(self: Task, follow_up_id: int) -> int:
    """Ask the participant, then their supervisor. Sent once: a retry after the supervisor's
    message failed does not write to the participant again."""
    follow_up = _follow_up(follow_up_id)
    if follow_up is None:
        return 0
    first_time = follow_up.sent_at is None
    sent = 0
    if first_time:
        if follow_up.participant_answered_at is None:
            sent += _to_participant(follow_up)
        FollowUp.objects.filter(pk=follow_up.pk, sent_at__isnull=True).update(sent_at=timezone.now())
    if first_time or self.request.retries:
        sent += _to_supervisor(follow_up)
    return sent


@shared_task
def create_follow_ups() -> dict[str, int]:
    """Daily: send again what failed to go out, then create (and send) the follow-ups due today."""
    from cadre.assessments import services

    unsent = services.unsent_follow_ups()
    for follow_up_id in unsent:
        send_follow_up.delay(follow_up_id)
    return {"resent": len(unsent), "created": services.create_due_follow_ups()}
