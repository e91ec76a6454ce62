import csv
import io
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from cadre.accounts.models import User
from cadre.accounts.permissions import AnyUser
from cadre.imports import permissions, selectors, services
from cadre.imports.files import COLUMN_CODES, COLUMNS
from cadre.imports.forms import RowFilterForm, UploadForm
from cadre.imports.models import ImportBatch
from cadre.lib.http import HtmxHttpRequest

BATCHES_PER_PAGE = 25
ROWS_PER_PAGE = 50


def _person(request: HttpRequest) -> User:
    if not permissions.can_import_somewhere(request.user) or not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


@require_http_methods(["GET", "POST"])
def batches(request: HttpRequest) -> HttpResponse:
    user = _person(request)
    form = UploadForm(
        request.POST or None, request.FILES or None, countries=selectors.countries_for_upload(user)
    )
    if request.method == "POST" and form.is_valid():
        batch = services.upload_batch(
            uploaded_by=user,
            country=form.cleaned_data["country"],
            upload=form.cleaned_data["file"],
            file_format=form.cleaned_data["file_format"],
        )
        messages.success(request, _("The file was received. Its rows are being checked."))
        return redirect("imports:batch", pk=batch.pk)
    page = Paginator(selectors.batches_for(user), BATCHES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "columns": COLUMNS}
    return render(request, "imports/batches.html", context, status=400 if form.errors else 200)


@require_GET
def template(request: HttpRequest) -> HttpResponse:
    _person(request)
    buffer = io.StringIO()
    csv.writer(buffer).writerow(COLUMN_CODES)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cadre-officials-template.csv"'
    return response


@require_GET
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    found = permissions.get_batch_for(_person(request), pk)
    filter_form = RowFilterForm(request.GET or None)
    rows = selectors.rows_of(found, outcome=filter_form.outcome_wanted())
    context = {
        "batch": found,
        "filter_form": filter_form,
        "rows": Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page")),
        **_state(request.user, found),
    }
    return render(request, "imports/batch.html", context)


def _state(user: AnyUser, batch: ImportBatch) -> dict[str, object]:
    return {
        "progress": selectors.progress_of(batch),
        "busy": selectors.is_busy(batch),
        "may_confirm": permissions.can_confirm_batch(user, batch),
        "may_discard": permissions.can_discard_batch(user, batch),
        "may_check_again": permissions.can_check_batch_again(user, batch),
    }


@require_GET
def progress(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    found = permissions.get_batch_for(_person(request), pk)
    if request.htmx and not selectors.is_busy(found):
        return HttpResponseClientRefresh()
    return render(request, "imports/_progress.html", {"batch": found, **_state(request.user, found)})


@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    user = _person(request)
    return _change(request, pk, lambda found: services.confirm_batch(batch=found, confirmed_by=user))


@require_POST
def check_again(request: HttpRequest, pk: int) -> HttpResponse:
    user = _person(request)
    return _change(request, pk, lambda found: services.check_batch_again(batch=found, checked_by=user))


@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    user = _person(request)
    return _change(request, pk, lambda found: services.discard_batch(batch=found, discarded_by=user))


def _change(request: HttpRequest, pk: int, change: Callable[[ImportBatch], ImportBatch]) -> HttpResponse:
    found = permissions.get_batch_for(request.user, pk, write=True)
    try:
        change(found)
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
    return redirect("imports:batch", pk=pk)
