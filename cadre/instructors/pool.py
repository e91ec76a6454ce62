"""The pool search: who may deliver a course (or teach a subject) in a language on given dates,
ranked by fit and with why each fits, and everyone else with the reasons they may not.

The rule is `rules.verdicts_for` (or `rules.verdicts_for_subjects` without a course); what ranks
the instructors who pass it is read in a few more queries, whatever the pool's size:

1. certified for this very course (the course is named on the certification) before a match on
   its subjects;
2. a better command of the language asked for;
3. declared available for the dates;
4. a higher level of certification;
5. a better participants' rating;
6. fewer other deliveries booked around the dates.

Searching for a course or a subject, the rule judges only the instructors who hold a live
certification (active or suspended, not expired) for one of its subjects: nobody else may
deliver, and they are counted by their main reason in one query; as many of them as the list of
the excluded still has room for are judged too, so each shown has its reasons. `search` judges
and ranks ids only; `present` loads the instructors of the rows shown.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cadre.accounts.permissions import AnyUser
from cadre.courses.models import Course
from cadre.directory.models import CrimeArea, PolicingCapability
from cadre.instructors import rules, selectors
from cadre.instructors.models import (
    Assignment,
    Certification,
    Instructor,
    InstructorLanguage,
    Level,
)

CERTIFIED = ""
EXPIRING = "expiring"
CANDIDATE = "candidate"
STATUSES = (CERTIFIED, EXPIRING, CANDIDATE)

LEVEL = "level"  # a refusal of the search, not of the rule: certified below the level asked for
EXPIRY_WARNING_DAYS = 90
BOOKING_WINDOW_DAYS = 90
EXCLUDED_JUDGED = 50  # at least this many of the excluded are judged, with their reasons
PROFICIENCY_RANK = {"native": 5, "C2": 4, "C1": 3, "B2": 2, "B1": 1}

# How far an excluded instructor is from being able to deliver: the closest are shown first.
DISTANCE = {
    rules.BOOKED: 0,
    rules.UNAVAILABLE: 0,
    rules.EXPIRES: 1,
    rules.NOT_YET_VALID: 1,
    LEVEL: 1,
    rules.SUSPENDED: 2,
    rules.LANGUAGE: 3,
    rules.SUBJECT: 4,
    rules.NO_CERTIFICATION: 5,
    rules.NOT_CANDIDATE: 5,
    rules.INACTIVE: 6,
}


@dataclass(frozen=True)
class PoolQuery:
    """What the search asks for. Without a course, the crime area and the capability say what to
    be certified for (any subject when neither is given); an empty language means any."""

    start: date
    end: date
    course: Course | None = None
    crime_area: CrimeArea | None = None
    capability: PolicingCapability | None = None
    language: str = ""
    region: str = ""
    level: Level | None = None
    status: str = CERTIFIED

    @property
    def subjects(self) -> str:
        """The crime area and capability searched for, by name ("" when none)."""
        return ", ".join(str(term.name) for term in (self.crime_area, self.capability) if term is not None)

    @property
    def role(self) -> str:
        return rules.Role.TRAINEE if self.status == CANDIDATE else rules.Role.LEAD


@dataclass(frozen=True)
class Candidate:
    """One instructor as judged and ranked, without the instructor's row."""

    instructor_id: int
    verdict: rules.Verdict
    refusals: tuple[rules.Refusal, ...]
    family_name: str = ""
    given_names: str = ""
    exact: bool = False
    proficiency: str = ""
    rating: Decimal | None = None
    rating_count: int = 0
    bookings: int = 0

    @property
    def allowed(self) -> bool:
        return not self.refusals

    @property
    def level_rank(self) -> int:
        certification = self.verdict.certification
        return certification.level.rank if certification is not None else 0

    def fit(self) -> tuple[Any, ...]:
        """The order of the results: the best fit first."""
        return (
            not self.exact,
            -PROFICIENCY_RANK.get(self.proficiency, 0),
            not self.verdict.declared_available,
            -self.level_rank,
            -(self.rating or 0),
            self.bookings,
            self.family_name.casefold(),
            self.given_names.casefold(),
            self.instructor_id,
        )

    @property
    def main_reason(self) -> str:
        """The refusal that puts them furthest from delivering."""
        return max((refusal.code for refusal in self.refusals), key=lambda code: DISTANCE.get(code, 6))

    def distance(self) -> tuple[Any, ...]:
        """The order of the excluded: the closest to delivering first."""
        furthest = max((DISTANCE.get(refusal.code, 6) for refusal in self.refusals), default=0)
        return (
            furthest,
            len(self.refusals),
            self.family_name.casefold(),
            self.given_names.casefold(),
            self.instructor_id,
        )


