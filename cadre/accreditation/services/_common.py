"""What every accreditation write shares: locking, references and codes, the course's mark."""

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from cadre.accreditation.models import STEPS, AccreditationCase, CaseStep, Certificate
from cadre.courses import services as course_services
from cadre.courses.models import Course
from cadre.lib import codes

Status = AccreditationCase.Status
StepStatus = CaseStep.Status
CaseKind = AccreditationCase.Kind

CODE_ALPHABET = codes.ALPHABET
CODE_LENGTH = 10
AUDITED_CASE_FIELDS = (
    "status",
    "current_step",
    "course",
    "institution",
    "course_title",
    "summary",
    "target_audience",
    "duration",
    "languages",
    "contact_name",
    "contact_email",
    "justification",
)


def locked_case(case: AccreditationCase) -> AccreditationCase:
    """The case again, locked for this transaction, with what permissions read about it."""
    found: AccreditationCase = (
        AccreditationCase.objects.select_for_update(of=("self",))
        .select_related("course__institution", "course__owner", "institution", "edition")
        .get(pk=case.pk)
    )
    return found


def locked_step(step: CaseStep) -> CaseStep:
    case = locked_case(step.case)
    found = CaseStep.objects.select_for_update(of=("self",)).get(pk=step.pk)
    found.case = case
    return found


def new_reference(today: date | None = None) -> str:
    """The next free reference of the year: ACC-2026-0007."""
    year = (today or timezone.localdate()).year
    prefix = f"ACC-{year}-"
    number = AccreditationCase.objects.filter(reference__startswith=prefix).count() + 1
    while AccreditationCase.objects.filter(reference=f"{prefix}{number:04d}").exists():
        number += 1
    return f"{prefix}{number:04d}"


def save_new_case(case: AccreditationCase) -> AccreditationCase:
    """Save a new case under the next free reference, trying again if another took it."""
    for _attempt in range(5):
        case.reference = new_reference()
        try:
            with transaction.atomic():
                case.save()
        except IntegrityError:
            continue
        break
    else:
        raise IntegrityError("No free accreditation reference.")
    CaseStep.objects.bulk_create(
        [CaseStep(case=case, step=step, position=number) for number, step in enumerate(STEPS, start=1)]
    )
    return case


def new_certificate_code() -> str:
    """A short code nobody can guess (50 bits), unique among certificates."""
    return codes.unguessable_code(
        CODE_LENGTH, taken=lambda code: Certificate.objects.filter(code=code).exists()
    )


def normalised_code(text: str) -> str:
    """A code as typed (lower case, spaces, dashes) in the form it is stored."""
    return codes.normalised_code(text)


def add_years(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def refresh_course_mark(course: Course | None, today: date | None = None) -> None:
    """The course's accreditation mark: the end of its latest valid certificate, or none."""
    if course is None:
        return
    today = today or timezone.localdate()
    latest = Certificate.objects.filter(
        course=course, status=Certificate.Status.VALID, valid_until__gte=today
    ).aggregate(latest=Max("valid_until"))["latest"]
    if course.accredited_until != latest:
        course_services.set_accreditation(course=course, valid_until=latest)


def refresh_current_step(case: AccreditationCase) -> None:
    """The current step: the first one not reviewed yet (the last one when all are)."""
    statuses = dict(CaseStep.objects.filter(case=case).values_list("step", "status"))
    current = next((step for step in STEPS if statuses.get(step) != StepStatus.REVIEWED), STEPS[-1])
    if case.current_step != current:
        case.current_step = current
        case.save(update_fields=["current_step", "updated_at"])


def case_snapshot(case: AccreditationCase) -> dict[str, Any]:
    from cadre.audit import services as audit

    return audit.snapshot(case, AUDITED_CASE_FIELDS)
