from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadre.accounts.models import User
from cadre.lib.http import HtmxHttpRequest
from cadre.materials import permissions, selectors, services
from cadre.materials.forms import (
    CriteriaForm,
    DecisionForm,
    MaterialForm,
    QueueFilterForm,
    RepositoryFilterForm,
    VersionForm,
)
from cadre.materials.models import Review

PER_PAGE = 20


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _status(request: HttpRequest, form: object) -> int:
    return 400 if request.method == "POST" and getattr(form, "errors", None) else 200


@require_GET
def repository(request: HtmxHttpRequest) -> HttpResponse:
    if not permissions.can_use_repository(request.user):
        raise PermissionDenied
    form = RepositoryFilterForm(request.GET or None)
    found = selectors.repository_for(request.user, form.filters())
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "may_submit": selectors.courses_for_submission(request.user).exists(),
        "may_review": permissions.can_review_material(request.user),
    }
    template = "materials/_repository_results.html" if request.htmx else "materials/repository.html"
    return render(request, template, context)


@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.submissions_of(request.user), PER_PAGE).get_page(request.GET.get("page"))
    may_submit = selectors.courses_for_submission(request.user).exists()
    return render(request, "materials/mine.html", {"page": page, "may_submit": may_submit})


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    if not permissions.can_review_material(request.user):
        raise PermissionDenied
    form = QueueFilterForm(request.GET or None)
    page = Paginator(selectors.queue_for(request.user, form.filters()), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "materials/queue.html", {"form": form, "page": page})


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    courses = selectors.courses_for_submission(request.user)
    if not courses.exists():
        raise PermissionDenied
    initial = {}
    chosen = courses.filter(code=request.GET.get("course") or "").first()
    if chosen is not None:
        initial = {
            "course": chosen.code,
            "crime_areas": list(chosen.crime_areas.all()),
            "capabilities": list(chosen.capabilities.all()),
        }
    form = MaterialForm(request.POST or None, request.FILES or None, courses=courses, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            material = services.submit_material(
                by=_user(request),
                course=data["course"],
                title=data["title"],
                kind=data["kind"],
                language=data["language"],
                description=data["description"],
                crime_areas=data["crime_areas"],
                capabilities=data["capabilities"],
                upload=data["file"],
                note=data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The material was submitted. A quality officer will review it."))
            return redirect("materials:material", material.pk)
    return render(request, "materials/submit.html", {"form": form}, status=_status(request, form))


@require_GET
def material(request: HttpRequest, pk: int) -> HttpResponse:
    found = permissions.get_material_for(request.user, pk)
    versions = selectors.versions_for(request.user, found)
    context = {
        "material": found,
        "versions": versions,
        "may_add_version": permissions.can_add_version(request.user, found)
        and not any(version.is_pending for version in versions),
        "may_withdraw": {v.pk for v in versions if permissions.can_withdraw_version(request.user, v)},
        "may_start_review": {v.pk for v in versions if permissions.can_start_review(request.user, v)},
        "sees_everything": permissions.sees_everything_of(request.user, found),
        "may_review": permissions.can_review_material(request.user),
    }
    return render(request, "materials/material.html", context)


@require_http_methods(["GET", "POST"])
def add_version(request: HttpRequest, pk: int) -> HttpResponse:
    found = permissions.get_material_for(request.user, pk, write=True)
    form = VersionForm(request.POST or None, request.FILES or None, kind=found.kind)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.submit_version(
                by=_user(request),
                material=found,
                upload=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Version %(number)s was submitted. A quality officer will review it.")
                % {"number": version.number},
            )
            return redirect("materials:material", found.pk)
    context = {"form": form, "material": found}
    return render(request, "materials/add_version.html", context, status=_status(request, form))


@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    version = permissions.get_version_for(request.user, pk)
    try:
        handle = version.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=version.safe_name, content_type=version.mime)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    version = permissions.get_version_for(request.user, pk)
    if not permissions.can_withdraw_version(request.user, version):
        raise PermissionDenied
    try:
        services.withdraw_version(by=_user(request), version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The version was withdrawn from review."))
    return redirect("materials:material", version.material_id)


@require_POST
def start_review(request: HttpRequest, pk: int) -> HttpResponse:
    version = permissions.get_version_for(request.user, pk)
    if not permissions.can_start_review(request.user, version):
        raise PermissionDenied
    try:
        review = services.start_review(by=_user(request), version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("materials:material", version.material_id)
    return redirect("materials:review", review.pk)


def _review_page(
    request: HttpRequest, review: Review, *, decision: DecisionForm | None = None, status: int = 200
) -> HttpResponse:
    findings = selectors.review_findings(review)
    criteria = list(selectors.chosen_criteria(review))
    may_decide = permissions.can_decide_review(request.user, review)
    context = {
        "review": review,
        "version": review.version,
        "material": review.version.material,
        "may_decide": may_decide,
        "criteria_form": CriteriaForm(initial={"criteria": criteria}) if may_decide else None,
        "decision": decision or DecisionForm(criteria=criteria, findings=findings),
        "findings": [(criterion, findings.get(criterion.pk)) for criterion in criteria],
    }
    return render(request, "materials/review.html", context, status=status)


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    found = permissions.get_review_for(request.user, pk)
    if request.method == "GET":
        return _review_page(request, found)
    if not permissions.can_decide_review(request.user, found):
        raise PermissionDenied
    criteria = list(selectors.chosen_criteria(found))
    form = DecisionForm(request.POST, criteria=criteria, findings=selectors.review_findings(found))
    if not form.is_valid():
        return _review_page(request, found, decision=form, status=400)
    try:
        if request.POST.get("action") == "decide":
            services.decide_review(
                by=_user(request),
                review=found,
                outcome=form.cleaned_data["outcome"],
                comments=form.cleaned_data["comments"],
                findings=form.findings(),
            )
        else:
            services.record_findings(by=_user(request), review=found, findings=form.findings())
    except ValidationError as error:
        form.add_error(None, error)
        return _review_page(request, found, decision=form, status=400)
    if request.POST.get("action") == "decide":
        messages.success(request, _("The decision was recorded and the submitter informed."))
        return redirect("materials:queue")
    messages.success(request, _("The findings were saved."))
    return redirect("materials:review", found.pk)


@require_POST
def review_criteria(request: HttpRequest, pk: int) -> HttpResponse:
    found = permissions.get_review_for(request.user, pk)
    if not permissions.can_decide_review(request.user, found):
        raise PermissionDenied
    form = CriteriaForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose criteria from the list."))
        return redirect("materials:review", found.pk)
    try:
        services.choose_criteria(by=_user(request), review=found, criteria=form.cleaned_data["criteria"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The criteria were saved."))
    return redirect("materials:review", found.pk)
