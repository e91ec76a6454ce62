"""One step of a case: evidence (uploaded, downloaded, removed), submission, findings,
comments, and the step marked reviewed or sent back."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cadre.accreditation import permissions, selectors, services
from cadre.accreditation.forms import CommentForm, EvidenceForm, FindingsForm, ReturnStepForm
from cadre.accreditation.models import CaseStep
from cadre.accreditation.views.cases import error_text, render_case, signed_in
from cadre.lib import uploads


def _back(step: CaseStep) -> HttpResponse:
    return redirect("accreditation:case_step", step.case.reference, step.step)


@require_POST
def upload_evidence(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    user = signed_in(request)
    found = permissions.get_step_for(user, reference, step)
    permissions.require(permissions.can_upload_evidence(user, found))
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.add_evidence(
                step=found,
                by=user,
                title=form.cleaned_data["title"],
                file=upload,
                checked=uploads.checked_of(upload),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The evidence is added."))
            return _back(found)
    return render_case(request, found.case, found.step, {"evidence_form": form}, status=400)


@require_GET
def evidence(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, to those who may see its case: always as a download, never shown in
    the browser, its type never guessed."""
    item = permissions.get_evidence_for(signed_in(request), pk)
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type="application/octet-stream"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
def delete_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    item = permissions.get_evidence_for(user, pk)
    permissions.require(permissions.can_delete_evidence(user, item))
    try:
        services.delete_evidence(evidence=item, by=user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The evidence is removed."))
    return _back(item.step)


@require_POST
def submit_step(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    user = signed_in(request)
    found = permissions.get_step_for(user, reference, step)
    permissions.require(permissions.can_submit_step(user, found))
    try:
        services.submit_step(step=found, by=user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The step is submitted to the reviewers."))
    return _back(found)


@require_POST
def record_findings(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    user = signed_in(request)
    found = permissions.get_step_for(user, reference, step)
    permissions.require(permissions.can_record_findings(user, found))
    page = selectors.step_page(found, user)
    form = FindingsForm(request.POST, criteria=page.criteria, mine=page.mine)
    if form.is_valid():
        try:
            services.record_findings(step=found, by=user, ratings=form.ratings())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your findings are saved."))
            return _back(found)
    return render_case(request, found.case, found.step, {"findings_form": form}, status=400)


@require_POST
def comment(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    user = signed_in(request)
    found = permissions.get_step_for(user, reference, step)
    permissions.require(permissions.can_comment(user, found.case))
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(step=found, by=user, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your comment is added."))
            return _back(found)
    return render_case(request, found.case, found.step, {"comment_form": form}, status=400)


@require_POST
def mark_reviewed(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    user = signed_in(request)
    found = permissions.get_step_for(user, reference, step)
    permissions.require(permissions.can_mark_step_reviewed(user, found))
    try:
        services.mark_step_reviewed(step=found, by=user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The step is reviewed."))
    return _back(found)


@require_POST
def return_step(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    user = signed_in(request)
    found = permissions.get_step_for(user, reference, step)
    permissions.require(permissions.can_return_step(user, found))
    form = ReturnStepForm(request.POST)
    if form.is_valid():
        try:
            services.return_step(step=found, by=user, reason=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The step is sent back for more evidence."))
            return _back(found)
    return render_case(request, found.case, found.step, {"return_form": form}, status=400)
