"""Who may see and do what in accreditation.

Quality officers (and administrators) run accreditation: they see every case, open cases for
the organisation's courses, assign reviewers, decide and revoke. A reviewer sees only the cases
they are assigned to. The people who look after a course see its cases, upload evidence and
submit the steps; an institution's administrators do the same for their institution's
applications, and see no other institution's.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from cadre.accounts import permissions as roles
from cadre.accounts.models import ScopeKind
from cadre.accounts.permissions import AnyUser
from cadre.accreditation.models import AccreditationCase, CaseReviewer, CaseStep, Certificate, Evidence
from cadre.courses import permissions as course_permissions
from cadre.courses.models import Course

QUALITY_OFFICER = "quality-officer"
REVIEWER_ROLE = "accreditation-reviewer"
INSTITUTION_ADMIN = "institution-administrator"
COURSE_MANAGER = course_permissions.COURSE_MANAGER
Kind = AccreditationCase.Kind
Status = AccreditationCase.Status
StepStatus = CaseStep.Status
ACTIVE = (Status.SUBMITTED, Status.IN_REVIEW)


def runs_accreditation(user: AnyUser) -> bool:
    return roles.is_administrator(user) or roles.has_role(user, QUALITY_OFFICER)


def can_see_accreditation(user: AnyUser) -> bool:
    """Whether to offer accreditation at all; answered from the cached roles."""
    return runs_accreditation(user) or roles.has_role(user, REVIEWER_ROLE, COURSE_MANAGER, INSTITUTION_ADMIN)


def can_open_case(user: AnyUser, course: Course | None = None) -> bool:
    """Opening a case for one of the organisation's courses: the quality officers for any
    course, the people who look after a course for their own (asking for its accreditation)."""
    if course is None:
        return runs_accreditation(user) or roles.has_role(user, COURSE_MANAGER)
    if course.status == Course.Status.ARCHIVED:
        return False
    return runs_accreditation(user) or course_permissions.looks_after(user, course)


def can_apply(user: AnyUser, institution: object = None) -> bool:
    """Whether the person may apply for accreditation for an institution's course (for this
    institution, when one is given)."""
    if roles.is_administrator(user):
        return True
    if institution is None:
        return roles.has_role(user, INSTITUTION_ADMIN)
    return roles.has_role(user, INSTITUTION_ADMIN, scope=institution)  # type: ignore[arg-type]


def _reviewer_row(user: AnyUser, case: AccreditationCase) -> CaseReviewer | None:
    if not user.is_authenticated:
        return None
    return next((row for row in case.reviewers.all() if row.reviewer_id == user.pk), None)


def is_reviewer_of(user: AnyUser, case: AccreditationCase) -> bool:
    return _reviewer_row(user, case) is not None


def is_lead_reviewer_of(user: AnyUser, case: AccreditationCase) -> bool:
    row = _reviewer_row(user, case)
    return row is not None and row.kind == CaseReviewer.Kind.LEAD


def is_contributor(user: AnyUser, case: AccreditationCase) -> bool:
    """Whether the person speaks for the course under review: those who look after the
    organisation's course, or the administrators of the applying institution."""
    if not user.is_authenticated:
        return False
    if case.kind == Kind.INSTITUTION:
        return roles.is_administrator(user) or (
            case.institution is not None and roles.has_role(user, INSTITUTION_ADMIN, scope=case.institution)
        )
    return case.course is not None and course_permissions.looks_after(user, case.course)


def can_view_case(user: AnyUser, case: AccreditationCase) -> bool:
    if not user.is_authenticated:
        return False
    if is_contributor(user, case) or is_reviewer_of(user, case):
        return True
    # An institution's application is its own until it submits it.
    return runs_accreditation(user) and not (case.kind == Kind.INSTITUTION and case.status == Status.DRAFT)


def can_edit_application(user: AnyUser, case: AccreditationCase) -> bool:
    return case.kind == Kind.INSTITUTION and case.status == Status.DRAFT and is_contributor(user, case)


def can_submit_application(user: AnyUser, case: AccreditationCase) -> bool:
    return can_edit_application(user, case)


def can_withdraw_case(user: AnyUser, case: AccreditationCase) -> bool:
    if not case.is_open:
        return False
    if case.kind == Kind.INSTITUTION and is_contributor(user, case):
        return True
    return runs_accreditation(user) and can_view_case(user, case)


def can_assign_reviewers(user: AnyUser, case: AccreditationCase) -> bool:
    return case.status in ACTIVE and runs_accreditation(user)


def can_upload_evidence(user: AnyUser, step: CaseStep) -> bool:
    case = step.case
    return case.is_open and step.status == StepStatus.OPEN and is_contributor(user, case)


def can_delete_evidence(user: AnyUser, evidence: Evidence) -> bool:
    return can_upload_evidence(user, evidence.step)


