"""Reads for selecting participants: the seats (counted the way the services count them), the
balance of the selection by country, region, gender, sector and agency, the nominations to
decide on, the waitlist, and the people told of a promotion."""

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cadre.accounts.models import User
from cadre.directory.models import Country
from cadre.training_sessions.models import Nomination, SeatQuota, Session
from cadre.training_sessions.services.seats import Group, SeatBook

Status = Nomination.Status
SeatsBy = Session.SeatsBy

FOCAL_POINT = "ncb-focal-point"
UNDECIDED = (Status.NOMINATED, Status.ENDORSED)
# What counts in "all nominations": those still in the running or decided, not those withdrawn.
CANDIDATES = ~Q(status=Status.WITHDRAWN)


# --- Seats -----------------------------------------------------------------------------------


def group_field(session: Session) -> str | None:
    """The nomination's field that names its group for the session's reserved seats."""
    return {SeatsBy.COUNTRY: "country_id", SeatsBy.REGION: "country__region_id"}.get(
        Session.SeatsBy(session.seats_by)
    )


def group_of(session: Session, nomination: Nomination) -> Group:
    if session.seats_by == SeatsBy.COUNTRY:
        return nomination.country_id
    if session.seats_by == SeatsBy.REGION:
        return nomination.country.region_id
    return None


def quotas_of(session: Session) -> QuerySet[SeatQuota]:
    """The session's reserved seats of the kind it uses (by country or by region)."""
    if session.seats_by == SeatsBy.COUNTRY:
        return SeatQuota.objects.filter(session=session, country__isnull=False).select_related("country")
    if session.seats_by == SeatsBy.REGION:
        return SeatQuota.objects.filter(session=session, region__isnull=False).select_related("region")
    return SeatQuota.objects.none()


def seat_book(session: Session, quotas: list[SeatQuota] | None = None) -> SeatBook:
    """The seats as they stand: three queries. The services call it under the session's lock."""
    field = group_field(session)
    if quotas is None:
        quotas = list(quotas_of(session))
    reserved = {quota.country_id or quota.region_id: quota.seats for quota in quotas}
    accepted = Nomination.objects.filter(session=session, status=Status.ACCEPTED)
    if field is None:
        return SeatBook(capacity=session.capacity, taken={None: accepted.count()})
    taken = {row["group"]: row["n"] for row in accepted.values(group=F(field)).annotate(n=Count("pk"))}
    return SeatBook(
        capacity=session.capacity,
        reserved={group: seats for group, seats in reserved.items() if group is not None},
        taken=taken,
        held=_held_groups(session, field, frozenset(group for group in reserved if group is not None)),
    )


def _held_groups(session: Session, field: str, groups: frozenset[int]) -> frozenset[int]:
    """Groups whose unfilled reserved seats are kept for them: all of them while nominations may
    still come, then those with nominations still to decide."""
    if not groups:
        return frozenset()
    if session.window_is_open():
        return groups
    pending = (
        Nomination.objects.filter(session=session, status__in=UNDECIDED)
        .values_list(field, flat=True)
        .distinct()
    )
    return groups & frozenset(pending)


# --- The balance of the selection ------------------------------------------------------------


@dataclass(frozen=True)
class Dimension:
    code: str
    title: Any
    key: str
    label: str
    translated: bool = False  # the label is a name kept in each language (name_en, name_ar, ...)


DIMENSIONS = (
    Dimension("country", gettext_lazy("Country"), "country_id", "country__name", translated=True),
    Dimension(
        "region", gettext_lazy("Region"), "country__region_id", "country__region__name", translated=True
    ),
    Dimension("gender", gettext_lazy("Gender"), "person__gender", "person__gender"),
    Dimension(
        "sector",
        gettext_lazy("Sector"),
        "person__agency__sector_id",
        "person__agency__sector__name",
        translated=True,
    ),
    Dimension("agency", gettext_lazy("Agency"), "person__agency_id", "person__agency__name"),
)
TRANSLATED_LANGUAGES = ("ar", "fr", "es")


def label_of(dimension: Dimension) -> Any:
    """The group's name in the reader's language (English when it has none in that language)."""
    if not dimension.translated:
        return F(dimension.label)
    english = F(f"{dimension.label}_en")
    language = (translation.get_language() or "en").split("-")[0]
    if language not in TRANSLATED_LANGUAGES:
        return english
    text = CharField()
    return Coalesce(
        NullIf(F(f"{dimension.label}_{language}"), Value(""), output_field=text), english, output_field=text
    )


@dataclass(frozen=True)
class BalanceRow:
    key: Any
    label: str
    nominated: int
    accepted: int
    nominated_share: int  # per cent of all nominations
    accepted_share: int  # per cent of those accepted
    reserved: int | None = None  # seats reserved for this country or region
    held: bool = False  # its unfilled reserved seats are still kept for it


@dataclass(frozen=True)
class Balance:
    dimension: Dimension
    rows: list[BalanceRow]
    nominated: int
    accepted: int


