"""Accreditation cases: the list, opening a case, an institution's application, the case page
with its five steps, reviewers, withdrawal and the decision."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadre.accounts.models import User
from cadre.accreditation import permissions, selectors, services
from cadre.accreditation.forms import (
    ApplicationForm,
    CaseFilterForm,
    CommentForm,
    DecisionForm,
    EvidenceForm,
    FindingsForm,
    OpenCaseForm,
    ReturnStepForm,
    ReviewerForm,
)
from cadre.accreditation.models import AccreditationCase, CaseStep

CASES_PER_PAGE = 25


def signed_in(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    permissions.require(permissions.can_see_accreditation(user))
    form = CaseFilterForm(request.GET or None)
    cases = selectors.cases_for(user, form.filters())
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "may_open": permissions.can_open_case(user),
        "may_apply": permissions.can_apply(user),
    }
    return render(request, "accreditation/cases.html", context)


@require_http_methods(["GET", "POST"])
def open_case(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    permissions.require(permissions.can_open_case(user))
    initial = {"course": selectors.courses_to_open(user).filter(code=request.GET.get("course", "")).first()}
    form = OpenCaseForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.open_case(course=form.cleaned_data["course"], by=user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The case is open. Add evidence to each step; the quality officers assign its reviewers."),
            )
            return redirect("accreditation:case", case.reference)
    status = 400 if request.method == "POST" else 200
    return render(request, "accreditation/open_case.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    permissions.require(permissions.can_apply(user))
    form = ApplicationForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.apply_for_accreditation(
                institution=form.cleaned_data["institution"], by=user, values=form.values()
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(
                None, error if isinstance(error, ValidationError) else _("Choose your institution.")
            )
        else:
            messages.success(
                request, _("Your application is saved as a draft. Add evidence, then submit it.")
            )
            return redirect("accreditation:case", case.reference)
    status = 400 if request.method == "POST" else 200
    return render(request, "accreditation/application.html", {"form": form, "case": None}, status=status)


@require_http_methods(["GET", "POST"])
def edit_application(request: HttpRequest, reference: str) -> HttpResponse:
    user = signed_in(request)
    case = permissions.get_case_for(user, reference)
    permissions.require(permissions.can_edit_application(user, case))
    form = ApplicationForm(request.POST or None, user=user, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_application(case=case, by=user, values=form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your application is saved."))
            return redirect("accreditation:case", case.reference)
    status = 400 if request.method == "POST" else 200
    return render(request, "accreditation/application.html", {"form": form, "case": case}, status=status)


def _post_action(request: HttpRequest, case: AccreditationCase, call: Any, done: str) -> HttpResponse:
    try:
        call()
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, done)
    return redirect("accreditation:case", case.reference)


@require_POST
def submit_application(request: HttpRequest, reference: str) -> HttpResponse:
    user = signed_in(request)
    case = permissions.get_case_for(user, reference)
    permissions.require(permissions.can_submit_application(user, case))
    return _post_action(
        request,
        case,
        lambda: services.submit_application(case=case, by=user),
        _("Your application is submitted. The quality officers will assign its reviewers."),
    )


@require_POST
def withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    user = signed_in(request)
    case = permissions.get_case_for(user, reference)
    permissions.require(permissions.can_withdraw_case(user, case))
    return _post_action(
        request, case, lambda: services.withdraw_case(case=case, by=user), _("The case is withdrawn.")
    )


@require_POST
def assign_reviewer(request: HttpRequest, reference: str) -> HttpResponse:
    user = signed_in(request)
    case = permissions.get_case_for(user, reference)
    permissions.require(permissions.can_assign_reviewers(user, case))
    form = ReviewerForm(request.POST)
    if not form.is_valid():
        return render_case(request, case, None, {"reviewer_form": form}, status=400)
    data = form.cleaned_data
    try:
        services.assign_reviewer(
            case=case,
            by=user,
            reviewer=data["reviewer"],
            kind=data["kind"],
            organisation=data["organisation"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return render_case(request, case, None, {"reviewer_form": form}, status=400)
    messages.success(request, _("The reviewer is assigned and told by e-mail."))
    return redirect("accreditation:case", case.reference)


@require_POST
def remove_reviewer(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    user = signed_in(request)
    case = permissions.get_case_for(user, reference)
    row = next((item for item in case.reviewers.all() if item.pk == pk), None)
    if row is None:
        raise Http404
    permissions.require(permissions.can_assign_reviewers(user, case))
    return _post_action(
        request, case, lambda: services.remove_reviewer(row=row, by=user), _("The reviewer is removed.")
    )


@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, reference: str) -> HttpResponse:
    user = signed_in(request)
    case = permissions.get_case_for(user, reference)
    permissions.require(permissions.can_decide(user, case))
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.decide_case(
                case=case,
                by=user,
                outcome=data["outcome"],
                conditions=data["conditions"],
                conditions_deadline=data["conditions_deadline"],
                reason=data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision is recorded and the applicant told by e-mail."))
            return redirect("accreditation:case", case.reference)
    context = {
        "case": case,
        "form": form,
        "problems": services.decision_problems(case),
        "validity_years": settings.ACCREDITATION_VALIDITY_YEARS,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "accreditation/decide.html", context, status=status)


# --- The case page ------------------------------------------------------------------------------


@require_GET
def case_page(request: HttpRequest, reference: str, step: str = "") -> HttpResponse:
    user = signed_in(request)
    case = permissions.get_case_for(user, reference)
    return render_case(request, case, step or None)


def _selected(case: AccreditationCase, steps: list[CaseStep], step: str | None) -> CaseStep:
    wanted = step or case.current_step
    found = next((row for row in steps if row.step == wanted), None)
    if found is None:
        raise Http404
    return found


def _flags(user: User, case: AccreditationCase, step: CaseStep) -> dict[str, bool]:
    return {
        "may_edit_application": permissions.can_edit_application(user, case),
        "may_submit_application": permissions.can_submit_application(user, case),
        "may_withdraw": permissions.can_withdraw_case(user, case),
        "may_assign": permissions.can_assign_reviewers(user, case),
        "may_decide": permissions.can_decide(user, case),
        "may_upload": permissions.can_upload_evidence(user, step),
        "may_submit_step": permissions.can_submit_step(user, step),
        "may_review": permissions.can_record_findings(user, step),
        "may_mark_reviewed": permissions.can_mark_step_reviewed(user, step),
        "may_comment": permissions.can_comment(user, case),
    }


def render_case(
    request: HttpRequest,
    case: AccreditationCase,
    step: str | None,
    forms: dict[str, Form] | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    """The case page, on one of its steps; `forms` carries forms sent back with errors."""
    user = signed_in(request)
    steps = list(case.steps.all())
    selected = _selected(case, steps, step)
    selected.case = case
    page = selectors.step_page(selected, user)
    flags = _flags(user, case, selected)
    given = forms or {}
    context: dict[str, Any] = {
        "case": case,
        "steps": steps,
        "selected": selected,
        "page": page,
        "certificate": selectors.certificates_of_case(case),
        "contributor": permissions.is_contributor(user, case),
        **flags,
        "evidence_form": given.get("evidence_form") or EvidenceForm(),
        "comment_form": given.get("comment_form") or CommentForm(),
        "return_form": given.get("return_form") or ReturnStepForm(),
        "reviewer_form": given.get("reviewer_form") or (ReviewerForm() if flags["may_assign"] else None),
        "findings_form": given.get("findings_form")
        or (FindingsForm(criteria=page.criteria, mine=page.mine) if flags["may_review"] else None),
    }
    return render(request, "accreditation/case.html", context, status=status)
