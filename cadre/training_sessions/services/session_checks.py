"""The rules a session's plan obeys, shared by its forms and its services: the days and their
timetable, where it takes place, its time zone, the course and language, the nomination window,
the seats reserved, the course manager, and its reference.

Each check raises ValidationError with a message saying what is wrong and how to fix it, keyed
by the form field it concerns where there is one."""

import functools
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.courses import permissions as course_permissions
from cadre.courses.models import Course
from cadre.directory.models import Country, Region
from cadre.instructors import rules
from cadre.training_sessions.models import Session

SeatsBy = Session.SeatsBy
MAX_DAYS = 60
CODE_PREFIX_LENGTH = 12


@dataclass(frozen=True)
class DayPlan:
    """One day of a session as planned: its date and its timetable in the session's time zone."""

    date: date
    starts_at: time
    ends_at: time
    agenda: str = ""

    def as_stored(self) -> dict[str, str]:
        return {
            "date": self.date.isoformat(),
            "starts_at": self.starts_at.strftime("%H:%M"),
            "ends_at": self.ends_at.strftime("%H:%M"),
        }


@dataclass(frozen=True)
class QuotaPlan:
    """Seats reserved for one country or one region."""

    seats: int
    country: Country | None = None
    region: Region | None = None

    @property
    def label(self) -> str:
        return str(self.country or self.region)


