"""Reads about people and roles, for the person asking."""

from django.db.models import QuerySet

from cadre.accounts.models import RoleAssignment
from cadre.accounts.permissions import AnyUser
from cadre.directory.models import Country


def role_assignments_of(user: AnyUser) -> QuerySet[RoleAssignment]:
    if not user.is_authenticated:
        return RoleAssignment.objects.none()
    return (
        RoleAssignment.objects.filter(user=user)
        .select_related("role", "scope_type")
        .prefetch_related("scope")
    )


def home_country_of(user: AnyUser) -> Country | None:
    if not user.is_authenticated or user.country_id is None:
        return None
    return (
        Country.objects.select_related("region", "covering_office", "ncb")
        .prefetch_related("ncb__sub_bureaus")
        .get(pk=user.country_id)
    )
