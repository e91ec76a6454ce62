"""Reads of the catalogue, filtered to what the person may see."""

from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from cadre.accounts.permissions import AnyUser
from cadre.courses import permissions, search_index
from cadre.courses.models import LANGUAGE_CODES, TRANSLATED_FIELDS, Course, CourseVersion

Status = Course.Status
SORTS = ("relevance", "title", "newest")


@dataclass(frozen=True)
class CourseFilters:
    """The catalogue's filters, by the codes that appear in shareable addresses."""

    programme: str = ""
    crime_area: str = ""
    capability: str = ""
    course_type: str = ""
    delivery_mode: str = ""
    language: str = ""
    region: str = ""
    accredited: bool = False
    sort: str = "relevance"


def catalogue_for(user: AnyUser, *, public: bool = False) -> QuerySet[Course]:
    """Published courses: all of them for signed-in people, the public ones otherwise."""
    courses = Course.objects.filter(status=Status.PUBLISHED)
    if public or not user.is_authenticated:
        courses = courses.filter(is_public=True)
    return courses


def _filtered(courses: QuerySet[Course], filters: CourseFilters) -> QuerySet[Course]:
    lookups = {
        "programme__code": filters.programme,
        "crime_areas__code": filters.crime_area,
        "capabilities__code": filters.capability,
        "course_type__code": filters.course_type,
        "delivery_mode__code": filters.delivery_mode,
        "institution__country__region__code": filters.region,
    }
    wanted = {lookup: value for lookup, value in lookups.items() if value}
    if filters.crime_area or filters.capability:
        # Many-to-many lookups: keep each course once.
        courses = courses.filter(pk__in=Course.objects.filter(**wanted).values("pk"))
    elif wanted:
        courses = courses.filter(**wanted)
    if filters.language in LANGUAGE_CODES:
        courses = courses.filter(**{f"offered_in_{filters.language}": True})
    if filters.accredited:
        courses = courses.filter(accredited_until__gte=timezone.localdate())
    return courses


def search_courses(
    user: AnyUser,
    query: str = "",
    filters: CourseFilters | None = None,
    language: str = "en",
    *,
    public: bool = False,
) -> QuerySet[Course]:
    """The catalogue searched in the person's language, filtered and sorted: FTS5 on SQLite,
    the language's text search configuration on PostgreSQL (which also matches word stems, so
    it may find more)."""
    filters = filters or CourseFilters()
    language = language if language in LANGUAGE_CODES else "en"
    courses = _filtered(catalogue_for(user, public=public), filters)
    searched = bool(search_index.terms_of(query))
    courses = search_index.matching(courses, query, language)
    courses = courses.select_related("course_type", "delivery_mode", "programme")
    if filters.sort == "title":
        return courses.order_by(F(f"title_{language}").asc(nulls_last=True), "title_en", "code")
    if filters.sort == "newest" or not searched:
        # Published courses always have a date; without NULLS LAST the index on it serves.
        return courses.order_by("-published_at", "code")
    return courses.order_by(F("relevance").desc(), "code")


def courses_looked_after(user: AnyUser) -> QuerySet[Course]:
    """Every course, in any state, that the person looks after (for their own list)."""
    return (
        Course.objects.filter(permissions.looked_after_filter(user))
        .select_related("course_type", "delivery_mode")
        .order_by("-updated_at")
    )


def prerequisites_of(user: AnyUser, course: Course) -> list[Course]:
    visible = [item for item in course.prerequisites.all() if permissions.can_view_course(user, item)]
    return visible


def versions_of(course: Course) -> QuerySet[CourseVersion]:
    return course.versions.select_related("created_by")


def version_of(course: Course, number: int) -> CourseVersion | None:
    return versions_of(course).filter(number=number).first()


def prerequisite_choices(exclude: Course | None = None) -> QuerySet[Course]:
    courses = Course.objects.filter(~Q(status=Status.ARCHIVED))
    if exclude is not None:
        courses = courses.exclude(pk=exclude.pk)
    return courses.order_by("code")


def long_texts(prefix: str = "") -> list[str]:
    """The course's long texts in every language (everything translated but the title), as field
    paths under `prefix` (e.g. "session__course__"), for `defer()`: lists that name a course
    only need its title."""
    return [
        f"{prefix}{name}{suffix}"
        for name in TRANSLATED_FIELDS
        if name != "title"
        for suffix in ("", *(f"_{code}" for code in LANGUAGE_CODES))
    ]


def title_fields(prefix: str = "") -> list[str]:
    """The course's title in every language, as field paths under `prefix`, for `only()`."""
    return [f"{prefix}title", *(f"{prefix}title_{code}" for code in LANGUAGE_CODES)]
