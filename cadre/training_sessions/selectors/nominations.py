"""Reads about nominations, already limited to what the reader may see: an NCB's own country's
officials and nominations, and a participant's own training record."""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from cadre.accounts import permissions as roles
from cadre.accounts.models import ScopeKind, User
from cadre.accounts.permissions import AnyUser
from cadre.certificates.models import Certificate
from cadre.certificates.selectors import certificates_for_source
from cadre.courses import selectors as course_selectors
from cadre.directory.models import Country
from cadre.directory.selectors import countries_sorted_by_name, member_countries
from cadre.training_sessions import permissions
from cadre.training_sessions.models import Nomination, NominationEvent, SeatQuota, Session

Status = Nomination.Status


# --- The countries a reader works for --------------------------------------------------------


def _countries_where(ids: frozenset[int] | None) -> QuerySet[Country]:
    countries = member_countries()
    return countries if ids is None else countries.filter(pk__in=ids)


def ncb_countries(user: AnyUser) -> QuerySet[Country]:
    """The countries whose training the person follows: their NCB's (any NCB role), or every
    member country for administrators."""
    if roles.is_administrator(user):
        return member_countries()
    if not permissions.works_for_an_ncb(user):
        return Country.objects.none()
    return _countries_where(permissions.ncb_country_ids(user))


def nominating_countries(user: AnyUser) -> QuerySet[Country]:
    """The countries whose officials the person may nominate: where they are focal point."""
    if not roles.has_role(user, permissions.FOCAL_POINT):
        return Country.objects.none()
    if roles.holds_organisation_wide(user, permissions.FOCAL_POINT):
        return member_countries()
    return _countries_where(roles.scope_ids(user, permissions.FOCAL_POINT, kind=ScopeKind.COUNTRY))


def chosen_country(countries: QuerySet[Country], code: str, user: AnyUser) -> Country:
    """The country asked for (its ISO code) among `countries`, Http404 when not among them;
    without one, the person's own country when it is, else the first by name."""
    if code:
        iso2 = code.strip().upper()[:2]
        found = countries.filter(iso2=iso2).first() if iso2.isascii() and iso2.isalpha() else None
        if found is None:
            raise Http404
        return found
    own_id: int | None = getattr(user, "country_id", None)
    own = countries.filter(pk=own_id).first() if own_id is not None else None
    if own is not None:
        return own
    first = next(iter(countries_sorted_by_name(countries)), None)
    if first is None:
        raise Http404
    return first


def country_choices(countries: QuerySet[Country]) -> list[Country]:
    return countries_sorted_by_name(countries)


# --- An NCB's nominations ----------------------------------------------------------------------


@dataclass(frozen=True)
class NcbFilters:
    session: int | None = None
    status: str = ""
    course: int | None = None
    year: int | None = None
    query: str = ""


def _name_matches(word: str) -> Q:
    match = Q()
    for name in ("given_names", "family_name", "preferred_name", "email"):
        match |= Q(**{f"person__{name}__icontains": word})
    return match


def _filtered(nominations: QuerySet[Nomination], filters: NcbFilters) -> QuerySet[Nomination]:
    if filters.session is not None:
        nominations = nominations.filter(session_id=filters.session)
    if filters.status:
        nominations = nominations.filter(status=filters.status)
    if filters.course is not None:
        nominations = nominations.filter(session__course_id=filters.course)
    if filters.year is not None:
        nominations = nominations.filter(session__starts_on__year=filters.year)
    for word in filters.query.split()[:5]:
        nominations = nominations.filter(_name_matches(word))
    return nominations


def ncb_nominations(
    user: AnyUser, country: Country, filters: NcbFilters | None = None
) -> QuerySet[Nomination]:
    """The nominations of `country`'s officials, across all sessions, as the NCB page lists them
    (nothing when the person may not follow that country's training)."""
    if not permissions.can_view_country_training(user, country):
        return Nomination.objects.none()
    nominations = Nomination.objects.filter(country=country).select_related(
        "person__agency",
        "session__course",
        "nominated_by",
        "endorsed_by",
        "decided_by",
        "withdrawn_by",
    )
    return (
        _filtered(nominations, filters or NcbFilters())
        .defer(*course_selectors.long_texts("session__course__"))
        .order_by("-session__starts_on", "session_id", "person__family_name", "pk")
    )


def ncb_session_choices(country: Country, today: date | None = None) -> QuerySet[Session]:
    """The sessions the country's officials were nominated to, and those taking nominations
    now, for the filter."""
    today = today or timezone.localdate()
    with_nominations = Nomination.objects.filter(country=country).values("session_id")
    taking = Q(status=Session.Status.OPEN, nominations_open_on__lte=today, nominations_close_on__gte=today)
    return (
        Session.objects.filter(Q(pk__in=with_nominations) | taking)
        .select_related("course")
        .only("code", "title", "starts_on", "course", *course_selectors.title_fields("course__"))
        .order_by("-starts_on", "-pk")
    )


