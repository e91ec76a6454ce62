from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadre.accounts.models import User
from cadre.standards import permissions, selectors, services
from cadre.standards.forms import CriterionForm, EditionForm, GuidelineForm, SectionForm, StepFilterForm
from cadre.standards.models import GUIDELINE_TEXTS, Edition, Guideline, SatStep, Section

# What a comparison says changed in a criterion.
CHANGE_LABELS = {
    "number": gettext_lazy("number"),
    "section": gettext_lazy("section"),
    "sat_step": gettext_lazy("step"),
    "applies_to_material": gettext_lazy("applies to training material"),
    "title": gettext_lazy("title"),
    "requirement": gettext_lazy("requirement"),
    "guidance": gettext_lazy("guidance"),
}


def _user(request: HttpRequest) -> User:
    """The signed-in person (login is required everywhere here)."""
    return request.user  # type: ignore[return-value]


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def _edition_page(request: HttpRequest, edition: Edition | None, *, is_guide: bool) -> HttpResponse:
    form = StepFilterForm(request.GET or None)
    step = form.chosen_step()
    editor = permissions.can_edit_standards(request.user)
    context: dict[str, Any] = {
        "edition": edition,
        "is_guide": is_guide,
        "form": form,
        "step": step,
        "step_label": dict(SatStep.choices).get(step, ""),
        "sections": selectors.sections_of(edition, step=step) if edition else [],
        "guidelines": list(selectors.guidelines_for(request.user)) if is_guide else [],
        "may_edit": edition is not None and permissions.can_edit_edition(request.user, edition),
        "may_open": editor and is_guide,
        "draft": selectors.draft_edition() if editor else None,
        "previous": selectors.previous_edition(edition) if edition else None,
    }
    if context["may_edit"]:
        context["untranslated"] = selectors.untranslated_criteria(edition)  # type: ignore[arg-type]
    return render(request, "standards/guide.html", context)


@require_GET
def guide(request: HttpRequest) -> HttpResponse:
    """The edition of the Guide in force, with the directives and guidelines beside it."""
    return _edition_page(request, selectors.edition_in_force(), is_guide=True)


@require_GET
def editions(request: HttpRequest) -> HttpResponse:
    context = {
        "editions": selectors.editions_for(request.user),
        "may_open": permissions.can_open_edition(request.user),
    }
    return render(request, "standards/editions.html", context)


@require_GET
def edition(request: HttpRequest, number: int) -> HttpResponse:
    return _edition_page(request, permissions.get_edition_for(request.user, number), is_guide=False)


@require_GET
def compare(request: HttpRequest, number: int) -> HttpResponse:
    found = permissions.get_edition_for(request.user, number)
    comparison = selectors.compare_editions(found)
    changes = [(change, [CHANGE_LABELS[name] for name in change.fields]) for change in comparison.changed]
    return render(
        request, "standards/compare.html", {"edition": found, "comparison": comparison, "changes": changes}
    )


