"""The main navigation: each entry is shown only to those whose roles allow it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cadre.accounts import permissions
from cadre.accounts.permissions import AnyUser
from cadre.accreditation import permissions as accreditation_permissions
from cadre.audit import permissions as audit_permissions
from cadre.imports import permissions as imports_permissions
from cadre.instructors import permissions as instructors_permissions
from cadre.materials import permissions as materials_permissions
from cadre.privacy import permissions as privacy_permissions
from cadre.standards import permissions as standards_permissions
from cadre.training_sessions import permissions as sessions_permissions
from cadre.vetting import permissions as vetting_permissions


def signed_in(user: AnyUser) -> bool:
    return bool(user.is_authenticated)


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    visible: Callable[[AnyUser], bool]


ITEMS: tuple[NavItem, ...] = (
    NavItem(_("Dashboard"), "portal:dashboard", signed_in),
    NavItem(_("Directory"), "directory:countries", signed_in),
    NavItem(_("Catalogue"), "courses:catalogue", signed_in),
    NavItem(pgettext_lazy("training", "Sessions"), "training_sessions:list", signed_in),
    NavItem(_("NCB nominations"), "training_sessions:ncb", sessions_permissions.works_for_an_ncb),
    NavItem(_("My training"), "training_sessions:record", signed_in),
    NavItem(_("My certificates"), "certificates:mine", signed_in),
    NavItem(_("Material"), "materials:repository", materials_permissions.can_use_repository),
    NavItem(_("Instructors"), "instructors:list", instructors_permissions.can_open_instructors),
    NavItem(
        _("My candidates"), "instructors:my_candidates", instructors_permissions.can_view_assessed_candidacies
    ),
    NavItem(_("Accreditation"), "accreditation:cases", accreditation_permissions.can_see_accreditation),
    NavItem(_("Standards"), "standards:guide", standards_permissions.can_view_standards),
    NavItem(_("Roles"), "accounts:roles", permissions.can_view_role_holders),
    NavItem(_("Imports"), "imports:batches", imports_permissions.can_import_somewhere),
    NavItem(_("Vetting"), "vetting:requests", vetting_permissions.can_vet_somewhere),
    NavItem(_("Audit trail"), "audit:entries", audit_permissions.can_browse_audit),
    NavItem(_("Personal data"), "privacy:my_data", privacy_permissions.can_see_own_data),
    NavItem(_("Data requests"), "privacy:queue", privacy_permissions.can_manage_data_requests),
    NavItem(_("API"), "api-1:openapi-view", permissions.is_administrator),
    NavItem(_("Administration"), "admin:index", permissions.can_use_admin_site),
)


@dataclass(frozen=True)
class NavLink:
    label: str | Promise
    url: str
    current: bool


def links_for(request: HttpRequest) -> list[NavLink]:
    links = []
    for item in ITEMS:
        if not item.visible(request.user):
            continue
        url = reverse(item.url_name)
        current = request.path == url or (url != "/" and request.path.startswith(url))
        links.append(NavLink(item.label, url, current))
    return links
