"""Reads about instructors, filtered to what the person may see."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import RoleAssignment, User
from cadre.accounts.permissions import ADMINISTRATOR, AnyUser
from cadre.courses.models import LANGUAGE_CODES
from cadre.instructors import permissions
from cadre.instructors.models import (
    Assignment,
    AvailabilityPeriod,
    Candidacy,
    Certification,
    CertificationEvent,
    Instructor,
    InstructorLanguage,
    Level,
    Observation,
    PathwayStage,
    Rubric,
    StageCompletion,
)

Status = Certification.Status
DELIVERING_ROLES = (Assignment.Role.LEAD, Assignment.Role.CO_INSTRUCTOR)


@dataclass(frozen=True)
class InstructorFilters:
    q: str = ""
    crime_area: str = ""
    capability: str = ""
    language: str = ""
    level: str = ""
    region: str = ""
    kind: str = ""
    certified: str = ""  # "yes": holds an active certification, "no": holds none


def instructors_for(user: AnyUser) -> QuerySet[Instructor]:
    """The whole pool for those who see it; an assessor's assigned candidates; nothing else."""
    found = Instructor.objects.select_related("person", "home_country", "institution")
    if permissions.sees_whole_pool(user):
        return found
    if permissions.is_assessor(user):
        assigned = Candidacy.objects.filter(assessors=user.pk).values("instructor_id")
        return found.filter(pk__in=assigned)
    return found.none()


def _active_certifications(today: date) -> QuerySet[Certification]:
    return Certification.objects.filter(status=Status.ACTIVE, issued_on__lte=today, expires_on__gte=today)


def _filter_subjects(found: QuerySet[Instructor], filters: InstructorFilters) -> QuerySet[Instructor]:
    if filters.crime_area:
        found = found.filter(
            pk__in=Instructor.crime_areas.through._default_manager.filter(
                crimearea__code=filters.crime_area
            ).values("instructor_id")
        )
    if filters.capability:
        through = Instructor.capabilities.through._default_manager.filter(
            policingcapability__code=filters.capability
        )
        found = found.filter(pk__in=through.values("instructor_id"))
    return found


def filtered(found: QuerySet[Instructor], filters: InstructorFilters) -> QuerySet[Instructor]:
    """The list's filters; each a subquery, so every instructor appears once."""
    if filters.q:
        words = Q()
        for word in filters.q.split()[:5]:
            words &= (
                Q(person__given_names__icontains=word)
                | Q(person__family_name__icontains=word)
                | Q(person__preferred_name__icontains=word)
            )
        found = found.filter(words)
    found = _filter_subjects(found, filters)
    if filters.language in LANGUAGE_CODES:
        found = found.filter(
            pk__in=InstructorLanguage.objects.filter(language=filters.language).values("instructor_id")
        )
    if filters.region:
        found = found.filter(home_country__region__code=filters.region)
    if filters.kind in Instructor.Kind.values:
        found = found.filter(kind=filters.kind)
    today = timezone.localdate()
    if filters.level:
        levelled = _active_certifications(today).filter(level__code=filters.level)
        found = found.filter(pk__in=levelled.values("instructor_id"))
    if filters.certified in ("yes", "no"):
        holders = Exists(_active_certifications(today).filter(instructor=OuterRef("pk")))
        found = found.filter(holders if filters.certified == "yes" else ~holders)
    return found


def instructor_list(user: AnyUser, filters: InstructorFilters | None = None) -> QuerySet[Instructor]:
    """The list page: the instructors the person may see, filtered, with what a row shows."""
    found = filtered(instructors_for(user), filters or InstructorFilters())
    today = timezone.localdate()
    current = _active_certifications(today).select_related("level").order_by("-level__rank", "-expires_on")
    return found.prefetch_related(
        Prefetch("languages", queryset=InstructorLanguage.objects.order_by("language")),
        Prefetch("certifications", queryset=current, to_attr="current_certifications"),
    ).order_by("person__family_name", "person__given_names", "pk")