@dataclass(frozen=True)
class PoolResult:
    query: PoolQuery
    matches: list[Candidate]
    excluded: list[Candidate]  # judged, with their reasons, the closest to delivering first
    by_reason: Counter[str]  # every excluded instructor, judged or not, under their main reason

    @property
    def excluded_count(self) -> int:
        return sum(self.by_reason.values())

    def excluded_by_reason(self) -> list[tuple[str, int]]:
        """How many of the excluded each main reason keeps from delivering, the most first."""
        return [(reason_label(code), count) for code, count in self.by_reason.most_common()]


@dataclass(frozen=True)
class Row:
    """One instructor shown: why they fit (or why not), and anything to watch."""

    instructor: Instructor
    candidate: Candidate
    reasons: list[str]
    notes: list[str]


def reason_label(code: str) -> str:
    labels = {
        rules.BOOKED: _("Booked on overlapping dates"),
        rules.UNAVAILABLE: _("Declared unavailable on these dates"),
        rules.EXPIRES: _("Certification expires before the last day"),
        rules.NOT_YET_VALID: _("Certification starts after the first day"),
        LEVEL: _("Certified below the level asked for"),
        rules.SUSPENDED: _("Certification suspended"),
        rules.LANGUAGE: _("Not certified in this language"),
        rules.SUBJECT: _("Not certified for these subjects"),
        rules.NO_CERTIFICATION: _("No active certification"),
        rules.NOT_CANDIDATE: _("Not a candidate on a pathway"),
        rules.INACTIVE: _("Profile inactive"),
    }
    return str(labels.get(code, code))


# --- Judging and ranking ---------------------------------------------------------------------------


def pool_for(user: AnyUser, query: PoolQuery) -> QuerySet[Instructor]:
    """The instructors the person may see, in the region asked for."""
    found = selectors.instructors_for(user)
    if query.region:
        found = found.filter(home_country__region__code=query.region)
    return found


def _verdicts(pool: QuerySet[Instructor] | list[Instructor], query: PoolQuery) -> dict[int, rules.Verdict]:
    if query.course is not None:
        return rules.verdicts_for(pool, query.course, query.language, query.start, query.end, role=query.role)
    return rules.verdicts_for_subjects(
        pool,
        crime_areas=[query.crime_area.pk] if query.crime_area else [],
        capabilities=[query.capability.pk] if query.capability else [],
        language=query.language,
        start=query.start,
        end=query.end,
        role=query.role,
    )


@dataclass(frozen=True)
class _Facts:
    people: dict[int, tuple[str, str, Decimal | None, int]]
    proficiency: dict[int, str]
    exact: set[int]
    bookings: dict[int, int]


def _exact(pool: QuerySet[Instructor], query: PoolQuery) -> set[int]:
    """The instructors holding a certification that names the course itself and covers the
    delivery's language and dates."""
    if query.course is None or query.status == CANDIDATE:
        return set()
    through: Any = Certification.courses.through
    found = through.objects.filter(
        course=query.course,
        certification__instructor__in=pool.values("pk"),
        certification__status=Certification.Status.ACTIVE,
        certification__issued_on__lte=query.start,
        certification__expires_on__gte=query.end,
    )
    if query.language:
        found = found.filter(**{f"certification__in_{query.language}": True})
    return set(found.values_list("certification__instructor_id", flat=True))


def _facts(pool: QuerySet[Instructor], query: PoolQuery) -> _Facts:
    ids = pool.values("pk")
    people = {
        pk: (family or "", given or "", rating, count)
        for pk, family, given, rating, count in pool.values_list(
            "pk", "person__family_name", "person__given_names", "average_rating", "rating_count"
        )
    }
    proficiency: dict[int, str] = {}
    if query.language:
        proficiency = dict(
            InstructorLanguage.objects.filter(instructor__in=ids, language=query.language).values_list(
                "instructor_id", "proficiency"
            )
        )
    window = timedelta(days=BOOKING_WINDOW_DAYS)
    booked = (
        Assignment.objects.filter(
            instructor__in=ids,
            cancelled_at__isnull=True,
            starts_on__lte=query.end + window,
            ends_on__gte=query.start - window,
        )
        .order_by()
        .values("instructor_id")
        .annotate(number=Count("pk"))
    )
    bookings = {row["instructor_id"]: row["number"] for row in booked}
    return _Facts(people, proficiency, _exact(pool, query), bookings)


