"""The rule: no current certification, no delivery.

`may_deliver(instructor, course, language, start, end)` answers "may this person deliver this
course, in this language, on these dates?" with every reason when the answer is no. Every later
scheduling feature asks it, through `services.assign_instructor` or directly.

`verdicts_for(instructors, ...)` answers the same question for many instructors at once in a fixed
number of queries, whatever their number (the pool search); `may_deliver` is that function for
one instructor, so the two always agree. `verdicts_for_subjects` asks it without a course, for
crime areas or capabilities (or any subject) and any language (the pool search by subject).

A course matches a certification's subjects when it is one of the certification's courses, or
shares a crime area or a policing capability with it. A certification covers the delivery when
it is active, matches the subjects, covers the language, and runs from on or before the first day
to on or after the last. An unavailable period or another assignment overlapping the dates also
refuses; a declared available period covering them only ranks the instructor higher.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from cadre.courses.models import Course
from cadre.directory.models import CrimeArea, PolicingCapability
from cadre.instructors.models import (
    Assignment,
    AvailabilityPeriod,
    Candidacy,
    Certification,
    Instructor,
)

Status = Certification.Status
Role = Assignment.Role

# The codes of the refusals, for pages and tests that group them.
NO_CERTIFICATION = "no_certification"
SUBJECT = "subject"
LANGUAGE = "language"
SUSPENDED = "suspended"
NOT_YET_VALID = "not_yet_valid"
EXPIRES = "expires"
NOT_CANDIDATE = "not_candidate"
INACTIVE = "inactive"
UNAVAILABLE = "unavailable"
BOOKED = "booked"


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str


@dataclass(frozen=True)
class Verdict:
    """The answer for one instructor: allowed, or the reasons why not. `certification` is the
    certification that covers the delivery (the highest level, then the latest expiry)."""

    allowed: bool
    refusals: tuple[Refusal, ...] = ()
    certification: Certification | None = None
    declared_available: bool = False

    @property
    def reasons(self) -> list[str]:
        return [refusal.message for refusal in self.refusals]

    @property
    def codes(self) -> list[str]:
        return [refusal.code for refusal in self.refusals]


@dataclass(frozen=True)
class Delivery:
    """What is to be delivered. Without a course (the pool search by subject), the crime areas and
    capabilities say what to be certified for (any subject when there are none); an empty
    language means any language."""

    course: Course | None
    language: str
    start: date
    end: date
    role: str = Role.LEAD
    ignore_assignment: int | None = None
    crime_areas: frozenset[int] = frozenset()
    capabilities: frozenset[int] = frozenset()


def day(value: date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def language_name(code: str) -> str:
    try:
        return str(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return code


# --- What is known about the instructors, loaded in a fixed number of queries ---------------------


@dataclass
class _Subjects:
    areas: set[int] = field(default_factory=set)
    capabilities: set[int] = field(default_factory=set)
    courses: set[int] = field(default_factory=set)


@dataclass
class _Facts:
    active: dict[int, bool]
    course_subjects: _Subjects | None  # None: any subject will do
    certifications: dict[int, list[Certification]]
    subjects: dict[int, _Subjects]  # by certification
    names: dict[tuple[str, int], str]  # ("area" | "capability" | "course", id) -> name
    unavailable: dict[int, list[AvailabilityPeriod]]
    available: dict[int, list[AvailabilityPeriod]]
    bookings: dict[int, list[Assignment]]
    candidates: set[int]


def _instructor_filter(instructors: QuerySet[Instructor] | Iterable[Instructor]) -> tuple[dict[int, bool], Q]:
    if isinstance(instructors, QuerySet):
        rows = dict(instructors.values_list("pk", "is_active"))
        return rows, Q(instructor__in=instructors.values("pk"))
    rows = {instructor.pk: instructor.is_active for instructor in instructors}
    return rows, Q(instructor_id__in=list(rows))


def _certifications(scope: Q, today: date) -> QuerySet[Certification]:
    # The few levels are prefetched, one instance each, rather than joined into every row.
    return Certification.objects.filter(
        scope, status__in=(Status.ACTIVE, Status.SUSPENDED), expires_on__gte=today
    ).prefetch_related("level")


def _through(field: str, certifications: Any) -> Any:
    """The rows of one of the subject relations for these certifications."""
    through: Any = getattr(Certification, field).through
    return through.objects.filter(certification__in=certifications)


def _subject_links(
    certifications: QuerySet[Certification],
) -> tuple[dict[int, _Subjects], dict[tuple[str, int], str]]:
    ids = certifications.values("pk")
    subjects: dict[int, _Subjects] = defaultdict(_Subjects)
    for certification_id, area_id in _through("crime_areas", ids).values_list(
        "certification_id", "crimearea_id"
    ):
        subjects[certification_id].areas.add(area_id)
    capabilities = _through("capabilities", ids).values_list("certification_id", "policingcapability_id")
    for certification_id, capability_id in capabilities:
        subjects[certification_id].capabilities.add(capability_id)
    for certification_id, course_id in _through("courses", ids).values_list("certification_id", "course_id"):
        subjects[certification_id].courses.add(course_id)
    return subjects, _subject_names(ids)


def _subject_names(certifications: Any) -> dict[tuple[str, int], str]:
    """The names of every subject of these certifications (one query for each kind, always)."""
    areas = CrimeArea.objects.filter(pk__in=_through("crime_areas", certifications).values("crimearea_id"))
    capabilities = PolicingCapability.objects.filter(
        pk__in=_through("capabilities", certifications).values("policingcapability_id")
    )
    courses = Course.objects.filter(pk__in=_through("courses", certifications).values("course_id"))
    names: dict[tuple[str, int], str] = {("area", item.pk): item.name for item in areas}
    names.update({("capability", item.pk): item.name for item in capabilities})
    names.update({("course", item.pk): str(item) for item in courses})
    return names


def _periods(scope: Q, delivery: Delivery) -> tuple[dict[int, list[Any]], dict[int, list[Any]]]:
    unavailable: dict[int, list[Any]] = defaultdict(list)
    available: dict[int, list[Any]] = defaultdict(list)
    overlapping = AvailabilityPeriod.objects.filter(
        scope, starts_on__lte=delivery.end, ends_on__gte=delivery.start
    ).order_by("starts_on", "pk")
    for period in overlapping:
        kind = unavailable if period.kind == AvailabilityPeriod.Kind.UNAVAILABLE else available
        kind[period.instructor_id].append(period)
    return unavailable, available


def _bookings(scope: Q, delivery: Delivery) -> dict[int, list[Assignment]]:
    bookings: dict[int, list[Assignment]] = defaultdict(list)
    overlapping = (
        Assignment.objects.filter(
            scope, cancelled_at__isnull=True, starts_on__lte=delivery.end, ends_on__gte=delivery.start
        )
        .exclude(pk=delivery.ignore_assignment or 0)
        .select_related("course")
        .order_by("starts_on", "pk")
    )
    for assignment in overlapping:
        bookings[assignment.instructor_id].append(assignment)
    return bookings


def _needed_subjects(delivery: Delivery) -> _Subjects | None:
    course = delivery.course
    if course is None:
        if not (delivery.crime_areas or delivery.capabilities):
            return None
        return _Subjects(areas=set(delivery.crime_areas), capabilities=set(delivery.capabilities))
    return _Subjects(
        areas=set(course.crime_areas.values_list("pk", flat=True)),
        capabilities=set(course.capabilities.values_list("pk", flat=True)),
        courses={course.pk},
    )


def _load(instructors: QuerySet[Instructor] | Iterable[Instructor], delivery: Delivery) -> _Facts:
    active, scope = _instructor_filter(instructors)
    today = timezone.localdate()
    course_subjects = _needed_subjects(delivery)
    certifications: dict[int, list[Certification]] = defaultdict(list)
    subjects: dict[int, _Subjects] = {}
    names: dict[tuple[str, int], str] = {}
    candidates: set[int] = set()
    if delivery.role == Role.TRAINEE:
        open_statuses = (Candidacy.Status.IN_PROGRESS, Candidacy.Status.RECOMMENDED)
        candidates = set(
            Candidacy.objects.filter(scope, status__in=open_statuses).values_list("instructor_id", flat=True)
        )
    else:
        found = _certifications(scope, today)
        for certification in found.order_by("-level__rank", "-expires_on", "pk"):
            certifications[certification.instructor_id].append(certification)
        subjects, names = _subject_links(found)
    unavailable, available = _periods(scope, delivery)
    return _Facts(
        active=active,
        course_subjects=course_subjects,
        certifications=certifications,
        subjects=subjects,
        names=names,
        unavailable=unavailable,
        available=available,
        bookings=_bookings(scope, delivery),
        candidates=candidates,
    )


# --- Judging one instructor from the facts -------------------------------------------------------


def _covers_subjects(subjects: _Subjects, course: _Subjects) -> bool:
    return bool(
        subjects.courses & course.courses
        or subjects.areas & course.areas
        or subjects.capabilities & course.capabilities
    )


def _subject_list(facts: _Facts, certifications: list[Certification]) -> str:
    labels: list[str] = []
    for certification in certifications:
        held = facts.subjects.get(certification.pk, _Subjects())
        keys = [
            *(("area", pk) for pk in sorted(held.areas)),
            *(("capability", pk) for pk in sorted(held.capabilities)),
            *(("course", pk) for pk in sorted(held.courses)),
        ]
        labels.extend(
            facts.names[key] for key in keys if key in facts.names and facts.names[key] not in labels
        )
    return ", ".join(labels)


def _subject_refusal(facts: _Facts, live: list[Certification], delivery: Delivery) -> Refusal:
    held = _subject_list(facts, live)
    if delivery.course is None:
        if not held:
            return Refusal(SUBJECT, _("Not certified for the subjects searched for."))
        text = _("Certified for %(subjects)s, not for the subjects searched for.") % {"subjects": held}
        return Refusal(SUBJECT, text)
    if not held:
        return Refusal(SUBJECT, _("Not certified for this course's subjects."))
    return Refusal(
        SUBJECT, _("Certified for %(subjects)s, not for this course's subjects.") % {"subjects": held}
    )


def _matching(facts: _Facts, live: list[Certification]) -> list[Certification]:
    needed = facts.course_subjects
    if needed is None:
        return live
    return [item for item in live if _covers_subjects(facts.subjects.get(item.pk, _Subjects()), needed)]


def _suspended_refusal(certification: Certification) -> Refusal:
    reason = certification.status_reason.strip()
    if not reason:
        return Refusal(SUSPENDED, _("Certification suspended."))
    return Refusal(SUSPENDED, _("Certification suspended: %(reason)s") % {"reason": reason.rstrip(".") + "."})


def _certification_check(
    facts: _Facts, instructor_id: int, delivery: Delivery
) -> tuple[Certification | None, Refusal | None]:
    """The certification that covers the delivery, or the most specific reason none does."""
    live = facts.certifications.get(instructor_id, [])
    if not live:
        return None, Refusal(NO_CERTIFICATION, _("No active certification."))
    matching = _matching(facts, live)
    if not matching:
        return None, _subject_refusal(facts, live, delivery)
    in_language = [item for item in matching if not delivery.language or delivery.language in item.languages]
    if not in_language:
        text = _("Not certified to teach in %(language)s.") % {"language": language_name(delivery.language)}
        return None, Refusal(LANGUAGE, text)
    active = [item for item in in_language if item.status == Status.ACTIVE]
    if not active:
        return None, _suspended_refusal(in_language[0])
    return _dates_check(active, delivery)


def _dates_check(
    active: list[Certification], delivery: Delivery
) -> tuple[Certification | None, Refusal | None]:
    started = [item for item in active if item.issued_on <= delivery.start]
    if not started:
        first = min(active, key=lambda item: item.issued_on)
        text = _("Certification starts on %(date)s, after the first day.") % {"date": day(first.issued_on)}
        return None, Refusal(NOT_YET_VALID, text)
    lasting = [item for item in started if item.expires_on >= delivery.end]
    if not lasting:
        longest = max(started, key=lambda item: item.expires_on)
        text = _("Certification expires on %(date)s, before the last day.") % {
            "date": day(longest.expires_on)
        }
        return None, Refusal(EXPIRES, text)
    return lasting[0], None


def _unavailable_refusal(period: AvailabilityPeriod) -> Refusal:
    values = {
        "start": day(period.starts_on),
        "end": day(period.ends_on),
        "note": period.note.strip().rstrip("."),
    }
    if values["note"]:
        return Refusal(UNAVAILABLE, _("Unavailable from %(start)s to %(end)s: %(note)s.") % values)
    return Refusal(UNAVAILABLE, _("Unavailable from %(start)s to %(end)s.") % values)


def _booked_refusal(assignment: Assignment) -> Refusal:
    values = {
        "what": assignment.reference or str(assignment.course),
        "start": day(assignment.starts_on),
        "end": day(assignment.ends_on),
    }
    return Refusal(BOOKED, _("Already delivering %(what)s from %(start)s to %(end)s.") % values)


def _judge(facts: _Facts, instructor_id: int, delivery: Delivery) -> Verdict:
    refusals: list[Refusal] = []
    certification = None
    if not facts.active.get(instructor_id, False):
        refusals.append(Refusal(INACTIVE, _("The instructor's profile is inactive.")))
    if delivery.role == Role.TRAINEE:
        if instructor_id not in facts.candidates:
            refusals.append(Refusal(NOT_CANDIDATE, _("Not a candidate on a certification pathway.")))
    else:
        certification, refusal = _certification_check(facts, instructor_id, delivery)
        if refusal is not None:
            refusals.append(refusal)
    refusals.extend(_unavailable_refusal(period) for period in facts.unavailable.get(instructor_id, []))
    refusals.extend(_booked_refusal(assignment) for assignment in facts.bookings.get(instructor_id, []))
    declared = any(
        period.starts_on <= delivery.start and period.ends_on >= delivery.end
        for period in facts.available.get(instructor_id, [])
    )
    return Verdict(
        allowed=not refusals,
        refusals=tuple(refusals),
        certification=certification,
        declared_available=declared,
    )


# --- The entry points -----------------------------------------------------------------------------


def verdicts_for(
    instructors: QuerySet[Instructor] | Iterable[Instructor],
    course: Course,
    language: str,
    start: date,
    end: date,
    *,
    role: str = Role.LEAD,
    ignore_assignment: int | None = None,
) -> dict[int, Verdict]:
    """The verdict for each instructor, by id, in a fixed number of queries. `ignore_assignment`
    leaves one assignment out of "already booked" (to check it again when it is moved)."""
    if end < start:
        raise ValueError("The last day comes before the first.")
    return _verdicts(instructors, Delivery(course, language, start, end, role, ignore_assignment))


def verdicts_for_subjects(
    instructors: QuerySet[Instructor] | Iterable[Instructor],
    *,
    crime_areas: Iterable[int] = (),
    capabilities: Iterable[int] = (),
    language: str = "",
    start: date,
    end: date,
    role: str = Role.LEAD,
) -> dict[int, Verdict]:
    """The same verdicts without a course (the pool search by subject): certified for one of these
    crime areas or capabilities (any subject when none is given), in this language (any when
    empty), from the first day to the last, available and not booked."""
    if end < start:
        raise ValueError("The last day comes before the first.")
    delivery = Delivery(
        None,
        language,
        start,
        end,
        role,
        crime_areas=frozenset(crime_areas),
        capabilities=frozenset(capabilities),
    )
    return _verdicts(instructors, delivery)


def _verdicts(
    instructors: QuerySet[Instructor] | Iterable[Instructor], delivery: Delivery
) -> dict[int, Verdict]:
    facts = _load(instructors, delivery)
    return {instructor_id: _judge(facts, instructor_id, delivery) for instructor_id in facts.active}


def may_deliver(
    instructor: Instructor,
    course: Course,
    language: str,
    start: date,
    end: date,
    *,
    role: str = Role.LEAD,
    ignore_assignment: int | None = None,
) -> Verdict:
    """May this person deliver this course, in this language, on these dates? With the reasons
    when not."""
    verdicts = verdicts_for(
        [instructor], course, language, start, end, role=role, ignore_assignment=ignore_assignment
    )
    return verdicts[instructor.pk]