# --- One instructor's page ----------------------------------------------------------------------


def certifications_of(instructor: Instructor) -> QuerySet[Certification]:
    return (
        instructor.certifications.select_related("level", "issued_by")
        .prefetch_related(
            "crime_areas",
            "capabilities",
            "courses",
            Prefetch(
                "events",
                queryset=CertificationEvent.objects.select_related("by").order_by("occurred_at", "pk"),
            ),
        )
        .order_by("-expires_on", "-pk")
    )


def availability_of(instructor: Instructor, *, since: date | None = None) -> QuerySet[AvailabilityPeriod]:
    since = since or timezone.localdate()
    return instructor.availability.filter(ends_on__gte=since).order_by("starts_on", "pk")


def assignments_of(instructor: Instructor) -> QuerySet[Assignment]:
    """Every assignment, newest first: the delivery history and what is booked."""
    return instructor.assignments.select_related("course", "created_by", "cancelled_by").order_by(
        "-starts_on", "-pk"
    )


def overrides_of(instructor: Instructor) -> QuerySet[Assignment]:
    return assignments_of(instructor).exclude(override_reason="")


def candidacies_of(instructor: Instructor) -> QuerySet[Candidacy]:
    return (
        instructor.candidacies.select_related("level", "started_by")
        .prefetch_related(
            "assessors",
            "crime_areas",
            "capabilities",
            "courses",
            Prefetch("level__stages", queryset=PathwayStage.objects.order_by("position")),
            Prefetch(
                "completions", queryset=StageCompletion.objects.select_related("confirmed_by", "submitted_by")
            ),
            Prefetch("observations", queryset=Observation.objects.select_related("assessor", "course")),
        )
        .order_by("-started_at", "-pk")
    )


def delivery_count(instructor: Instructor, *, since: date | None = None, until: date | None = None) -> int:
    """Deliveries made (lead or co-instructor, not cancelled, finished by `until`, today by default)."""
    until = until or timezone.localdate()
    found = instructor.assignments.filter(
        cancelled_at__isnull=True, role__in=DELIVERING_ROLES, ends_on__lte=until
    )
    if since is not None:
        found = found.filter(starts_on__gte=since)
    return found.count()


# --- Pathway progress ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StageProgress:
    stage: PathwayStage
    completion: StageCompletion | None

    @property
    def done(self) -> bool:
        return self.completion is not None and self.completion.is_confirmed

    @property
    def submitted(self) -> bool:
        return self.completion is not None and not self.completion.is_confirmed


def progress_of(candidacy: Candidacy) -> list[StageProgress]:
    """Each stage of the candidacy's level, in order, with its completion when there is one.
    Reads prefetched stages and completions when `candidacies_of` loaded them."""
    completions = {completion.stage_id: completion for completion in candidacy.completions.all()}
    return [StageProgress(stage, completions.get(stage.pk)) for stage in candidacy.level.stages.all()]


def latest_observation(candidacy: Candidacy) -> Observation | None:
    observations = sorted(
        candidacy.observations.all(),
        key=lambda item: (item.observed_on, item.created_at, item.pk),
        reverse=True,
    )
    return observations[0] if observations else None


def certification_blockers(candidacy: Candidacy) -> list[str]:
    """What stands between the candidacy and a certification, in words; empty when nothing does."""
    if not candidacy.is_open:
        return [_("The candidacy is closed.")]
    blockers = [
        _("Stage %(number)s, “%(name)s”, is not done.") % {"number": number, "name": step.stage.name}
        for number, step in enumerate(progress_of(candidacy), start=1)
        if not step.done
    ]
    latest = latest_observation(candidacy)
    if latest is None:
        blockers.append(_("No assessor has observed a delivery yet."))
    elif latest.recommendation != Observation.Recommendation.CERTIFY:
        blockers.append(
            _(
                "The latest observation recommends “%(recommendation)s”; certifying needs an assessor's recommendation to certify."
            )
            % {"recommendation": latest.get_recommendation_display()}
        )
    return blockers


