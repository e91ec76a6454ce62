"""The certification pathway: candidacies, the stages done with their evidence, and the
observations assessors record against the rubric."""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.courses.models import Course
from cadre.instructors import permissions, selectors
from cadre.instructors.models import (
    Candidacy,
    Instructor,
    Level,
    Observation,
    ObservationScore,
    PathwayStage,
    StageCompletion,
)
from cadre.instructors.services._common import (
    clean_languages,
    has_subject,
    required_text,
    set_subjects,
    subject_codes,
    subjects_in,
)
from cadre.lib.uploads import CheckedUpload

Status = Candidacy.Status
Recommendation = Observation.Recommendation


def _locked(candidacy: Candidacy) -> Candidacy:
    return (
        Candidacy.objects.select_for_update()
        .select_related("instructor__person", "level")
        .get(pk=candidacy.pk)
    )


def _check_assessors(assessors: Iterable[User], instructor: Instructor) -> list[User]:
    chosen = list(assessors)
    allowed = set(
        selectors.assessors().filter(pk__in=[person.pk for person in chosen]).values_list("pk", flat=True)
    )
    if any(person.pk not in allowed for person in chosen):
        raise ValidationError(_("Choose assessors among the people who hold the instructor assessor role."))
    if any(person.pk == instructor.person_id for person in chosen):
        raise ValidationError(_("A candidate cannot assess themselves."))
    return chosen


@transaction.atomic
def start_candidacy(
    *,
    instructor: Instructor,
    level: Level,
    by: User,
    values: Mapping[str, Any],
    assessors: Iterable[User] = (),
    note: str = "",
) -> Candidacy:
    """Put an instructor on the pathway to `level` for the subjects and languages in `values`
    (crime_areas, capabilities, courses, languages)."""
    if not permissions.can_start_candidacy(by, instructor):
        raise PermissionDenied
    subjects = subjects_in(values)
    if not has_subject(subjects):
        raise ValidationError(
            _("Choose at least one subject: a crime area, a policing capability or a course.")
        )
    languages = clean_languages(values.get("languages") or [])
    if not languages:
        raise ValidationError(_("Choose at least one language the candidate will teach in."))
    open_statuses = (Status.IN_PROGRESS, Status.RECOMMENDED)
    if instructor.candidacies.filter(level=level, status__in=open_statuses).exists():
        raise ValidationError(_("This instructor is already on the pathway to this level."))
    chosen = _check_assessors(assessors, instructor)
    candidacy = Candidacy(instructor=instructor, level=level, started_by=by, note=note.strip())
    candidacy.set_languages(languages)
    candidacy.save()
    set_subjects(candidacy, subjects)
    candidacy.assessors.set(chosen)
    audit.record(
        actor=by,
        action="instructors.candidacy_started",
        target=candidacy,
        changes={
            "level": (None, level.code),
            "languages": (None, languages),
            "assessors": (None, sorted(person.pk for person in chosen)),
            **{name: (None, codes) for name, codes in subject_codes(candidacy).items()},
        },
    )
    return candidacy


@transaction.atomic
def assign_assessors(*, candidacy: Candidacy, by: User, assessors: Iterable[User]) -> Candidacy:
    candidacy = _locked(candidacy)
    if not permissions.can_manage_candidacy(by, candidacy):
        raise PermissionDenied
    chosen = _check_assessors(assessors, candidacy.instructor)
    before = sorted(candidacy.assessors.values_list("pk", flat=True))
    candidacy.assessors.set(chosen)
    after = sorted(person.pk for person in chosen)
    audit.record(
        actor=by,
        action="instructors.assessors_assigned",
        target=candidacy,
        changes={"assessors": (before, after)},
    )
    return candidacy


