"""The certification pathway's pages: starting a candidacy, the candidate's pathway (each stage
done or remaining, with its evidence), handing in and confirming evidence, the assessors, an
assessor's observation against the rubric, withdrawing, and an assessor's "My candidates"."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadre.accounts.models import User
from cadre.instructors import permissions, selectors, services
from cadre.instructors.forms import ReasonForm
from cadre.instructors.models import Candidacy, PathwayStage
from cadre.instructors.pathway_forms import AssessorsForm, EvidenceForm, ObservationForm, StartCandidacyForm
from cadre.instructors.views.common import signed_in

CANDIDACIES_PER_PAGE = 25


def _status(form: Any) -> int:
    return 400 if form.is_bound and form.errors else 200


def _pathway_url(candidacy: Candidacy, anchor: str = "") -> str:
    url = reverse("instructors:candidacy", args=[candidacy.pk])
    return f"{url}#{anchor}" if anchor else url


# --- Starting a candidacy -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def start_candidacy(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    instructor = permissions.get_instructor_for(user, pk)
    permissions.require(permissions.can_start_candidacy(user, instructor))
    form = StartCandidacyForm(request.POST or None, instructor=instructor)
    if request.method == "POST" and form.is_valid():
        try:
            candidacy = services.start_candidacy(
                instructor=instructor,
                level=form.cleaned_data["level"],
                by=user,
                values=form.values(),
                assessors=form.cleaned_data["assessors"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The candidacy is started."))
            return redirect(_pathway_url(candidacy))
    context = {"form": form, "instructor": instructor}
    return render(request, "instructors/candidacy_start.html", context, status=_status(form))


# --- The pathway page ---------------------------------------------------------------------------------


class _Rights:
    """What the person may do on one candidacy's page, each asked once."""

    def __init__(self, user: User, candidacy: Candidacy) -> None:
        self.submit = permissions.can_submit_evidence(user, candidacy)
        self.confirm = permissions.can_confirm_stage(user, candidacy)
        self.observe = permissions.can_record_observation(user, candidacy.instructor, candidacy)
        self.manage = permissions.can_manage_candidacy(user, candidacy)
        self.withdraw = permissions.can_withdraw_candidacy(user, candidacy)
        self.certify = permissions.can_certify(user, candidacy)


def _stage_rows(
    candidacy: Candidacy, rights: _Rights, bound: dict[str, EvidenceForm]
) -> list[dict[str, Any]]:
    """Each stage in order, with the forms the person may use on it. Stages are confirmed in
    order, so only the first one not done offers confirming (or the one just refused, to show why)."""
    rows = []
    first_remaining = True
    for number, step in enumerate(selectors.progress_of(candidacy), start=1):
        submit, confirm = f"submit-{step.stage.pk}", f"confirm-{step.stage.pk}"
        rows.append(
            {
                "number": number,
                "step": step,
                "may_submit": rights.submit and not step.done,
                "may_confirm": rights.confirm and not step.done and (first_remaining or confirm in bound),
                "submit_form": bound.get(submit) or EvidenceForm(stage=step.stage, prefix=submit),
                "confirm_form": bound.get(confirm)
                or EvidenceForm(stage=step.stage, needs_something=False, prefix=confirm),
                "open": submit in bound or confirm in bound,
            }
        )
        first_remaining = first_remaining and step.done
    return rows


def pathway_context(
    user: User,
    candidacy: Candidacy,
    *,
    bound: dict[str, EvidenceForm] | None = None,
    withdraw_form: ReasonForm | None = None,
    assessors_form: AssessorsForm | None = None,
) -> dict[str, Any]:
    candidacy = selectors.candidacy_page(candidacy.pk)
    rights = _Rights(user, candidacy)
    blockers = selectors.certification_blockers(candidacy) if candidacy.is_open else []
    return {
        "candidacy": candidacy,
        "instructor": candidacy.instructor,
        "person": candidacy.instructor.person,
        "stages": _stage_rows(candidacy, rights, bound or {}),
        "observations": list(candidacy.observations.all()),
        "blockers": blockers,
        "rights": rights,
        "ready_to_certify": rights.certify and not blockers,
        "is_own": permissions.is_own(user, candidacy.instructor),
        "withdraw_form": withdraw_form or ReasonForm(),
        "assessors_form": (assessors_form or AssessorsForm(candidacy=candidacy)) if rights.manage else None,
    }


def _pathway(request: HttpRequest, candidacy: Candidacy, *, status: int = 200, **forms: Any) -> HttpResponse:
    context = pathway_context(signed_in(request), candidacy, **forms)
    return render(request, "instructors/candidacy.html", context, status=status)