def _level_refusal(verdict: rules.Verdict, query: PoolQuery) -> rules.Refusal | None:
    certification = verdict.certification
    if query.level is None or certification is None or certification.level.rank >= query.level.rank:
        return None
    values = {"level": certification.level.name, "wanted": query.level.name}
    return rules.Refusal(
        LEVEL, _("Certified at the %(level)s level, below the %(wanted)s level asked for.") % values
    )


def _candidate(pk: int, verdict: rules.Verdict, facts: _Facts, query: PoolQuery) -> Candidate:
    refusals = list(verdict.refusals)
    if verdict.allowed and query.status != CANDIDATE:
        refusal = _level_refusal(verdict, query)
        if refusal is not None:
            refusals.append(refusal)
    family, given, rating, rating_count = facts.people.get(pk, ("", "", None, 0))
    return Candidate(
        instructor_id=pk,
        verdict=verdict,
        refusals=tuple(refusals),
        family_name=family,
        given_names=given,
        exact=pk in facts.exact,
        proficiency=facts.proficiency.get(pk, ""),
        rating=rating,
        rating_count=rating_count,
        bookings=facts.bookings.get(pk, 0),
    )


def _expiring(candidate: Candidate, query: PoolQuery) -> bool:
    certification = candidate.verdict.certification
    return certification is not None and certification.expires_on <= query.end + timedelta(
        days=EXPIRY_WARNING_DAYS
    )


def _live_holders(query: PoolQuery) -> Q | None:
    """Instructors holding a live certification for one of the subjects asked for (the only
    ones who may deliver); None when any instructor may (no subject, or candidates)."""
    if query.status == CANDIDATE:
        return None
    live = Certification.objects.filter(
        status__in=(Certification.Status.ACTIVE, Certification.Status.SUSPENDED),
        expires_on__gte=timezone.localdate(),
    )
    course = query.course
    if course is not None:
        return (
            Q(pk__in=live.filter(crime_areas__in=course.crime_areas.values("pk")).values("instructor_id"))
            | Q(pk__in=live.filter(capabilities__in=course.capabilities.values("pk")).values("instructor_id"))
            | Q(pk__in=live.filter(courses=course).values("instructor_id"))
        )
    holders = Q(pk__in=[])
    if query.crime_area is not None:
        holders |= Q(pk__in=live.filter(crime_areas=query.crime_area).values("instructor_id"))
    if query.capability is not None:
        holders |= Q(pk__in=live.filter(capabilities=query.capability).values("instructor_id"))
    return holders if query.subjects else None


def _others_by_reason(others: QuerySet[Instructor]) -> Counter[str]:
    """The main reason of each instructor left unjudged, counted in one query."""
    live = Certification.objects.filter(
        instructor=OuterRef("pk"),
        status__in=(Certification.Status.ACTIVE, Certification.Status.SUSPENDED),
        expires_on__gte=timezone.localdate(),
    )
    counted = (
        others.order_by()
        .annotate(holds=Exists(live))
        .aggregate(
            total=Count("pk"),
            inactive=Count("pk", filter=Q(is_active=False)),
            holding=Count("pk", filter=Q(is_active=True, holds=True)),
        )
    )
    total, inactive, holding = counted["total"], counted["inactive"], counted["holding"]
    found = Counter(
        {rules.INACTIVE: inactive, rules.SUBJECT: holding, rules.NO_CERTIFICATION: total - inactive - holding}
    )
    return +found  # without the zeros


def _judged(
    pool: QuerySet[Instructor] | list[Instructor], query: PoolQuery, facts: _Facts
) -> list[Candidate]:
    return [_candidate(pk, verdict, facts, query) for pk, verdict in _verdicts(pool, query).items()]


