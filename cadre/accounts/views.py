"""Who holds which role: the list within one's scope, assigning and removing roles."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cadre.accounts import permissions, selectors, services
from cadre.accounts.forms import AssignRoleForm, PersonSearchForm, RoleHolderFilterForm
from cadre.accounts.models import RoleAssignment, User
from cadre.lib.http import HtmxHttpRequest

HOLDERS_PER_PAGE = 50


def _signed_in(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


@require_GET
def role_holders(request: HttpRequest) -> HttpResponse:
    user = _signed_in(request)
    if not permissions.can_view_role_holders(user):
        raise PermissionDenied
    form = RoleHolderFilterForm(request.GET or None)
    holders = selectors.filter_role_holders(selectors.role_holders_for(user), **form.filters())
    page = Paginator(holders, HOLDERS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(holder, permissions.can_remove_assignment(user, holder)) for holder in page.object_list]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "can_assign": permissions.can_assign_any_role(user),
    }
    return render(request, "accounts/role_holders.html", context)


@require_http_methods(["GET", "POST"])
def assign_role(request: HtmxHttpRequest) -> HttpResponse:
    user = _signed_in(request)
    if not permissions.can_assign_any_role(user):
        raise PermissionDenied
    person = _chosen_person(request, user)
    if person is None:
        return _find_person(request, user)
    form = AssignRoleForm(request.POST or None, assigner=user)
    if request.method == "POST" and form.is_valid():
        role, scope = form.cleaned_data["role"], form.cleaned_data["scope"]
        if not permissions.can_assign_role_to(user, person, role, scope):
            raise PermissionDenied
        if _assigned(request, form, person, user):
            return redirect("accounts:roles")
    return render(request, "accounts/assign_role.html", {"person": person, "form": form})


def _chosen_person(request: HttpRequest, user: User) -> User | None:
    """The person picked in the search step; 404 for anyone the assigner may not choose."""
    raw = request.POST.get("person") or request.GET.get("person")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    person = selectors.person_for_assignment(user, int(raw))
    if person is None:
        raise Http404
    return person


def _find_person(request: HtmxHttpRequest, user: User) -> HttpResponse:
    search = PersonSearchForm(request.GET or None)
    found = None
    if search.is_valid():
        found = selectors.search_people(selectors.people_assignable_by(user), search.cleaned_data["q"])
    context = {"search": search, "found": found}
    template = "accounts/_person_results.html" if request.htmx else "accounts/find_person.html"
    return render(request, template, context)


def _assigned(request: HttpRequest, form: AssignRoleForm, person: User, user: User) -> bool:
    role, scope = form.cleaned_data["role"], form.cleaned_data["scope"]
    if selectors.holds_role(person, role, scope):
        form.add_error(None, _("%(person)s already holds this role within this scope.") % {"person": person})
        return False
    try:
        services.assign_role(user=person, role=role, scope=scope, granted_by=user)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, _("%(person)s now holds the role %(role)s.") % {"person": person, "role": role})
    return True


@require_http_methods(["GET", "POST"])
def remove_role(request: HttpRequest, pk: int) -> HttpResponse:
    user = _signed_in(request)
    assignment: RoleAssignment | None = selectors.role_assignment_for(user, pk)
    if assignment is None:
        raise Http404
    if not permissions.can_remove_assignment(user, assignment):
        raise PermissionDenied
    if request.method == "POST":
        person, role = assignment.user, assignment.role
        services.remove_role(assignment=assignment, removed_by=user)
        messages.success(
            request, _("%(person)s no longer holds the role %(role)s.") % {"person": person, "role": role}
        )
        return redirect("accounts:roles")
    return render(request, "accounts/remove_role.html", {"assignment": assignment})
