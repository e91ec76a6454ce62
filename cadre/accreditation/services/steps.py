"""The five steps of a case: evidence, submission, the reviewers' findings, comments, and the
step marked reviewed or sent back for more evidence. Criteria come from the case's edition."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.accreditation import permissions
from cadre.accreditation.models import CaseStep, Comment, Evidence, Finding
from cadre.accreditation.services._common import StepStatus, locked_step, refresh_current_step
from cadre.audit import services as audit
from cadre.lib.uploads import CheckedUpload
from cadre.standards import selectors as standards
from cadre.standards.models import Criterion

COMMENT_MAX_LENGTH = 5000


def criteria_of(step: CaseStep) -> list[Criterion]:
    """The criteria of the Guide's edition the case uses, for this step."""
    return list(standards.criteria_for_step(step.step, edition=step.case.edition))


@transaction.atomic
def add_evidence(
    *,
    step: CaseStep,
    by: User | None,
    title: str,
    file: File,
    checked: CheckedUpload,
    check_permission: bool = True,
) -> Evidence:
    """Keep a file whose content `cadre.lib.uploads` checked (CheckedFileField or check_upload)."""
    step = locked_step(step)
    if check_permission and not permissions.can_upload_evidence(by, step):  # type: ignore[arg-type]
        raise ValidationError(_("Evidence is added to an open step, by those who speak for the course."))
    title = title.strip() or checked.original_name
    evidence = Evidence(
        step=step,
        title=title[:200],
        original_name=checked.original_name[:200],
        content_type=checked.mime_type[:100],
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
    )
    evidence.file.save(checked.stored_name, file, save=False)
    evidence.save()
    audit.record(
        actor=by,
        action="accreditation.evidence_added",
        target=step.case,
        changes={"evidence": (None, f"{step.step}: {evidence.original_name} ({evidence.sha256})")},
    )
    return evidence


@transaction.atomic
def delete_evidence(*, evidence: Evidence, by: User) -> None:
    step = locked_step(evidence.step)
    if not permissions.can_upload_evidence(by, step):
        raise ValidationError(_("Evidence of a submitted step can no longer be removed."))
    label = f"{step.step}: {evidence.original_name} ({evidence.sha256})"
    stored = evidence.file.name
    storage = evidence.file.storage
    evidence.delete()
    audit.record(
        actor=by,
        action="accreditation.evidence_removed",
        target=step.case,
        changes={"evidence": (label, None)},
    )
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def submit_step(*, step: CaseStep, by: User | None, check_permission: bool = True) -> CaseStep:
    step = locked_step(step)
    if check_permission and not permissions.can_submit_step(by, step):  # type: ignore[arg-type]
        raise ValidationError(_("This step cannot be submitted now."))
    if not step.evidence.exists():
        raise ValidationError(_("Add at least one piece of evidence before submitting this step."))
    step.status = StepStatus.SUBMITTED
    step.submitted_at = timezone.now()
    step.submitted_by = by
    step.save(update_fields=["status", "submitted_at", "submitted_by"])
    audit.record(
        actor=by,
        action="accreditation.step_submitted",
        target=step.case,
        changes={step.step: (StepStatus.OPEN, StepStatus.SUBMITTED)},
    )
    return step


def _checked_ratings(
    ratings: Mapping[int, tuple[str, str]], criteria: list[Criterion]
) -> dict[int, tuple[str, str]]:
    known = {criterion.pk for criterion in criteria}
    if set(ratings) - known:
        raise ValidationError(_("Some criteria are not those of this step. Reload the page and try again."))
    if any(rating and rating not in Finding.Rating.values for rating, _comment in ratings.values()):
        raise ValidationError(_("Choose a rating among those offered."))
    return {pk: (rating, comment.strip()) for pk, (rating, comment) in ratings.items()}


