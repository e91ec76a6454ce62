"""E-mails telling everyone concerned that a session was rescheduled or cancelled, each in its
recipient's language.

`notify_session_event` finds the recipients when it runs and hands each e-mail to
`send_session_mail`, so that a failed e-mail is retried alone and nobody gets it twice."""

from dataclasses import dataclass
from datetime import date, time
from smtplib import SMTPException
from typing import Any

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from cadre.lib.mail import send_in_language
from cadre.training_sessions.models import SessionEvent

RETRY: dict[str, Any] = {"autoretry_for": (SMTPException, OSError), "retry_backoff": True, "max_retries": 5}
Kind = SessionEvent.Kind
TEMPLATES = {
    Kind.RESCHEDULED: "training_sessions/email/session_rescheduled",
    Kind.CANCELLED: "training_sessions/email/session_cancelled",
}


@dataclass(frozen=True)
class StoredDay:
    """A day as the session's history keeps it."""

    date: date
    starts_at: time
    ends_at: time


def stored_days(rows: Any) -> list[StoredDay]:
    days = []
    for row in rows if isinstance(rows, list) else []:
        try:
            days.append(
                StoredDay(
                    date.fromisoformat(row["date"]),
                    time.fromisoformat(row["starts_at"]),
                    time.fromisoformat(row["ends_at"]),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return days


def _event(event_id: int) -> SessionEvent | None:
    return (
        SessionEvent.objects.select_related("session__course", "session__venue", "session__country")
        .filter(pk=event_id, kind__in=tuple(TEMPLATES))
        .first()
    )


@shared_task(**RETRY)
def notify_session_event(event_id: int) -> int:
    """Queue one e-mail for each person the rescheduling or cancellation concerns."""
    from cadre.training_sessions.selectors.sessions import people_concerned

    event = _event(event_id)
    if event is None:
        return 0
    released = [int(pk) for pk in event.after.get("released_instructors", []) if str(pk).isdigit()]
    recipients = people_concerned(event.session, also=released)
    for recipient in recipients:
        send_session_mail.delay(event_id, recipient.email, recipient.language, recipient.name)
    return len(recipients)


@shared_task(**RETRY)
def send_session_mail(event_id: int, email: str, language: str, name: str) -> int:
    event = _event(event_id)
    if event is None:
        return 0
    session = event.session
    context = {
        "name": name,
        "session": session,
        "event": event,
        "days": list(session.days.order_by("date")),
        "before_days": stored_days(event.before.get("days")),
        "reason": event.note,
        "link": f"{settings.SITE_URL}{reverse('training_sessions:detail', args=[session.pk])}",
    }
    return send_in_language(
        to=email, language=language, template=TEMPLATES[Kind(event.kind)], context=context
    )
