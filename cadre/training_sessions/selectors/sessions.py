"""Reads about sessions, filtered to what the person may see.

- Those who manage a session (the course's managers, its named manager, administrators) see
  it in every state, planned included.
- NCB staff see every session no longer planned; instructors the sessions they teach;
  nominees the sessions they were nominated to.

`people_concerned(session)` answers "whom do we tell when this session changes?".
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from cadre.accounts.models import RoleAssignment, User
from cadre.accounts.permissions import AnyUser
from cadre.courses import permissions as course_permissions
from cadre.courses.models import LANGUAGE_CODES, Course
from cadre.directory.models import Country, Region
from cadre.instructors import rules
from cadre.instructors.models import Assignment, Instructor
from cadre.training_sessions import permissions
from cadre.training_sessions.models import (
    Nomination,
    SeatQuota,
    Session,
    SessionDay,
    SessionEvent,
    SessionInstructor,
)

Status = Session.Status
NominationStatus = Nomination.Status
# Nominees who are told about a session's changes: all but those withdrawn or rejected.
NOT_CONCERNED = (NominationStatus.WITHDRAWN, NominationStatus.REJECTED)
# Changes that make calendars update their copy of a session's days.
CALENDAR_CHANGES = (SessionEvent.Kind.CHANGED, SessionEvent.Kind.RESCHEDULED, SessionEvent.Kind.CANCELLED)
HISTORY_LENGTH = 50
FEED_PAST_DAYS = 365


@dataclass(frozen=True)
class SessionFilters:
    status: str = ""
    course: Course | None = None
    language: str = ""
    region: Region | None = None
    ends_on_or_after: date | None = None
    starts_on_or_after: date | None = None
    starts_on_or_before: date | None = None
    q: str = ""


# --- Who sees which session --------------------------------------------------------------------------


def _managed(user: AnyUser) -> Q:
    courses = course_permissions.looked_after_filter(user)
    if not courses:  # every course: administrators, organisation-wide course managers
        return Q()
    return Q(manager_id=user.pk) | Q(course__in=Course.objects.filter(courses).values("pk"))


def _taking_part(user: AnyUser) -> Q:
    teaching = SessionInstructor.objects.filter(
        assignment__instructor__person_id=user.pk, assignment__cancelled_at__isnull=True
    ).values("session_id")
    nominated = Nomination.objects.filter(person_id=user.pk).values("session_id")
    return Q(pk__in=teaching) | Q(pk__in=nominated)


def visible_filter(user: AnyUser) -> Q:
    """The sessions `permissions.can_view_session` lets the person see, as one filter."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    managed = _managed(user)
    if not managed:
        return Q()
    others = Q() if permissions.works_for_an_ncb(user) else _taking_part(user)
    return managed | (~Q(status=Status.PLANNED) & others)


def sessions_for(user: AnyUser) -> QuerySet[Session]:
    return Session.objects.filter(visible_filter(user))


def _seats_taken() -> Coalesce:
    accepted = (
        Nomination.objects.filter(session=OuterRef("pk"), status=NominationStatus.ACCEPTED)
        .order_by()
        .values("session")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(accepted, output_field=IntegerField()), 0)


def _search(found: QuerySet[Session], text: str) -> QuerySet[Session]:
    for word in text.split()[:5]:
        titles = Q()
        for code in LANGUAGE_CODES:
            titles |= Q(**{f"course__title_{code}__icontains": word})
        found = found.filter(
            Q(code__icontains=word) | Q(title__icontains=word) | Q(course__code__icontains=word) | titles
        )
    return found


def _dated(found: QuerySet[Session], filters: SessionFilters) -> QuerySet[Session]:
    if filters.ends_on_or_after is not None:
        found = found.filter(ends_on__gte=filters.ends_on_or_after)
    if filters.starts_on_or_after is not None:
        found = found.filter(starts_on__gte=filters.starts_on_or_after)
    if filters.starts_on_or_before is not None:
        found = found.filter(starts_on__lte=filters.starts_on_or_before)
    return found


