"""What an NCB hands out before registration: invitations and pre-authorisation codes, and its
country's rules on e-mail domains."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cadre.accounts.models import User
from cadre.vetting import permissions, selectors, services
from cadre.vetting.forms import CodeForm, DomainRuleForm, InvitationForm
from cadre.vetting.views.requests import vetter

PER_PAGE = 25


def _handout_page(
    request: HttpRequest,
    *,
    form_class: type[Form],
    listed: QuerySet[Any],
    create: Callable[[User, dict[str, Any]], Model],
    allowed: Callable[[User, Any], bool],
    template: str,
    created_message: str,
) -> HttpResponse:
    user = vetter(request)
    countries = selectors.vetted_countries(user)
    form = form_class(request.POST or None, countries=countries)  # type: ignore[call-arg]
    if request.method == "POST" and form.is_valid():
        permissions.require(allowed(user, form.cleaned_data["country"]))
        try:
            create(user, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, created_message)
            return redirect(request.path)
    page = Paginator(listed, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, template, {"form": form, "page": page})


@require_http_methods(["GET", "POST"])
def invitations(request: HttpRequest) -> HttpResponse:
    user = vetter(request)
    return _handout_page(
        request,
        form_class=InvitationForm,
        listed=selectors.invitations_for(user),
        create=lambda by, data: services.invite_person(
            country=data["country"], email=data["email"], agency=data["agency"], invited_by=by
        ),
        allowed=permissions.can_invite,
        template="vetting/invitations.html",
        created_message=_("The invitation has been sent."),
    )


@require_POST
def withdraw_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    user = vetter(request)
    invitation = selectors.invitations_for(user).filter(pk=pk).first()
    if invitation is None:
        raise Http404
    permissions.require(permissions.can_withdraw_invitation(user, invitation))
    services.withdraw_invitation(invitation=invitation, by=user)
    messages.success(request, _("The invitation has been withdrawn."))
    return redirect("vetting:invitations")


@require_http_methods(["GET", "POST"])
def codes(request: HttpRequest) -> HttpResponse:
    user = vetter(request)
    return _handout_page(
        request,
        form_class=CodeForm,
        listed=selectors.codes_for(user),
        create=lambda by, data: services.issue_code(
            country=data["country"],
            agency=data["agency"],
            max_uses=data["max_uses"],
            expires_on=data["expires_on"],
            issued_by=by,
        ),
        allowed=permissions.can_issue_code,
        template="vetting/codes.html",
        created_message=_("The code has been issued. Hand it to the officials of the agency."),
    )


@require_POST
def revoke_code(request: HttpRequest, pk: int) -> HttpResponse:
    user = vetter(request)
    code = selectors.codes_for(user).filter(pk=pk).first()
    if code is None:
        raise Http404
    permissions.require(permissions.can_revoke_code(user, code))
    services.revoke_code(code=code, by=user)
    messages.success(request, _("The code %(code)s has been revoked.") % {"code": code.code})
    return redirect("vetting:codes")


@require_http_methods(["GET", "POST"])
def domain_rules(request: HttpRequest) -> HttpResponse:
    user = vetter(request)
    return _handout_page(
        request,
        form_class=DomainRuleForm,
        listed=selectors.domain_rules_for(user),
        create=lambda by, data: services.add_domain_rule(
            country=data["country"], domain=data["domain"], kind=data["kind"], added_by=by
        ),
        allowed=permissions.can_manage_domain_rules,
        template="vetting/domain_rules.html",
        created_message=_("The rule has been added."),
    )


@require_POST
def remove_domain_rule(request: HttpRequest, pk: int) -> HttpResponse:
    user = vetter(request)
    rule = selectors.domain_rules_for(user).filter(pk=pk).first()
    if rule is None:
        raise Http404
    permissions.require(permissions.can_manage_domain_rules(user, rule.country))
    services.remove_domain_rule(rule=rule, removed_by=user)
    messages.success(request, _("The rule has been removed."))
    return redirect("vetting:domain_rules")