def can_submit_step(user: AnyUser, step: CaseStep) -> bool:
    case = step.case
    return case.status in ACTIVE and step.status == StepStatus.OPEN and is_contributor(user, case)


def can_record_findings(user: AnyUser, step: CaseStep) -> bool:
    case = step.case
    return (
        case.status == Status.IN_REVIEW and step.status == StepStatus.SUBMITTED and is_reviewer_of(user, case)
    )


def can_comment(user: AnyUser, case: AccreditationCase) -> bool:
    return case.is_open and can_view_case(user, case)


def can_mark_step_reviewed(user: AnyUser, step: CaseStep) -> bool:
    case = step.case
    if case.status != Status.IN_REVIEW or step.status != StepStatus.SUBMITTED:
        return False
    return runs_accreditation(user) or is_lead_reviewer_of(user, case)


def can_return_step(user: AnyUser, step: CaseStep) -> bool:
    """Sending a submitted step back to the applicant for more evidence."""
    return can_mark_step_reviewed(user, step)


def can_decide(user: AnyUser, case: AccreditationCase) -> bool:
    return case.status == Status.IN_REVIEW and runs_accreditation(user)


def can_view_certificate(user: AnyUser, certificate: Certificate) -> bool:
    return can_view_case(user, certificate.case)


def can_revoke_certificate(user: AnyUser, certificate: Certificate) -> bool:
    return certificate.current_status == Certificate.Status.VALID and runs_accreditation(user)


def can_reaccredit(user: AnyUser, certificate: Certificate) -> bool:
    """Opening a re-accreditation: the quality officers for any certificate, an institution's
    administrators for their own; once per certificate while a renewal is open."""
    if certificate.status not in (Certificate.Status.VALID, Certificate.Status.EXPIRED):
        return False
    case = certificate.case
    allowed = runs_accreditation(user) or (case.kind == Kind.INSTITUTION and is_contributor(user, case))
    if not allowed:
        return False
    return not certificate.renewals.exclude(status=Status.WITHDRAWN).exists()


# --- Filters for lists ----------------------------------------------------------------------


def visible_cases_filter(user: AnyUser) -> Q:
    """The cases a person may see, as a filter on AccreditationCase."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    own = _own_cases_filter(user)
    if runs_accreditation(user):
        return own | ~Q(kind=Kind.INSTITUTION, status=Status.DRAFT)
    return own


def _own_cases_filter(user: AnyUser) -> Q:
    assigned = Q(pk__in=CaseReviewer.objects.filter(reviewer_id=user.pk).values("case_id"))
    if roles.is_administrator(user):
        return Q()
    courses = Course.objects.filter(course_permissions.looked_after_filter(user)).values("pk")
    institutions = roles.scope_ids(user, INSTITUTION_ADMIN, kind=ScopeKind.INSTITUTION)
    return (
        assigned
        | Q(kind=Kind.ORGANISATION, course_id__in=courses)
        | Q(kind=Kind.INSTITUTION, institution_id__in=institutions)
    )


# --- Getting one object -----------------------------------------------------------------------


def get_case_for(user: AnyUser, reference: str, *, write: bool = False) -> AccreditationCase:
    """The case by its reference: Http404 when the person may not see it, PermissionDenied
    when they may see it but not change it (write=True: only those who run accreditation)."""
    case = (
        AccreditationCase.objects.select_related(
            "course__institution", "course__owner", "institution", "edition", "opened_by", "decision"
        )
        .prefetch_related("reviewers__reviewer", "steps")
        .filter(reference=reference.upper())
        .first()
    )
    if case is None or not can_view_case(user, case):
        raise Http404
    if write and not runs_accreditation(user):
        raise PermissionDenied
    return case


def get_step_for(user: AnyUser, reference: str, step: str) -> CaseStep:
    case = get_case_for(user, reference)
    found = next((row for row in case.steps.all() if row.step == step), None)
    if found is None:
        raise Http404
    found.case = case
    return found


def get_evidence_for(user: AnyUser, pk: int) -> Evidence:
    evidence = Evidence.objects.select_related("step").filter(pk=pk).first()
    if evidence is None:
        raise Http404
    case = get_case_for(user, _reference_of(evidence.step.case_id))
    evidence.step.case = case
    return evidence


def _reference_of(case_id: int) -> str:
    return AccreditationCase.objects.filter(pk=case_id).values_list("reference", flat=True).first() or ""


def get_certificate_for(user: AnyUser, code: str) -> Certificate:
    certificate = Certificate.objects.select_related("case", "course").filter(code=code.upper()).first()
    if certificate is None:
        raise Http404
    certificate.case = get_case_for(user, certificate.case.reference)
    return certificate


def require(allowed: bool) -> None:
    """403 for what the person may see but not change."""
    if not allowed:
        raise PermissionDenied