def ncb_years(country: Country) -> list[int]:
    dates = Session.objects.filter(
        pk__in=Nomination.objects.filter(country=country).values("session_id")
    ).dates("starts_on", "year", order="DESC")
    return [day.year for day in dates]


def status_change(nomination: Nomination) -> tuple[User | None, datetime | None]:
    """Who brought the nomination to its present status, and when."""
    if nomination.status == Status.WITHDRAWN:
        return nomination.withdrawn_by, nomination.withdrawn_at
    if nomination.status in (Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED):
        return nomination.decided_by, nomination.decided_at
    if nomination.status == Status.ENDORSED:
        return nomination.endorsed_by, nomination.endorsed_at
    return nomination.nominated_by, nomination.nominated_at


def certificates_of_nominations(nomination_ids: list[int]) -> dict[int, Certificate]:
    """The current certificate issued for each nomination, by nomination id (one query)."""
    if not nomination_ids:
        return {}
    return certificates_for_source(ContentType.objects.get_for_model(Nomination).pk, nomination_ids)


def endorsable(user: AnyUser, ids: list[int]) -> list[Nomination]:
    """The nominations among `ids` of countries the person works for; Http404 when one is not."""
    countries = ncb_countries(user)
    found = list(
        Nomination.objects.filter(pk__in=ids, country__in=countries).select_related("country").order_by("pk")
    )
    if len(found) != len(set(ids)):
        raise Http404
    return found


# --- Nominating: the country's officials and the sessions open to them --------------------------


def _official_matches(word: str) -> Q:
    match = Q(agency__name__icontains=word) | Q(agency__acronym__icontains=word)
    for name in ("given_names", "family_name", "preferred_name", "email"):
        match |= Q(**{f"{name}__icontains": word})
    return match


def officials_of(country: Country, query: str = "") -> QuerySet[User]:
    """The officials of one country (never another's), searched by name, e-mail or agency."""
    officials = User.objects.filter(country=country, anonymised_at__isnull=True).select_related(
        "country", "agency"
    )
    for word in query.split()[:5]:
        officials = officials.filter(_official_matches(word))
    return officials.order_by("family_name", "given_names", "pk")


def officials_by_ids(country: Country, ids: list[int]) -> list[User]:
    """The officials of `country` among `ids`; Http404 when one is not of that country."""
    found = list(officials_of(country).filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise Http404
    return found


def nominated_count(session: Session, country: Country) -> int:
    return (
        Nomination.objects.filter(session=session, country=country).exclude(status=Status.WITHDRAWN).count()
    )


def open_sessions_for(country: Country, today: date | None = None, limit: int = 20) -> list[Session]:
    """Sessions taking nominations now that serve the country, the soonest closing first, each
    with `seats_reserved` (for the country, or its region), `seats_reserved_all` and
    `nominated_here` (the country's nominations)."""
    today = today or timezone.localdate()
    quotas = SeatQuota.objects.filter(session=OuterRef("pk"))
    mine = quotas.filter(
        Q(country=country, session__seats_by=Session.SeatsBy.COUNTRY)
        | Q(region_id=country.region_id, session__seats_by=Session.SeatsBy.REGION)
    ).values("seats")[:1]
    reserved_all = quotas.order_by().values("session").annotate(total=Sum("seats")).values("total")
    # A subquery per session on the (country, status) index, not a join of every nomination.
    nominated_here = (
        Nomination.objects.filter(session=OuterRef("pk"), country=country)
        .exclude(status=Status.WITHDRAWN)
        .order_by()
        .values("session")
        .annotate(total=Count("pk"))
        .values("total")
    )
    sessions = (
        Session.objects.filter(
            status=Session.Status.OPEN, nominations_open_on__lte=today, nominations_close_on__gte=today
        )
        .filter(Q(region__isnull=True) | Q(region_id=country.region_id))
        .select_related("course", "venue")
        .defer(*course_selectors.long_texts("course__"))
        .annotate(
            seats_reserved=Coalesce(Subquery(mine, output_field=IntegerField()), Value(0)),
            seats_reserved_all=Coalesce(Subquery(reserved_all, output_field=IntegerField()), Value(0)),
            nominated_here=Coalesce(Subquery(nominated_here, output_field=IntegerField()), Value(0)),
        )
        .order_by("nominations_close_on", "starts_on", "pk")
    )
    return list(sessions[:limit])


# --- One nomination, and a participant's own record -------------------------------------------


def events_of(nomination: Nomination) -> QuerySet[NominationEvent]:
    return NominationEvent.objects.filter(nomination=nomination).select_related("by").order_by("at", "pk")


def record_of(user: AnyUser) -> list[Nomination]:
    """The person's own nominations, the latest session first."""
    if not user.is_authenticated:
        return []
    return list(
        Nomination.objects.filter(person_id=user.pk)
        .select_related("session__course", "session__venue", "session__country")
        .order_by("-session__starts_on", "-pk")
    )
