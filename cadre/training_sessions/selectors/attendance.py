"""Reads for attendance: the session's clock, its participants, a day's sheet, the grid of the
whole session, and the attendance percentage (a pure function of the days' marks and the rule)."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from cadre.certificates import selectors as certificates
from cadre.certificates.models import Certificate
from cadre.courses.models import Course
from cadre.training_sessions.models import Attendance, CompletionRule, Nomination, Session, SessionDay

Mark = Attendance.Status
FULL_DAY = 100


# --- The session's clock ----------------------------------------------------------------------


def session_zone(session: Session) -> ZoneInfo:
    try:
        return ZoneInfo(session.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_now(session: Session, now: datetime | None = None) -> datetime:
    """The time where the session takes place."""
    return (now or timezone.now()).astimezone(session_zone(session))


def local_today(session: Session, now: datetime | None = None) -> date:
    return local_now(session, now).date()


# --- The rule and the percentage --------------------------------------------------------------


def rule_for(course: Course) -> CompletionRule:
    """The course's completion rule, or the defaults (unsaved) when it has none."""
    return CompletionRule.objects.filter(course=course).first() or CompletionRule(course=course)


def day_credit(status: str | None, *, late_counts_as_present: bool, partial_day_share: int) -> int:
    """How much of a day (per cent) a mark counts for. Excused, absent and unrecorded days count 0."""
    share = max(0, min(FULL_DAY, partial_day_share))
    if status == Mark.PRESENT:
        return FULL_DAY
    if status == Mark.LATE:
        return FULL_DAY if late_counts_as_present else share
    if status == Mark.PARTIAL:
        return share
    return 0


def attendance_percent(
    statuses: Sequence[str | None], *, late_counts_as_present: bool, partial_day_share: int
) -> int:
    """The share of the days attended, 0 to 100, rounded down so that nobody reaches a minimum
    they did not attend. `statuses` has one mark per day of the session; None (not recorded)
    counts as absent. No days: 0."""
    if not statuses:
        return 0
    credits = sum(
        day_credit(status, late_counts_as_present=late_counts_as_present, partial_day_share=partial_day_share)
        for status in statuses
    )
    return credits // len(statuses)


def percent_under(rule: CompletionRule, statuses: Sequence[str | None]) -> int:
    return attendance_percent(
        statuses, late_counts_as_present=rule.late_counts_as_present, partial_day_share=rule.partial_day_share
    )


def credit_under(rule: CompletionRule, status: str | None) -> int:
    return day_credit(
        status, late_counts_as_present=rule.late_counts_as_present, partial_day_share=rule.partial_day_share
    )


# --- Participants and days --------------------------------------------------------------------


def participants(session: Session) -> QuerySet[Nomination]:
    """The session's accepted participants, by name."""
    return (
        Nomination.objects.filter(session=session, status=Nomination.Status.ACCEPTED)
        .select_related("person", "country")
        .order_by("person__family_name", "person__given_names", "pk")
    )


def days_of(session: Session) -> list[SessionDay]:
    return list(SessionDay.objects.filter(session=session).order_by("date"))


def default_day(days: Sequence[SessionDay], today: date) -> SessionDay | None:
    """Today when the session runs today, else the last day already begun, else the first."""
    begun = [day for day in days if day.date <= today]
    if begun:
        return begun[-1]
    return days[0] if days else None


def day_by_key(key: str) -> SessionDay | None:
    return SessionDay.objects.select_related("session__course").filter(checkin_key=key).first()


# --- A day's sheet ----------------------------------------------------------------------------

COUNTED = (Mark.PRESENT, Mark.LATE, Mark.PARTIAL, Mark.ABSENT, Mark.EXCUSED)


@dataclass(frozen=True)
class Counts:
    total: int
    by_status: dict[str, int]

    @property
    def not_recorded(self) -> int:
        return self.total - sum(self.by_status.values())

    @property
    def here(self) -> int:
        """Those present for some or all of the day."""
        return sum(self.by_status.get(status, 0) for status in (Mark.PRESENT, Mark.LATE, Mark.PARTIAL))

    def items(self) -> list[tuple[str, str, int]]:
        """(status, label, count) for each mark, in the sheet's order."""
        return [(status.value, str(status.label), self.by_status.get(status.value, 0)) for status in COUNTED]


def counts_of(marks: Iterable[str], total: int) -> Counts:
    return Counts(total=total, by_status=dict(Counter(marks)))


@dataclass(frozen=True)
class SheetRow:
    nomination: Nomination
    mark: Attendance | None


