"""The questions every app asks about a person's roles.

A person's role assignments are read once per request and kept on the user object, so
asking many questions on one page costs one query.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models

from cadre.accounts.models import SCOPE_MODELS, Role, RoleAssignment, ScopeKind, User

ADMINISTRATOR = "administrator"
LEARNER = "learner"
_KIND_OF_MODEL = {label: kind for kind, label in SCOPE_MODELS.items()}

AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class Grant:
    role: str
    scope_kind: str
    scope_id: int | None


def grants_of(user: AnyUser) -> frozenset[Grant]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached: frozenset[Grant] | None = getattr(user, "_cadre_grants", None)
    if cached is None:
        rows = RoleAssignment.objects.filter(user=user).values_list(
            "role__code", "role__scope_kind", "scope_id"
        )
        cached = frozenset(Grant(*row) for row in rows)
        user._cadre_grants = cached  # type: ignore[attr-defined]
    return cached


def forget_grants(user: AnyUser) -> None:
    """Drop the cached grants after the person's roles changed."""
    if hasattr(user, "_cadre_grants"):
        del user._cadre_grants


def role_codes(user: AnyUser) -> frozenset[str]:
    return frozenset(grant.role for grant in grants_of(user))


def is_administrator(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser) or (
        ADMINISTRATOR in role_codes(user)
    )


def must_use_mfa(user: AnyUser) -> bool:
    """Whether the person must sign in with a second factor: everyone holding a role beyond
    "learner" (or using the admin site), and with MFA_REQUIRED_FOR_LEARNERS everyone."""
    if not user.is_authenticated or not user.is_active:
        return False
    if settings.MFA_REQUIRED_FOR_LEARNERS or user.is_staff or user.is_superuser:
        return True
    return bool(role_codes(user) - {LEARNER})


def has_role(user: AnyUser, *roles: str, scope: models.Model | None = None) -> bool:
    """Whether the person holds one of `roles`; with `scope`, within that object.

    An organisation-wide assignment of a role covers every scope.
    """
    wanted = [grant for grant in grants_of(user) if grant.role in roles]
    if scope is None:
        return bool(wanted)
    kind = _KIND_OF_MODEL.get(scope._meta.label_lower)
    return any(
        grant.scope_kind == ScopeKind.ORGANISATION
        or (grant.scope_kind == kind and grant.scope_id == scope.pk)
        for grant in wanted
    )


def scope_ids(user: AnyUser, *roles: str, kind: str) -> frozenset[int]:
    """The ids of the objects of `kind` within which the person holds one of `roles`."""
    return frozenset(
        grant.scope_id
        for grant in grants_of(user)
        if grant.role in roles and grant.scope_kind == kind and grant.scope_id is not None
    )


def holds_organisation_wide(user: AnyUser, *roles: str) -> bool:
    return any(
        grant.role in roles and grant.scope_kind == ScopeKind.ORGANISATION for grant in grants_of(user)
    )


def can_use_admin_site(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


# Who may hand out which role besides administrators: the holder of the key role may give
# the listed roles within the scope in which they hold it (a head of NCB in their country).
DELEGATIONS: dict[str, tuple[str, ...]] = {
    "ncb-head": ("ncb-focal-point", "ncb-head"),
    "institution-administrator": ("institution-administrator",),
}
# Roles whose holders see who holds which role among the people of their countries.
COUNTRY_WATCH_ROLES = ("ncb-focal-point", "ncb-head", "regional-training-officer")
INSTITUTION_WATCH_ROLES = ("institution-administrator",)


def grantors_of(role_code: str) -> tuple[str, ...]:
    """The roles whose holders may give `role_code` within their own scope."""
    return tuple(grantor for grantor, given in DELEGATIONS.items() if role_code in given)


def delegable_role_codes(user: AnyUser) -> frozenset[str]:
    """The roles the person may give within their own scopes (administrators aside)."""
    held = role_codes(user)
    return frozenset(code for grantor, given in DELEGATIONS.items() if grantor in held for code in given)


def _is_assignable_kind(kind: str) -> bool:
    from cadre.accounts.scopes import scope_model

    return kind == ScopeKind.ORGANISATION or scope_model(kind) is not None


def _scope_fits_role(role: Role, scope: models.Model | None) -> bool:
    if scope is None:
        return role.scope_kind == ScopeKind.ORGANISATION
    return _KIND_OF_MODEL.get(scope._meta.label_lower) == role.scope_kind


def can_assign_role(user: AnyUser, role: Role, scope: models.Model | None) -> bool:
    """Whether the person may give `role` within `scope` (to someone they may choose)."""
    if not _is_assignable_kind(role.scope_kind) or not _scope_fits_role(role, scope):
        return False
    if is_administrator(user):
        return True
    grantors = grantors_of(role.code)
    return bool(grantors) and scope is not None and has_role(user, *grantors, scope=scope)


def can_assign_any_role(user: AnyUser) -> bool:
    return is_administrator(user) or bool(delegable_role_codes(user))


def _country_id_of(scope: models.Model) -> int | None:
    if _KIND_OF_MODEL.get(scope._meta.label_lower) == ScopeKind.COUNTRY:
        return int(scope.pk)
    country_id: int | None = getattr(scope, "country_id", None)
    return country_id


def _person_fits_scope(person: User, scope: models.Model | None) -> bool:
    """Outside administrators, a role within a country (or one of its institutions) goes to
    that country's people."""
    country_id = None if scope is None else _country_id_of(scope)
    return country_id is None or person.country_id == country_id


def can_assign_role_to(user: AnyUser, person: User, role: Role, scope: models.Model | None) -> bool:
    if not can_assign_role(user, role, scope):
        return False
    return is_administrator(user) or _person_fits_scope(person, scope)


def can_remove_assignment(user: AnyUser, assignment: RoleAssignment) -> bool:
    """Removing follows the rule of assigning: the same role, within the same scope. Nobody
    removes their own roles here, so that no one locks themselves (or the last administrator) out."""
    role = assignment.role
    if assignment.user_id == user.pk:
        return False
    if is_administrator(user):
        return _is_assignable_kind(role.scope_kind)
    grants = grants_of(user)
    holds_scope = any(
        grant.role in grantors_of(role.code)
        and grant.scope_kind == role.scope_kind
        and grant.scope_id == assignment.scope_id
        for grant in grants
    )
    if not holds_scope:
        return False
    if role.scope_kind == ScopeKind.COUNTRY:
        return assignment.user.country_id == assignment.scope_id
    return True


def can_view_role_holders(user: AnyUser) -> bool:
    return is_administrator(user) or has_role(user, *COUNTRY_WATCH_ROLES, *INSTITUTION_WATCH_ROLES)
