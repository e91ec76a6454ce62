"""A session's instructors: the candidates with the rule's verdict for each, booking one (and an
administrator's override of the rule), and releasing one."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cadre.accounts.models import User
from cadre.instructors import permissions as instructor_permissions
from cadre.instructors import rules
from cadre.training_sessions import permissions
from cadre.training_sessions.forms import sessions as forms
from cadre.training_sessions.models import Session
from cadre.training_sessions.selectors import sessions as selectors
from cadre.training_sessions.services import session_instructors as services
from cadre.training_sessions.views.sessions import signed_in

CANDIDATES_PER_PAGE = 25


def candidates_page(
    request: HttpRequest,
    user: User,
    session: Session,
    *,
    form: forms.InstructorForm | None = None,
    refusal: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    search = forms.CandidateSearchForm(request.GET or None)
    role = search.role_value()
    query = search.cleaned_data.get("q", "") if search.is_bound and search.is_valid() else ""
    rows = selectors.instructor_candidates(session, role=role, q=query)
    context: dict[str, Any] = {
        "session": session,
        "search": search,
        "role": role,
        "page": Paginator(rows, CANDIDATES_PER_PAGE).get_page(request.GET.get("page")),
        "allowed_count": sum(1 for row in rows if row.verdict.allowed and not row.on_session),
        "instructors": selectors.instructor_links(session),
        "form": form or forms.InstructorForm(initial={"role": role}),
        "refusal": refusal,
        "may_override": instructor_permissions.can_override_rule(user),
    }
    return render(request, "training_sessions/sessions/instructors.html", context, status=status)


def _refusal(session: Session, form: forms.InstructorForm) -> list[str] | None:
    """The rule's reasons for the instructor chosen, when the form is wrong elsewhere (an
    override without its justification)."""
    data = getattr(form, "cleaned_data", {})
    if "instructor" not in data or "role" not in data:
        return None
    verdict = rules.may_deliver(
        data["instructor"],
        session.course,
        session.language,
        session.starts_on,
        session.ends_on,
        role=data["role"],
    )
    return verdict.reasons or None


@require_GET
def candidates(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    session = permissions.get_session_for(user, pk, write=True)
    return candidates_page(request, user, session)


@require_POST
def add_instructor(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    session = permissions.get_session_for(user, pk, write=True)
    form = forms.InstructorForm(request.POST)
    if not form.is_valid():
        return candidates_page(request, user, session, form=form, refusal=_refusal(session, form), status=400)
    data = form.cleaned_data
    try:
        link = services.add_instructor(
            session=session,
            instructor=data["instructor"],
            by=user,
            role=data["role"],
            override_reason=data["override_reason"],
        )
    except ValidationError as error:
        return candidates_page(request, user, session, form=form, refusal=error.messages, status=400)
    name = link.assignment.instructor.person.display_name
    if link.assignment.is_override:
        messages.warning(request, _("%(name)s is booked, overriding the rule.") % {"name": name})
    else:
        messages.success(request, _("%(name)s is booked for the session.") % {"name": name})
    return redirect("training_sessions:detail", session.pk)


@require_POST
def remove_instructor(request: HttpRequest, pk: int, link: int) -> HttpResponse:
    user = signed_in(request)
    session = permissions.get_session_for(user, pk, write=True)
    found = selectors.instructor_link(session, link)
    if found is None:
        raise Http404
    form = forms.RemoveInstructorForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("%(name)s is still booked for the session: %(errors)s")
            % {
                "name": found.assignment.instructor.person.display_name,
                "errors": " ".join(str(error) for error in form["reason"].errors),
            },
        )
        return redirect("training_sessions:detail", session.pk)
    try:
        services.remove_instructor(session=session, link=found, by=user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is no longer booked for the session.")
            % {"name": found.assignment.instructor.person.display_name},
        )
    return redirect("training_sessions:detail", session.pk)
