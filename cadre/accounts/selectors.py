"""Reads about people and roles, for the person asking."""

from typing import Any

from django.db.models import Q, QuerySet

from cadre.accounts import permissions
from cadre.accounts.models import Role, RoleAssignment, ScopeKind, User
from cadre.accounts.permissions import AnyUser
from cadre.accounts.scopes import scope_model, scope_reference
from cadre.directory.models import Country, Institution
from cadre.directory.selectors import countries_for

PEOPLE_FOUND_AT_MOST = 20


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


def role_holders_for(user: AnyUser) -> QuerySet[RoleAssignment]:
    """The role assignments the person may see: administrators all of them; NCB and regional
    officers those held by the people of their countries; institution administrators those
    within their institutions."""
    assignments = (
        RoleAssignment.objects.select_related("user", "user__country", "role", "scope_type")
        .prefetch_related("scope")
        .order_by("user__family_name", "user__given_names", "role__position", "pk")
    )
    if permissions.is_administrator(user):
        return assignments
    visible = _visible_assignments(user)
    if visible is None:
        return assignments.none()
    return assignments.filter(visible)


def _visible_assignments(user: AnyUser) -> Q | None:
    conditions = []
    if permissions.has_role(user, *permissions.COUNTRY_WATCH_ROLES):
        conditions.append(Q(user__country__in=countries_for(user, *permissions.COUNTRY_WATCH_ROLES)))
    institution_ids = permissions.scope_ids(
        user, *permissions.INSTITUTION_WATCH_ROLES, kind=ScopeKind.INSTITUTION
    )
    if institution_ids:
        conditions.append(Q(role__scope_kind=ScopeKind.INSTITUTION, scope_id__in=institution_ids))
    if not conditions:
        return None
    visible = conditions[0]
    for condition in conditions[1:]:
        visible |= condition
    return visible


def filter_role_holders(
    assignments: QuerySet[RoleAssignment], *, query: str = "", role: Role | None = None
) -> QuerySet[RoleAssignment]:
    if role is not None:
        assignments = assignments.filter(role=role)
    for word in query.split():
        assignments = assignments.filter(_person_matches(word, prefix="user__"))
    return assignments


def _person_matches(word: str, *, prefix: str = "") -> Q:
    fields = ("email", "given_names", "family_name", "preferred_name")
    match = Q()
    for field in fields:
        match |= Q(**{f"{prefix}{field}__icontains": word})
    return match


def role_assignment_for(user: AnyUser, pk: int) -> RoleAssignment | None:
    """One assignment, if the person may see it."""
    return role_holders_for(user).filter(pk=pk).first()


def assignable_roles_for(user: AnyUser) -> QuerySet[Role]:
    """The roles the person may give: every assignable role for administrators, the roles
    delegated to the roles they hold for everyone else."""
    roles = Role.objects.assignable()
    if permissions.is_administrator(user):
        return roles
    return roles.filter(code__in=permissions.delegable_role_codes(user))


def scopes_for(user: AnyUser, kind: str) -> QuerySet[Any]:
    """The countries, regions or institutions within which the person may give roles."""
    model = scope_model(kind)
    if model is None:
        raise ValueError(f"No scope model for {kind!r}")
    scopes = model._default_manager.order_by("name")
    if permissions.is_administrator(user):
        return scopes
    return scopes.filter(pk__in=permissions.scope_ids(user, *permissions.DELEGATIONS, kind=kind))


def people_assignable_by(user: AnyUser) -> QuerySet[User]:
    """The people the person may give a role to: anyone for administrators, otherwise the
    people of the countries in which they hold a role they may delegate (the country itself
    for a head of NCB, the institution's country for an institution administrator)."""
    people = User.objects.filter(is_active=True).select_related("country")
    if permissions.is_administrator(user):
        return people
    grantors = tuple(permissions.DELEGATIONS)
    institution_ids = permissions.scope_ids(user, *grantors, kind=ScopeKind.INSTITUTION)
    institution_countries = Institution.objects.filter(pk__in=institution_ids).values("country_id")
    return people.filter(Q(country__in=countries_for(user, *grantors)) | Q(country__in=institution_countries))


def search_people(people: QuerySet[User], query: str) -> list[User]:
    for word in query.split():
        people = people.filter(_person_matches(word))
    return list(people.order_by("family_name", "given_names", "pk")[:PEOPLE_FOUND_AT_MOST])


def person_for_assignment(user: AnyUser, pk: int) -> User | None:
    return people_assignable_by(user).filter(pk=pk).first()


def holds_role(person: User, role: Role, scope: Any) -> bool:
    scope_type, scope_id = scope_reference(scope)
    return RoleAssignment.objects.filter(
        user=person, role=role, scope_type=scope_type, scope_id=scope_id
    ).exists()