@dataclass(frozen=True)
class Sheet:
    day: SessionDay
    rows: list[SheetRow]
    counts: Counts
    query: str = ""


def day_marks(day: SessionDay) -> dict[int, Attendance]:
    """The day's marks by nomination id, with who recorded them, in one query."""
    rows = Attendance.objects.filter(day=day).select_related("recorded_by")
    return {row.nomination_id: row for row in rows}


def name_filter(query: str) -> Q:
    condition = Q()
    for word in query.split()[:5]:
        condition &= (
            Q(person__family_name__icontains=word)
            | Q(person__given_names__icontains=word)
            | Q(person__email__icontains=word)
        )
    return condition


def sheet(session: Session, day: SessionDay, *, query: str = "") -> Sheet:
    """One row per accepted participant (those matching `query`), their mark for `day`, and the
    day's counts over all participants; three queries."""
    people = list(participants(session))
    marks = day_marks(day)
    shown = people
    if query.strip():
        wanted = set(participants(session).filter(name_filter(query)).values_list("pk", flat=True))
        shown = [nomination for nomination in people if nomination.pk in wanted]
    listed = {nomination.pk for nomination in people}
    counts = counts_of((mark.status for pk, mark in marks.items() if pk in listed), len(people))
    rows = [SheetRow(nomination=nomination, mark=marks.get(nomination.pk)) for nomination in shown]
    return Sheet(day=day, rows=rows, counts=counts, query=query.strip())


def sheet_row(nomination: Nomination, day: SessionDay) -> SheetRow:
    return SheetRow(nomination=nomination, mark=day_marks(day).get(nomination.pk))


def day_counts(session: Session, day: SessionDay) -> Counts:
    total = participants(session).count()
    marks = Attendance.objects.filter(
        day=day, nomination__session=session, nomination__status=Nomination.Status.ACCEPTED
    ).values_list("status", flat=True)
    return counts_of(marks, total)


# --- The whole session: participants x days ----------------------------------------------------


@dataclass(frozen=True)
class SummaryRow:
    nomination: Nomination
    marks: list[Attendance | None]
    percent: int | None  # stored once completed; until then, over the days recorded so far
    score: int | None = None
    certificate: Certificate | None = None

    @property
    def statuses(self) -> list[str | None]:
        return [mark.status if mark else None for mark in self.marks]


@dataclass(frozen=True)
class Summary:
    session: Session
    days: list[SessionDay]
    rows: list[SummaryRow]
    rule: CompletionRule
    needs_post_test: bool
    day_counts: list[Counts] = field(default_factory=list)


def session_marks(session: Session) -> dict[tuple[int, int], Attendance]:
    rows = Attendance.objects.filter(day__session=session).only(
        "nomination_id", "day_id", "status", "arrived_at", "note", "method"
    )
    return {(row.nomination_id, row.day_id): row for row in rows}


def _row_percent(
    session: Session, rule: CompletionRule, nomination: Nomination, statuses: list[str | None]
) -> int | None:
    if session.status == Session.Status.COMPLETED:
        return nomination.attendance_percent
    recorded = [status for status in statuses if status is not None]
    return percent_under(rule, recorded) if recorded else None


def summary(session: Session) -> Summary:
    """Each participant's mark for each day, their percentage and post-test score; a fixed
    number of queries whatever the number of participants and days."""
    from cadre.assessments import selectors as assessments

    days = days_of(session)
    rule = rule_for(session.course)
    marks = session_marks(session)
    scores = assessments.post_test_scores(session)
    nominations = list(participants(session))
    held = certificates.certificates_for_source(
        ContentType.objects.get_for_model(Nomination).pk, [nomination.pk for nomination in nominations]
    )
    rows = []
    for nomination in nominations:
        day_marks_ = [marks.get((nomination.pk, day.pk)) for day in days]
        statuses = [mark.status if mark else None for mark in day_marks_]
        rows.append(
            SummaryRow(
                nomination=nomination,
                marks=day_marks_,
                percent=_row_percent(session, rule, nomination, statuses),
                score=scores.get(nomination.pk),
                certificate=held.get(nomination.pk),
            )
        )
    counts = [
        counts_of([status for row in rows if (status := row.statuses[index]) is not None], len(rows))
        for index in range(len(days))
    ]
    return Summary(
        session=session,
        days=days,
        rows=rows,
        rule=rule,
        needs_post_test=rule.requires_post_test and assessments.has_post_test(session),
        day_counts=counts,
    )
