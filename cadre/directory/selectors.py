"""Reads of reference data, filtered to what a person may see where that matters."""

import unicodedata
from collections.abc import Iterator, Sequence
from typing import overload

from django.db.models import Q, QuerySet
from django.utils import translation

from cadre.accounts import permissions
from cadre.accounts.models import ScopeKind
from cadre.accounts.permissions import AnyUser
from cadre.directory.models import Agency, Country, Institution, NationalCentralBureau, Region


def sort_key(text: str) -> str:
    """A key that sorts names the way readers expect: accents folded, case ignored."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def member_countries() -> QuerySet[Country]:
    return Country.objects.filter(is_member=True).select_related("region", "covering_office", "ncb")


def countries_sorted_by_name(countries: QuerySet[Country]) -> list[Country]:
    return sorted(countries, key=lambda country: sort_key(country.name))


class CountriesByName(Sequence[Country]):
    """Countries in the reader's alphabetical order, loaded a page at a time: the order is
    worked out from the names alone, and only the rows of the slice asked for are fetched."""

    def __init__(self, countries: QuerySet[Country]) -> None:
        language = translation.get_language() or "en"
        columns = [f"name_{language}", "name_en"] if language in ("ar", "fr", "es") else ["name_en"]
        names = {pk: next(filter(None, rest), "") for pk, *rest in countries.values_list("pk", *columns)}
        self._countries = countries
        self._ids = sorted(names, key=lambda pk: sort_key(names[pk]))

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[Country]:
        return iter(self[:])

    @overload
    def __getitem__(self, index: int) -> Country: ...
    @overload
    def __getitem__(self, index: slice) -> list[Country]: ...
    def __getitem__(self, index: int | slice) -> Country | list[Country]:
        if isinstance(index, int):
            return self[index : index + 1 or None][0]
        wanted = self._ids[index]
        found = self._countries.in_bulk(wanted)
        return [found[pk] for pk in wanted]


def search_countries(*, query: str = "", region_code: str = "") -> CountriesByName:
    countries = member_countries()
    if region_code:
        countries = countries.filter(region__code=region_code)
    if query:
        countries = countries.filter(_name_matches(query))
    return CountriesByName(countries)


def _name_matches(query: str) -> Q:
    """Match the query against the code and the name in any of the four languages."""
    match = Q(iso2__iexact=query) | Q(iso3__iexact=query)
    for code in ("en", "fr", "es", "ar"):
        match |= Q(**{f"name_{code}__icontains": query})
    return match


def country_detail(iso2: str) -> Country:
    return member_countries().get(iso2=iso2.upper()[:2])


def agencies_of(country: Country) -> QuerySet[Agency]:
    return Agency.objects.filter(country=country, is_active=True).select_related("sector")


def institutions_of(country: Country) -> QuerySet[Institution]:
    return Institution.objects.filter(country=country, is_active=True)


def ncb_of(country: Country) -> NationalCentralBureau | None:
    return NationalCentralBureau.objects.filter(country=country).prefetch_related("sub_bureaus").first()


def regions() -> QuerySet[Region]:
    return Region.objects.all()


def countries_for(user: AnyUser, *roles: str) -> QuerySet[Country]:
    """The countries within the person's scope for any of `roles`: a country-scoped role
    covers its country, a region-scoped role every country of its region, and an
    organisation-wide role (or an administrator) all of them."""
    if permissions.is_administrator(user) or permissions.holds_organisation_wide(user, *roles):
        return Country.objects.all()
    country_ids = permissions.scope_ids(user, *roles, kind=ScopeKind.COUNTRY)
    region_ids = permissions.scope_ids(user, *roles, kind=ScopeKind.REGION)
    if not country_ids and not region_ids:
        return Country.objects.none()
    return Country.objects.filter(Q(pk__in=country_ids) | Q(region_id__in=region_ids))


# Roles whose holders look after the people of a country or a region.
COUNTRY_ROLES = ("ncb-focal-point", "ncb-head", "regional-training-officer")


def countries_looked_after(user: AnyUser) -> list[Country] | None:
    """The countries a person's NCB or regional roles cover, or None when they have none.

    Administrators are left out: they look after everything, which the admin shows.
    """
    if permissions.is_administrator(user) or not permissions.has_role(user, *COUNTRY_ROLES):
        return None
    return countries_sorted_by_name(countries_for(user, *COUNTRY_ROLES).select_related("region"))


def reference_counts_for(user: AnyUser) -> dict[str, int] | None:
    if not permissions.is_administrator(user):
        return None
    return {
        "countries": Country.objects.filter(is_member=True).count(),
        "agencies": Agency.objects.count(),
        "institutions": Institution.objects.count(),
        "regions": Region.objects.count(),
    }