def _attempt(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    """Run a service call; report its refusal as a message instead of an error page."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True


@require_POST
def open_edition(request: HttpRequest) -> HttpResponse:
    if not permissions.can_open_edition(request.user):
        raise PermissionDenied
    try:
        draft = services.open_draft_edition(by=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("standards:editions")
    messages.success(request, _("A new draft edition was opened, copied from the edition in force."))
    return redirect("standards:edition", draft.number)


def _status(request: HttpRequest, form: Any) -> int:
    return 400 if request.method == "POST" and form.errors else 200


def _form_page(request: HttpRequest, form: Any, context: dict[str, Any]) -> HttpResponse:
    return render(request, "standards/form.html", {"form": form, **context}, status=_status(request, form))


def _save(request: HttpRequest, form: Any, save: Callable[[], Any], success: str) -> bool:
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, success)
    return True


@require_http_methods(["GET", "POST"])
def edit_edition(request: HttpRequest, number: int) -> HttpResponse:
    found = permissions.get_edition_for(request.user, number, write=True)
    form = EditionForm(request.POST or None, instance=found)
    if _save(
        request,
        form,
        lambda: services.update_edition(edition=found, by=_user(request), values=form.values()),
        _("The edition was saved."),
    ):
        return redirect("standards:edition", number)
    return _form_page(request, form, {"edition": found, "heading": _("Edit the edition")})


@require_http_methods(["GET", "POST"])
def edit_section(request: HttpRequest, number: int, section: int) -> HttpResponse:
    found = permissions.get_edition_for(request.user, number, write=True)
    target = selectors.section_of(found, section)
    if target is None:
        raise Http404
    form = SectionForm(request.POST or None, instance=target)
    if _save(
        request,
        form,
        lambda: services.update_section(section=target, by=_user(request), values=form.values()),
        _("The section was saved."),
    ):
        return redirect("standards:edition", number)
    return _form_page(request, form, {"edition": found, "heading": _("Edit the section")})


@require_http_methods(["GET", "POST"])
def add_criterion(request: HttpRequest, number: int, section: int) -> HttpResponse:
    found = permissions.get_edition_for(request.user, number, write=True)
    target = selectors.section_of(found, section)
    if target is None:
        raise Http404
    form = CriterionForm(request.POST or None, edition=found, adding=True, initial={"section": target})
    add = partial(_add_criterion, request, form, target)
    if _save(request, form, add, _("The criterion was added.")):
        return redirect("standards:edition", number)
    return _form_page(request, form, {"edition": found, "heading": _("Add a criterion")})


def _add_criterion(request: HttpRequest, form: CriterionForm, section: Section) -> None:
    chosen = form.cleaned_data.get("section") or section
    services.add_criterion(section=chosen, by=_user(request), values=form.values())


def _criterion(request: HttpRequest, number: int, key: str) -> Any:
    found = permissions.get_edition_for(request.user, number, write=True)
    criterion = selectors.criterion_of(found, key)
    if criterion is None:
        raise Http404
    return found, criterion


@require_http_methods(["GET", "POST"])
def edit_criterion(request: HttpRequest, number: int, key: str) -> HttpResponse:
    found, criterion = _criterion(request, number, key)
    form = CriterionForm(request.POST or None, instance=criterion, edition=found, adding=False)
    if _save(
        request,
        form,
        lambda: services.update_criterion(criterion=criterion, by=_user(request), values=form.values()),
        _("The criterion was saved."),
    ):
        return redirect("standards:edition", number)
    context = {"edition": found, "criterion": criterion, "heading": _("Edit the criterion")}
    return _form_page(request, form, context)


@require_POST
def remove_criterion(request: HttpRequest, number: int, key: str) -> HttpResponse:
    _found, criterion = _criterion(request, number, key)
    _attempt(
        request,
        lambda: services.remove_criterion(criterion=criterion, by=_user(request)),
        _("The criterion was removed from the draft."),
    )
    return redirect("standards:edition", number)


@require_POST
def publish_edition(request: HttpRequest, number: int) -> HttpResponse:
    found = permissions.get_edition_for(request.user, number, write=True)
    if _attempt(
        request,
        lambda: services.publish_edition(edition=found, by=_user(request)),
        _("The edition is in force; the previous one is superseded."),
    ):
        return redirect("standards:guide")
    return redirect("standards:edition", number)


@require_POST
def discard_edition(request: HttpRequest, number: int) -> HttpResponse:
    found = permissions.get_edition_for(request.user, number, write=True)
    if _attempt(
        request,
        lambda: services.discard_draft_edition(edition=found, by=_user(request)),
        _("The draft edition was discarded."),
    ):
        return redirect("standards:editions")
    return redirect("standards:edition", number)


# --- Directives and guidelines -----------------------------------------------------------------


def _guideline_page(
    request: HttpRequest, guideline: Guideline, texts: dict[str, str], **extra: Any
) -> HttpResponse:
    context = {
        "guideline": guideline,
        "texts": texts,
        "versions": selectors.versions_of(guideline),
        "may_edit": permissions.can_edit_guideline(request.user, guideline),
        **extra,
    }
    return render(request, "standards/guideline.html", context)


@require_GET
def guideline(request: HttpRequest, code: str) -> HttpResponse:
    found = permissions.get_guideline_for(request.user, code)
    texts = {name: getattr(found, name) or "" for name in GUIDELINE_TEXTS}
    return _guideline_page(request, found, texts, version=None)


@require_GET
def guideline_version(request: HttpRequest, code: str, version: int) -> HttpResponse:
    found = permissions.get_guideline_for(request.user, code)
    record = selectors.version_of(found, version)
    if record is None:
        raise Http404
    snapshot, language = record.snapshot, _language()
    texts = {
        name: snapshot.get(f"{name}_{language}") or snapshot.get(f"{name}_en") or ""
        for name in GUIDELINE_TEXTS
    }
    return _guideline_page(request, found, texts, version=record)


@require_http_methods(["GET", "POST"])
def create_guideline(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_guideline(request.user):
        raise PermissionDenied
    form = GuidelineForm(request.POST or None, creating=True)
    created: list[Guideline] = []

    def create() -> None:
        created.append(services.create_guideline(by=_user(request), values=form.values()))

    if _save(request, form, create, _("The document was issued and is in force.")):
        return redirect("standards:guideline", created[0].code)
    return _form_page(request, form, {"heading": _("New directive or guideline")})


@require_http_methods(["GET", "POST"])
def edit_guideline(request: HttpRequest, code: str) -> HttpResponse:
    found = permissions.get_guideline_for(request.user, code, write=True)
    form = GuidelineForm(request.POST or None, instance=found, creating=False)
    if _save(
        request,
        form,
        lambda: services.revise_guideline(guideline=found, by=_user(request), values=form.values()),
        _("A new version was saved; earlier versions stay readable."),
    ):
        return redirect("standards:guideline", code)
    context = {"guideline": found, "heading": _("Revise the document")}
    return _form_page(request, form, context)


@require_POST
def withdraw_guideline(request: HttpRequest, code: str) -> HttpResponse:
    found = permissions.get_guideline_for(request.user, code, write=True)
    _attempt(
        request,
        lambda: services.withdraw_guideline(guideline=found, by=_user(request)),
        _("The document was withdrawn; it stays readable."),
    )
    return redirect("standards:guideline", code)