@transaction.atomic
def record_findings(
    *,
    step: CaseStep,
    by: User,
    ratings: Mapping[int, tuple[str, str]],
    check_permission: bool = True,
) -> int:
    """The reviewer's rating and comment for each criterion of the step, by criterion id; an
    empty rating removes the reviewer's finding. Returns how many findings changed."""
    step = locked_step(step)
    if check_permission and not permissions.can_record_findings(by, step):
        raise ValidationError(_("Findings are recorded on a submitted step, by its reviewers."))
    checked = _checked_ratings(ratings, criteria_of(step))
    existing = {row.criterion_id: row for row in Finding.objects.filter(step=step, reviewer=by)}
    changed = 0
    for criterion_id, (rating, comment) in checked.items():
        row = existing.get(criterion_id)
        if not rating:
            changed += row.delete()[0] if row is not None else 0
        elif row is None:
            Finding.objects.create(
                step=step, criterion_id=criterion_id, reviewer=by, rating=rating, comment=comment
            )
            changed += 1
        elif (row.rating, row.comment) != (rating, comment):
            row.rating, row.comment = rating, comment
            row.save(update_fields=["rating", "comment", "updated_at"])
            changed += 1
    if changed:
        audit.record(
            actor=by,
            action="accreditation.findings_recorded",
            target=step.case,
            changes={step.step: (None, {str(pk): value[0] for pk, value in checked.items()})},
        )
    return changed


@transaction.atomic
def add_comment(*, step: CaseStep, by: User, body: str) -> Comment:
    step = locked_step(step)
    if not permissions.can_comment(by, step.case):
        raise ValidationError(_("Comments are added to open cases only."))
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a comment first.")})
    if len(body) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {"body": _("Keep a comment under %(count)s characters.") % {"count": COMMENT_MAX_LENGTH}}
        )
    comment = Comment.objects.create(step=step, author=by, body=body)
    audit.record(
        actor=by, action="accreditation.comment_added", target=step.case, changes={step.step: (None, body)}
    )
    return comment


def missing_findings(step: CaseStep) -> list[Criterion]:
    """The step's criteria on which no reviewer has recorded a finding yet."""
    rated = set(Finding.objects.filter(step=step).values_list("criterion_id", flat=True))
    return [criterion for criterion in criteria_of(step) if criterion.pk not in rated]


@transaction.atomic
def mark_step_reviewed(*, step: CaseStep, by: User | None, check_permission: bool = True) -> CaseStep:
    step = locked_step(step)
    if check_permission and not permissions.can_mark_step_reviewed(by, step):  # type: ignore[arg-type]
        raise ValidationError(
            _("A submitted step is marked reviewed by the lead reviewer or a quality officer.")
        )
    missing = missing_findings(step)
    if missing:
        raise ValidationError(
            _("No reviewer has recorded a finding on these criteria yet: %(criteria)s.")
            % {"criteria": ", ".join(criterion.number for criterion in missing)}
        )
    step.status = StepStatus.REVIEWED
    step.reviewed_at = timezone.now()
    step.reviewed_by = by
    step.save(update_fields=["status", "reviewed_at", "reviewed_by"])
    refresh_current_step(step.case)
    audit.record(
        actor=by,
        action="accreditation.step_reviewed",
        target=step.case,
        changes={step.step: (StepStatus.SUBMITTED, StepStatus.REVIEWED)},
    )
    return step


@transaction.atomic
def return_step(*, step: CaseStep, by: User, reason: str) -> CaseStep:
    """Send a submitted step back for more evidence; the reason is left as a comment."""
    step = locked_step(step)
    if not permissions.can_return_step(by, step):
        raise ValidationError(
            _("Only a submitted step can be sent back, by the lead reviewer or a quality officer.")
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"body": _("Say what is missing: the applicant will read it.")})
    step.status = StepStatus.OPEN
    step.save(update_fields=["status"])
    Comment.objects.create(step=step, author=by, body=reason[:COMMENT_MAX_LENGTH])
    audit.record(
        actor=by,
        action="accreditation.step_returned",
        target=step.case,
        changes={step.step: (StepStatus.SUBMITTED, StepStatus.OPEN), "reason": (None, reason)},
    )
    return step
