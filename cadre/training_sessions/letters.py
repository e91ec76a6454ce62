"""The letter of invitation: a PDF in the participant's language that confirms the invitation and
the dates, for visa and travel. It states only what Cadre knows (who, which course, when, where)
and asks the authorities to facilitate the visa; it promises nothing about costs."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from cadre.directory.models import Country, Office
from cadre.lib import pdf
from cadre.training_sessions.models import Nomination, Session

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class Venue:
    """Where the session takes place, as letters, e-mails and pages show it."""

    name: str
    place: str
    city: str
    country: Country | None
    online: bool
    meeting_url: str


def venue_of(session: Session) -> Venue:
    institution = session.venue
    return Venue(
        name=institution.name if institution else "",
        place=session.place,
        city=session.city or (institution.city if institution else ""),
        country=session.country or (institution.country if institution else None),
        online=session.is_online,
        meeting_url=session.meeting_url,
    )


def reference_of(nomination: Nomination) -> str:
    """The letter's reference: the session's code and the nomination's number."""
    return f"{nomination.session.code.upper()}/{nomination.pk}"


def letter_nomination(pk: int) -> Nomination | None:
    return (
        Nomination.objects.select_related(
            "person__agency",
            "country",
            "session__course",
            "session__venue__country",
            "session__country",
            "session__manager",
        )
        .filter(pk=pk)
        .first()
    )


def issuer() -> Office | None:
    """The letterhead: the organisation's training directorate, as the directory records it."""
    return (
        Office.objects.filter(kind=Office.Kind.TRAINING_DIRECTORATE)
        .select_related("country")
        .order_by("pk")
        .first()
    )


def letter_context(nomination: Nomination) -> dict[str, Any]:
    session = nomination.session
    return {
        "nomination": nomination,
        "person": nomination.person,
        "session": session,
        "venue": venue_of(session),
        "issuer": issuer(),
        "reference": reference_of(nomination),
        "issued_on": timezone.localdate(),
    }


def letter_language(nomination: Nomination, wanted: str | None = None) -> str:
    """The language asked for when it is one of Cadre's, else the participant's own."""
    if wanted in LANGUAGES:
        return str(wanted)
    return nomination.person.preferred_language if nomination.person.preferred_language in LANGUAGES else "en"


def render_letter(nomination: Nomination, *, language: str) -> bytes:
    """The PDF; raises `cadre.lib.pdf.PdfUnavailable` where PDFs cannot be made."""
    return pdf.render_pdf(
        "training_sessions/letters/invitation.html", letter_context(nomination), language=language
    )


def letter_filename(nomination: Nomination, language: str) -> str:
    return f"invitation-{nomination.session.code}-{nomination.pk}-{language}.pdf"
