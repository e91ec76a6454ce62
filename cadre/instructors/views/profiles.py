"""The instructor list, a profile, editing one's own (or, for certification managers, anyone's),
the photo and availability."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadre.accounts.models import User
from cadre.instructors import permissions, selectors, services
from cadre.instructors.forms import (
    AvailabilityForm,
    InstructorFilterForm,
    NewInstructorForm,
    ProfileForm,
    ReasonForm,
    RenewForm,
)
from cadre.instructors.models import AvailabilityPeriod, Certification, Instructor, StageCompletion
from cadre.instructors.views.common import error_text, signed_in

INSTRUCTORS_PER_PAGE = 25
Status = Certification.Status


@require_GET
def instructor_list(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not permissions.can_browse_instructors(user):
        if permissions.is_instructor(user):
            return redirect("instructors:my_profile")
        raise PermissionDenied
    form = InstructorFilterForm(request.GET or None)
    found = selectors.instructor_list(user, form.filters())
    page = Paginator(found, INSTRUCTORS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "may_create": permissions.can_create_instructor(user),
        "sees_pool": permissions.sees_whole_pool(user),
    }
    return render(request, "instructors/list.html", context)


def _certification_rows(user: User, instructor: Instructor) -> list[dict[str, Any]]:
    rows = []
    for certification in selectors.certifications_of(instructor):
        status = certification.current_status()
        may_change = permissions.can_change_certification(user, certification)
        rows.append(
            {
                "certification": certification,
                "status": status,
                "may_suspend": may_change and status == Status.ACTIVE,
                "may_reinstate": may_change and status == Status.SUSPENDED,
                "may_revoke": may_change and status in (Status.ACTIVE, Status.SUSPENDED),
                "may_renew": may_change and status == Status.ACTIVE,
                "renewal_blockers": services.renewal_blockers(certification)
                if may_change and status == Status.ACTIVE
                else [],
            }
        )
    return rows


def _candidacy_rows(user: User, instructor: Instructor) -> list[dict[str, Any]]:
    rows = []
    for candidacy in selectors.candidacies_of(instructor):
        if not permissions.can_view_candidacy(user, candidacy):
            continue
        rows.append(
            {
                "candidacy": candidacy,
                "progress": selectors.progress_of(candidacy),
                "observations": list(candidacy.observations.all()),
                "blockers": selectors.certification_blockers(candidacy) if candidacy.is_open else [],
                "may_certify": permissions.can_certify(user, candidacy),
            }
        )
    return rows


def profile_context(user: User, instructor: Instructor) -> dict[str, Any]:
    assignments = list(selectors.assignments_of(instructor))
    may_edit = permissions.can_edit_instructor(user, instructor)
    return {
        "instructor": instructor,
        "person": instructor.person,
        "languages": instructor.languages.order_by("language"),
        "availability": selectors.availability_of(instructor),
        "certifications": _certification_rows(user, instructor),
        "candidacies": _candidacy_rows(user, instructor),
        "assignments": assignments,
        "overrides": [item for item in assignments if item.is_override],
        "deliveries": selectors.delivery_count(instructor),
        "may_edit": may_edit,
        "is_own": permissions.is_own(user, instructor),
        "availability_form": AvailabilityForm() if may_edit else None,
        "reason_form": ReasonForm(),
        "renew_form": RenewForm(),
    }


@require_GET
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    instructor = permissions.get_instructor_for(user, pk)
    return render(request, "instructors/profile.html", profile_context(user, instructor))


def _form_status(request: HttpRequest, form: Any) -> int:
    return 400 if request.method == "POST" and form.errors else 200


def _save_profile(request: HttpRequest, form: ProfileForm, instructor: Instructor) -> HttpResponse | None:
    user = signed_in(request)
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        services.update_instructor_profile(instructor=instructor, by=user, values=form.values())
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, _("The profile is saved."))
    return redirect("instructors:profile", instructor.pk)


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    instructor = permissions.get_instructor_for(user, pk, write=True)
    managed = permissions.can_manage_instructor(user, instructor)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=instructor, managed=managed)
    done = _save_profile(request, form, instructor)
    if done is not None:
        return done
    context = {"form": form, "instructor": instructor, "own": permissions.is_own(user, instructor)}
    return render(request, "instructors/form.html", context, status=_form_status(request, form))


@require_http_methods(["GET", "POST"])
def my_profile(request: HttpRequest) -> HttpResponse:
    """One's own profile to edit; an instructor without one starts it here."""
    user = signed_in(request)
    instructor = Instructor.objects.select_related("person").filter(person=user).first()
    if instructor is not None:
        form = ProfileForm(request.POST or None, request.FILES or None, instance=instructor)
        done = _save_profile(request, form, instructor)
        if done is not None:
            return done
        context = {"form": form, "instructor": instructor, "own": True}
        return render(request, "instructors/form.html", context, status=_form_status(request, form))
    if not permissions.can_have_own_profile(user):
        raise PermissionDenied
    form = ProfileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_instructor_profile(person=user, by=user, values=form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your instructor profile is created."))
            return redirect("instructors:profile", created.pk)
    context = {"form": form, "instructor": None, "own": True}
    return render(request, "instructors/form.html", context, status=_form_status(request, form))


@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    permissions.require(permissions.can_create_instructor(user))
    form = NewInstructorForm(request.POST or None, request.FILES or None, managed=True)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_instructor_profile(
                person=form.cleaned_data["person_email"], by=user, values=form.values()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The instructor profile is created."))
            return redirect("instructors:profile", created.pk)
    context = {"form": form, "instructor": None, "own": False}
    return render(request, "instructors/form.html", context, status=_form_status(request, form))


def _private_file(handle: Any, *, content_type: str, filename: str, attachment: bool) -> FileResponse:
    response = FileResponse(handle, as_attachment=attachment, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_GET
def photo(request: HttpRequest, pk: int) -> FileResponse:
    """The photo, to those who may see the profile; its type is the one checked at upload."""
    instructor = permissions.get_instructor_for(signed_in(request), pk)
    if not instructor.photo or not instructor.photo_type.startswith("image/"):
        raise Http404
    try:
        handle = instructor.photo.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return _private_file(
        handle, content_type=instructor.photo_type, filename=f"instructor-{instructor.pk}", attachment=False
    )


@require_GET
def evidence(request: HttpRequest, pk: int) -> FileResponse:
    """A stage's evidence, to those who may see the candidacy: always as a download."""
    completion = get_object_or_404(StageCompletion.objects.select_related("candidacy__instructor"), pk=pk)
    if (
        not permissions.can_view_candidacy(signed_in(request), completion.candidacy)
        or not completion.evidence
    ):
        raise Http404
    try:
        handle = completion.evidence.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    name = completion.evidence_name or "evidence"
    return _private_file(handle, content_type="application/octet-stream", filename=name, attachment=True)


@require_POST
def add_availability(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    instructor = permissions.get_instructor_for(user, pk, write=True)
    form = AvailabilityForm(request.POST)
    if form.is_valid():
        try:
            services.add_availability(instructor=instructor, by=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The period is added."))
            return redirect("instructors:profile", instructor.pk)
    context = {**profile_context(user, instructor), "availability_form": form}
    return render(request, "instructors/profile.html", context, status=400)


@require_POST
def remove_availability(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    period = get_object_or_404(AvailabilityPeriod, pk=pk)
    instructor = permissions.get_instructor_for(user, period.instructor_id, write=True)
    try:
        services.remove_availability(period=period, by=user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The period is removed."))
    return redirect("instructors:profile", instructor.pk)