@transaction.atomic
def withdraw_candidacy(*, candidacy: Candidacy, by: User, reason: str) -> Candidacy:
    candidacy = _locked(candidacy)
    if not permissions.can_withdraw_candidacy(by, candidacy):
        raise PermissionDenied
    reason = required_text(reason, _("Give the reason for withdrawing the candidacy."))
    before = candidacy.status
    candidacy.status = Status.WITHDRAWN
    candidacy.closed_at = timezone.now()
    candidacy.closing_reason = reason
    candidacy.save(update_fields=["status", "closed_at", "closing_reason"])
    audit.record(
        actor=by,
        action="instructors.candidacy_withdrawn",
        target=candidacy,
        changes={"status": (before, candidacy.status), "reason": (None, candidacy.closing_reason)},
    )
    return candidacy


# --- Stages ---------------------------------------------------------------------------------------


def _stage_of(candidacy: Candidacy, stage: PathwayStage) -> PathwayStage:
    if stage.level_id != candidacy.level_id:
        raise ValidationError(_("This stage belongs to another level's pathway."))
    return stage


def _keep_evidence(completion: StageCompletion, file: File | None) -> str | None:
    """Store a checked file on the completion; the name of the file it replaces."""
    if file is None:
        return None
    checked: CheckedUpload = file.checked  # type: ignore[attr-defined]
    old = completion.evidence.name or None
    completion.evidence.save(checked.stored_name, file, save=False)
    completion.evidence_name = checked.original_name[:200]
    completion.evidence_type = checked.mime_type[:100]
    completion.evidence_size = checked.size
    completion.evidence_sha256 = checked.sha256
    return old


def _delete_later(completion: StageCompletion, name: str | None) -> None:
    if name:
        storage = completion.evidence.storage
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def submit_stage_evidence(
    *, candidacy: Candidacy, stage: PathwayStage, by: User, file: File | None = None, note: str = ""
) -> StageCompletion:
    """The candidate (or an assessor) hands in the evidence of a stage, for confirmation.
    `file` is an upload checked by `cadre.lib.uploads` (CheckedFileField or check_upload)."""
    candidacy = _locked(candidacy)
    if not permissions.can_submit_evidence(by, candidacy):
        raise PermissionDenied
    stage = _stage_of(candidacy, stage)
    completion = StageCompletion.objects.filter(candidacy=candidacy, stage=stage).first()
    if completion is not None and completion.is_confirmed:
        raise ValidationError(_("This stage is already confirmed; its evidence can no longer change."))
    if file is None and not note.strip():
        raise ValidationError(_("Attach the evidence or describe it in a note."))
    completion = completion or StageCompletion(candidacy=candidacy, stage=stage)
    old = _keep_evidence(completion, file)
    completion.note = note.strip() or completion.note
    completion.submitted_by = by
    completion.save()
    _delete_later(completion, old)
    audit.record(
        actor=by,
        action="instructors.stage_submitted",
        target=candidacy,
        changes={
            "stage": (None, stage.code),
            "evidence": (None, f"{completion.evidence_name} {completion.evidence_sha256}".strip()),
        },
    )
    return completion


def _check_order(candidacy: Candidacy, stage: PathwayStage) -> None:
    earlier = candidacy.level.stages.filter(position__lt=stage.position)
    confirmed = StageCompletion.objects.filter(candidacy=candidacy, confirmed_at__isnull=False).values(
        "stage_id"
    )
    first_missing = earlier.exclude(pk__in=confirmed).order_by("position").first()
    if first_missing is not None:
        raise ValidationError(
            _("Confirm the stage “%(name)s” first: stages are done in order.") % {"name": first_missing.name}
        )


@transaction.atomic
def confirm_stage(
    *, candidacy: Candidacy, stage: PathwayStage, by: User, file: File | None = None, note: str = ""
) -> StageCompletion:
    """An assessor or a certification manager confirms a stage done, with its evidence."""
    candidacy = _locked(candidacy)
    if not permissions.can_confirm_stage(by, candidacy):
        raise PermissionDenied
    stage = _stage_of(candidacy, stage)
    _check_order(candidacy, stage)
    completion = StageCompletion.objects.filter(candidacy=candidacy, stage=stage).first()
    if completion is not None and completion.is_confirmed:
        raise ValidationError(_("This stage is already confirmed."))
    completion = completion or StageCompletion(candidacy=candidacy, stage=stage, submitted_by=by)
    old = _keep_evidence(completion, file)
    if stage.evidence_required and not completion.evidence:
        raise ValidationError(_("This stage needs evidence: attach the file that shows it was done."))
    completion.note = note.strip() or completion.note
    completion.confirmed_by = by
    completion.confirmed_at = timezone.now()
    completion.save()
    _delete_later(completion, old)
    audit.record(
        actor=by,
        action="instructors.stage_confirmed",
        target=candidacy,
        changes={
            "stage": (None, stage.code),
            "evidence": (None, f"{completion.evidence_name} {completion.evidence_sha256}".strip()),
        },
    )
    return completion


