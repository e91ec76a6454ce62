"""Assignments: engaging an instructor to deliver a course on dates, under the rule.

Later scheduling (training sessions) calls `assign_instructor`; it refuses, with the rule's
reasons, an instructor who may not deliver, unless an administrator overrides it with a
justification, which is stored, audited and shown on the instructor's profile.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.courses.models import Course
from cadre.instructors import permissions, rules
from cadre.instructors.models import Assignment, Instructor

Role = Assignment.Role


def _check_request(course: Course, language: str, start: date, end: date, role: str) -> None:
    if end < start:
        raise ValidationError(
            _("The last day comes before the first: give a last day on or after the first.")
        )
    if role not in Role.values:
        raise ValidationError(_("Choose the instructor's role in the delivery."))
    if language not in course.languages:
        raise ValidationError(
            _("The course is not offered in %(language)s.") % {"language": rules.language_name(language)}
        )


@transaction.atomic
def assign_instructor(
    *,
    instructor: Instructor,
    course: Course,
    language: str,
    start: date,
    end: date,
    by: User | None,
    reference: str = "",
    override_reason: str = "",
    role: str = Role.LEAD,
    check_permission: bool = True,
) -> Assignment:
    """Book `instructor` to deliver `course` in `language` from `start` to `end`.

    Refused (ValidationError carrying every reason) when the rule says they may not deliver;
    an administrator may assign them all the same by giving `override_reason`.
    """
    if check_permission and not permissions.can_assign_instructor(by, course):  # type: ignore[arg-type]
        raise PermissionDenied
    _check_request(course, language, start, end, role)
    # Locking the instructor makes two bookings of the same person wait for each other.
    instructor = Instructor.objects.select_for_update().get(pk=instructor.pk)
    verdict = rules.may_deliver(instructor, course, language, start, end, role=role)
    justification = override_reason.strip() if not verdict.allowed else ""
    if not verdict.allowed and not justification:
        raise ValidationError(verdict.reasons)
    if justification and not permissions.can_override_rule(by):  # type: ignore[arg-type]
        raise ValidationError(
            [_("Only an administrator may override the rule, with a justification."), *verdict.reasons]
        )
    assignment = Assignment.objects.create(
        instructor=instructor,
        course=course,
        role=role,
        language=language,
        starts_on=start,
        ends_on=end,
        reference=reference.strip()[:200],
        created_by=by,
        override_reason=justification,
        overridden_refusals=verdict.reasons if justification else [],
    )
    changes: dict[str, tuple[Any, Any]] = {
        "course": (None, course.code),
        "language": (None, language),
        "dates": (None, f"{start.isoformat()}–{end.isoformat()}"),
        "reference": (None, assignment.reference),
    }
    if justification:
        changes.update(
            {"override_reason": (None, justification), "refusals_overridden": (None, verdict.reasons)}
        )
    action = "instructors.assignment_overridden" if justification else "instructors.assigned"
    audit.record(actor=by, action=action, target=assignment, changes=changes)
    return assignment


@transaction.atomic
def cancel_assignment(
    *, assignment: Assignment, by: User | None, reason: str = "", check_permission: bool = True
) -> Assignment:
    assignment = (
        Assignment.objects.select_for_update(of=("self",)).select_related("course").get(pk=assignment.pk)
    )
    if check_permission and not permissions.can_assign_instructor(by, assignment.course):  # type: ignore[arg-type]
        raise PermissionDenied
    if assignment.is_cancelled:
        return assignment
    assignment.cancelled_at = timezone.now()
    assignment.cancelled_by = by
    assignment.cancel_reason = reason.strip()
    assignment.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    audit.record(
        actor=by,
        action="instructors.assignment_cancelled",
        target=assignment,
        changes={"cancelled": (None, assignment.cancel_reason or True)},
    )
    return assignment


def _refresh_average(instructor_id: int) -> None:
    rated = Assignment.objects.filter(
        instructor_id=instructor_id, cancelled_at__isnull=True, rating__isnull=False, rating_count__gt=0
    )
    totals = rated.aggregate(weighted=Sum(F("rating") * F("rating_count")), count=Sum("rating_count"))
    count = totals["count"] or 0
    average = (Decimal(totals["weighted"]) / count).quantize(Decimal("0.01")) if count else None
    Instructor.objects.filter(pk=instructor_id).update(average_rating=average, rating_count=count)


@transaction.atomic
def record_assignment_rating(*, assignment: Assignment, rating: Decimal | None, responses: int) -> Assignment:
    """The participants' average rating of a delivery (1 to 5) and how many rated it, from the
    session's evaluation; the instructor's average follows, weighted by responses."""
    if rating is not None and not (Decimal(1) <= Decimal(rating) <= Decimal(5)):
        raise ValidationError(_("A rating is between 1 and 5."))
    if responses < 0:
        raise ValidationError(_("The number of responses cannot be negative."))
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    before = (assignment.rating, assignment.rating_count)
    assignment.rating = Decimal(rating).quantize(Decimal("0.01")) if rating is not None else None
    assignment.rating_count = responses if rating is not None else 0
    assignment.save(update_fields=["rating", "rating_count"])
    _refresh_average(assignment.instructor_id)
    audit.record(
        actor=None,
        action="instructors.assignment_rated",
        target=assignment,
        changes={
            "rating": (
                str(before[0]) if before[0] is not None else None,
                str(assignment.rating) if assignment.rating is not None else None,
            )
        },
    )
    return assignment