def _share(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _label(dimension: Dimension, key: Any, label: Any) -> str:
    if dimension.code == "gender":
        return str(User.Gender(key).label) if key in User.Gender.values else _("Not known")
    if key is None:
        return _("Not known")
    return str(label)


def balance_of(session: Session, dimension: Dimension, book: SeatBook, quotas: list[SeatQuota]) -> Balance:
    """One aggregate query: per group, how many are nominated (not withdrawn) and accepted."""
    counts = (
        Nomination.objects.filter(session=session)
        .filter(CANDIDATES)
        .values(group=F(dimension.key), name=label_of(dimension))
        .annotate(nominated=Count("pk"), accepted=Count("pk", filter=Q(status=Status.ACCEPTED)))
        .order_by()
    )
    found = {row["group"]: row for row in counts}
    reserved = _reserved_for(session, dimension, quotas)
    for group, (name, _seats) in reserved.items():
        found.setdefault(group, {"group": group, "name": name, "nominated": 0, "accepted": 0})
    nominated = sum(row["nominated"] for row in found.values())
    accepted = sum(row["accepted"] for row in found.values())
    rows = [
        BalanceRow(
            key=row["group"],
            label=_label(dimension, row["group"], row["name"]),
            nominated=row["nominated"],
            accepted=row["accepted"],
            nominated_share=_share(row["nominated"], nominated),
            accepted_share=_share(row["accepted"], accepted),
            reserved=reserved[row["group"]][1] if row["group"] in reserved else None,
            held=book.is_held(row["group"]) if row["group"] in reserved else False,
        )
        for row in found.values()
    ]
    rows.sort(key=lambda row: (-row.accepted, -row.nominated, row.label))
    return Balance(dimension=dimension, rows=rows, nominated=nominated, accepted=accepted)


def _reserved_for(
    session: Session, dimension: Dimension, quotas: list[SeatQuota]
) -> dict[Any, tuple[str, int]]:
    if dimension.code != session.seats_by:
        return {}
    if dimension.code == "country":
        return {quota.country_id: (str(quota.country.name), quota.seats) for quota in quotas if quota.country}
    return {quota.region_id: (str(quota.region.name), quota.seats) for quota in quotas if quota.region}


@dataclass(frozen=True)
class SelectionOverview:
    book: SeatBook
    balances: list[Balance]

    def choices(self, code: str) -> list[tuple[Any, str]]:
        """The groups of one dimension, as choices for the filters."""
        for balance in self.balances:
            if balance.dimension.code == code:
                return sorted(((row.key, row.label) for row in balance.rows), key=lambda pair: pair[1])
        return []


def selection_overview(session: Session) -> SelectionOverview:
    """The seats and the balance by every dimension, by aggregate queries (a fixed number)."""
    quotas = list(quotas_of(session))
    book = seat_book(session, quotas)
    return SelectionOverview(
        book=book, balances=[balance_of(session, dimension, book, quotas) for dimension in DIMENSIONS]
    )


# --- The nominations to decide on ------------------------------------------------------------


@dataclass(frozen=True)
class SelectionFilters:
    status: str = ""
    country: int | None = None
    region: int | None = None
    gender: str = ""
    sector: int | None = None
    agency: int | None = None
    eligible: bool | None = None
    query: str = ""


FILTER_FIELDS = {
    "status": "status",
    "country": "country_id",
    "region": "country__region_id",
    "gender": "person__gender",
    "sector": "person__agency__sector_id",
    "agency": "person__agency_id",
    "eligible": "eligible",
}

# Those to decide on first: endorsed (ready), then nominated (waiting for the head of NCB).
ORDER = Case(
    When(status=Status.ENDORSED, then=Value(0)),
    When(status=Status.NOMINATED, then=Value(1)),
    When(status=Status.WAITLISTED, then=Value(2)),
    When(status=Status.ACCEPTED, then=Value(3)),
    default=Value(4),
    output_field=IntegerField(),
)


def nominations_to_select(session: Session, filters: SelectionFilters | None = None) -> QuerySet[Nomination]:
    filters = filters or SelectionFilters()
    nominations = Nomination.objects.filter(session=session).select_related(
        "person__agency__sector", "country__region", "nominated_by", "endorsed_by", "decided_by"
    )
    for name, lookup in FILTER_FIELDS.items():
        value = getattr(filters, name)
        if value not in (None, ""):
            nominations = nominations.filter(**{lookup: value})
    for word in filters.query.split()[:5]:
        nominations = nominations.filter(
            Q(person__given_names__icontains=word)
            | Q(person__family_name__icontains=word)
            | Q(person__email__icontains=word)
            | Q(person__agency__name__icontains=word)
        )
    return nominations.annotate(rank=ORDER).order_by(
        "rank", F("waitlist_position").asc(nulls_last=True), "endorsed_at", "nominated_at", "pk"
    )


def waitlist_of(session: Session) -> QuerySet[Nomination]:
    """The waitlist in the order it is promoted."""
    return (
        Nomination.objects.filter(session=session, status=Status.WAITLISTED)
        .select_related("person__agency", "country")
        .order_by(F("waitlist_position").asc(nulls_last=True), "decided_at", "pk")
    )


# --- People to tell --------------------------------------------------------------------------


def focal_points_of(country_id: int) -> QuerySet[User]:
    """The NCB focal points of the country, told when one of its officials is promoted."""
    return User.objects.filter(
        is_active=True,
        role_assignments__role__code=FOCAL_POINT,
        role_assignments__scope_type=ContentType.objects.get_for_model(Country),
        role_assignments__scope_id=country_id,
    ).distinct()
