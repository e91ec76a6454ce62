"""Opening cases: the quality officer's for the organisation's courses, an institution's
application form; withdrawing them; the reviewers of a case."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.accreditation import permissions, tasks
from cadre.accreditation.models import AccreditationCase, CaseReviewer, Certificate, Finding
from cadre.accreditation.services._common import (
    CaseKind,
    Status,
    case_snapshot,
    locked_case,
    save_new_case,
)
from cadre.audit import services as audit
from cadre.courses.models import LANGUAGE_CODES, Course
from cadre.directory.models import Institution
from cadre.standards import selectors as standards
from cadre.standards.models import Edition

APPLICATION_FIELDS = (
    "course",
    "course_title",
    "summary",
    "target_audience",
    "duration",
    "languages",
    "contact_name",
    "contact_email",
    "justification",
)
REQUIRED_TO_SUBMIT = (
    "summary",
    "target_audience",
    "duration",
    "languages",
    "contact_name",
    "contact_email",
    "justification",
)


def _edition() -> Edition:
    edition = standards.edition_in_force()
    if edition is None:
        raise ValidationError(
            _("No edition of the Guide to Effective Training is in force: publish one before opening a case.")
        )
    return edition


def _check_no_open_case(course: Course) -> None:
    open_case = (
        AccreditationCase.objects.filter(
            course=course, status__in=(Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW)
        )
        .values_list("reference", flat=True)
        .first()
    )
    if open_case:
        raise ValidationError(
            _("This course already has an open accreditation case: %(reference)s.") % {"reference": open_case}
        )


@transaction.atomic
def open_case(
    *,
    course: Course,
    by: User | None,
    previous: Certificate | None = None,
    check_permission: bool = True,
) -> AccreditationCase:
    """A case for one of the organisation's courses, submitted: the quality officers assign its
    reviewers, and the people who look after the course add evidence step by step."""
    if check_permission and not permissions.can_open_case(by, course):  # type: ignore[arg-type]
        raise PermissionDenied
    if course.status == Course.Status.ARCHIVED:
        raise ValidationError(_("An archived course cannot be accredited."))
    _check_no_open_case(course)
    case = AccreditationCase(
        kind=CaseKind.ORGANISATION,
        status=Status.SUBMITTED,
        course=course,
        edition=_edition(),
        previous_certificate=previous,
        opened_by=by,
        submitted_at=timezone.now(),
    )
    save_new_case(case)
    audit.record(
        actor=by,
        action="accreditation.case_opened",
        target=case,
        changes=audit.diff({}, {**case_snapshot(case), "reference": case.reference}),
    )
    return case


def _clean_application(values: Mapping[str, Any], institution: Institution) -> dict[str, Any]:
    cleaned = {name: values[name] for name in APPLICATION_FIELDS if name in values}
    course = cleaned.get("course")
    if course is not None and course.institution_id != institution.pk:
        raise ValidationError({"course": _("Choose one of your institution's courses in the catalogue.")})
    for name in APPLICATION_FIELDS:
        if isinstance(cleaned.get(name), str):
            cleaned[name] = cleaned[name].strip()
    if course is not None and not cleaned.get("course_title"):
        cleaned["course_title"] = str(course)
    if not cleaned.get("course_title"):
        raise ValidationError({"course_title": _("Give the title of the course.")})
    languages = list(cleaned.get("languages") or [])
    if any(code not in LANGUAGE_CODES for code in languages):
        raise ValidationError({"languages": _("Choose among Arabic, English, French and Spanish.")})
    cleaned["languages"] = [code for code in LANGUAGE_CODES if code in languages]
    return cleaned


@transaction.atomic
def apply_for_accreditation(
    *, institution: Institution, by: User | None, values: Mapping[str, Any], check_permission: bool = True
) -> AccreditationCase:
    """An institution's application, saved as a draft it may complete before submitting."""
    if check_permission and not permissions.can_apply(by, institution):  # type: ignore[arg-type]
        raise PermissionDenied
    cleaned = _clean_application(values, institution)
    case = AccreditationCase(
        kind=CaseKind.INSTITUTION,
        status=Status.DRAFT,
        institution=institution,
        edition=_edition(),
        opened_by=by,
        previous_certificate=values.get("previous_certificate"),
        **cleaned,
    )
    save_new_case(case)
    audit.record(
        actor=by,
        action="accreditation.application_created",
        target=case,
        changes=audit.diff({}, {**case_snapshot(case), "reference": case.reference}),
    )
    return case


