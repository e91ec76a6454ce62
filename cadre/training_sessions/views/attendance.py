"""Attendance: the sheet instructors fill in on a phone, the room screen with the day's QR code,
the participant's check-in, and the session's grid of participants by days (and its CSV)."""

import csv
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from cadre.accounts.models import User
from cadre.courses import permissions as course_permissions
from cadre.lib.http import HtmxHttpRequest
from cadre.lib.pdf import qr_svg
from cadre.training_sessions import permissions
from cadre.training_sessions.forms import as_id
from cadre.training_sessions.forms.attendance import MarkForm
from cadre.training_sessions.models import Attendance, Nomination, Session, SessionDay
from cadre.training_sessions.selectors import attendance as selectors
from cadre.training_sessions.services import attendance as services

QUERY_LENGTH = 100
QR_SIZE_MM = 110


def signed_in(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _attendance_session(request: HttpRequest, pk: int) -> tuple[User, Session]:
    """The session whose attendance the person takes: 404 when they may not see it, 403 when
    they may see it but do not take its attendance."""
    user = signed_in(request)
    session = permissions.get_session_for(user, pk)
    permissions.require(permissions.can_take_attendance(user, session))
    return user, session


def _day_of(session: Session, value: object) -> SessionDay:
    day_id = as_id(value)
    day = SessionDay.objects.filter(session=session, pk=day_id).first() if day_id else None
    if day is None:
        raise Http404
    return day


def sheet_url(session: Session, day: SessionDay, query: str = "") -> str:
    params = {"day": day.pk, **({"q": query} if query else {})}
    return f"{reverse('training_sessions:attendance', args=[session.pk])}?{urlencode(params)}"


# --- The sheet ------------------------------------------------------------------------------------


def _chosen_day(
    request: HttpRequest, session: Session, days: list[SessionDay], today: date
) -> SessionDay | None:
    wanted = request.GET.get("day")
    if wanted:
        return _day_of(session, wanted)
    return selectors.default_day(days, today)


def _row_context(session: Session, day: SessionDay, today: date, query: str) -> dict[str, Any]:
    return {
        "session": session,
        "day": day,
        "can_record": day.date <= today,
        "statuses": Attendance.Status.choices,
        "query": query,
    }


@require_GET
def sheet(request: HttpRequest, pk: int) -> HttpResponse:
    _user, session = _attendance_session(request, pk)
    days = selectors.days_of(session)
    today = selectors.local_today(session)
    day = _chosen_day(request, session, days, today)
    query = request.GET.get("q", "")[:QUERY_LENGTH].replace("\x00", "").strip()
    context: dict[str, Any] = {"session": session, "days": days, "today": today, "query": query}
    if day is not None:
        context |= _row_context(session, day, today, query)
        context["sheet"] = selectors.sheet(session, day, query=query)
        context["counts"] = context["sheet"].counts
    return render(request, "training_sessions/attendance/sheet.html", context)


def _number(value: object) -> int:
    return as_id(value) or 0


def _participant(session: Session, pk: int) -> Nomination | None:
    """An accepted participant of the session; None for anyone else, whose name is not shown."""
    return selectors.participants(session).filter(pk=pk).first() if pk else None


def _record(user: User, session: Session, form: MarkForm) -> tuple[Nomination | None, SessionDay, str]:
    """Save the mark the form holds; the participant and day it was for, and what went wrong."""
    day = _day_of(session, _number(form.data.get("day")))
    nomination = _participant(session, _number(form.data.get("nomination")))
    if nomination is None:
        return None, day, _("This person is not a participant of the session.")
    if not form.is_valid():
        return nomination, day, " ".join(str(error) for errors in form.errors.values() for error in errors)
    try:
        services.record_attendance(
            nomination=nomination,
            day=day,
            status=form.cleaned_data["status"],
            by=user,
            arrived_at=form.cleaned_data["arrived_at"],
            note=form.cleaned_data["note"],
            method=services.method_for(user, session),
        )
    except ValidationError as error:
        return nomination, day, " ".join(error.messages)
    return nomination, day, ""


def _row_response(
    request: HttpRequest, session: Session, nomination: Nomination, day: SessionDay, error: str
) -> HttpResponse:
    today = selectors.local_today(session)
    context = _row_context(session, day, today, request.POST.get("q", "")[:QUERY_LENGTH])
    context |= {
        "row": selectors.sheet_row(nomination, day),
        "error": error,
        "counts": selectors.day_counts(session, day),
        "oob": True,
    }
    return render(request, "training_sessions/attendance/_row_response.html", context)


@require_POST
def record(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Save one mark: the row again for htmx, or back to the sheet for a plain form post."""
    user, session = _attendance_session(request, pk)
    nomination, day, error = _record(user, session, MarkForm(request.POST))
    query = request.POST.get("q", "")[:QUERY_LENGTH]
    if request.htmx and nomination is not None:
        return _row_response(request, session, nomination, day, error)
    if error:
        messages.error(request, error)
    elif nomination is not None:
        messages.success(request, _("Saved for %(name)s.") % {"name": nomination.person.display_name})
    if request.htmx:
        return HttpResponseClientRedirect(sheet_url(session, day, query))
    anchor = f"#participant-{nomination.pk}" if nomination is not None else ""
    return redirect(sheet_url(session, day, query) + anchor)


# --- The room screen and the participant's check-in ---------------------------------------------


def check_in_url(request: HttpRequest, day: SessionDay) -> str:
    return request.build_absolute_uri(reverse("training_sessions:check_in", args=[day.checkin_key]))


@require_GET
def checkin_screen(request: HtmxHttpRequest, pk: int, day: int) -> HttpResponse:
    user, session = _attendance_session(request, pk)
    session_day = _day_of(session, day)
    counts = selectors.day_counts(session, session_day)
    if request.htmx:
        return render(request, "training_sessions/attendance/_screen_counts.html", {"counts": counts})
    address = check_in_url(request, session_day)
    context = {
        "session": session,
        "day": session_day,
        "address": address,
        "qr": qr_svg(address, size_mm=QR_SIZE_MM),
        "counts": counts,
        "is_today": selectors.local_today(session) == session_day.date,
        "can_rotate": permissions.can_change_session(user, session),
    }
    return render(request, "training_sessions/attendance/checkin_screen.html", context)


@require_POST
def rotate_checkin(request: HttpRequest, pk: int, day: int) -> HttpResponse:
    user = signed_in(request)
    session = permissions.get_session_for(user, pk, write=True)
    session_day = services.rotate_checkin_key(day=_day_of(session, day), by=user)
    messages.success(request, _("The day has a new QR code. The old one no longer works."))
    return redirect("training_sessions:checkin_screen", pk=session.pk, day=session_day.pk)


CHECK_IN_STATUS = {
    services.CheckIn.NOT_PARTICIPANT: 403,
    services.CheckIn.WRONG_DAY: 400,
    services.CheckIn.CLOSED: 400,
}


def _check_in_page(
    request: HttpRequest, day: SessionDay, result: services.CheckInResult | None, **extra: Any
) -> HttpResponse:
    outcome = result.outcome if result else extra.get("refusal")
    context = {
        "day": day,
        "session": day.session,
        "result": result,
        "outcome": outcome,
        "today": selectors.local_today(day.session),
        "late_after": (datetime.combine(day.date, day.starts_at) + services.grace()).time(),
        **extra,
    }
    status = CHECK_IN_STATUS.get(outcome, 200) if request.method == "POST" and outcome else 200
    return render(request, "training_sessions/attendance/check_in.html", context, status=status)


@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest, key: str) -> HttpResponse:
    """The page the day's QR code opens: a button to check in (a POST, so that link previews
    record nothing), then what was recorded."""
    person = signed_in(request)
    day = selectors.day_by_key(key)
    if day is None:
        raise Http404
    if request.method == "POST":
        try:
            result = services.check_in(key=key, person=person)
        except SessionDay.DoesNotExist as missing:
            raise Http404 from missing
        return _check_in_page(request, result.day, result)
    nomination = services.participation(day, person)
    existing = Attendance.objects.filter(nomination=nomination, day=day).first() if nomination else None
    refusal = services.check_in_refusal(day, nomination)
    if refusal is None and existing is not None:
        return _check_in_page(request, day, services.CheckInResult(services.already(existing), day, existing))
    return _check_in_page(request, day, None, refusal=refusal)


# --- The grid of the whole session -----------------------------------------------------------------


class _Echo:
    def write(self, value: str) -> str:
        return value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    """A spreadsheet cell that is never run as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _mark_text(mark: Attendance | None) -> str:
    if mark is None:
        return ""
    label = str(mark.get_status_display())
    return f"{label} {mark.arrived_at:%H:%M}" if mark.arrived_at else label


def _csv_rows(summary: selectors.Summary) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(
        [_("Participant"), _("E-mail"), _("Country")]
        + [day.date.isoformat() for day in summary.days]
        + [_("Attendance (%)"), _("Post-test (%)"), _("Outcome")]
    )
    for row in summary.rows:
        person = row.nomination.person
        yield writer.writerow(
            [_cell(person.display_name), _cell(person.email), _cell(row.nomination.country)]
            + [_cell(_mark_text(mark)) for mark in row.marks]
            + [_cell(row.percent), _cell(row.score), _cell(row.nomination.get_outcome_display())]
        )


@require_GET
def attendance_summary(request: HttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    user, session = _attendance_session(request, pk)
    summary = selectors.summary(session)
    if request.GET.get("export") == "csv":
        response = StreamingHttpResponse(_csv_rows(summary), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="cadre-attendance-{session.code}.csv"'
        return response
    context = {
        "session": session,
        "summary": summary,
        "today": selectors.local_today(session),
        "can_complete": permissions.can_complete_session(user, session),
        "can_recompute": permissions.can_recompute_outcomes(user, session),
        "can_edit_rule": course_permissions.looks_after(user, session.course),
    }
    return render(request, "training_sessions/attendance/summary.html", context)