@require_GET
def candidacy(request: HttpRequest, pk: int) -> HttpResponse:
    found = permissions.get_candidacy_for(signed_in(request), pk)
    return _pathway(request, found)


# --- Stages -------------------------------------------------------------------------------------------


def _stage_of(candidacy: Candidacy, stage_pk: int) -> PathwayStage:
    stage = PathwayStage.objects.filter(pk=stage_pk, level_id=candidacy.level_id).first()
    if stage is None:
        raise Http404
    return stage


def _evidence_step(request: HttpRequest, pk: int, stage_pk: int, *, confirming: bool) -> HttpResponse:
    user = signed_in(request)
    found = permissions.get_candidacy_for(user, pk)
    allowed = permissions.can_confirm_stage if confirming else permissions.can_submit_evidence
    permissions.require(allowed(user, found))
    stage = _stage_of(found, stage_pk)
    key = f"{'confirm' if confirming else 'submit'}-{stage.pk}"
    form = EvidenceForm(request.POST, request.FILES, stage=stage, needs_something=not confirming, prefix=key)
    if form.is_valid():
        action = services.confirm_stage if confirming else services.submit_stage_evidence
        try:
            action(
                candidacy=found,
                stage=stage,
                by=user,
                file=form.cleaned_data.get("file") or None,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = _("The stage is confirmed.") if confirming else _("The evidence is handed in.")
            messages.success(request, done)
            return redirect(_pathway_url(found, f"stage-{stage.pk}"))
    return _pathway(request, found, status=400, bound={key: form})


@require_POST
def submit_evidence(request: HttpRequest, pk: int, stage: int) -> HttpResponse:
    return _evidence_step(request, pk, stage, confirming=False)


@require_POST
def confirm_stage(request: HttpRequest, pk: int, stage: int) -> HttpResponse:
    return _evidence_step(request, pk, stage, confirming=True)


# --- Assessors and withdrawing ------------------------------------------------------------------------


@require_POST
def candidacy_assessors(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    found = permissions.get_candidacy_for(user, pk)
    permissions.require(permissions.can_manage_candidacy(user, found))
    form = AssessorsForm(request.POST, candidacy=found)
    if form.is_valid():
        try:
            services.assign_assessors(candidacy=found, by=user, assessors=form.cleaned_data["assessors"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The assessors are saved."))
            return redirect(_pathway_url(found, "assessors"))
    return _pathway(request, found, status=400, assessors_form=form)


@require_POST
def withdraw_candidacy(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    found = permissions.get_candidacy_for(user, pk)
    permissions.require(permissions.can_withdraw_candidacy(user, found))
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw_candidacy(candidacy=found, by=user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The candidacy is withdrawn."))
            return redirect(_pathway_url(found))
    return _pathway(request, found, status=400, withdraw_form=form)


# --- Observing ----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def observe(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    found = permissions.get_candidacy_for(user, pk)
    permissions.require(permissions.can_record_observation(user, found.instructor, found))
    rubric = selectors.rubric_for(found.level)
    if rubric is None:
        messages.error(request, _("No rubric is set up to observe against."))
        return redirect(_pathway_url(found))
    form = ObservationForm(request.POST or None, candidacy=found, rubric=rubric)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_observation(
                instructor=found.instructor,
                candidacy=found,
                by=user,
                observed_on=form.cleaned_data["observed_on"],
                scores=form.scores(),
                recommendation=form.cleaned_data["recommendation"],
                comment=form.cleaned_data["comment"],
                course=form.cleaned_data["course"],
                delivery=form.cleaned_data["delivery"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The observation is recorded."))
            return redirect(_pathway_url(found, "observations"))
    context = {"form": form, "candidacy": found, "instructor": found.instructor, "rubric": rubric}
    return render(request, "instructors/observe.html", context, status=_status(form))


# --- An assessor's candidates -------------------------------------------------------------------------


def _candidate_row(candidacy: Candidacy) -> dict[str, Any]:
    progress = selectors.progress_of(candidacy)
    remaining = [step for step in progress if not step.done]
    return {
        "candidacy": candidacy,
        "done": len(progress) - len(remaining),
        "total": len(progress),
        "next": remaining[0] if remaining else None,
        "awaiting": [step for step in remaining if step.submitted],
        "latest": selectors.latest_observation(candidacy),
    }


@require_GET
def my_candidates(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    permissions.require(permissions.can_view_assessed_candidacies(user))
    show_all = request.GET.get("show") == "all"
    found = selectors.candidacies_assessed_by(user, open_only=not show_all)
    page = Paginator(found, CANDIDACIES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": [_candidate_row(candidacy) for candidacy in page.object_list],
        "show_all": show_all,
    }
    return render(request, "instructors/my_candidates.html", context)