def search(user: AnyUser, query: PoolQuery, *, excluded_judged: int = EXCLUDED_JUDGED) -> PoolResult:
    """Every instructor the person may see: those who may deliver ranked by fit, the others
    closest first, with their reasons (at least `excluded_judged` of them) and counted by main
    reason. A fixed number of queries, whatever the pool's size."""
    everyone = pool_for(user, query)
    facts = _facts(everyone, query)
    holders = _live_holders(query)
    judged = _judged(everyone if holders is None else everyone.filter(holders), query, facts)
    matches = [item for item in judged if item.allowed]
    if query.status == EXPIRING:
        matches = [item for item in matches if _expiring(item, query)]
    excluded = sorted((item for item in judged if not item.allowed), key=Candidate.distance)
    by_reason = Counter(item.main_reason for item in excluded)
    if holders is not None:
        others = everyone.exclude(holders)
        counted = _others_by_reason(others)
        by_reason += counted
        room = excluded_judged - len(excluded)
        if room > 0 and counted:
            some = list(others.order_by("person__family_name", "person__given_names", "pk")[:room])
            excluded += sorted(_judged(some, query, facts), key=Candidate.distance)
    return PoolResult(
        query=query, matches=sorted(matches, key=Candidate.fit), excluded=excluded, by_reason=by_reason
    )


# --- What a row says --------------------------------------------------------------------------------


def _subject_reason(candidate: Candidate, query: PoolQuery) -> str | None:
    if query.course is not None:
        if candidate.exact:
            return _("Certified for this very course.")
        return _("Certified for this course's subjects.")
    if query.subjects:
        return _("Certified for %(subjects)s.") % {"subjects": query.subjects}
    return None


def _language_reason(candidate: Candidate, query: PoolQuery) -> str | None:
    if not query.language:
        return None
    language = rules.language_name(query.language)
    if candidate.proficiency:
        label = InstructorLanguage.Proficiency(candidate.proficiency).label
        return _("Teaches in %(language)s: %(level)s.") % {"language": language, "level": label}
    if query.status == CANDIDATE:
        return None
    return _("Certified to teach in %(language)s.") % {"language": language}


def _certification_reasons(candidate: Candidate, query: PoolQuery) -> list[str]:
    certification = candidate.verdict.certification
    if certification is None:
        return [_("On a certification pathway: may co-deliver under supervision.")]
    reasons = [
        _("%(level)s level, certified until %(date)s.")
        % {"level": certification.level.name, "date": rules.day(certification.expires_on)}
    ]
    subject = _subject_reason(candidate, query)
    return [subject, *reasons] if subject else reasons


def _rating_reason(candidate: Candidate) -> str | None:
    if candidate.rating is None or not candidate.rating_count:
        return None
    return ngettext(
        "Rated %(rating)s out of 5 by participants (%(count)s rating).",
        "Rated %(rating)s out of 5 by participants (%(count)s ratings).",
        candidate.rating_count,
    ) % {"rating": formats.number_format(candidate.rating, 1), "count": candidate.rating_count}


def _bookings_reason(candidate: Candidate) -> str:
    if not candidate.bookings:
        return _("No other delivery booked within 90 days of these dates.")
    return ngettext(
        "%(count)s other delivery booked within 90 days of these dates.",
        "%(count)s other deliveries booked within 90 days of these dates.",
        candidate.bookings,
    ) % {"count": candidate.bookings}


def fit_reasons(candidate: Candidate, query: PoolQuery) -> list[str]:
    """Why an instructor who may deliver fits, in the order that ranks them."""
    reasons: list[str | None] = [
        *_certification_reasons(candidate, query),
        _language_reason(candidate, query),
        _("Declared available for these dates.") if candidate.verdict.declared_available else None,
        _rating_reason(candidate),
        _bookings_reason(candidate),
    ]
    return [reason for reason in reasons if reason]


def notes_for(candidate: Candidate, query: PoolQuery) -> list[str]:
    certification = candidate.verdict.certification
    if candidate.allowed and certification is not None and _expiring(candidate, query):
        return [
            _("The certification expires on %(date)s, within 90 days of the last day: check its renewal.")
            % {"date": rules.day(certification.expires_on)}
        ]
    return []


def present(query: PoolQuery, candidates: list[Candidate]) -> list[Row]:
    """The rows for these candidates, in their order, in two queries."""
    instructors = Instructor.objects.select_related("person", "home_country").in_bulk(
        [item.instructor_id for item in candidates]
    )
    rows = []
    for item in candidates:
        instructor = instructors.get(item.instructor_id)
        if instructor is None:
            continue
        reasons = fit_reasons(item, query) if item.allowed else [refusal.message for refusal in item.refusals]
        rows.append(Row(instructor, item, reasons, notes_for(item, query)))
    return rows
