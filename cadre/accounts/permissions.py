"""The questions every app asks about a person's roles.

A person's role assignments are read once per request and kept on the user object, so
asking many questions on one page costs one query.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db import models

from cadre.accounts.models import SCOPE_MODELS, RoleAssignment, ScopeKind, User

ADMINISTRATOR = "administrator"
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
