"""Accreditation's cases, made through the services, for this app's tests and the isolation
table (tests/test_isolation.py)."""

from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile

from cadre.accounts.models import Role, User
from cadre.accounts.services import assign_role
from cadre.accreditation import services
from cadre.accreditation.models import (
    AccreditationCase,
    CaseReviewer,
    CaseStep,
    Certificate,
    Evidence,
    Finding,
)
from cadre.courses import services as course_services
from cadre.courses.models import Course
from cadre.directory.models import Country, CourseType, DeliveryMode
from cadre.lib.uploads import DOCUMENT, check_upload
from cadre.standards import selectors as standards
from cadre.standards.models import Criterion, Edition, SatStep, Section
from tests.factories import CourseFactory, InstitutionFactory, UserFactory

APPLICATION = {
    "course_title": "Community policing",
    "summary": "Working with communities.",
    "target_audience": "Station commanders.",
    "duration": "10 days",
    "languages": ["en", "fr"],
    "contact_name": "Peter Kiprono",
    "contact_email": "peter@npc.example",
    "justification": "Regional demand.",
}


def ensure_guide() -> Edition:
    """The edition of the Guide in force, with criteria for every step (made when the
    reference data has none)."""
    edition = standards.edition_in_force()
    if edition is None:
        edition = Edition.objects.create(
            number=99, title_en="Guide to Effective Training", status="published"
        )
    if all(list(standards.criteria_for_step(step, edition=edition)) for step in SatStep.values):
        return edition
    section = Section.objects.create(edition=edition, number=90, title_en="Test standards")
    for position, step in enumerate(SatStep.values, start=1):
        for number in (1, 2):
            Criterion.objects.create(
                edition=edition,
                section=section,
                key=f"test-{step}-{number}",
                number=f"9{position}.{number}",
                title_en=f"{step} criterion {number}",
                requirement_en=f"The {step} meets standard {number}.",
                sat_step=step,
            )
    return edition


def give_reviewer_role(person: User) -> User:
    assign_role(
        user=person, role=Role.objects.get(code="accreditation-reviewer"), scope=CourseFactory(), notify=False
    )
    return person


def course_of(manager: User) -> Course:
    return Course.objects.get(owner=manager)


def open_org_case(
    course: Course, officer: User | None, lead: User | None, partner: User | None
) -> AccreditationCase:
    check = officer is not None
    case = services.open_case(course=course, by=officer, check_permission=check)
    if lead is not None:
        services.assign_reviewer(
            case=case, by=officer, reviewer=lead, kind=CaseReviewer.Kind.LEAD, check_permission=check
        )
    if partner is not None:
        services.assign_reviewer(
            case=case,
            by=officer,
            reviewer=partner,
            kind=CaseReviewer.Kind.EXTERNAL,
            organisation="Partner academy",
            check_permission=check,
        )
    case.refresh_from_db()
    return case


def text_upload(
    name: str = "report.txt", content: bytes = b"Training needs analysis\n"
) -> tuple[ContentFile, Any]:
    upload = ContentFile(content, name=name)
    return upload, check_upload(upload, allowed=[DOCUMENT])


def step_of(case: AccreditationCase, step: str) -> CaseStep:
    found = CaseStep.objects.get(case=case, step=step)
    found.case = AccreditationCase.objects.get(pk=case.pk)
    return found


def add_evidence(case: AccreditationCase, step: str, by: User) -> Evidence:
    upload, checked = text_upload()
    return services.add_evidence(
        step=step_of(case, step), by=by, title="Report", file=upload, checked=checked
    )


def submit_with_evidence(case: AccreditationCase, step: str, by: User) -> CaseStep:
    add_evidence(case, step, by)
    return services.submit_step(step=step_of(case, step), by=by)


def rate_all(case: AccreditationCase, step: str, reviewer: User, rating: str = Finding.Rating.MET) -> None:
    found = step_of(case, step)
    criteria = services.criteria_of(found)
    services.record_findings(step=found, by=reviewer, ratings={c.pk: (rating, "") for c in criteria})


def make_ready(case: AccreditationCase, contributor: User, lead: User, *, upto: int = 5) -> AccreditationCase:
    """Submit, rate and mark reviewed the first `upto` steps."""
    for step in SatStep.values[:upto]:
        submit_with_evidence(case, step, contributor)
        rate_all(case, step, lead)
        services.mark_step_reviewed(step=step_of(case, step), by=lead)
    return AccreditationCase.objects.get(pk=case.pk)


# --- One country's accreditation, for the isolation table ---------------------------------------


@dataclass(frozen=True)
class CountryAccreditation:
    case: AccreditationCase  # in review: analysis submitted and rated, design open with evidence
    reviewer: CaseReviewer | None  # a panel reviewer without findings (until removed)
    evidence: Evidence | None  # on the open design step (until removed)
    application: AccreditationCase  # an institution's draft
    certificate: Certificate  # of another course, decided accredited


def _isolation_course(code: str, owner: User) -> Course:
    found = Course.objects.filter(code=code).first()
    if found is None:
        values = {
            "code": code,
            "title_en": "Accredited isolation course",
            "duration_value": 2,
            "course_type": CourseType.objects.get(code="webinar"),
            "delivery_mode": DeliveryMode.objects.get(code="online-live"),
            "offered_in_en": True,
        }
        found = course_services.create_course(by=None, values=values, check_permission=False)
        Course.objects.filter(pk=found.pk).update(owner=owner)
        found.refresh_from_db()
    return found


def _neutral_reviewer(label: str) -> User:
    """A reviewer whose name is nobody's secret."""
    email = f"{label}@reviewers.example"
    found = User.objects.filter(email=email).first()
    return found or give_reviewer_role(
        UserFactory(email=email, given_names="Review", family_name=label.title())
    )


def accreditation_of(country: Country, owner: User) -> CountryAccreditation:
    """The country's accreditation data, made once: courses owned by `owner`."""
    iso = country.iso2.lower()
    ensure_guide()
    lead, partner, panel = (_neutral_reviewer(f"{kind}-{iso}") for kind in ("lead", "partner", "panel"))
    course = _isolation_course(f"isolation-acc-{iso}", owner)
    case = AccreditationCase.objects.filter(course=course).first()
    if case is None:
        case = open_org_case(course, None, lead, partner)
        services.assign_reviewer(case=case, by=None, reviewer=panel, kind="panel", check_permission=False)
        submit_with_evidence(case, "analysis", owner)
        rate_all(case, "analysis", lead)
        add_evidence(case, "design", owner)
    certified = _isolation_course(f"isolation-acc-cert-{iso}", owner)
    certificate = Certificate.objects.filter(course=certified).first()
    if certificate is None:
        decided = make_ready(open_org_case(certified, None, lead, partner), owner, lead)
        services.decide_case(case=decided, by=None, outcome="accredited", check_permission=False)
        certificate = Certificate.objects.get(course=certified)
    application = AccreditationCase.objects.filter(
        institution__country=country, course_title="Isolation application"
    ).first()
    if application is None:
        institution = InstitutionFactory(country=country)
        values = {**APPLICATION, "course_title": "Isolation application"}
        application = services.apply_for_accreditation(
            institution=institution, by=None, values=values, check_permission=False
        )
    return CountryAccreditation(
        case=case,
        reviewer=CaseReviewer.objects.filter(case=case, reviewer=panel).first(),
        evidence=Evidence.objects.filter(step__case=case, step__step="design").first(),
        application=application,
        certificate=certificate,
    )
