"""Demo accreditation: cases for demo courses at every stage, decided ones with certificates
(one ending within 60 days), and a Kenyan institution's application. Loading twice adds
nothing."""

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cadre.accounts.models import User
from cadre.accreditation.models import AccreditationCase, CaseReviewer, CaseStep, Certificate, Finding
from cadre.accreditation.services._common import add_years, refresh_course_mark
from cadre.accreditation.services.cases import (
    apply_for_accreditation,
    assign_reviewer,
    open_case,
    submit_application,
)
from cadre.accreditation.services.decisions import decide_case
from cadre.accreditation.services.steps import (
    add_evidence,
    criteria_of,
    mark_step_reviewed,
    record_findings,
    submit_step,
)
from cadre.courses.models import Course
from cadre.directory.models import Institution
from cadre.lib.uploads import DOCUMENT, check_upload
from cadre.standards import selectors as standards

PARTLY_MET_EVERY = 4  # one criterion in four is rated partly met
DEMO_FILE = Path(__file__).resolve().parent.parent / "data" / "demo_accreditation.json"
EVIDENCE = {
    "analysis": ("Training needs analysis report", "Survey of 42 member countries and interviews with NCBs."),
    "design": ("Course design document", "Learning outcomes, sequence of modules and assessment plan."),
    "development": ("Course materials", "Trainer guide, participant handbook and case studies."),
    "delivery": ("Delivery report", "Sessions held, attendance, instructors and their certification."),
    "evaluation": ("Evaluation plan and results", "Reaction, learning and behaviour at work, six months on."),
}


def _people(demo: dict[str, Any]) -> dict[str, User]:
    emails = [demo["quality_officer"], demo["lead_reviewer"], demo["external_reviewer"]["email"]]
    emails += [row["applicant"] for row in demo["cases"] if "applicant" in row]
    return {person.email: person for person in User.objects.filter(email__in=emails)}


def load_demo_accreditation() -> int:
    """Create the demo cases that are not there yet; return how many were created."""
    demo: dict[str, Any] = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    people = _people(demo)
    needed = (demo["quality_officer"], demo["lead_reviewer"], demo["external_reviewer"]["email"])
    if standards.edition_in_force() is None or any(email not in people for email in needed):
        return 0
    return sum(_load_case(row, demo, people) for row in demo["cases"])


@transaction.atomic
def _load_case(row: dict[str, Any], demo: dict[str, Any], people: dict[str, User]) -> int:
    case = _open(row, demo, people)
    if case is None:
        return 0
    officer = people[demo["quality_officer"]]
    lead = people[demo["lead_reviewer"]]
    external = people[demo["external_reviewer"]["email"]]
    assign_reviewer(case=case, by=officer, reviewer=lead, kind=CaseReviewer.Kind.LEAD, check_permission=False)
    assign_reviewer(
        case=case,
        by=officer,
        reviewer=external,
        kind=CaseReviewer.Kind.EXTERNAL,
        organisation=demo["external_reviewer"]["organisation"],
        check_permission=False,
    )
    case.refresh_from_db()
    contributor = _contributor(case, people, row)
    rejected = row.get("outcome") == "rejected"
    for number, step in enumerate(CaseStep.objects.filter(case=case).order_by("position"), start=1):
        step.case = case
        if number > max(row.get("submitted_steps", 0), row["reviewed_steps"]):
            break
        _submit(step, contributor)
        reviewers = [lead, external] if number <= row["reviewed_steps"] else [lead]
        for reviewer in reviewers:
            _rate(step, reviewer, harsh=rejected)
        if number <= row["reviewed_steps"]:
            mark_step_reviewed(step=step, by=lead, check_permission=False)
    if row.get("outcome"):
        _decide(case, row, officer)
    return 1


def _open(row: dict[str, Any], demo: dict[str, Any], people: dict[str, User]) -> AccreditationCase | None:
    if "institution" in row:
        institution = Institution.objects.filter(acronym=row["institution"], country__iso2="KE").first()
        title = row["application"]["course_title"]
        applicant = people.get(row["applicant"])
        exists = AccreditationCase.objects.filter(institution=institution, course_title=title).exists()
        if institution is None or applicant is None or exists:
            return None
        case = apply_for_accreditation(
            institution=institution, by=applicant, values=row["application"], check_permission=False
        )
        return submit_application(case=case, by=applicant)
    course = Course.objects.filter(code=row["course"]).first()
    if course is None or AccreditationCase.objects.filter(course=course).exists():
        return None
    return open_case(course=course, by=people[demo["quality_officer"]], check_permission=False)


def _contributor(case: AccreditationCase, people: dict[str, User], row: dict[str, Any]) -> User | None:
    if case.course is not None and case.course.owner is not None:
        return case.course.owner
    return people.get(row.get("applicant", ""))


def _submit(step: CaseStep, by: User | None) -> None:
    title, text = EVIDENCE[step.step]
    content = ContentFile(f"{title}\n\n{text}\n".encode(), name=f"{step.step}-evidence.txt")
    checked = check_upload(content, allowed=[DOCUMENT])
    add_evidence(step=step, by=by, title=title, file=content, checked=checked, check_permission=False)
    submit_step(step=step, by=by, check_permission=False)


def _rate(step: CaseStep, reviewer: User, *, harsh: bool) -> None:
    ratings = {}
    for index, criterion in enumerate(criteria_of(step)):
        if harsh and index % 2 == 0:
            ratings[criterion.pk] = (Finding.Rating.NOT_MET, "The evidence does not show this.")
        elif index % PARTLY_MET_EVERY == PARTLY_MET_EVERY - 1:
            ratings[criterion.pk] = (Finding.Rating.PARTLY_MET, "Partly shown; see the comments.")
        else:
            ratings[criterion.pk] = (Finding.Rating.MET, "")
    record_findings(step=step, by=reviewer, ratings=ratings, check_permission=False)


def _decide(case: AccreditationCase, row: dict[str, Any], officer: User) -> None:
    today = timezone.localdate()
    deadline = today + timedelta(days=row["deadline_in_days"]) if "deadline_in_days" in row else None
    decide_case(
        case=case,
        by=officer,
        outcome=row["outcome"],
        conditions=row.get("conditions", ""),
        conditions_deadline=deadline,
        reason=row.get("reason", ""),
        check_permission=False,
    )
    certificate = Certificate.objects.filter(case=case).select_related("course").first()
    if certificate is None:
        return
    # The demo's certificates were issued some time ago.
    years = settings.ACCREDITATION_VALIDITY_YEARS
    if "expires_in_days" in row:
        certificate.valid_until = today + timedelta(days=row["expires_in_days"])
        certificate.valid_from = add_years(certificate.valid_until, -years)
    else:
        certificate.valid_from = today - timedelta(days=row.get("issued_days_ago", 0))
        certificate.valid_until = add_years(certificate.valid_from, years)
    certificate.issued_at = timezone.now() - (today - certificate.valid_from)
    certificate.save(update_fields=["valid_from", "valid_until", "issued_at"])
    refresh_course_mark(certificate.course, today)
