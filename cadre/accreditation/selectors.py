"""Reads about accreditation, already filtered to what the person may see (cases, certificates,
the reviewers one may assign, the page of one step)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from cadre.accounts.models import User
from cadre.accounts.permissions import AnyUser
from cadre.accreditation import permissions
from cadre.accreditation.models import (
    AccreditationCase,
    CaseReviewer,
    CaseStep,
    Certificate,
    Comment,
    Evidence,
    Finding,
)
from cadre.courses import permissions as course_permissions
from cadre.courses.models import Course
from cadre.directory.models import Institution
from cadre.standards import selectors as standards
from cadre.standards.models import Criterion

Status = AccreditationCase.Status
OPEN_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW)
CODE_MAX_LENGTH = 32


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    step: str = ""
    kind: str = ""
    query: str = ""


def cases_for(user: AnyUser, filters: CaseFilters | None = None) -> QuerySet[AccreditationCase]:
    """The cases the person may see, newest first, with what the list shows."""
    filters = filters or CaseFilters()
    cases = AccreditationCase.objects.filter(permissions.visible_cases_filter(user))
    if filters.status in Status.values:
        cases = cases.filter(status=filters.status)
    if filters.step:
        cases = cases.filter(current_step=filters.step, status__in=OPEN_STATUSES)
    if filters.kind in AccreditationCase.Kind.values:
        cases = cases.filter(kind=filters.kind)
    if filters.query:
        word = filters.query.strip()
        cases = cases.filter(
            Q(reference__icontains=word)
            | Q(course_title__icontains=word)
            | Q(course__title_en__icontains=word)
            | Q(course__title_fr__icontains=word)
            | Q(course__title_es__icontains=word)
            | Q(course__title_ar__icontains=word)
        )
    return cases.select_related("course__institution", "institution", "decision").order_by(
        "-created_at", "-pk"
    )


def certificates_for(user: AnyUser) -> QuerySet[Certificate]:
    visible = AccreditationCase.objects.filter(permissions.visible_cases_filter(user)).values("pk")
    return (
        Certificate.objects.filter(case_id__in=visible).select_related("case").order_by("-issued_at", "-pk")
    )


def certificate_by_code(code: str) -> Certificate | None:
    """A certificate as the public verification page shows it (nobody's personal data)."""
    if not code or len(code) > CODE_MAX_LENGTH:
        return None
    return Certificate.objects.select_related("course", "superseded_by").filter(code=code.upper()).first()


def certificates_of_case(case: AccreditationCase) -> Certificate | None:
    return Certificate.objects.filter(case=case).first()


def renewals_of(certificate: Certificate) -> QuerySet[AccreditationCase]:
    return certificate.renewals.order_by("-created_at")


def eligible_reviewers() -> QuerySet[User]:
    """Everyone holding the accreditation reviewer role, within any scope."""
    holders = User.objects.filter(
        role_assignments__role__code=permissions.REVIEWER_ROLE, is_active=True
    ).values("pk")
    return User.objects.filter(pk__in=holders).order_by("family_name", "given_names")


def quality_officers() -> QuerySet[User]:
    holders = User.objects.filter(
        role_assignments__role__code=permissions.QUALITY_OFFICER, is_active=True
    ).values("pk")
    return User.objects.filter(pk__in=holders)


def courses_to_open(user: AnyUser) -> QuerySet[Course]:
    """The courses the person may open a case for: not archived, without an open case, and
    (for a course manager) looked after by them."""
    busy = AccreditationCase.objects.filter(status__in=OPEN_STATUSES, course__isnull=False).values(
        "course_id"
    )
    courses = Course.objects.exclude(status=Course.Status.ARCHIVED).exclude(pk__in=busy)
    if not permissions.runs_accreditation(user):
        courses = courses.filter(course_permissions.looked_after_filter(user))
    return courses.order_by("title_en", "code")


def institutions_for_application(user: AnyUser) -> QuerySet[Institution]:
    from cadre.accounts import permissions as roles
    from cadre.accounts.models import ScopeKind

    if roles.is_administrator(user):
        return Institution.objects.filter(is_active=True).order_by("name")
    ids = roles.scope_ids(user, permissions.INSTITUTION_ADMIN, kind=ScopeKind.INSTITUTION)
    return Institution.objects.filter(pk__in=ids).order_by("name")


def catalogue_courses_of(institutions: QuerySet[Institution]) -> QuerySet[Course]:
    return (
        Course.objects.filter(institution__in=institutions)
        .exclude(status=Course.Status.ARCHIVED)
        .order_by("title_en", "code")
    )


@dataclass(frozen=True)
class Contact:
    email: str
    language: str
    name: str


def contacts_of(case: AccreditationCase) -> list[Contact]:
    """Who speaks for the course: its manager, or the institution that applied (the person
    who applied, and the contact named in the form)."""
    people: list[Contact] = []
    if case.kind == AccreditationCase.Kind.ORGANISATION:
        owner = case.course.owner if case.course is not None else None
        if owner is not None and owner.is_active:
            people.append(Contact(owner.email, owner.preferred_language, owner.get_short_name()))
        return people
    applicant = case.opened_by
    language = applicant.preferred_language if applicant is not None else "en"
    if applicant is not None and applicant.is_active:
        people.append(Contact(applicant.email, language, applicant.get_short_name()))
    if case.contact_email and all(person.email != case.contact_email.lower() for person in people):
        people.append(Contact(case.contact_email.lower(), language, case.contact_name))
    return people


# --- The case page ----------------------------------------------------------------------------


@dataclass
class CriterionRow:
    criterion: Criterion
    cells: list[Finding | None]


@dataclass
class StepPage:
    step: CaseStep
    criteria: list[Criterion]
    rows: list[CriterionRow]
    reviewers: list[CaseReviewer]
    evidence: list[Evidence]
    comments: list[Comment]
    mine: dict[int, Finding] = field(default_factory=dict)


def step_page(step: CaseStep, user: AnyUser) -> StepPage:
    """One step of a case as its page shows it: evidence, the findings table (criteria by
    reviewers), comments, and the person's own findings to edit."""
    case = step.case
    criteria = list(standards.criteria_for_step(step.step, edition=case.edition))
    reviewers = list(case.reviewers.all())
    findings = {
        (finding.criterion_id, finding.reviewer_id): finding for finding in Finding.objects.filter(step=step)
    }
    rows = [
        CriterionRow(criterion, [findings.get((criterion.pk, row.reviewer_id)) for row in reviewers])
        for criterion in criteria
    ]
    mine = {
        criterion_id: finding
        for (criterion_id, reviewer_id), finding in findings.items()
        if reviewer_id == user.pk
    }
    return StepPage(
        step=step,
        criteria=criteria,
        rows=rows,
        reviewers=reviewers,
        evidence=list(step.evidence.select_related("uploaded_by")),
        comments=list(step.comments.select_related("author")),
        mine=mine,
    )


def expiring_soon(
    user: AnyUser, *, within_days: int = 180, today: date | None = None
) -> QuerySet[Certificate]:
    today = today or timezone.localdate()
    return certificates_for(user).filter(
        status=Certificate.Status.VALID,
        valid_until__gte=today,
        valid_until__lte=today + timedelta(days=within_days),
    )
