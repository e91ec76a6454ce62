"""The decision on a case, the certificate it issues, revocation and re-accreditation."""

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.accreditation import permissions, tasks
from cadre.accreditation.models import (
    AccreditationCase,
    CaseReviewer,
    CaseStep,
    Certificate,
    Decision,
    Outcome,
)
from cadre.accreditation.services._common import (
    CaseKind,
    Status,
    StepStatus,
    add_years,
    locked_case,
    new_certificate_code,
    refresh_course_mark,
)
from cadre.accreditation.services.cases import APPLICATION_FIELDS, apply_for_accreditation, open_case
from cadre.accreditation.services.steps import missing_findings
from cadre.audit import services as audit

CertificateStatus = Certificate.Status


def decision_problems(case: AccreditationCase) -> list[str]:
    """What stands in the way of deciding the case, in words the quality officer can act on."""
    problems = []
    steps = list(CaseStep.objects.filter(case=case).select_related("case__edition").order_by("position"))
    unreviewed = [str(step.get_step_display()) for step in steps if step.status != StepStatus.REVIEWED]
    if unreviewed:
        problems.append(_("These steps are not reviewed yet: %(steps)s.") % {"steps": ", ".join(unreviewed)})
    missing = [criterion.number for step in steps for criterion in missing_findings(step)]
    if missing:
        problems.append(
            _("No reviewer has recorded a finding on these criteria yet: %(criteria)s.")
            % {"criteria": ", ".join(missing)}
        )
    if not CaseReviewer.objects.filter(case=case, kind=CaseReviewer.Kind.EXTERNAL).exists():
        problems.append(_("Assign an external partner as a reviewer before deciding."))
    return problems


def _check_outcome(outcome: str, conditions: str, deadline: date | None, reason: str, today: date) -> None:
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    errors: dict[str, str] = {}
    if outcome == Outcome.CONDITIONAL:
        if not conditions.strip():
            errors["conditions"] = _("State the conditions the course must meet.")
        if deadline is None:
            errors["conditions_deadline"] = _("Give the date by which the conditions must be met.")
        elif deadline <= today:
            errors["conditions_deadline"] = _("The deadline for the conditions must be in the future.")
    if outcome == Outcome.REJECTED and not reason.strip():
        errors["reason"] = _("Give the reason for the rejection: the applicant will read it.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def decide_case(
    *,
    case: AccreditationCase,
    by: User | None,
    outcome: str,
    conditions: str = "",
    conditions_deadline: date | None = None,
    reason: str = "",
    check_permission: bool = True,
) -> Decision:
    """Decide a case whose five steps are reviewed; an accrediting decision issues the
    certificate and marks the course accredited."""
    case = locked_case(case)
    if check_permission and not permissions.can_decide(by, case):  # type: ignore[arg-type]
        raise ValidationError(_("Only a case in review can be decided, by a quality officer."))
    problems = decision_problems(case)
    if problems:
        raise ValidationError(problems)
    today = timezone.localdate()
    _check_outcome(outcome, conditions, conditions_deadline, reason, today)
    conditional = outcome == Outcome.CONDITIONAL
    decision = Decision.objects.create(
        case=case,
        outcome=outcome,
        conditions=conditions.strip() if conditional else "",
        conditions_deadline=conditions_deadline if conditional else None,
        reason=reason.strip(),
        decided_by=by,
    )
    case.status = Status.DECIDED
    case.closed_at = timezone.now()
    case.save(update_fields=["status", "closed_at", "updated_at"])
    audit.record(
        actor=by,
        action="accreditation.decided",
        target=case,
        changes={"status": (Status.IN_REVIEW, Status.DECIDED), "outcome": (None, outcome)},
    )
    if decision.accredits:
        issue_certificate(case=case, decision=decision, by=by, today=today)
    transaction.on_commit(lambda: tasks.notify_decision.delay(case.pk))
    return decision


def _start_of_validity(previous: Certificate | None, today: date) -> date:
    """A re-accreditation runs on from the end of the certificate it renews (or from today)."""
    if previous is None or previous.status != CertificateStatus.VALID:
        return today
    return max(today, previous.valid_until + timedelta(days=1))


def issue_certificate(
    *, case: AccreditationCase, decision: Decision, by: User | None, today: date
) -> Certificate:
    previous = case.previous_certificate
    if previous is not None:
        previous = Certificate.objects.select_for_update().get(pk=previous.pk)
    valid_from = _start_of_validity(previous, today)
    certificate = Certificate.objects.create(
        case=case,
        course=case.course,
        code=new_certificate_code(),
        course_title=case.title[:200],
        institution_name=case.institution_name[:200],
        outcome=decision.outcome,
        conditions=decision.conditions,
        conditions_deadline=decision.conditions_deadline,
        valid_from=valid_from,
        valid_until=add_years(valid_from, settings.ACCREDITATION_VALIDITY_YEARS),
    )
    audit.record(
        actor=by,
        action="accreditation.certificate_issued",
        target=certificate,
        changes={
            "code": (None, certificate.code),
            "valid_from": (None, certificate.valid_from),
            "valid_until": (None, certificate.valid_until),
        },
    )
    if previous is not None and previous.status == CertificateStatus.VALID:
        previous.status = CertificateStatus.SUPERSEDED
        previous.superseded_by = certificate
        previous.save(update_fields=["status", "superseded_by"])
        audit.record(
            actor=by,
            action="accreditation.certificate_superseded",
            target=previous,
            changes={"status": (CertificateStatus.VALID, CertificateStatus.SUPERSEDED)},
        )
    refresh_course_mark(case.course, today)
    return certificate


@transaction.atomic
def revoke_certificate(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    """Withdraw an accreditation at once: the certificate reads as revoked and the course loses
    its mark."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the revocation.")})
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("course", "case")
        .get(pk=certificate.pk)
    )
    if not permissions.can_revoke_certificate(by, certificate):
        raise ValidationError(_("Only a valid certificate can be revoked, by a quality officer."))
    certificate.status = CertificateStatus.REVOKED
    certificate.revoked_reason = reason
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.save(update_fields=["status", "revoked_reason", "revoked_at", "revoked_by"])
    audit.record(
        actor=by,
        action="accreditation.certificate_revoked",
        target=certificate,
        changes={"status": (CertificateStatus.VALID, CertificateStatus.REVOKED), "reason": (None, reason)},
    )
    refresh_course_mark(certificate.course)
    certificate_id = certificate.pk
    transaction.on_commit(lambda: tasks.notify_revoked.delay(certificate_id))
    return certificate


@transaction.atomic
def open_reaccreditation(*, certificate: Certificate, by: User) -> AccreditationCase:
    """A new case for the course of a certificate nearing its end, linked to it; deciding it
    accredited supersedes the certificate."""
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("case", "course")
        .get(pk=certificate.pk)
    )
    if not permissions.can_reaccredit(by, certificate):
        raise PermissionDenied
    old = locked_case(certificate.case)
    if old.kind == CaseKind.ORGANISATION and old.course is not None:
        case = open_case(course=old.course, by=by, previous=certificate, check_permission=False)
    elif old.institution is not None:
        values: dict[str, Any] = {name: getattr(old, name) for name in APPLICATION_FIELDS}
        values["previous_certificate"] = certificate
        case = apply_for_accreditation(
            institution=old.institution, by=by, values=values, check_permission=False
        )
    else:
        raise ValidationError(_("This certificate's course can no longer be re-accredited."))
    audit.record(
        actor=by,
        action="accreditation.reaccreditation_opened",
        target=certificate,
        changes={"renewal": (None, case.reference)},
    )
    return case
