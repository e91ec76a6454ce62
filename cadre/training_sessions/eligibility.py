"""Whether officials may be nominated to a session: the checks made for each, for many people
at once in a fixed number of queries.

A check is a plain dict kept on the nomination as it was when the official was nominated:
`{"code": ..., "ok": ..., "reason": ..., "params": {...}}`. Its message is not stored: it is
written from `reason` and `params` when shown (`describe_checks`), in the reader's language.

The checks, all of which must pass:

- active: the account is active (and not anonymised);
- vetted: the NCB approved the person's access and the approval has not lapsed (people created
  by the organisation, with no request of their own, count as approved, as at the access gate);
  vetting does not hand out the "learner" role, so the role is not asked for;
- country: a member country, in the session's region when it has one; with seats reserved per
  country (or per region), either seats are reserved for the country (its region) or some seats
  are reserved for nobody. Nominations are not counted against seats: choosing among them, and
  the waitlist, is the course manager's selection;
- sector: the agency's sector is among the session's admitted sectors, when it names some;
- prerequisites: a valid completion certificate for every prerequisite of the course;
- not_completed: no valid completion certificate for this same course already (a failing
  check, not a warning: the seat goes to someone who has not taken the course);
- no_overlap: not accepted (and not declining) in another session whose dates overlap;
- not_nominated: not already nominated to this session, whatever became of that nomination.

The focal point's confirmation that the official meets the course's admission criteria (free
text) is not a check on data: the nomination service asks for it separately.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, Sum
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cadre.accounts.models import User
from cadre.certificates.selectors import completed_course_ids
from cadre.courses.models import Course
from cadre.directory.models import Country
from cadre.training_sessions.models import Nomination, SeatQuota, Session
from cadre.vetting.models import AccessRequest

Check = dict[str, Any]

MESSAGES: dict[str, Promise] = {
    "active": _("The account is active."),
    "inactive": _("The account is inactive."),
    "vetted": _("Access approved by the NCB."),
    "not_vetted": _("Access to Cadre is not approved by the NCB (%(access)s)."),
    "lapsed": _("The NCB's approval of their access lapsed on %(until_on)s."),
    "no_country": _("No country is recorded for this official."),
    "not_member": _("Their country is not a member country."),
    "other_region": _("The session serves another region."),
    "open_to_country": _("The session is open to officials of this country."),
    "reserved": _("Seats are reserved for this country: %(seats)s."),
    "reserved_region": _("Seats are reserved for this country's region: %(seats)s."),
    "unreserved": _(
        "No seats are reserved for this country; it competes for the %(seats)s seats reserved for nobody."
    ),
    "no_seats": _("Every seat of this session is reserved for other countries or regions."),
    "any_sector": _("The session admits every sector."),
    "sector": _("Their agency's sector is admitted."),
    "no_agency": _("No agency is recorded, so the sector admitted cannot be checked."),
    "other_sector": _("Their agency's sector is not among those admitted to this session."),
    "no_prerequisites": _("The course has no prerequisites."),
    "prerequisites": _("Every prerequisite is completed."),
    "missing_prerequisites": _("Prerequisites not completed: %(courses)s."),
    "not_completed": _("Has not completed this course before."),
    "completed": _("Already completed this course."),
    "free": _("Not taking part in another session on these dates."),
    "overlap": _(
        "Already accepted in another session on overlapping dates (%(session)s, %(starts_on)s to %(ends_on)s)."
    ),
    "not_nominated": _("Not nominated to this session yet."),
    "nominated": _("Already nominated to this session (%(nomination)s)."),
    "criteria_confirmed": _("The NCB confirmed that this official meets the admission criteria."),
}

# Each check's title, shown beside its message.
TITLES: dict[str, Promise] = {
    "active": _("Active account"),
    "vetted": _("Vetted by the NCB"),
    "country": _("Country served"),
    "sector": _("Sector admitted"),
    "prerequisites": _("Prerequisites"),
    "not_completed": _("Course not already completed"),
    "no_overlap": _("No overlapping session"),
    "not_nominated": _("Not already nominated"),
    "criteria": _("Admission criteria"),
}


def _check(code: str, ok: bool, reason: str, **params: Any) -> Check:
    return {"code": code, "ok": ok, "reason": reason, "params": params}


@dataclass
class Facts:
    """What the checks need to know about the session and the people, read in a few queries."""

    session: Session
    today: date
    access: dict[int, tuple[str, date | None]] = field(default_factory=dict)
    country_seats: dict[int, int] = field(default_factory=dict)
    region_seats: dict[int, int] = field(default_factory=dict)
    unreserved: int = 0
    sector_ids: set[int] = field(default_factory=set)
    prerequisite_ids: list[int] = field(default_factory=list)
    completed: dict[int, set[int]] = field(default_factory=dict)
    overlapping: dict[int, Nomination] = field(default_factory=dict)
    nominated: dict[int, str] = field(default_factory=dict)


def _load_seats(facts: Facts) -> None:
    session = facts.session
    if session.seats_by == Session.SeatsBy.NONE:
        return
    reserved = 0
    for country_id, region_id, seats in SeatQuota.objects.filter(session=session).values_list(
        "country_id", "region_id", "seats"
    ):
        reserved += seats
        if country_id is not None:
            facts.country_seats[country_id] = seats
        elif region_id is not None:
            facts.region_seats[region_id] = seats
    facts.unreserved = max(session.capacity - reserved, 0)


def _load_overlapping(facts: Facts, person_ids: list[int]) -> None:
    session = facts.session
    others = (
        Nomination.objects.filter(
            person_id__in=person_ids,
            status=Nomination.Status.ACCEPTED,
            session__starts_on__lte=session.ends_on,
            session__ends_on__gte=session.starts_on,
        )
        .exclude(session=session)
        .exclude(response=Nomination.Response.DECLINED)
        .exclude(session__status=Session.Status.CANCELLED)
        .select_related("session")
        .order_by("session__starts_on")
    )
    for nomination in others:
        facts.overlapping.setdefault(nomination.person_id, nomination)


def load_facts(session: Session, person_ids: list[int], today: date | None = None) -> Facts:
    facts = Facts(session=session, today=today or timezone.localdate())
    if not person_ids:
        return facts
    access = AccessRequest.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "status", "approved_until"
    )
    facts.access = {person_id: (status, until) for person_id, status, until in access}
    _load_seats(facts)
    facts.sector_ids = set(session.eligible_sectors.values_list("pk", flat=True))
    facts.prerequisite_ids = list(
        Course.prerequisites.through.objects.filter(from_course_id=session.course_id)
        .order_by("to_course_id")
        .values_list("to_course_id", flat=True)
    )
    facts.completed = completed_course_ids(person_ids, [session.course_id, *facts.prerequisite_ids])
    _load_overlapping(facts, person_ids)
    facts.nominated = dict(
        Nomination.objects.filter(session=session, person_id__in=person_ids).values_list(
            "person_id", "status"
        )
    )
    return facts


# --- The checks -----------------------------------------------------------------------------


def check_active(person: User, facts: Facts) -> Check:
    ok = person.is_active and person.anonymised_at is None
    return _check("active", ok, "active" if ok else "inactive")


def check_vetted(person: User, facts: Facts) -> Check:
    found = facts.access.get(person.pk)
    if found is None:
        return _check("vetted", True, "vetted")
    status, until = found
    if status != AccessRequest.Status.APPROVED:
        return _check("vetted", False, "not_vetted", access=status)
    if until is not None and until < facts.today:
        return _check("vetted", False, "lapsed", until_on=until.isoformat())
    return _check("vetted", True, "vetted")


def _seats_check(country: Country, facts: Facts) -> Check:
    if facts.session.seats_by == Session.SeatsBy.COUNTRY and country.pk in facts.country_seats:
        return _check("country", True, "reserved", seats=facts.country_seats[country.pk])
    if facts.session.seats_by == Session.SeatsBy.REGION and country.region_id in facts.region_seats:
        return _check("country", True, "reserved_region", seats=facts.region_seats[country.region_id])
    if facts.unreserved > 0:
        return _check("country", True, "unreserved", seats=facts.unreserved)
    return _check("country", False, "no_seats")


def check_country(person: User, facts: Facts) -> Check:
    country = person.country
    session = facts.session
    if country is None:
        return _check("country", False, "no_country")
    if not country.is_member:
        return _check("country", False, "not_member")
    if session.region_id is not None and country.region_id != session.region_id:
        return _check("country", False, "other_region")
    if session.seats_by == Session.SeatsBy.NONE:
        return _check("country", True, "open_to_country")
    return _seats_check(country, facts)


def check_sector(person: User, facts: Facts) -> Check:
    if not facts.sector_ids:
        return _check("sector", True, "any_sector")
    if person.agency is None:
        return _check("sector", False, "no_agency")
    if person.agency.sector_id in facts.sector_ids:
        return _check("sector", True, "sector")
    return _check("sector", False, "other_sector")


def check_prerequisites(person: User, facts: Facts) -> Check:
    if not facts.prerequisite_ids:
        return _check("prerequisites", True, "no_prerequisites")
    held = facts.completed.get(person.pk, set())
    missing = [pk for pk in facts.prerequisite_ids if pk not in held]
    if missing:
        return _check("prerequisites", False, "missing_prerequisites", courses=missing)
    return _check("prerequisites", True, "prerequisites")


def check_not_completed(person: User, facts: Facts) -> Check:
    if facts.session.course_id in facts.completed.get(person.pk, set()):
        return _check("not_completed", False, "completed")
    return _check("not_completed", True, "not_completed")


def check_no_overlap(person: User, facts: Facts) -> Check:
    other = facts.overlapping.get(person.pk)
    if other is None:
        return _check("no_overlap", True, "free")
    return _check(
        "no_overlap",
        False,
        "overlap",
        session=other.session.code,
        starts_on=other.session.starts_on.isoformat(),
        ends_on=other.session.ends_on.isoformat(),
    )


def check_not_nominated(person: User, facts: Facts) -> Check:
    status = facts.nominated.get(person.pk)
    if status is None:
        return _check("not_nominated", True, "not_nominated")
    return _check("not_nominated", False, "nominated", nomination=status)


RULES: tuple[Callable[[User, Facts], Check], ...] = (
    check_active,
    check_vetted,
    check_country,
    check_sector,
    check_prerequisites,
    check_not_completed,
    check_no_overlap,
    check_not_nominated,
)


@dataclass(frozen=True)
class Eligibility:
    person_id: int
    checks: list[Check]

    @property
    def eligible(self) -> bool:
        return all(check["ok"] for check in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [check for check in self.checks if not check["ok"]]


def check_people(
    session: Session, people: Sequence[User], today: date | None = None
) -> dict[int, Eligibility]:
    """Each person's checks for `session`, by person id. Seven queries whatever the number of
    people; load the people with their country and agency (`select_related`)."""
    facts = load_facts(session, [person.pk for person in people], today)
    return {person.pk: Eligibility(person.pk, [rule(person, facts) for rule in RULES]) for person in people}


def check_person(session: Session, person: User) -> Eligibility:
    return check_people(session, [person])[person.pk]


# --- Showing the checks -----------------------------------------------------------------------


def _course_ids(checks: Iterable[Check]) -> set[int]:
    return {pk for check in checks for pk in check.get("params", {}).get("courses", [])}


def course_titles(check_lists: Iterable[Iterable[Check]]) -> dict[int, str]:
    """The titles, in the reader's language, of the courses the checks name (one query)."""
    ids = set().union(*(_course_ids(checks) for checks in check_lists))
    if not ids:
        return {}
    return {course.pk: course.title for course in Course.objects.filter(pk__in=ids)}


