"""Vetting pages: a person's own request, and the NCB's requests, people, invitations, codes
and e-mail domain rules."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from allauth.account.views import SignupView
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadre.accounts.models import User
from cadre.vetting import permissions, selectors, services
from cadre.vetting.forms import BulkDecisionForm, MyRequestForm, ReasonForm, RequestFilterForm
from cadre.vetting.models import AccessRequest

REQUESTS_PER_PAGE = 25


def signed_in(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def vetter(request: HttpRequest) -> User:
    user = signed_in(request)
    if not permissions.can_vet_somewhere(user):
        raise PermissionDenied
    return user


# --- Registration --------------------------------------------------------------------------


@login_not_required
@require_GET
def agency_options(request: HttpRequest) -> HttpResponse:
    """The agencies of the chosen country, as <option>s for the registration form."""
    agencies = selectors.registration_agencies(request.GET.get("country", ""))
    return render(request, "vetting/_agency_options.html", {"agencies": agencies})


class InvitedSignupView(SignupView):
    """Sign-up from an invitation: the address and country come pre-filled, and registering
    approves the person."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if selectors.usable_invitation(self.kwargs["token"]) is None:
            return render(request, "vetting/invitation_invalid.html", status=404)
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if selectors.usable_invitation(self.kwargs["token"]) is None:
            return render(request, "vetting/invitation_invalid.html", status=404)
        return super().post(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        initial: dict[str, Any] = super().get_initial()
        invitation = selectors.usable_invitation(self.kwargs["token"])
        if invitation is not None:
            initial.update(
                email=invitation.email,
                country=invitation.country_id,
                agency=invitation.agency_id,
                invitation=invitation.token,
            )
        return initial


invited_signup = InvitedSignupView.as_view()


# --- A person's own request ---------------------------------------------------------------


@require_GET
def my_request(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    record = selectors.request_of(user)
    context = {
        "record": record,
        "decisions": selectors.decisions_of(record),
        "has_access": selectors.access_of(user),
    }
    return render(request, "vetting/my_request.html", context)


@require_http_methods(["GET", "POST"])
def edit_my_request(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    record = selectors.request_of(user)
    if record is None or not record.is_open:
        messages.error(request, _("Your request has been decided and can no longer be changed."))
        return redirect("vetting:my_request")
    form = MyRequestForm(request.POST or None, initial=MyRequestForm.initial_for(user, record))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_own_request(person=user, profile=form.profile(), proposal=form.proposal())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request has been updated and sent to your NCB."))
            return redirect("vetting:my_request")
    return render(request, "vetting/edit_my_request.html", {"form": form, "record": record})


# --- The NCB's requests ---------------------------------------------------------------------


@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    user = vetter(request)
    countries = selectors.vetted_countries(user)
    # Only the page number asked for: the default filter (pending requests) still applies.
    filtered = set(request.GET) - {"page"}
    form = RequestFilterForm(request.GET if filtered else None, countries=countries)
    found = selectors.filter_requests(selectors.requests_for(user), **form.filters())
    page = Paginator(found, REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "bulk": BulkDecisionForm(), "statuses": AccessRequest.Status}
    return render(request, "vetting/requests.html", context)


@require_POST
def bulk_decide(request: HttpRequest) -> HttpResponse:
    user = vetter(request)
    form = BulkDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("vetting:requests")
    records = selectors.requests_by_ids(user, form.cleaned_data["selected"])
    if not records:
        raise Http404
    try:
        outcome = services.decide_in_bulk(
            records=records, by=user, action=form.cleaned_data["action"], reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("vetting:requests")
    messages.success(
        request,
        _("Decided: %(decided)s. Left as they were: %(skipped)s.")
        % {"decided": outcome.decided, "skipped": outcome.skipped},
    )
    return redirect("vetting:requests")


def _person_or_404(request: HttpRequest, pk: int) -> tuple[User, User]:
    user = signed_in(request)
    person = permissions.get_person_for(user, selectors.person_for(user, pk))
    return user, person


@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user, person = _person_or_404(request, pk)
    record = selectors.request_of(person)
    allowed = {name: action.allowed(user, person, record) for name, action in ACTIONS.items()}
    context = {
        "person": person,
        "record": record,
        "decisions": selectors.decisions_of(record),
        "allowed": allowed,
        "reason_form": ReasonForm(),
    }
    return render(request, "vetting/person.html", context)


@dataclass(frozen=True)
class PersonAction:
    allowed: Callable[[User, User, AccessRequest | None], bool]
    apply: Callable[[User, User, AccessRequest | None, str], object]
    needs_reason: bool
    done: str


def _existing(record: AccessRequest | None) -> AccessRequest:
    if record is None:  # the permission check has ruled this out already
        raise Http404
    return record


def _approve(user: User, person: User, record: AccessRequest | None, reason: str) -> object:
    return services.approve_request(record=_existing(record), by=user)


def _reject(user: User, person: User, record: AccessRequest | None, reason: str) -> object:
    return services.reject_request(record=_existing(record), by=user, reason=reason)


def _ask(user: User, person: User, record: AccessRequest | None, reason: str) -> object:
    return services.ask_for_information(record=_existing(record), by=user, reason=reason)


def _reconfirm(user: User, person: User, record: AccessRequest | None, reason: str) -> object:
    return services.reconfirm_access(record=_existing(record), by=user)


def _suspend(user: User, person: User, record: AccessRequest | None, reason: str) -> object:
    return services.suspend_access(person=person, by=user, reason=reason)


def _reinstate(user: User, person: User, record: AccessRequest | None, reason: str) -> object:
    return services.reinstate_access(person=person, by=user, reason=reason)


def _revoke(user: User, person: User, record: AccessRequest | None, reason: str) -> object:
    return services.revoke_access(person=person, by=user, reason=reason)


def _on_request(check: Callable[[User, AccessRequest | None], bool]) -> Callable[..., bool]:
    return lambda user, person, record: check(user, record)


ACTIONS: dict[str, PersonAction] = {
    "approve": PersonAction(_on_request(permissions.can_approve_request), _approve, False, "approved"),
    "reject": PersonAction(_on_request(permissions.can_reject_request), _reject, True, "rejected"),
    "ask": PersonAction(_on_request(permissions.can_ask_for_information), _ask, True, "asked"),
    "reconfirm": PersonAction(
        _on_request(permissions.can_reconfirm_access), _reconfirm, False, "reconfirmed"
    ),
    "suspend": PersonAction(permissions.can_suspend_access, _suspend, True, "suspended"),
    "reinstate": PersonAction(permissions.can_reinstate_access, _reinstate, True, "reinstated"),
    "revoke": PersonAction(permissions.can_revoke_access, _revoke, True, "revoked"),
}


def done_message(done: str, person: User) -> str:
    texts = {
        "approved": _("%(person)s is approved."),
        "rejected": _("The request of %(person)s is rejected."),
        "asked": _("%(person)s has been asked for more information."),
        "reconfirmed": _("The access of %(person)s is re-confirmed."),
        "suspended": _("The access of %(person)s is suspended."),
        "reinstated": _("The access of %(person)s is reinstated."),
        "revoked": _("The access of %(person)s is revoked and their sessions are ended."),
    }
    return texts[done] % {"person": person}


@require_POST
def person_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user, person = _person_or_404(request, pk)
    chosen = ACTIONS.get(action)
    if chosen is None:
        raise Http404
    record = selectors.request_of(person)
    permissions.require(chosen.allowed(user, person, record))
    form = ReasonForm(request.POST)
    if chosen.needs_reason and not form.is_valid():
        messages.error(request, _("Give a reason: the person will read it."))
        return redirect("vetting:person", pk=person.pk)
    reason = form.cleaned_data.get("reason", "") if form.is_valid() else ""
    try:
        chosen.apply(user, person, record, reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done_message(chosen.done, person))
    return redirect("vetting:person", pk=person.pk)
