"""Sessions as iCalendar (RFC 5545): one event per day, in the session's time zone.

Each day's UID stays the same when the session moves (the session and the day's position), and
its SEQUENCE grows with every change to the session's plan, so calendars update the days they
hold rather than adding new ones; a cancelled session's days carry STATUS:CANCELLED.

The personal feed's address holds a signed key naming its owner: it opens without signing in
(calendar programs cannot sign in), and nobody can make one for someone else."""

from collections.abc import Iterable
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from cadre.training_sessions.models import Session, SessionDay

FEED_SALT = "cadre.training_sessions.feed"
PRODUCT = "-//Cadre//Training sessions//EN"
TENTATIVE = (Session.Status.OPEN, Session.Status.SELECTION)


def _signer() -> signing.Signer:
    return signing.Signer(salt=FEED_SALT)


def feed_token(user_id: int) -> str:
    """The key of a person's feed: their id, signed (without a date, so the address stays the
    same however often it is shown)."""
    return _signer().sign_object(user_id)


def feed_owner_id(token: str) -> int | None:
    """The id of the person the feed's key names, or None when the key is not one of Cadre's."""
    try:
        value = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _zone(session: Session) -> ZoneInfo:
    try:
        return ZoneInfo(session.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def location(session: Session) -> str:
    parts: list[str] = []
    if session.venue is not None:
        parts.append(session.venue.name)
    parts += [session.place, session.city]
    if session.country is not None:
        parts.append(session.country.name)
    place = ", ".join(part for part in parts if part)
    return place or session.meeting_url


def _status(session: Session) -> str:
    if session.status == Session.Status.CANCELLED:
        return "CANCELLED"
    return "TENTATIVE" if session.status in TENTATIVE else "CONFIRMED"


def _description(session: Session, url: str) -> str:
    lines = [f"{session.course.title} — {session.code}"]
    if session.is_cancelled and session.cancel_reason:
        lines.append(_("Cancelled: %(reason)s") % {"reason": session.cancel_reason})
    if session.meeting_url:
        lines.append(_("Online meeting link: %(link)s") % {"link": session.meeting_url})
    if session.joining_instructions:
        lines.append(session.joining_instructions)
    lines.append(url)
    return "\n\n".join(lines)


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "cadre"


def day_events(session: Session, days: Iterable[SessionDay], *, sequence: int) -> list[Event]:
    """One VEVENT per day of the session."""
    zone = _zone(session)
    url = f"{settings.SITE_URL}{reverse('training_sessions:detail', args=[session.pk])}"
    days = list(days)
    events = []
    for number, day in enumerate(days, start=1):
        event = Event()
        event.add("uid", f"session-{session.pk}-day-{number}@{_host()}")
        event.add("sequence", sequence)
        event.add("dtstamp", session.updated_at)
        event.add("dtstart", datetime.combine(day.date, day.starts_at, tzinfo=zone))
        event.add("dtend", datetime.combine(day.date, day.ends_at, tzinfo=zone))
        title = session.display_title
        if len(days) > 1:
            title = _("%(title)s — day %(number)s of %(count)s") % {
                "title": title,
                "number": number,
                "count": len(days),
            }
        event.add("summary", title)
        event.add("location", location(session))
        event.add("description", _description(session, url))
        event.add("url", url)
        event.add("status", _status(session))
        events.append(event)
    return events


def calendar_of(sessions: Iterable[Session], *, name: str) -> bytes:
    """The sessions as one calendar. Each session needs `days` (ordered) and `changes` (how
    many times its plan changed): see `selectors.sessions.with_calendar_facts`."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for session in sessions:
        sequence = int(getattr(session, "changes", 0))
        for event in day_events(session, session.days.all(), sequence=sequence):
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