def _shown_param(name: str, value: Any, titles: Mapping[int, str]) -> Any:
    if name == "courses":
        return ", ".join(titles.get(pk, f"#{pk}") for pk in value)
    if name.endswith("_on"):
        return formats.date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
    if name == "access":
        return AccessRequest.Status(value).label if value in AccessRequest.Status.values else value
    if name == "nomination":
        return Nomination.Status(value).label if value in Nomination.Status.values else value
    return value


def describe(check: Check, titles: Mapping[int, str] | None = None) -> str:
    """The check's message in the active language."""
    template = MESSAGES.get(str(check.get("reason", "")))
    if template is None:
        return str(check.get("message", check.get("code", "")))
    params = {
        name: _shown_param(name, value, titles or {}) for name, value in check.get("params", {}).items()
    }
    return str(template) % params if params else str(template)


def shown(checks: Iterable[Check], titles: Mapping[int, str] | None = None) -> list[dict[str, Any]]:
    """The checks as pages show them: code, title, whether passed, and the message."""
    return [
        {
            "code": check.get("code", ""),
            "title": str(TITLES.get(str(check.get("code", "")), "")),
            "ok": bool(check.get("ok")),
            "message": describe(check, titles),
        }
        for check in checks
    ]


def describe_checks(checks: Iterable[Check]) -> list[dict[str, Any]]:
    """`shown` for one list of checks, looking up the course titles it needs."""
    checks = list(checks)
    return shown(checks, course_titles([checks]))


def seats_for(session: Session, country_id: int, region_id: int | None) -> dict[str, int | None]:
    """The seats a country may hope for in a session: reserved for it (or its region) and those
    reserved for nobody. None when the session reserves no seats."""
    if session.seats_by == Session.SeatsBy.NONE:
        return {"reserved": None, "unreserved": None, "capacity": session.capacity}
    quotas = SeatQuota.objects.filter(session=session)
    mine = Q(country_id=country_id) if session.seats_by == Session.SeatsBy.COUNTRY else Q(region_id=region_id)
    totals = quotas.aggregate(all=Sum("seats"), mine=Sum("seats", filter=mine))
    return {
        "reserved": totals["mine"] or 0,
        "unreserved": max(session.capacity - (totals["all"] or 0), 0),
        "capacity": session.capacity,
    }
