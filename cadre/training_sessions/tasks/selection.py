"""E-mails of the selection, each in its recipient's language: the invitation (with the letter of
invitation attached), the decision told to a nominee, the promotion from the waitlist told to the
NCB's focal points, the reminder to answer and the release of an unanswered place; and the daily
review of unanswered invitations.

Tasks take ids and read the rows when they run: an e-mail about a change undone meanwhile is not
sent. One e-mail per task, so that a failure is retried alone and nobody gets it twice."""

from smtplib import SMTPException
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from cadre.accounts.models import User
from cadre.lib.mail import send_in_language
from cadre.lib.pdf import PdfUnavailable
from cadre.training_sessions import letters
from cadre.training_sessions.models import Nomination

RETRY: dict[str, Any] = {"autoretry_for": (SMTPException, OSError), "retry_backoff": True, "max_retries": 5}
Status = Nomination.Status
EMAIL = "training_sessions/email/"
# What a nominee is told, by the state their nomination is in when the task runs.
DECISION_TEMPLATES = {
    Status.WAITLISTED: EMAIL + "selection_waitlisted",
    Status.REJECTED: EMAIL + "selection_rejected",
    Status.WITHDRAWN: EMAIL + "selection_withdrawn",
}
PROMOTED = EMAIL + "selection_promoted"
RELEASED_NCB = EMAIL + "invitation_released_ncb"
TO_ANYONE = {PROMOTED, RELEASED_NCB}


def link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _nomination(pk: int) -> Nomination | None:
    return letters.letter_nomination(pk)


def _recipient(person: User) -> bool:
    return bool(person.is_active and person.email)


def _context(nomination: Nomination, recipient: User) -> dict[str, Any]:
    from cadre.training_sessions.services.invitations import answer_deadline

    session = nomination.session
    last = nomination.events.order_by("-at", "-pk").first()
    return {
        "name": recipient.get_short_name(),
        "nomination": nomination,
        "participant": nomination.person,
        "session": session,
        "venue": letters.venue_of(session),
        "days": list(session.days.all()),
        "deadline": answer_deadline(nomination, session),
        "note": last.note if last else "",
        "respond_link": link(reverse("training_sessions:respond", args=[nomination.pk])),
        "letter_link": link(reverse("training_sessions:letter", args=[nomination.pk])),
        "nomination_link": link(reverse("training_sessions:nomination", args=[nomination.pk])),
    }


def _send(nomination: Nomination, recipient: User, template: str) -> int:
    if not _recipient(recipient):
        return 0
    return send_in_language(
        to=recipient.email,
        language=recipient.preferred_language,
        template=template,
        context=_context(nomination, recipient),
    )


@shared_task(**RETRY)
def send_invitation(nomination_id: int) -> int:
    """The invitation to an accepted participant, with the letter of invitation attached."""
    nomination = _nomination(nomination_id)
    if nomination is None or nomination.status != Status.ACCEPTED or not _recipient(nomination.person):
        return 0
    person = nomination.person
    language = letters.letter_language(nomination)
    try:
        letter: bytes | None = letters.render_letter(nomination, language=language)
    except PdfUnavailable:
        letter = None  # the body gives the link to the letter instead
    with translation.override(language):
        context = {**_context(nomination, person), "letter_attached": letter is not None}
        subject = " ".join(render_to_string(EMAIL + "invitation_subject.txt", context).split())
        body = render_to_string(EMAIL + "invitation_body.txt", context)
    message = EmailMessage(subject, body, None, [person.email])
    if letter is not None:
        message.attach(letters.letter_filename(nomination, language), letter, "application/pdf")
    return message.send()


@shared_task(**RETRY)
def send_selection_mail(nomination_id: int, person_id: int, template: str) -> int:
    """One e-mail about the nomination to one of the NCB's focal points."""
    nomination = _nomination(nomination_id)
    person = User.objects.filter(pk=person_id).first()
    if nomination is None or person is None or template not in TO_ANYONE:
        return 0
    return _send(nomination, person, template)


@shared_task(**RETRY)
def notify_promotion(nomination_id: int) -> int:
    """Tell the NCB's focal points that one of their officials got a seat from the waitlist."""
    from cadre.training_sessions.selectors.selection import focal_points_of

    nomination = _nomination(nomination_id)
    if nomination is None or nomination.status != Status.ACCEPTED:
        return 0
    people = list(focal_points_of(nomination.country_id).values_list("pk", flat=True))
    for person_id in people:
        send_selection_mail.delay(nomination_id, person_id, PROMOTED)
    return len(people)


@shared_task(**RETRY)
def notify_decision(nomination_id: int) -> int:
    """Tell the nominee that they are waitlisted, not selected, or withdrawn."""
    nomination = _nomination(nomination_id)
    if nomination is None:
        return 0
    template = DECISION_TEMPLATES.get(Status(nomination.status))
    return _send(nomination, nomination.person, template) if template else 0


@shared_task(**RETRY)
def remind_invitation(nomination_id: int) -> int:
    nomination = _nomination(nomination_id)
    if nomination is None or nomination.status != Status.ACCEPTED:
        return 0
    if nomination.response != Nomination.Response.PENDING:
        return 0
    return _send(nomination, nomination.person, EMAIL + "invitation_reminder")


@shared_task(**RETRY)
def notify_release(nomination_id: int) -> int:
    """Tell the participant, and their NCB's focal points, that the unanswered place was released."""
    from cadre.training_sessions.selectors.selection import focal_points_of

    nomination = _nomination(nomination_id)
    if nomination is None or not nomination.events.filter(action="released").exists():
        return 0
    sent = _send(nomination, nomination.person, EMAIL + "invitation_released")
    for person_id in focal_points_of(nomination.country_id).values_list("pk", flat=True):
        send_selection_mail.delay(nomination_id, person_id, RELEASED_NCB)
    return sent


@shared_task
def review_invitations() -> dict[str, int]:
    """Daily: remind those who have not answered, release the places past the deadline."""
    from cadre.training_sessions.services.invitations import review_invitations as review

    result = review()
    return {"reminded": result.reminded, "released": result.released}
