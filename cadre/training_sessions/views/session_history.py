"""A session's history as its page tells it: one line per event, in the reader's language."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils import formats
from django.utils.translation import gettext as _

from cadre.instructors.models import Assignment
from cadre.training_sessions.models import Session, SessionEvent

Kind = SessionEvent.Kind
OTHER_LABELS = {
    "course": lambda: _("course"),
    "sectors": lambda: _("sectors admitted"),
    "quotas": lambda: _("reserved seats"),
    "days": lambda: _("days"),
    "manager": lambda: _("course manager"),
}


@dataclass(frozen=True)
class HistoryLine:
    event: SessionEvent
    summary: str
    details: list[str] = field(default_factory=list)


def _field_label(name: str) -> str:
    if name in OTHER_LABELS:
        return str(OTHER_LABELS[name]())
    try:
        found = Session._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(found, "verbose_name", name))


def _status_label(code: Any) -> str:
    return str(Session.Status(code).label) if code in Session.Status.values else str(code)


def _span(days: Any) -> str:
    dates = (
        sorted(row["date"] for row in days if isinstance(row, dict) and "date" in row)
        if isinstance(days, list)
        else []
    )
    if not dates:
        return "—"
    first, last = (
        formats.date_format(date.fromisoformat(value), "DATE_FORMAT") for value in (dates[0], dates[-1])
    )
    return first if first == last else _("%(first)s to %(last)s") % {"first": first, "last": last}


def _rescheduled(event: SessionEvent) -> HistoryLine:
    summary = _("Rescheduled from %(before)s to %(after)s.") % {
        "before": _span(event.before.get("days")),
        "after": _span(event.after.get("days")),
    }
    details = [
        _("%(name)s is no longer booked: %(reasons)s")
        % {"name": item["name"], "reasons": " ".join(item["reasons"])}
        for item in event.after.get("instructors_dropped", [])
        if isinstance(item, dict) and "name" in item and isinstance(item.get("reasons"), list)
    ]
    return HistoryLine(event, summary, details)


def _instructor(event: SessionEvent) -> HistoryLine:
    facts = event.after if event.kind == Kind.INSTRUCTOR_ADDED else event.before
    role = facts.get("role")
    values = {
        "name": facts.get("instructor", "—"),
        "role": str(Assignment.Role(role).label) if role in Assignment.Role.values else "",
    }
    if event.kind == Kind.INSTRUCTOR_REMOVED:
        return HistoryLine(event, _("%(name)s removed (%(role)s).") % values)
    if facts.get("override"):
        return HistoryLine(event, _("%(name)s booked (%(role)s), overriding the rule.") % values)
    return HistoryLine(event, _("%(name)s booked (%(role)s).") % values)


def history_line(event: SessionEvent) -> HistoryLine:
    if event.kind == Kind.RESCHEDULED:
        return _rescheduled(event)
    if event.kind in (Kind.INSTRUCTOR_ADDED, Kind.INSTRUCTOR_REMOVED):
        return _instructor(event)
    if event.kind == Kind.STATUS:
        values = {
            "before": _status_label(event.before.get("status")),
            "after": _status_label(event.after.get("status")),
        }
        return HistoryLine(event, _("From “%(before)s” to “%(after)s”.") % values)
    if event.kind == Kind.CHANGED:
        names = ", ".join(_field_label(name) for name in event.after)
        return HistoryLine(event, _("Changed: %(fields)s.") % {"fields": names or "—"})
    return HistoryLine(event, str(event.get_kind_display()))


def history_lines(events: list[SessionEvent]) -> list[HistoryLine]:
    return [history_line(event) for event in events]