@transaction.atomic
def update_application(*, case: AccreditationCase, by: User, values: Mapping[str, Any]) -> AccreditationCase:
    case = locked_case(case)
    if not permissions.can_edit_application(by, case):
        raise ValidationError(_("Only a draft application can be changed, by its institution."))
    assert case.institution is not None  # noqa: S101 - every application has its institution
    before = case_snapshot(case)
    for name, value in _clean_application(values, case.institution).items():
        setattr(case, name, value)
    case.save()
    audit.record(
        actor=by,
        action="accreditation.application_updated",
        target=case,
        changes=audit.diff(before, case_snapshot(case)),
    )
    return case


def _missing_for_submission(case: AccreditationCase) -> list[str]:
    return [
        str(getattr(AccreditationCase._meta.get_field(name), "verbose_name", name))
        for name in REQUIRED_TO_SUBMIT
        if not getattr(case, name)
    ]


@transaction.atomic
def submit_application(*, case: AccreditationCase, by: User) -> AccreditationCase:
    case = locked_case(case)
    if not permissions.can_submit_application(by, case):
        raise ValidationError(_("Only a draft application can be submitted, by its institution."))
    missing = _missing_for_submission(case)
    if missing:
        raise ValidationError(
            _("Complete the application before submitting it: %(fields)s.") % {"fields": ", ".join(missing)}
        )
    case.status = Status.SUBMITTED
    case.submitted_at = timezone.now()
    case.save(update_fields=["status", "submitted_at", "updated_at"])
    audit.record(
        actor=by,
        action="accreditation.application_submitted",
        target=case,
        changes={"status": (Status.DRAFT, Status.SUBMITTED)},
    )
    return case


@transaction.atomic
def withdraw_case(*, case: AccreditationCase, by: User) -> AccreditationCase:
    case = locked_case(case)
    if not permissions.can_withdraw_case(by, case):
        raise ValidationError(_("This case is closed and can no longer be withdrawn."))
    before = case.status
    case.status = Status.WITHDRAWN
    case.closed_at = timezone.now()
    case.save(update_fields=["status", "closed_at", "updated_at"])
    audit.record(
        actor=by,
        action="accreditation.case_withdrawn",
        target=case,
        changes={"status": (before, case.status)},
    )
    return case


def _check_reviewer(case: AccreditationCase, reviewer: User, kind: str) -> None:
    from cadre.accreditation.selectors import eligible_reviewers

    if not eligible_reviewers().filter(pk=reviewer.pk).exists():
        raise ValidationError(
            {"reviewer": _("Only people holding the accreditation reviewer role can review.")}
        )
    if permissions.is_contributor(reviewer, case):
        raise ValidationError({"reviewer": _("A person who speaks for the course cannot review it.")})
    if case.reviewers.filter(reviewer=reviewer).exists():
        raise ValidationError(
            {"reviewer": _("%(name)s already reviews this case.") % {"name": reviewer.display_name}}
        )
    if kind == CaseReviewer.Kind.LEAD and case.reviewers.filter(kind=CaseReviewer.Kind.LEAD).exists():
        raise ValidationError({"kind": _("This case already has a lead reviewer.")})


@transaction.atomic
def assign_reviewer(
    *,
    case: AccreditationCase,
    by: User | None,
    reviewer: User,
    kind: str,
    organisation: str = "",
    check_permission: bool = True,
) -> CaseReviewer:
    case = locked_case(case)
    if check_permission and not permissions.can_assign_reviewers(by, case):  # type: ignore[arg-type]
        raise ValidationError(_("Reviewers are assigned to submitted cases, by the quality officers."))
    if kind not in CaseReviewer.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of reviewer.")})
    _check_reviewer(case, reviewer, kind)
    row = CaseReviewer.objects.create(
        case=case, reviewer=reviewer, kind=kind, organisation=organisation.strip(), assigned_by=by
    )
    changes: dict[str, tuple[Any, Any]] = {"reviewer": (None, f"{reviewer.pk}:{kind}")}
    if case.status == Status.SUBMITTED:
        case.status = Status.IN_REVIEW
        case.save(update_fields=["status", "updated_at"])
        changes["status"] = (Status.SUBMITTED, Status.IN_REVIEW)
    audit.record(actor=by, action="accreditation.reviewer_assigned", target=case, changes=changes)
    transaction.on_commit(lambda: tasks.notify_reviewer_assigned.delay(row.pk))
    return row


@transaction.atomic
def remove_reviewer(*, row: CaseReviewer, by: User) -> None:
    case = locked_case(row.case)
    if not permissions.can_assign_reviewers(by, case):
        raise ValidationError(_("Reviewers are assigned to submitted cases, by the quality officers."))
    if Finding.objects.filter(step__case=case, reviewer_id=row.reviewer_id).exists():
        raise ValidationError(_("This reviewer has recorded findings and stays on the case."))
    label = f"{row.reviewer_id}:{row.kind}"
    row.delete()
    audit.record(
        actor=by, action="accreditation.reviewer_removed", target=case, changes={"reviewer": (label, None)}
    )
