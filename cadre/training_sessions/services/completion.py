"""Completing a session: each accepted participant's attendance percentage and outcome under the
course's completion rule, and the certificate the outcome earns (completion, or attendance), in
one transaction; the e-mails that say a certificate is ready go once it is committed."""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.certificates import selectors as certificates
from cadre.certificates.models import Certificate
from cadre.certificates.services.issuing import issue_certificate
from cadre.courses import permissions as course_permissions
from cadre.courses.models import Course
from cadre.training_sessions import permissions
from cadre.training_sessions.models import (
    Attendance,
    CompletionRule,
    Nomination,
    Session,
    SessionDay,
    SessionEvent,
)
from cadre.training_sessions.selectors.attendance import (
    credit_under,
    days_of,
    local_today,
    participants,
    percent_under,
    rule_for,
    session_marks,
)
from cadre.training_sessions.services.locking import lock_session

Outcome = Nomination.Outcome
Kind = Certificate.Kind
KIND_FOR = {Outcome.COMPLETED: Kind.COMPLETION, Outcome.ATTENDED: Kind.ATTENDANCE}
RULE_FIELDS = (
    "min_attendance_percent",
    "requires_post_test",
    "pass_mark_percent",
    "late_counts_as_present",
    "partial_day_share",
)


def decide_outcome(
    *, percent: int, min_percent: int, needs_post_test: bool, score: int | None, pass_mark: int
) -> str:
    """COMPLETED: attended enough and passed the post-test (or none was needed). ATTENDED:
    attended enough but did not pass, or did not take, the post-test it needed.
    NOT_COMPLETED: attended less than the minimum."""
    if percent < min_percent:
        return Outcome.NOT_COMPLETED
    if not needs_post_test or (score is not None and score >= pass_mark):
        return Outcome.COMPLETED
    return Outcome.ATTENDED


@dataclass
class CompletionSummary:
    """What completing (or recomputing) did."""

    outcomes: Counter[str] = field(default_factory=Counter)
    issued: Counter[str] = field(default_factory=Counter)  # certificates issued, by kind
    to_review: int = 0  # held certificates the new outcome no longer supports: left for a person to decide
    revoked: int = 0  # revoked certificates, never issued again automatically

    def as_changes(self) -> dict[str, tuple[Any, Any]]:
        return {
            "outcomes": (None, dict(self.outcomes)),
            "certificates_issued": (None, dict(self.issued)),
            "certificates_to_review": (None, self.to_review),
        }


# --- The certificate -------------------------------------------------------------------------


def course_titles(course: Course) -> dict[str, str]:
    return {code: getattr(course, f"title_{code}", "") or "" for code, _name in settings.LANGUAGES}


def activity_of(session: Session, language: str) -> str:
    """Where the training took place, as the certificate names it: its reference and city."""
    with translation.override(language):
        place = (
            session.city
            or (session.venue.city if session.venue else "")
            or (_("online") if session.is_online else "")
        )
    return f"{session.code} · {place}" if place else session.code


