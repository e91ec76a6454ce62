"""Reads about vetting, already filtered to the countries the person may vet."""

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from cadre.accounts.models import User
from cadre.accounts.permissions import AnyUser
from cadre.directory.models import Agency, Country
from cadre.directory.selectors import countries_for, countries_sorted_by_name, member_countries
from cadre.vetting.models import AccessRequest, Decision, DomainRule, Invitation, PreauthorisationCode
from cadre.vetting.permissions import VETTING_ROLES, can_vet_somewhere


def vetted_countries(user: AnyUser) -> QuerySet[Country]:
    if not can_vet_somewhere(user):
        return Country.objects.none()
    return countries_for(user, *VETTING_ROLES)


def by_name(countries: QuerySet[Country]) -> list[Country]:
    return countries_sorted_by_name(countries)


def requests_for(user: AnyUser) -> QuerySet[AccessRequest]:
    return AccessRequest.objects.filter(country__in=vetted_countries(user)).select_related(
        "person", "person__agency", "country", "proposed_agency_sector"
    )


def filter_requests(
    requests: QuerySet[AccessRequest],
    *,
    query: str = "",
    status: str = "",
    agency: Agency | None = None,
    submitted_from: date | None = None,
    submitted_to: date | None = None,
) -> QuerySet[AccessRequest]:
    if status:
        requests = requests.filter(status=status)
    if agency is not None:
        requests = requests.filter(person__agency=agency)
    if submitted_from is not None:
        requests = requests.filter(submitted_at__date__gte=submitted_from)
    if submitted_to is not None:
        requests = requests.filter(submitted_at__date__lte=submitted_to)
    for word in query.split():
        requests = requests.filter(_matches(word))
    return requests


def _matches(word: str) -> Q:
    match = Q(proposed_agency_name__icontains=word)
    for field in ("email", "given_names", "family_name", "preferred_name", "agency__name", "agency__acronym"):
        match |= Q(**{f"person__{field}__icontains": word})
    return match


def pending_count_for(user: AnyUser) -> int | None:
    """How many requests wait for the person's decision; None for those who do not vet."""
    if not can_vet_somewhere(user):
        return None
    return requests_for(user).filter(status=AccessRequest.Status.PENDING).count()


def person_for(user: AnyUser, pk: int) -> User | None:
    return (
        User.objects.filter(pk=pk, country__in=vetted_countries(user))
        .select_related("country", "agency", "agency__sector")
        .first()
    )


def request_of(person: User) -> AccessRequest | None:
    return (
        AccessRequest.objects.filter(person=person)
        .select_related("country", "proposed_agency_sector")
        .first()
    )


def decisions_of(record: AccessRequest | None) -> QuerySet[Decision]:
    if record is None:
        return Decision.objects.none()
    return Decision.objects.filter(request=record).select_related("actor")


def requests_by_ids(user: AnyUser, ids: list[int]) -> list[AccessRequest]:
    return list(requests_for(user).filter(pk__in=ids).order_by("pk"))


def agencies_in(countries: QuerySet[Country]) -> QuerySet[Agency]:
    return Agency.objects.filter(country__in=countries, is_active=True).select_related("country")


def invitations_for(user: AnyUser) -> QuerySet[Invitation]:
    return Invitation.objects.filter(country__in=vetted_countries(user)).select_related(
        "country", "agency", "invited_by"
    )


def codes_for(user: AnyUser) -> QuerySet[PreauthorisationCode]:
    return PreauthorisationCode.objects.filter(country__in=vetted_countries(user)).select_related(
        "country", "agency", "issued_by"
    )


def domain_rules_for(user: AnyUser) -> QuerySet[DomainRule]:
    return DomainRule.objects.filter(country__in=vetted_countries(user)).select_related("country")


def usable_invitation(token: str) -> Invitation | None:
    invitation = Invitation.objects.filter(token=token).select_related("country", "agency").first()
    return invitation if invitation is not None and invitation.is_usable() else None


def usable_code(code: str) -> PreauthorisationCode | None:
    found = PreauthorisationCode.objects.filter(code=code.strip().upper()).select_related("agency").first()
    return found if found is not None and found.is_usable() else None


def registration_countries() -> list[Country]:
    return countries_sorted_by_name(member_countries())


def registration_agencies(country_id: Any) -> QuerySet[Agency]:
    if not str(country_id).isdigit():
        return Agency.objects.none()
    return Agency.objects.filter(country_id=int(country_id), is_active=True).order_by("name")


def domain_refused(country: Country, email: str) -> bool:
    """Whether the country's rules refuse this address: a refused domain, or, when the country
    keeps an allow-list, a domain not on it. A rule for example.org covers its subdomains."""
    domain = email.rsplit("@", 1)[-1].lower()
    rules = list(DomainRule.objects.filter(country=country).values_list("domain", "kind"))
    covering = {
        kind for rule_domain, kind in rules if domain == rule_domain or domain.endswith("." + rule_domain)
    }
    if DomainRule.Kind.DENY in covering:
        return True
    has_allow_list = any(kind == DomainRule.Kind.ALLOW for _rule, kind in rules)
    return has_allow_list and DomainRule.Kind.ALLOW not in covering


def access_of(user: AnyUser) -> bool:
    """Whether a signed-in person may use Cadre beyond their request. One query, then cached."""
    cached: bool | None = getattr(user, "_cadre_access", None)
    if cached is None:
        row = AccessRequest.objects.filter(person_id=user.pk).values_list("status", "approved_until").first()
        if row is None:
            cached = True
        else:
            status, until = row
            cached = status == AccessRequest.Status.APPROVED and (
                until is None or until >= timezone.localdate()
            )
        user._cadre_access = cached  # type: ignore[union-attr]
    return cached


def vetters_of(country: Country | None) -> QuerySet[User]:
    """The NCB focal points and heads of NCB of the country, who are told of ending approvals."""
    if country is None:
        return User.objects.none()
    from django.contrib.contenttypes.models import ContentType

    return User.objects.filter(
        is_active=True,
        role_assignments__role__code__in=VETTING_ROLES,
        role_assignments__scope_type=ContentType.objects.get_for_model(Country),
        role_assignments__scope_id=country.pk,
    ).distinct()
