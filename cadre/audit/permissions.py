"""Who may read the audit trail: data protection officers and administrators everything,
an NCB the entries about its own country, nobody else anything."""

from cadre.accounts import permissions as role_checks
from cadre.accounts.permissions import AnyUser

ORGANISATION_ROLES = ("data-protection-officer",)
NCB_ROLES = ("ncb-focal-point", "ncb-head")


def can_browse_audit(user: AnyUser) -> bool:
    return role_checks.is_administrator(user) or role_checks.has_role(user, *ORGANISATION_ROLES, *NCB_ROLES)


def can_see_every_country(user: AnyUser) -> bool:
    return role_checks.is_administrator(user) or role_checks.has_role(user, *ORGANISATION_ROLES)
