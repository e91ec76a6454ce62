"""A quality officer's review: started, criteria chosen, findings recorded, a decision."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.materials import permissions, selectors, tasks
from cadre.materials.models import Material, MaterialVersion, Review, ReviewFinding
from cadre.standards.models import Criterion

Status = MaterialVersion.Status
Outcome = Review.Outcome
Rating = ReviewFinding.Rating


@dataclass(frozen=True)
class Finding:
    rating: str
    comment: str = ""


def _locked_version(version: MaterialVersion) -> MaterialVersion:
    return (
        MaterialVersion.objects.select_for_update(of=("self",)).select_related("material").get(pk=version.pk)
    )


@transaction.atomic
def start_review(*, by: User, version: MaterialVersion) -> Review:
    """Take a submitted version out of the queue, with the criteria that apply to material in
    the edition of the Guide in force already chosen."""
    version = _locked_version(version)
    if not permissions.can_review_version(by, version):
        raise PermissionDenied
    if version.status != Status.SUBMITTED:
        raise ValidationError(_("This version is no longer waiting for review."))
    review = Review.objects.create(version=version, reviewer=by, started_at=timezone.now())
    review.criteria.set(selectors.preselected_criteria())
    version.status = Status.IN_REVIEW
    version.save(update_fields=["status"])
    audit.record(
        actor=by,
        action="materials.review_started",
        target=version,
        changes={"status": (Status.SUBMITTED, Status.IN_REVIEW)},
    )
    return review


def _open(review: Review, by: User) -> Review:
    review = (
        Review.objects.select_for_update(of=("self",)).select_related("version__material").get(pk=review.pk)
    )
    if not permissions.can_decide_review(by, review):
        raise ValidationError(_("This review is closed, or it is another reviewer's."))
    return review


@transaction.atomic
def choose_criteria(*, by: User, review: Review, criteria: Iterable[Criterion]) -> Review:
    """The criteria the version is reviewed against; findings on criteria dropped go with them."""
    review = _open(review, by)
    chosen = {criterion.pk: criterion for criterion in criteria}
    offered = set(selectors.criteria_choices().filter(pk__in=chosen).values_list("pk", flat=True))
    already = set(review.criteria.values_list("pk", flat=True))
    if set(chosen) - offered - already:
        raise ValidationError(_("Choose criteria from the edition of the Guide in force."))
    before = sorted(already)
    review.criteria.set(chosen.values())
    review.findings.exclude(criterion_id__in=chosen).delete()
    audit.record(
        actor=by,
        action="materials.review_criteria_chosen",
        target=review,
        changes={"criteria": (before, sorted(chosen))},
    )
    return review


def _save_findings(review: Review, findings: Mapping[int, Finding]) -> None:
    chosen = set(review.criteria.values_list("pk", flat=True))
    for criterion_id, finding in findings.items():
        if criterion_id not in chosen or not finding.rating:
            continue
        if finding.rating not in Rating.values:
            raise ValidationError(_("Choose a rating from the list for every criterion."))
        ReviewFinding.objects.update_or_create(
            review=review,
            criterion_id=criterion_id,
            defaults={"rating": finding.rating, "comment": finding.comment.strip()},
        )


@transaction.atomic
def record_findings(*, by: User, review: Review, findings: Mapping[int, Finding]) -> Review:
    """Keep the findings so far, without deciding."""
    review = _open(review, by)
    _save_findings(review, findings)
    audit.record(
        actor=by,
        action="materials.findings_recorded",
        target=review,
        changes={"findings": (None, {str(key): value.rating for key, value in findings.items()})},
    )
    return review


def _check_decision(review: Review, outcome: str, comments: str) -> None:
    if outcome not in Outcome.values:
        raise ValidationError(_("Choose whether to approve the material or return it."))
    criteria = list(review.criteria.all())
    if not criteria and selectors.criteria_choices().exists():
        raise ValidationError(_("Choose at least one criterion of the Guide to review the material against."))
    ratings = dict(review.findings.values_list("criterion_id", "rating"))
    missing = [str(criterion.number) for criterion in criteria if criterion.pk not in ratings]
    if missing:
        raise ValidationError(
            _("Rate every chosen criterion before deciding. Not rated yet: %(criteria)s."),
            params={"criteria": ", ".join(missing)},
        )
    if outcome == Outcome.RETURNED and not comments.strip():
        raise ValidationError(_("Say in the comments what must change before the material is returned."))
    failed = [str(c.number) for c in criteria if ratings.get(c.pk) == Rating.DOES_NOT_MEET]
    if outcome == Outcome.APPROVED and failed:
        raise ValidationError(
            _(
                "The material cannot be approved while it does not meet criterion %(criteria)s. "
                "Return it with comments instead."
            ),
            params={"criteria": ", ".join(failed)},
        )


def _supersede(version: MaterialVersion, by: User) -> None:
    material = Material.objects.select_for_update().get(pk=version.material_id)
    previous = list(material.versions.filter(status=Status.APPROVED).exclude(pk=version.pk))
    for earlier in previous:
        earlier.status = Status.SUPERSEDED
        earlier.save(update_fields=["status"])
        audit.record(
            actor=by,
            action="materials.version_superseded",
            target=earlier,
            changes={"status": (Status.APPROVED, Status.SUPERSEDED)},
        )
    material.approved_version = version
    material.approved_at = version.reviewed_at
    material.save(update_fields=["approved_version", "approved_at"])


@transaction.atomic
def decide_review(
    *,
    by: User,
    review: Review,
    outcome: str,
    comments: str = "",
    findings: Mapping[int, Finding] | None = None,
    notify: bool = True,
) -> Review:
    """Approve the version into the repository (superseding the one approved before) or return
    it to its submitter with comments; the submitter is told by e-mail."""
    review = _open(review, by)
    if findings:
        _save_findings(review, findings)
    _check_decision(review, outcome, comments)
    now = timezone.now()
    review.reviewer = by
    review.outcome = outcome
    review.comments = comments.strip()
    review.decided_at = now
    review.save(update_fields=["reviewer", "outcome", "comments", "decided_at"])
    version = _locked_version(review.version)
    version.status = Status.APPROVED if outcome == Outcome.APPROVED else Status.RETURNED
    version.reviewed_by = by
    version.reviewed_at = now
    version.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    if version.status == Status.APPROVED:
        _supersede(version, by)
    audit.record(
        actor=by,
        action=f"materials.version_{version.status}",
        target=version,
        changes={"status": (Status.IN_REVIEW, version.status), "comments": ("", review.comments)},
    )
    if notify:
        transaction.on_commit(lambda: tasks.notify_decision.delay(review.pk))
    return review
