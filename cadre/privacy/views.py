"""Personal data pages: the privacy notice, each person's data and requests, and the data
protection officer's queue of requests and flagged accounts."""

import json
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadre.accounts.models import User
from cadre.privacy import permissions, selectors, services
from cadre.privacy.forms import DataRequestForm, KeepForm, RequestFilterForm, ResponseForm
from cadre.privacy.models import InactivityReview

ENTRIES_PER_PAGE = 25
REQUESTS_PER_PAGE = 25


def signed_in(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def officer(request: HttpRequest, allowed: Callable[[User], bool]) -> User:
    user = signed_in(request)
    if not allowed(user):
        raise PermissionDenied
    return user


def _errors(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


# --- Everyone -------------------------------------------------------------------------------


@login_not_required
@require_GET
def notice(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/notice.html", {"activities": selectors.processing_activities()})


@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    entries = Paginator(selectors.audit_entries_of(user), ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "privacy/my_data.html", {"data": selectors.my_data(user), "page": entries})


@require_GET
def my_data_json(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    body = json.dumps(selectors.export_of(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"cadre-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def my_requests(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    form = DataRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_data_request(person=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request has been sent to the data protection officer."))
            return redirect("privacy:my_requests")
    context = {"form": form, "requests": selectors.own_requests(user)}
    return render(request, "privacy/my_requests.html", context, status=400 if form.errors else 200)


@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    data_request = permissions.get_data_request_for(user, pk)
    context = {
        "data_request": data_request,
        "can_decide": permissions.can_decide_data_request(user, data_request),
        "form": ResponseForm(),
    }
    return render(request, "privacy/request_detail.html", context)


# --- The data protection officer --------------------------------------------------------------


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    user = officer(request, permissions.can_manage_data_requests)
    filtered = set(request.GET) - {"page"}
    form = RequestFilterForm(request.GET if filtered else None)
    found = selectors.filter_data_requests(selectors.data_requests_for(user), **form.filters())
    page = Paginator(found, REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "counts": selectors.request_counts_for(user)}
    return render(request, "privacy/queue.html", context)


DECISIONS = {"complete": services.complete_data_request, "refuse": services.refuse_data_request}


@require_POST
def decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = signed_in(request)
    data_request = permissions.get_data_request_for(user, pk)
    if action not in DECISIONS:
        raise Http404
    permissions.require(permissions.can_decide_data_request(user, data_request))
    form = ResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a response: the person will read it."))
        return redirect("privacy:request", pk=pk)
    try:
        DECISIONS[action](data_request=data_request, by=user, response=form.cleaned_data["response"])
    except ValidationError as error:
        _errors(request, error)
        return redirect("privacy:request", pk=pk)
    messages.success(request, _("The request is decided and the person is told by e-mail."))
    return redirect("privacy:queue")


@require_GET
def inactive(request: HttpRequest) -> HttpResponse:
    user = officer(request, permissions.can_review_inactive_accounts)
    page = Paginator(selectors.flagged_reviews_for(user), REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "privacy/inactive.html", {"page": page})


def _keep(review: InactivityReview, user: User, request: HttpRequest) -> str:
    form = KeepForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Say why the account is kept."))
    services.keep_account(review=review, by=user, reason=form.cleaned_data["reason"])
    return _("The account is kept and its flag cleared.")


def _anonymise(review: InactivityReview, user: User, request: HttpRequest) -> str:
    services.approve_anonymisation(review=review, by=user)
    return _("Anonymisation approved: the daily review carries it out unless the person signs in first.")


REVIEW_ACTIONS = {"keep": _keep, "anonymise": _anonymise}


@require_POST
def review_decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = officer(request, permissions.can_review_inactive_accounts)
    review = permissions.get_review_for(user, pk)
    chosen = REVIEW_ACTIONS.get(action)
    if chosen is None:
        raise Http404
    permissions.require(permissions.can_decide_review(user, review))
    try:
        messages.success(request, chosen(review, user, request))
    except ValidationError as error:
        _errors(request, error)
    return redirect("privacy:inactive")
