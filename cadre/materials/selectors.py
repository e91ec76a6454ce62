"""Reads of training material, filtered to what the person may see."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from cadre.accounts.permissions import AnyUser
from cadre.courses import selectors as courses_selectors
from cadre.courses.models import Course
from cadre.materials import permissions
from cadre.materials.models import APPROVED_ONCE, PENDING, Material, MaterialVersion, Review, ReviewFinding
from cadre.standards import selectors as standards_selectors
from cadre.standards.models import Criterion

Status = MaterialVersion.Status


@dataclass(frozen=True)
class RepositoryFilters:
    """The repository's filters, by the codes that appear in shareable addresses."""

    query: str = ""
    course: str = ""
    crime_area: str = ""
    capability: str = ""
    language: str = ""
    kind: str = ""


def repository_for(user: AnyUser, filters: RepositoryFilters | None = None) -> QuerySet[Material]:
    """Approved material, each with its latest approved version, newest approval first."""
    if not permissions.can_use_repository(user):
        return Material.objects.none()
    filters = filters or RepositoryFilters()
    found = Material.objects.filter(approved_version__isnull=False)
    plain = {
        "course__code": filters.course,
        "language": filters.language,
        "kind": filters.kind,
    }
    found = found.filter(**{lookup: value for lookup, value in plain.items() if value})
    if filters.query:
        found = found.filter(Q(title__icontains=filters.query) | Q(description__icontains=filters.query))
    topics = {"crime_areas__code": filters.crime_area, "capabilities__code": filters.capability}
    wanted = {lookup: value for lookup, value in topics.items() if value}
    if wanted:
        # Many-to-many lookups: keep each material once.
        found = found.filter(pk__in=Material.objects.filter(**wanted).values("pk"))
    return (
        found.select_related("course", "approved_version__reviewed_by")
        .prefetch_related("crime_areas", "capabilities")
        .order_by("-approved_at", "-pk")
    )


def repository_courses() -> QuerySet[Course]:
    """The courses that have material in the repository, for the filter."""
    return Course.objects.filter(
        pk__in=Material.objects.filter(approved_version__isnull=False).values("course_id")
    ).order_by("code")


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    kind: str = ""
    language: str = ""
    query: str = ""


def queue_for(user: AnyUser, filters: QueueFilters | None = None) -> QuerySet[MaterialVersion]:
    """Versions waiting for a quality officer, the longest waiting first."""
    if not permissions.can_review_material(user):
        return MaterialVersion.objects.none()
    filters = filters or QueueFilters()
    statuses = [filters.status] if filters.status in PENDING else list(PENDING)
    found = MaterialVersion.objects.filter(status__in=statuses)
    if filters.kind:
        found = found.filter(material__kind=filters.kind)
    if filters.language:
        found = found.filter(material__language=filters.language)
    if filters.query:
        found = found.filter(
            Q(material__title__icontains=filters.query) | Q(material__course__code__icontains=filters.query)
        )
    open_reviews = Prefetch(
        "reviews", queryset=Review.objects.filter(decided_at__isnull=True).select_related("reviewer")
    )
    return (
        found.select_related("material__course", "submitted_by")
        .prefetch_related(open_reviews)
        .order_by("submitted_at", "pk")
    )


def submissions_of(user: AnyUser) -> QuerySet[MaterialVersion]:
    """The versions the person submitted, newest first, with their status."""
    if not user.is_authenticated:
        return MaterialVersion.objects.none()
    return (
        MaterialVersion.objects.filter(submitted_by=user)
        .select_related("material__course", "reviewed_by")
        .order_by("-submitted_at", "-pk")
    )


def _findings() -> Prefetch:
    return Prefetch("findings", queryset=ReviewFinding.objects.select_related("criterion__section"))


def versions_for(user: AnyUser, material: Material) -> list[MaterialVersion]:
    """The material's versions the person may see: all of them for its submitter, quality
    officers and administrators; the approved ones (and those approved before) for others. Each
    with its reviews (decided ones, for those who do not review) and their findings."""
    versions = material.versions.select_related("submitted_by", "reviewed_by")
    reviews = Review.objects.select_related("reviewer").prefetch_related(_findings())
    if not permissions.can_review_material(user):
        reviews = reviews.filter(decided_at__isnull=False)
    if not permissions.sees_everything_of(user, material):
        versions = versions.filter(Q(status__in=APPROVED_ONCE) | Q(submitted_by_id=user.pk))
    return list(versions.prefetch_related(Prefetch("reviews", queryset=reviews)).order_by("-number"))


def pending_version_of(material: Material) -> MaterialVersion | None:
    return material.versions.filter(status__in=PENDING).first()


def courses_for_submission(user: AnyUser) -> QuerySet[Course]:
    """The courses the person may submit material for: those they look after, not archived."""
    return courses_selectors.courses_looked_after(user).exclude(status=Course.Status.ARCHIVED)


def criteria_choices() -> QuerySet[Criterion]:
    """Every criterion of the edition of the Guide in force (none when no edition is)."""
    return standards_selectors.criteria_of()


def preselected_criteria() -> QuerySet[Criterion]:
    """The criteria chosen when a review starts: those that apply to training material."""
    return standards_selectors.criteria_for_material()


def review_findings(review: Review) -> dict[int, ReviewFinding]:
    return {finding.criterion_id: finding for finding in review.findings.all()}


def chosen_criteria(review: Review) -> QuerySet[Criterion]:
    return review.criteria.select_related("section").order_by(*standards_selectors.CRITERION_ORDER)