def hours_of(rule: CompletionRule, days: list[SessionDay], statuses: list[str | None]) -> Decimal | None:
    """The hours attended: each day's length for the share of it that counts."""
    minutes = sum(
        day.minutes * credit_under(rule, status) for day, status in zip(days, statuses, strict=True)
    )
    if not minutes:
        return None
    return (Decimal(minutes) / 100 / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Context:
    """What every participant's settlement reads, fetched once."""

    session: Session
    days: list[SessionDay]
    rule: CompletionRule
    needs_post_test: bool
    scores: dict[int, int]
    marks: dict[tuple[int, int], Attendance]
    held: dict[int, Certificate]
    by: User


def _context(session: Session, by: User, nominations: list[Nomination]) -> Context:
    from cadre.assessments import selectors as assessments

    rule = rule_for(session.course)
    needs_post_test = rule.requires_post_test and assessments.has_post_test(session)
    source_type = ContentType.objects.get_for_model(Nomination)
    return Context(
        session=session,
        days=days_of(session),
        rule=rule,
        needs_post_test=needs_post_test,
        scores=assessments.post_test_scores(session) if needs_post_test else {},
        marks=session_marks(session),
        held=certificates.certificates_for_source(source_type.pk, [n.pk for n in nominations]),
        by=by,
    )


def _notify(certificate: Certificate) -> None:
    from cadre.training_sessions.tasks import completion as tasks

    certificate_id = certificate.pk
    transaction.on_commit(lambda: tasks.notify_certificate_ready.delay(certificate_id))


def _certify(
    context: Context,
    nomination: Nomination,
    outcome: str,
    statuses: list[str | None],
    summary: CompletionSummary,
) -> None:
    kind = KIND_FOR.get(outcome)  # type: ignore[call-overload]
    held = context.held.get(nomination.pk)
    if held is not None and held.status == Certificate.Status.REVOKED:
        summary.revoked += 1
        return
    downgrade = held is not None and held.kind == Kind.COMPLETION and kind != Kind.COMPLETION
    if kind is None or downgrade:
        summary.to_review += held is not None
        return
    session = context.session
    person = nomination.person
    certificate = issue_certificate(
        holder=person,
        kind=kind,
        course=session.course,
        titles=course_titles(session.course),
        activity=activity_of(session, person.preferred_language),
        starts_on=context.days[0].date if context.days else session.starts_on,
        ends_on=context.days[-1].date if context.days else session.ends_on,
        source=nomination,
        by=context.by,
        hours=hours_of(context.rule, context.days, statuses),
    )
    if held is None or certificate.pk != held.pk:
        summary.issued[kind] += 1
        _notify(certificate)


def _settle_one(context: Context, nomination: Nomination, summary: CompletionSummary) -> None:
    rule = context.rule
    statuses = [
        mark.status if (mark := context.marks.get((nomination.pk, day.pk))) else None for day in context.days
    ]
    percent = percent_under(rule, statuses)
    outcome = decide_outcome(
        percent=percent,
        min_percent=rule.min_attendance_percent,
        needs_post_test=context.needs_post_test,
        score=context.scores.get(nomination.pk),
        pass_mark=rule.pass_mark_percent,
    )
    summary.outcomes[outcome] += 1
    before = (nomination.attendance_percent, nomination.outcome)
    if before != (percent, outcome):
        nomination.attendance_percent = percent
        nomination.outcome = outcome
        nomination.save(update_fields=["attendance_percent", "outcome"])
        audit.record(
            actor=context.by,
            action="training_sessions.outcome_decided",
            target=nomination,
            changes={"attendance_percent": (before[0], percent), "outcome": (before[1], outcome)},
            country=nomination.country,
        )
    _certify(context, nomination, outcome, statuses, summary)


def _settle(session: Session, by: User) -> CompletionSummary:
    nominations = list(participants(session).select_for_update(of=("self",)))
    context = _context(session, by, nominations)
    summary = CompletionSummary()
    for nomination in nominations:
        _settle_one(context, nomination, summary)
    return summary


def _check_can_complete(session: Session, now: datetime | None) -> None:
    days = days_of(session)
    if not days:
        raise ValidationError(_("The session has no days yet: add its days before completing it."))
    last = days[-1].date
    if local_today(session, now) < last:
        raise ValidationError(
            _("The session can be completed from its last day, %(date)s.")
            % {"date": formats.date_format(last, "DATE_FORMAT")}
        )


@transaction.atomic
def complete_session(*, session: Session, by: User, now: datetime | None = None) -> CompletionSummary:
    """Close a running session from its last day on: decide each participant's outcome, issue the
    certificates, mark the session completed. Days not recorded count as absent."""
    session = lock_session(session)
    if not permissions.can_complete_session(by, session):
        raise PermissionDenied
    _check_can_complete(session, now)
    summary = _settle(session, by)
    before = session.status
    session.status = Session.Status.COMPLETED
    session.save(update_fields=["status", "updated_at"])
    SessionEvent.objects.create(
        session=session,
        kind=SessionEvent.Kind.STATUS,
        by=by,
        before={"status": before},
        after={"status": session.status},
    )
    audit.record(
        actor=by,
        action="training_sessions.session_completed",
        target=session,
        changes={"status": (before, session.status), **summary.as_changes()},
    )
    return summary


@transaction.atomic
def recompute_outcomes(*, session: Session, by: User) -> CompletionSummary:
    """Decide the outcomes of a completed session again, after an attendance correction or a late
    post-test: idempotent; an attendance certificate becomes a completion certificate, but a
    certificate is never withdrawn, downgraded or re-issued after revocation automatically."""
    session = lock_session(session)
    if not permissions.can_recompute_outcomes(by, session):
        raise PermissionDenied
    summary = _settle(session, by)
    audit.record(
        actor=by, action="training_sessions.outcomes_recomputed", target=session, changes=summary.as_changes()
    )
    return summary


# --- The course's rule ------------------------------------------------------------------------


@transaction.atomic
def save_completion_rule(*, course: Course, by: User, values: Mapping[str, Any]) -> CompletionRule:
    """Set what a participant must do to complete the course's sessions."""
    if not course_permissions.looks_after(by, course):
        raise PermissionDenied
    rule = CompletionRule.objects.select_for_update().filter(course=course).first() or CompletionRule(
        course=course
    )
    before = audit.snapshot(rule, RULE_FIELDS) if rule.pk else {}
    for name in RULE_FIELDS:
        if name in values:
            setattr(rule, name, values[name])
    rule.full_clean()
    changes = audit.diff(before, audit.snapshot(rule, RULE_FIELDS))
    if rule.pk and not changes:
        return rule
    rule.save()
    audit.record(actor=by, action="training_sessions.completion_rule_saved", target=rule, changes=changes)
    return rule