def day_text(value: date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def day_plans(days: Iterable[DayPlan | Mapping[str, Any]]) -> list[DayPlan]:
    """The days in date order, whether given as plans or as a form's cleaned rows."""
    plans = [
        day
        if isinstance(day, DayPlan)
        else DayPlan(
            date=day["date"],
            starts_at=day["starts_at"],
            ends_at=day["ends_at"],
            agenda=(day.get("agenda") or "").strip(),
        )
        for day in days
    ]
    return sorted(plans, key=lambda plan: plan.date)


def check_days(plans: list[DayPlan], *, not_before: date | None = None) -> None:
    """At least one day, each date once, each ending after it starts, none in the past."""
    if not plans:
        raise ValidationError(_("Give at least one day, with the times it starts and ends."))
    if len(plans) > MAX_DAYS:
        raise ValidationError(_("A session has at most %(count)s days.") % {"count": MAX_DAYS})
    seen: set[date] = set()
    for plan in plans:
        if plan.date in seen:
            raise ValidationError(
                _("%(date)s is given twice: give each day once.") % {"date": day_text(plan.date)}
            )
        seen.add(plan.date)
        if plan.ends_at <= plan.starts_at:
            raise ValidationError(
                _("On %(date)s the day ends before it starts: give an end time after the start time.")
                % {"date": day_text(plan.date)}
            )
    if not_before is not None and plans[0].date < not_before:
        raise ValidationError(
            _("The first day, %(date)s, has passed: choose days from today on.")
            % {"date": day_text(plans[0].date)}
        )


@functools.cache
def known_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def check_time_zone(name: str) -> str:
    cleaned = (name or "").strip()
    if cleaned not in known_time_zones():
        raise ValidationError(
            {
                "time_zone": _(
                    "“%(zone)s” is not a time zone Cadre knows. Give a zone such as Africa/Nairobi, "
                    "Europe/Paris or America/Argentina/Buenos_Aires."
                )
                % {"zone": cleaned[:64]}
            }
        )
    return cleaned


def local_today(time_zone: str) -> date:
    """Today's date where the session takes place."""
    try:
        zone = zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return datetime.now(zone).date()


def check_course(course: Course, by: User | None) -> None:
    if course.status != Course.Status.PUBLISHED:
        raise ValidationError({"course": _("Sessions are scheduled for published courses only.")})
    if by is not None and not course_permissions.looks_after(by, course):
        raise ValidationError({"course": _("Choose a course you look after.")})


def check_language(course: Course, language: str) -> None:
    if language not in course.languages:
        offered = ", ".join(rules.language_name(code) for code in course.languages) or "—"
        raise ValidationError(
            {
                "language": _("The course is not offered in %(language)s. It is offered in: %(offered)s.")
                % {"language": rules.language_name(language), "offered": offered}
            }
        )


def check_location(values: Mapping[str, Any]) -> None:
    """A host institution, or a place with its city and country, or an online meeting link."""
    address = [values.get("place"), values.get("city"), values.get("country")]
    has_venue = values.get("venue") is not None
    if any(address) and not all(address) and not has_venue:
        raise ValidationError(
            {"place": _("Give the place, the city and the country together, or choose a host institution.")}
        )
    if not (has_venue or all(address) or values.get("meeting_url")):
        raise ValidationError(
            {
                "venue": _(
                    "Say where the session takes place: choose a host institution, give a place with its "
                    "city and country, or give the online meeting link."
                )
            }
        )


def check_window(values: Mapping[str, Any], first_day: date) -> None:
    """Nominations open on or before they close, and close before the first day; participants
    confirm between the opening of nominations and the first day."""
    opens, closes = values["nominations_open_on"], values["nominations_close_on"]
    if closes < opens:
        raise ValidationError(
            {"nominations_close_on": _("Nominations must close on or after the day they open.")}
        )
    if closes >= first_day:
        raise ValidationError(
            {
                "nominations_close_on": _(
                    "Nominations must close before the first day (%(date)s): choose an earlier date."
                )
                % {"date": day_text(first_day)}
            }
        )
    respond_by = values.get("respond_by")
    if respond_by is not None and not (opens <= respond_by < first_day):
        raise ValidationError(
            {
                "respond_by": _(
                    "Participants must confirm after nominations open and before the first day (%(date)s)."
                )
                % {"date": day_text(first_day)}
            }
        )


def check_capacity(capacity: int, seats_taken: int) -> None:
    if capacity < seats_taken:
        raise ValidationError(
            {
                "capacity": _(
                    "%(count)s participants are already accepted: the capacity cannot be lower than that."
                )
                % {"count": seats_taken}
            }
        )


def _quota_key(plan: QuotaPlan, seats_by: str) -> int:
    place = plan.country if seats_by == SeatsBy.COUNTRY else plan.region
    if place is None:
        message = (
            _("Each row of reserved seats names a country.")
            if seats_by == SeatsBy.COUNTRY
            else _("Each row of reserved seats names a region.")
        )
        raise ValidationError({"seats_by": message})
    return int(place.pk)


def quota_plans(
    seats_by: str, rows: Iterable[QuotaPlan | Mapping[str, Any]], capacity: int
) -> list[QuotaPlan]:
    """The reserved seats, each country or region once, their sum within the capacity."""
    plans = [
        row
        if isinstance(row, QuotaPlan)
        else QuotaPlan(seats=int(row["seats"]), country=row.get("country"), region=row.get("region"))
        for row in rows
    ]
    if seats_by == SeatsBy.NONE:
        if plans:
            raise ValidationError(
                {"seats_by": _("Choose how seats are reserved, or remove the rows of reserved seats.")}
            )
        return []
    if not plans:
        raise ValidationError({"seats_by": _("Give at least one row of reserved seats, or reserve none.")})
    return _checked_quotas(seats_by, plans, capacity)


def _checked_quotas(seats_by: str, plans: list[QuotaPlan], capacity: int) -> list[QuotaPlan]:
    seen: set[int] = set()
    kept = []
    for plan in plans:
        key = _quota_key(plan, seats_by)
        if key in seen:
            raise ValidationError(
                {"seats_by": _("%(place)s is given twice: give each once.") % {"place": plan.label}}
            )
        if plan.seats < 1:
            raise ValidationError({"seats_by": _("Reserve at least one seat in each row.")})
        seen.add(key)
        by_country = seats_by == SeatsBy.COUNTRY
        kept.append(
            QuotaPlan(seats=plan.seats, country=plan.country)
            if by_country
            else QuotaPlan(seats=plan.seats, region=plan.region)
        )
    reserved = sum(plan.seats for plan in kept)
    if reserved > capacity:
        raise ValidationError(
            {
                "capacity": _(
                    "%(reserved)s seats are reserved but the capacity is %(capacity)s: reserve fewer seats "
                    "or raise the capacity."
                )
                % {"reserved": reserved, "capacity": capacity}
            }
        )
    return kept


def check_manager(manager: User | None, course: Course, by: User | None) -> None:
    """The session's manager: the person scheduling it, or someone who looks after the course."""
    if manager is None or (by is not None and manager.pk == by.pk):
        return
    if not manager.is_active or not course_permissions.looks_after(manager, course):
        raise ValidationError(
            {"manager": _("Choose a course manager of this course, or leave yourself as the manager.")}
        )


def code_prefix(course: Course, year: int) -> str:
    stem = course.code.upper()[:CODE_PREFIX_LENGTH].strip("-_") or "S"
    return f"{stem}-{year}-"


def next_code(course: Course, first_day: date) -> str:
    """The next free reference for the course's sessions of the first day's year: CYBER-2027-003."""
    prefix = code_prefix(course, first_day.year)
    number = Session.objects.filter(code__startswith=prefix).count() + 1
    while Session.objects.filter(code=f"{prefix}{number:03d}").exists():
        number += 1
    return f"{prefix}{number:03d}"
