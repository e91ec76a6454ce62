"""An NCB's page: its country's nominations across all sessions, the sessions open to it, and
the CSV export of the list as filtered."""

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cadre.accounts.models import User
from cadre.directory.models import Country
from cadre.training_sessions import permissions
from cadre.training_sessions.forms.nominations import EndorseForm, NcbFilterForm
from cadre.training_sessions.models import Nomination
from cadre.training_sessions.selectors import nominations as selectors
from cadre.training_sessions.views.nominations import signed_in

NOMINATIONS_PER_PAGE = 50
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _country_and_filters(request: HttpRequest) -> tuple[User, Country, NcbFilterForm, QuerySet[Nomination]]:
    user = signed_in(request)
    countries = selectors.ncb_countries(user)
    if not countries.exists():
        raise PermissionDenied
    country = selectors.chosen_country(countries, request.GET.get("country", ""), user)
    form = NcbFilterForm(
        request.GET or None,
        sessions=selectors.ncb_session_choices(country),
        years=selectors.ncb_years(country),
    )
    return user, country, form, selectors.ncb_nominations(user, country, form.filters())


def _rows(user: User, nominations: list[Nomination]) -> list[dict[str, Any]]:
    certificates = selectors.certificates_of_nominations([item.pk for item in nominations])
    rows = []
    for nomination in nominations:
        by, at = selectors.status_change(nomination)
        rows.append(
            {
                "nomination": nomination,
                "changed_by": by,
                "changed_at": at,
                "may_endorse": permissions.can_endorse(user, nomination),
                "certificate": certificates.get(nomination.pk),
            }
        )
    return rows


@require_GET
def ncb(request: HttpRequest) -> HttpResponse:
    user, country, form, nominations = _country_and_filters(request)
    page = Paginator(nominations, NOMINATIONS_PER_PAGE).get_page(request.GET.get("page"))
    rows = _rows(user, list(page.object_list))
    export_query = request.GET.copy()
    export_query.pop("page", None)
    export_query["country"] = country.iso2
    context = {
        "country": country,
        "countries": selectors.country_choices(selectors.ncb_countries(user)),
        "form": form,
        "page": page,
        "rows": rows,
        "any_endorsable": any(row["may_endorse"] for row in rows),
        "endorse_form": EndorseForm(),
        "open_sessions": selectors.open_sessions_for(country),
        "may_nominate": permissions.is_ncb_of(user, country, permissions.FOCAL_POINT),
        "export_query": export_query.urlencode(),
    }
    return render(request, "training_sessions/ncb/nominations.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _header() -> list[str]:
    return [
        _("Official"),
        _("E-mail"),
        _("Agency"),
        _("Session"),
        _("Course"),
        _("First day"),
        _("Last day"),
        _("City"),
        _("Status"),
        _("Status changed by"),
        _("Status changed on"),
        _("Participant's answer"),
        _("Attendance (%)"),
        _("Outcome"),
        _("Certificate"),
    ]


def _line(nomination: Nomination, certificate_code: str) -> list[Any]:
    session = nomination.session
    by, at = selectors.status_change(nomination)
    return [
        nomination.person.get_full_name(),
        nomination.person.email,
        nomination.person.agency.name if nomination.person.agency else "",
        session.code,
        session.course.title,
        session.starts_on.isoformat(),
        session.ends_on.isoformat(),
        session.city,
        nomination.get_status_display(),
        by.get_full_name() if by else "",
        at.isoformat() if at else "",
        nomination.get_response_display(),
        "" if nomination.attendance_percent is None else nomination.attendance_percent,
        nomination.get_outcome_display(),
        certificate_code,
    ]


def _chunks(nominations: QuerySet[Nomination], size: int = 500) -> Iterator[list[Nomination]]:
    chunk: list[Nomination] = []
    for nomination in nominations.iterator(chunk_size=size):
        chunk.append(nomination)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _safe(value: Any) -> Any:
    """A cell a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def _csv_rows(chunks: Iterable[list[Nomination]], language: str) -> Iterator[str]:
    """The rows, written in the reader's language even though they stream after the view returned."""
    writer = csv.writer(_Echo())
    with translation.override(language):
        yield writer.writerow(_header())
        for chunk in chunks:
            certificates = selectors.certificates_of_nominations([item.pk for item in chunk])
            for nomination in chunk:
                certificate = certificates.get(nomination.pk)
                line = _line(nomination, certificate.code if certificate else "")
                yield writer.writerow([_safe(value) for value in line])


@require_GET
def ncb_export(request: HttpRequest) -> StreamingHttpResponse:
    _user, country, _form, nominations = _country_and_filters(request)
    filename = f"cadre-nominations-{country.iso2.lower()}-{timezone.now():%Y%m%d-%H%M}.csv"
    rows = _csv_rows(_chunks(nominations), translation.get_language() or "en")
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