def filtered(found: QuerySet[Session], filters: SessionFilters) -> QuerySet[Session]:
    if filters.status in Status.values:
        found = found.filter(status=filters.status)
    if filters.course is not None:
        found = found.filter(course=filters.course)
    if filters.language in LANGUAGE_CODES:
        found = found.filter(language=filters.language)
    if filters.region is not None:
        found = found.filter(Q(region=filters.region) | Q(country__region=filters.region))
    found = _dated(found, filters)
    if filters.q.strip():
        found = _search(found, filters.q.strip())
    return found


def session_list(user: AnyUser, filters: SessionFilters | None = None) -> QuerySet[Session]:
    """The list page: the sessions the person may see, filtered, with what a row shows."""
    found = filtered(sessions_for(user), filters or SessionFilters())
    return found.select_related("course", "venue", "country").annotate(seats_taken=_seats_taken())


def session_id(code: str) -> int | None:
    """The id of the session with this reference, whoever may see it (`permissions.get_session_for`
    decides that), or None."""
    return Session.objects.filter(code=code.strip()).values_list("pk", flat=True).first()


def filter_courses(user: AnyUser) -> QuerySet[Course]:
    """The courses of the sessions the person sees, for the list's filter."""
    return Course.objects.filter(pk__in=sessions_for(user).values("course_id")).order_by("code")


def schedulable_courses(user: AnyUser) -> QuerySet[Course]:
    """The published courses the person looks after: those they may schedule sessions of."""
    if not user.is_authenticated:
        return Course.objects.none()
    return Course.objects.filter(
        course_permissions.looked_after_filter(user), status=Course.Status.PUBLISHED
    ).order_by("code")


def possible_managers(user: AnyUser, course: Course | None = None) -> QuerySet[User]:
    """Whom a session may name as its manager: the person scheduling it, and those holding the
    course-manager role (for `course`, or for any course) or owning the course."""
    holders = RoleAssignment.objects.filter(role__code=course_permissions.COURSE_MANAGER)
    owners = Course.objects.filter(pk=course.pk) if course else Course.objects.none()
    return User.objects.filter(
        Q(pk=user.pk) | Q(pk__in=holders.values("user_id")) | Q(pk__in=owners.values("owner_id")),
        is_active=True,
    ).order_by("family_name", "given_names")


# --- One session ------------------------------------------------------------------------------------


def seats_taken(session: Session) -> int:
    return Nomination.objects.filter(session=session, status=NominationStatus.ACCEPTED).count()


def instructor_links(session: Session, *, active_only: bool = True) -> list[SessionInstructor]:
    links = session.instructor_links.select_related(
        "assignment__instructor__person", "assignment__created_by"
    )
    if active_only:
        links = links.filter(assignment__cancelled_at__isnull=True)
    return list(links.order_by("assignment__role", "pk"))


def instructor_link(session: Session, pk: int) -> SessionInstructor | None:
    """One of the session's instructors (None when the id is another session's)."""
    return session.instructor_links.select_related("assignment__instructor__person").filter(pk=pk).first()


@dataclass(frozen=True)
class Overview:
    """What the session's page shows, read in a fixed number of queries."""

    session: Session
    days: list[SessionDay]
    quotas: list[SeatQuota]
    sectors: list[Any]
    instructors: list[SessionInstructor]
    history: list[SessionEvent]
    seats_taken: int

    @property
    def seats_free(self) -> int:
        return max(self.session.capacity - self.seats_taken, 0)


def overview(session: Session) -> Overview:
    return Overview(
        session=session,
        days=list(session.days.order_by("date")),
        quotas=list(session.quotas.select_related("country", "region")),
        sectors=list(session.eligible_sectors.all()),
        instructors=instructor_links(session),
        history=list(session.events.select_related("by")[:HISTORY_LENGTH]),
        seats_taken=seats_taken(session),
    )


# --- Whom a change concerns -------------------------------------------------------------------------


class Recipient(NamedTuple):
    email: str
    language: str
    name: str


def _recipient(person: User) -> Recipient | None:
    if not person.is_active or not person.email or person.anonymised_at is not None:
        return None
    return Recipient(person.email, person.preferred_language, person.get_short_name())


def focal_points_of(country_ids: set[int]) -> list[User]:
    """The NCB focal points of these countries (the role held within the country)."""
    if not country_ids:
        return []
    rows = RoleAssignment.objects.filter(
        role__code=permissions.FOCAL_POINT,
        scope_type=ContentType.objects.get_for_model(Country),
        scope_id__in=country_ids,
    ).select_related("user")
    return [row.user for row in rows]