# --- The pathway pages ----------------------------------------------------------------------------


def candidacy_page(candidacy_id: int) -> Candidacy:
    """One candidacy with everything its page shows (stages, evidence, observations and their
    scores), in a fixed number of queries. Authorise first (`permissions.get_candidacy_for`)."""
    observations = Observation.objects.select_related("assessor", "course").prefetch_related(
        "scores__criterion"
    )
    return (
        Candidacy.objects.select_related("instructor__person", "level__rubric", "started_by")
        .prefetch_related(
            "assessors",
            "crime_areas",
            "capabilities",
            "courses",
            Prefetch("level__stages", queryset=PathwayStage.objects.order_by("position")),
            Prefetch(
                "completions", queryset=StageCompletion.objects.select_related("confirmed_by", "submitted_by")
            ),
            Prefetch("observations", queryset=observations.order_by("-observed_on", "-created_at", "-pk")),
        )
        .get(pk=candidacy_id)
    )


def candidacies_assessed_by(user: AnyUser, *, open_only: bool = True) -> QuerySet[Candidacy]:
    """ "My candidates": the candidacies an assessor is assigned to, open ones unless told
    otherwise, with what a row shows (read `progress_of` and `latest_observation` on each)."""
    if not user.is_authenticated or not permissions.is_assessor(user):
        return Candidacy.objects.none()
    found = Candidacy.objects.filter(assessors=user.pk)
    if open_only:
        found = found.filter(status__in=(Candidacy.Status.IN_PROGRESS, Candidacy.Status.RECOMMENDED))
    return (
        found.select_related("instructor__person", "instructor__home_country", "level")
        .prefetch_related(
            Prefetch("level__stages", queryset=PathwayStage.objects.order_by("position")),
            "completions",
            "observations",
        )
        .order_by("-started_at", "-pk")
    )


# --- Reference data and people --------------------------------------------------------------------


def levels() -> QuerySet[Level]:
    return Level.objects.filter(is_active=True).order_by("rank")


def rubric_for(level: Level | None) -> Rubric | None:
    """The level's rubric, or the first active one (for observations outside a candidacy)."""
    if level is not None and level.rubric_id is not None:
        return level.rubric
    return Rubric.objects.filter(is_active=True).order_by("code").first()


def holders_of(role_code: str) -> QuerySet[User]:
    holders = RoleAssignment.objects.filter(role__code=role_code).values("user_id")
    return User.objects.filter(pk__in=holders, is_active=True).order_by("family_name", "given_names")


def certification_managers() -> QuerySet[User]:
    return holders_of(permissions.CERTIFICATION_MANAGER)


def assessors() -> QuerySet[User]:
    return holders_of(permissions.ASSESSOR)


def administrators() -> QuerySet[User]:
    return holders_of(ADMINISTRATOR)


def certification_by_code(code: str) -> Certification | None:
    if not code:
        return None
    return (
        Certification.objects.select_related("level", "instructor")
        .prefetch_related("crime_areas", "capabilities", "courses")
        .filter(code=code)
        .first()
    )


def expiring_within(days: int, *, today: date | None = None) -> QuerySet[Certification]:
    """Active certifications expiring in the next `days` days (the dashboards' list)."""
    today = today or timezone.localdate()
    return (
        Certification.objects.filter(
            status=Status.ACTIVE, expires_on__gte=today, expires_on__lte=today + timedelta(days=days)
        )
        .select_related("instructor__person", "level")
        .order_by("expires_on", "pk")
    )


def pipeline() -> QuerySet[Candidacy]:
    """Open candidacies counted by level (the dashboards read this with the stages done)."""
    open_statuses = (Candidacy.Status.IN_PROGRESS, Candidacy.Status.RECOMMENDED)
    return (
        Candidacy.objects.filter(status__in=open_statuses)
        .annotate(stages_done=Count("completions", filter=Q(completions__confirmed_at__isnull=False)))
        .select_related("level")
    )