# --- Observations ---------------------------------------------------------------------------------


def _clean_scores(
    rubric_criteria: list[Any], scores: Mapping[int, tuple[int, str]]
) -> list[tuple[Any, int, str]]:
    cleaned = []
    for criterion in rubric_criteria:
        score, comment = scores.get(criterion.pk, (None, ""))
        if score not in ObservationScore.Score.values:
            raise ValidationError(
                _("Score every criterion from 1 to 4 (“%(criterion)s” is missing).")
                % {"criterion": criterion.name}
            )
        cleaned.append((criterion, int(score), (comment or "").strip()))
    return cleaned


def _observation_candidacy(instructor: Instructor, candidacy: Candidacy | None) -> Candidacy | None:
    if candidacy is None:
        return None
    candidacy = _locked(candidacy)
    if candidacy.instructor_id != instructor.pk:
        raise ValidationError(_("This candidacy is another instructor's."))
    return candidacy


@transaction.atomic
def record_observation(
    *,
    instructor: Instructor,
    by: User,
    observed_on: date,
    scores: Mapping[int, tuple[int, str]],
    recommendation: str,
    candidacy: Candidacy | None = None,
    comment: str = "",
    course: Course | None = None,
    delivery: str = "",
    language: str = "",
) -> Observation:
    """An assessor's observation of a delivery: a score from 1 to 4 and a comment for each of
    the rubric's criteria (`scores` by criterion id), a recommendation and an overall comment."""
    candidacy = _observation_candidacy(instructor, candidacy)
    if not permissions.can_record_observation(by, instructor, candidacy):
        raise PermissionDenied
    if recommendation not in Recommendation.values:
        raise ValidationError(_("Choose a recommendation: certify, not yet or not suitable."))
    if observed_on > timezone.localdate():
        raise ValidationError(
            _("An observation is recorded after the delivery: the date cannot be in the future.")
        )
    level = candidacy.level if candidacy else None
    rubric = selectors.rubric_for(level)
    if rubric is None:
        raise ValidationError(_("No rubric is set up to observe against."))
    cleaned = _clean_scores(list(rubric.criteria.order_by("position")), scores)
    stage = level.stages.filter(kind="observed").order_by("position").first() if level else None
    observation = Observation.objects.create(
        instructor=instructor,
        candidacy=candidacy,
        stage=stage,
        rubric=rubric,
        assessor=by,
        observed_on=observed_on,
        course=course,
        delivery=delivery.strip()[:200],
        language=language,
        recommendation=recommendation,
        comment=comment.strip(),
    )
    ObservationScore.objects.bulk_create(
        [
            ObservationScore(observation=observation, criterion=criterion, score=score, comment=text)
            for criterion, score, text in cleaned
        ]
    )
    if candidacy is not None:
        _follow_latest(candidacy)
    audit.record(
        actor=by,
        action="instructors.observation_recorded",
        target=candidacy or instructor,
        changes={
            "recommendation": (None, recommendation),
            "scores": (None, {criterion.code: score for criterion, score, _text in cleaned}),
        },
    )
    return observation


def _follow_latest(candidacy: Candidacy) -> None:
    """The latest observation sets whether the candidate is recommended for certification."""
    latest = candidacy.observations.order_by("-observed_on", "-created_at", "-pk").first()
    certify = latest is not None and latest.recommendation == Recommendation.CERTIFY
    status = Status.RECOMMENDED if certify else Status.IN_PROGRESS
    if candidacy.status != status:
        candidacy.status = status
        candidacy.save(update_fields=["status"])