def people_concerned(session: Session, *, also: list[int] | None = None) -> list[Recipient]:
    """Everyone to tell when the session changes, once each: the nominees not withdrawn or
    rejected, the focal points of their NCBs, the session's instructors, and the people whose
    ids are given in `also` (instructors the change released). Each as (e-mail, language, name)."""
    nominations = list(
        Nomination.objects.filter(session=session).exclude(status__in=NOT_CONCERNED).select_related("person")
    )
    people: list[User] = [nomination.person for nomination in nominations]
    people += focal_points_of({nomination.country_id for nomination in nominations})
    people += [link.assignment.instructor.person for link in instructor_links(session)]
    if also:
        people += list(User.objects.filter(pk__in=also))
    found: dict[str, Recipient] = {}
    for person in people:
        recipient = _recipient(person)
        if recipient is not None:
            found.setdefault(recipient.email.lower(), recipient)
    return list(found.values())


# --- Calendars ----------------------------------------------------------------------------------------


def _changes_count() -> Coalesce:
    changes = (
        SessionEvent.objects.filter(session=OuterRef("pk"), kind__in=CALENDAR_CHANGES)
        .order_by()
        .values("session")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(changes, output_field=IntegerField()), 0)


def with_calendar_facts(found: QuerySet[Session]) -> QuerySet[Session]:
    return (
        found.select_related("course", "venue", "country")
        .prefetch_related(Prefetch("days", queryset=SessionDay.objects.order_by("date")))
        .annotate(changes=_changes_count())
    )


def calendar_session(session: Session) -> QuerySet[Session]:
    return with_calendar_facts(Session.objects.filter(pk=session.pk))


def feed_owner(pk: int) -> User | None:
    """The person a calendar feed belongs to, while their account is in use."""
    return User.objects.filter(pk=pk, is_active=True, anonymised_at__isnull=True).first()


def feed_sessions(person: User, today: date | None = None) -> QuerySet[Session]:
    """A person's calendar: the sessions they are accepted to and those they teach, from a year
    ago on (cancelled ones too, so that calendars drop them)."""
    today = today or timezone.localdate()
    accepted = Nomination.objects.filter(person=person, status=NominationStatus.ACCEPTED).values("session_id")
    teaching = SessionInstructor.objects.filter(
        assignment__instructor__person=person, assignment__cancelled_at__isnull=True
    ).values("session_id")
    return with_calendar_facts(
        Session.objects.filter(
            Q(pk__in=accepted) | Q(pk__in=teaching), ends_on__gte=today - timedelta(days=FEED_PAST_DAYS)
        )
        .exclude(status=Status.PLANNED)
        .order_by("starts_on", "pk")
    )


# --- Instructors to choose from ---------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    instructor: Instructor
    verdict: rules.Verdict
    on_session: bool


def instructor_candidates(
    session: Session, *, role: str = Assignment.Role.LEAD, q: str = ""
) -> list[Candidate]:
    """The active instructors, each with the rule's verdict for the session's course, language
    and dates (allowed first, those who declared themselves available before the others), in a
    fixed number of queries."""
    pool = Instructor.objects.filter(is_active=True).select_related("person", "home_country")
    for word in q.split()[:5]:
        pool = pool.filter(
            Q(person__given_names__icontains=word)
            | Q(person__family_name__icontains=word)
            | Q(person__preferred_name__icontains=word)
        )
    instructors = list(pool)
    verdicts = rules.verdicts_for(
        instructors, session.course, session.language, session.starts_on, session.ends_on, role=role
    )
    booked = set(
        session.instructor_links.filter(assignment__cancelled_at__isnull=True).values_list(
            "assignment__instructor_id", flat=True
        )
    )
    rows = [
        Candidate(instructor, verdicts[instructor.pk], instructor.pk in booked) for instructor in instructors
    ]
    return sorted(
        rows,
        key=lambda row: (
            row.on_session,
            not row.verdict.allowed,
            not row.verdict.declared_available,
            row.instructor.person.family_name.lower(),
            row.instructor.pk,
        ),
    )
