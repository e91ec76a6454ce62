"""The course manager's selection: the nominations with their checks and the balance of the
selection, decisions one by one or in bulk, the waitlist and its order; and withdrawing a
nomination (its NCB or the manager) or removing a participant (the manager)."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadre.accounts.models import User
from cadre.lib.http import local_path
from cadre.training_sessions import eligibility, permissions
from cadre.training_sessions.forms.selection import (
    GROUP_FILTERS,
    BulkDecisionForm,
    DecisionForm,
    MoveForm,
    ReasonForm,
    SelectionFilterForm,
)
from cadre.training_sessions.models import Nomination, Session
from cadre.training_sessions.selectors import selection as selectors
from cadre.training_sessions.services import selection as services
from cadre.training_sessions.services import waitlist as waitlist_services

PER_PAGE = 100


def signed_in(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def form_errors(form: Any) -> str:
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


def _selecting(request: HttpRequest, pk: int) -> tuple[User, Session]:
    user = signed_in(request)
    session = permissions.get_session_for(user, pk)
    permissions.require(permissions.can_select(user, session))
    return user, session


def _back(request: HttpRequest, session: Session) -> HttpResponse:
    """To the page the form was on (the selection page with its filters), else the selection."""
    target = local_path(request, request.POST.get("next", ""))
    if target is not None:
        return redirect(target)
    return redirect("training_sessions:selection", session.pk)


# --- The selection page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    nomination: Nomination
    checks: list[dict[str, Any]]
    blockers: list[str]  # why it cannot be accepted (seats aside)
    may_remove: bool
    may_withdraw: bool
    may_get_letter: bool


def selection_rows(user: User, session: Session, nominations: list[Nomination]) -> list[Row]:
    titles = eligibility.course_titles(nomination.checks for nomination in nominations)
    rows = []
    for nomination in nominations:
        nomination.session = session
        checks = eligibility.shown(nomination.checks, titles)
        failed = [check["message"] for check in checks if not check["ok"]]
        rows.append(
            Row(
                nomination=nomination,
                checks=checks,
                blockers=services.acceptance_blockers(nomination, failed),
                may_remove=permissions.can_remove_participant(user, nomination),
                may_withdraw=permissions.can_withdraw_nomination(user, nomination),
                may_get_letter=permissions.can_get_invitation_letter(user, nomination),
            )
        )
    return rows


@require_GET
def selection(request: HttpRequest, pk: int) -> HttpResponse:
    user, session = _selecting(request, pk)
    overview = selectors.selection_overview(session)
    groups = {code: overview.choices(code) for code in GROUP_FILTERS}
    form = SelectionFilterForm(request.GET or None, groups=groups)
    nominations = selectors.nominations_to_select(session, form.filters())
    page = Paginator(nominations, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "session": session,
        "form": form,
        "page": page,
        "rows": selection_rows(user, session, list(page.object_list)),
        "overview": overview,
        "book": overview.book,
        "decision_form": DecisionForm(),
        "here": request.get_full_path(),
    }
    return render(request, "training_sessions/selection/page.html", context)


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """One decision: accept, waitlist or reject (with a reason)."""
    user = signed_in(request)
    nomination = permissions.get_nomination_for(user, pk)
    permissions.require(permissions.can_select(user, nomination.session))
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return _back(request, nomination.session)
    decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
    try:
        if decision == "accept":
            services.accept_nomination(nomination=nomination, by=user, note=reason)
        elif decision == "waitlist":
            services.waitlist_nomination(nomination=nomination, by=user, note=reason)
        else:
            services.reject_nomination(nomination=nomination, by=user, reason=reason)
    except ValidationError as error:
        messages.error(request, f"{nomination.person.get_full_name()}: {error_text(error)}")
    else:
        messages.success(request, _decided_message(decision, 1))
    return _back(request, nomination.session)


def _decided_message(decision: str, count: int) -> str:
    if decision == "accept":
        return _("Accepted: %(count)s. Each receives the invitation by e-mail.") % {"count": count}
    if decision == "waitlist":
        return _("Put on the waitlist: %(count)s.") % {"count": count}
    return _("Rejected: %(count)s.") % {"count": count}


@require_POST
def decide_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    """The same decision on the ticked nominations: all of them, or none."""
    user, session = _selecting(request, pk)
    ids = Nomination.objects.filter(session=session).values_list("pk", flat=True)
    form = BulkDecisionForm(request.POST, ids=ids)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return _back(request, session)
    data = form.cleaned_data
    try:
        decided = services.decide_nominations(
            session=session,
            by=user,
            ids=data["nominations"],
            decision=data["decision"],
            reason=data["reason"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _decided_message(data["decision"], len(decided)))
    return _back(request, session)


# --- The waitlist ---------------------------------------------------------------------------------


@require_GET
def waitlist(request: HttpRequest, pk: int) -> HttpResponse:
    _user, session = _selecting(request, pk)
    queue = list(selectors.waitlist_of(session).select_related("person__agency", "country__region"))
    book = selectors.seat_book(session)
    for nomination in queue:
        nomination.session = session
    context = {
        "session": session,
        "queue": [(row, book.allowance(selectors.group_of(session, row))) for row in queue],
        "book": book,
    }
    return render(request, "training_sessions/selection/waitlist.html", context)


@require_POST
def move_waitlisted(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    nomination = permissions.get_nomination_for(user, pk)
    permissions.require(permissions.can_select(user, nomination.session))
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
    else:
        try:
            waitlist_services.move_on_waitlist(
                nomination=nomination, by=user, direction=form.cleaned_data["direction"]
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
    return redirect("training_sessions:waitlist", nomination.session_id)


@require_POST
def fill_waitlist(request: HttpRequest, pk: int) -> HttpResponse:
    """Give every free seat to the waitlist, in its order."""
    user, session = _selecting(request, pk)
    promoted = waitlist_services.fill_from_waitlist(session=session, by=user)
    if promoted:
        messages.success(
            request, _("Moved from the waitlist to a seat: %(count)s.") % {"count": len(promoted)}
        )
    else:
        messages.error(
            request, _("Nobody was moved: no seat is free, or nobody waiting may take the seats that are.")
        )
    return redirect("training_sessions:waitlist", session.pk)


# --- Leaving: withdrawal and removal ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """The NCB of the nominee's country, or the course manager, withdraws a nomination."""
    user = signed_in(request)
    nomination = permissions.get_nomination_for(user, pk)
    permissions.require(permissions.can_withdraw_nomination(user, nomination))
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_nomination(nomination=nomination, by=user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The nomination is withdrawn."))
            if permissions.manages(user, nomination.session):
                return redirect("training_sessions:selection", nomination.session_id)
            return redirect("training_sessions:nomination", nomination.pk)
    status = 400 if request.method == "POST" else 200
    context = {"nomination": nomination, "session": nomination.session, "form": form, "action": "withdraw"}
    return render(request, "training_sessions/selection/withdraw.html", context, status=status)


@require_POST
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    """The course manager takes a participant off the session; the seat goes to the waitlist."""
    user = signed_in(request)
    nomination = permissions.get_nomination_for(user, pk)
    permissions.require(permissions.can_remove_participant(user, nomination))
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for removing the participant."))
        return _back(request, nomination.session)
    try:
        services.remove_participant(nomination=nomination, by=user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request, _("The participant is removed; the seat went to the waitlist if anyone could take it.")
        )
    return _back(request, nomination.session)
