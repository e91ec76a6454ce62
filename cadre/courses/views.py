from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadre.courses import permissions, selectors, services
from cadre.courses.forms import CatalogueSearchForm, CourseForm
from cadre.courses.models import TRANSLATED_FIELDS
from cadre.lib.http import HtmxHttpRequest

COURSES_PER_PAGE = 20


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def _catalogue(request: HtmxHttpRequest, *, public: bool) -> HttpResponse:
    form = CatalogueSearchForm(request.GET or None)
    found = selectors.search_courses(request.user, form.query(), form.filters(), _language(), public=public)
    page = Paginator(found, COURSES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "public": public,
        "may_create": not public and permissions.can_create_course(request.user),
        "mine": selectors.courses_looked_after(request.user)[:10] if not public else [],
    }
    template = "courses/_results.html" if request.htmx else "courses/catalogue.html"
    return render(request, template, context)


@require_GET
def catalogue(request: HtmxHttpRequest) -> HttpResponse:
    return _catalogue(request, public=False)


@login_not_required
@require_GET
def public_catalogue(request: HtmxHttpRequest) -> HttpResponse:
    return _catalogue(request, public=True)


def _detail(request: HttpRequest, code: str, *, public: bool) -> HttpResponse:
    course = permissions.get_course_for(request.user, code)
    if public and not course.is_public:
        raise Http404
    context = {
        "course": course,
        "public": public,
        "prerequisites": selectors.prerequisites_of(request.user, course),
        "versions": selectors.versions_of(course) if not public else [],
        "may_edit": permissions.can_edit_course(request.user, course),
        "may_publish": permissions.can_publish_course(request.user, course),
        "may_archive": permissions.can_archive_course(request.user, course),
    }
    return render(request, "courses/course.html", context)


@require_GET
def course(request: HttpRequest, code: str) -> HttpResponse:
    return _detail(request, code, public=False)


@login_not_required
@require_GET
def public_course(request: HttpRequest, code: str) -> HttpResponse:
    return _detail(request, code, public=True)


@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_course(request.user):
        raise PermissionDenied
    may_set_public = permissions.can_set_public_flag(request.user)
    form = CourseForm(request.POST or None, may_set_public=may_set_public)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_course(by=request.user, values=form.values())  # type: ignore[arg-type]
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The course was saved as a draft."))
            return redirect("courses:course", created.code)
    return render(request, "courses/form.html", {"form": form, "course": None}, status=_status(request, form))


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, code: str) -> HttpResponse:
    found = permissions.get_course_for(request.user, code, write=True)
    may_set_public = permissions.can_set_public_flag(request.user)
    form = CourseForm(request.POST or None, instance=found, may_set_public=may_set_public)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.update_course(course=found, by=request.user, values=form.values())  # type: ignore[arg-type]
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The course was saved."))
            return redirect("courses:course", saved.code)
    return render(
        request, "courses/form.html", {"form": form, "course": found}, status=_status(request, form)
    )


def _status(request: HttpRequest, form: CourseForm) -> int:
    return 400 if request.method == "POST" and form.errors else 200


@require_POST
def publish(request: HttpRequest, code: str) -> HttpResponse:
    found = permissions.get_course_for(request.user, code)
    if not permissions.can_publish_course(request.user, found):
        raise PermissionDenied
    try:
        services.publish_course(course=found, by=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The course is published in the catalogue."))
    return redirect("courses:course", found.code)


@require_POST
def archive(request: HttpRequest, code: str) -> HttpResponse:
    found = permissions.get_course_for(request.user, code)
    if not permissions.can_archive_course(request.user, found):
        raise PermissionDenied
    try:
        services.archive_course(course=found, by=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The course is archived and no longer in the catalogue."))
    return redirect("courses:course", found.code)


@require_GET
def version(request: HttpRequest, code: str, number: int) -> HttpResponse:
    found = permissions.get_course_for(request.user, code)
    record = selectors.version_of(found, number)
    if record is None:
        raise Http404
    language = _language()
    snapshot = record.snapshot
    texts = {
        field: snapshot.get(f"{field}_{language}") or snapshot.get(f"{field}_en") or snapshot.get(field) or ""
        for field in TRANSLATED_FIELDS
    }
    context = {"course": found, "version": record, "texts": texts, "snapshot": snapshot}
    return render(request, "courses/version.html", context)
