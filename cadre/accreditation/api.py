from datetime import date, datetime

from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.pagination import paginate

from cadre.accreditation import selectors, services
from cadre.accreditation.models import AccreditationCase, Certificate

router = Router(tags=["accreditation"])


class CertificateOut(Schema):
    """What the public verification page shows: the course, never anybody's personal data."""

    code: str
    course_title: str
    institution: str
    outcome: str
    conditions: str
    conditions_deadline: date | None
    valid_from: date
    valid_until: date
    status: str


class CaseOut(Schema):
    reference: str
    kind: str
    status: str
    current_step: str
    course: str | None
    course_title: str
    institution: str
    outcome: str | None
    created_at: datetime

    @staticmethod
    def resolve_course(obj: AccreditationCase) -> str | None:
        return obj.course.code if obj.course is not None else None

    @staticmethod
    def resolve_course_title(obj: AccreditationCase) -> str:
        return obj.title

    @staticmethod
    def resolve_institution(obj: AccreditationCase) -> str:
        return obj.institution_name

    @staticmethod
    def resolve_outcome(obj: AccreditationCase) -> str | None:
        if obj.status != AccreditationCase.Status.DECIDED:
            return None
        return obj.decision.outcome


@router.get("/certificates/{code}", response=CertificateOut, auth=None)
def verify_certificate(request: HttpRequest, code: str) -> dict[str, object]:
    """Public: whether a certificate with this code exists, and its state today."""
    found: Certificate | None = selectors.certificate_by_code(services.normalised_code(code))
    if found is None:
        raise Http404
    language = (get_language() or "en").split("-")[0]
    return {
        "code": found.code,
        "course_title": found.title_in(language),
        "institution": found.institution_name,
        "outcome": found.outcome,
        "conditions": found.conditions,
        "conditions_deadline": found.conditions_deadline,
        "valid_from": found.valid_from,
        "valid_until": found.valid_until,
        "status": found.current_status,
    }


@router.get("/cases", response=list[CaseOut])
@paginate
def list_cases(request: HttpRequest) -> object:
    """The cases the signed-in person may see."""
    return selectors.cases_for(request.user)
