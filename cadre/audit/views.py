import csv
from collections.abc import Iterator

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cadre.audit import permissions, selectors
from cadre.audit.forms import AuditFilterForm
from cadre.audit.models import AuditEntry

ENTRIES_PER_PAGE = 50


def _filtered(request: HttpRequest) -> tuple[AuditFilterForm, QuerySet[AuditEntry]]:
    if not permissions.can_browse_audit(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None, show_country=permissions.can_see_every_country(request.user))
    entries = selectors.filter_entries(selectors.entries_for(request.user), form.to_filter())
    return form, entries


@require_GET
def entry_list(request: HttpRequest) -> HttpResponse:
    form, entries = _filtered(request)
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    export_query = request.GET.copy()
    export_query.pop("page", None)
    context = {"form": form, "page": page, "export_query": export_query.urlencode()}
    return render(request, "audit/entry_list.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_rows(entries: Iterator[AuditEntry]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(
        [
            _("Entry"),
            _("Time"),
            _("Actor"),
            _("Action"),
            _("Target"),
            _("Country"),
            _("Changes"),
            _("IP address"),
            _("Hash"),
        ]
    )
    for entry in entries:
        yield writer.writerow(
            [
                entry.pk,
                entry.occurred_at.isoformat(),
                entry.actor.email if entry.actor else "",
                entry.action,
                entry.target_label,
                entry.country.iso2 if entry.country else "",
                entry.changes,
                entry.ip_address or "",
                entry.entry_hash,
            ]
        )


@require_GET
def entry_export(request: HttpRequest) -> StreamingHttpResponse:
    _form, entries = _filtered(request)
    filename = f"cadre-audit-{timezone.now():%Y%m%d-%H%M}.csv"
    response = StreamingHttpResponse(
        _csv_rows(entries.iterator(chunk_size=2000)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
