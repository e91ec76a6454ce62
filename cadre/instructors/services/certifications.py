"""Certifying, and everything that happens to a certification afterwards: suspension,
reinstatement, revocation, renewal, expiry and the reminders before it."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.instructors import permissions, selectors
from cadre.instructors.models import Candidacy, Certification, CertificationEvent, CertificationReminder
from cadre.instructors.rules import day
from cadre.instructors.services._common import (
    SUBJECT_FIELDS,
    add_months,
    clean_languages,
    has_subject,
    new_certification_code,
    required_text,
    set_subjects,
    subject_codes,
    subjects_in,
)

Status = Certification.Status
Kind = CertificationEvent.Kind


def _notify(event: CertificationEvent) -> None:
    from cadre.instructors import tasks

    transaction.on_commit(lambda: tasks.notify_certification_event.delay(event.pk))


def _event(
    certification: Certification, kind: str, by: User | None, reason: str = "", **dates: date
) -> CertificationEvent:
    return CertificationEvent.objects.create(
        certification=certification, kind=kind, by=by, reason=reason, **dates
    )


def _locked(certification: Certification) -> Certification:
    return (
        Certification.objects.select_for_update()
        .select_related("instructor__person", "level")
        .get(pk=certification.pk)
    )


# --- Certifying -----------------------------------------------------------------------------------


def _narrowed(candidacy: Candidacy, values: Mapping[str, Any]) -> tuple[dict[str, list[Any]], list[str]]:
    """The subjects and languages to certify: the candidacy's, or fewer of them, never more."""
    sought = {name: set(getattr(candidacy, name).values_list("pk", flat=True)) for name in SUBJECT_FIELDS}
    subjects = (
        subjects_in(values)
        if any(name in values for name in SUBJECT_FIELDS)
        else {name: list(getattr(candidacy, name).all()) for name in SUBJECT_FIELDS}
    )
    languages = clean_languages(values["languages"]) if "languages" in values else candidacy.languages
    beyond = any(item.pk not in sought[name] for name in SUBJECT_FIELDS for item in subjects[name])
    if beyond or set(languages) - set(candidacy.languages):
        raise ValidationError(_("Certify only for subjects and languages the candidacy was for."))
    if not has_subject(subjects) or not languages:
        raise ValidationError(_("A certification covers at least one subject and one language."))
    return subjects, languages


@transaction.atomic
def certify(*, candidacy: Candidacy, by: User, values: Mapping[str, Any] | None = None) -> Certification:
    """Issue the certification a candidacy leads to. Every stage must be done and the latest
    observation must recommend certifying; `values` may narrow the subjects and languages."""
    candidacy = (
        Candidacy.objects.select_for_update()
        .select_related("instructor__person", "level")
        .get(pk=candidacy.pk)
    )
    if not permissions.can_certify(by, candidacy):
        raise PermissionDenied
    blockers = selectors.certification_blockers(candidacy)
    if blockers:
        raise ValidationError(blockers)
    subjects, languages = _narrowed(candidacy, values or {})
    today = timezone.localdate()
    certification = Certification(
        instructor=candidacy.instructor,
        level=candidacy.level,
        candidacy=candidacy,
        name_on_certificate=candidacy.instructor.person.get_full_name()[:300],
        issued_on=today,
        period_started_on=today,
        expires_on=add_months(today, candidacy.level.validity_months),
        issued_by=by,
        code=new_certification_code(),
    )
    certification.set_languages(languages)
    certification.save()
    set_subjects(certification, subjects)
    event = _event(certification, Kind.ISSUED, by, expires_after=certification.expires_on)
    candidacy.status = Candidacy.Status.CERTIFIED
    candidacy.closed_at = timezone.now()
    candidacy.save(update_fields=["status", "closed_at"])
    audit.record(
        actor=by,
        action="instructors.certified",
        target=certification,
        changes={
            "level": (None, candidacy.level.code),
            "languages": (None, languages),
            "expires_on": (None, certification.expires_on),
            **{name: (None, codes) for name, codes in subject_codes(certification).items()},
        },
    )
    _notify(event)
    return certification


# --- Suspending, reinstating, revoking ---------------------------------------------------------------


def _change_status(
    certification: Certification, *, by: User | None, status: str, kind: str, reason: str, action: str
) -> Certification:
    before = certification.status
    certification.status = status
    certification.status_reason = reason
    certification.save(update_fields=["status", "status_reason"])
    event = _event(certification, kind, by, reason)
    audit.record(
        actor=by,
        action=action,
        target=certification,
        changes={"status": (before, status), "reason": (None, reason)},
    )
    _notify(event)
    return certification


def _changeable(certification: Certification, by: User) -> Certification:
    certification = _locked(certification)
    if not permissions.can_change_certification(by, certification):
        raise PermissionDenied
    return certification


@transaction.atomic
def suspend_certification(*, certification: Certification, by: User, reason: str) -> Certification:
    certification = _changeable(certification, by)
    reason = required_text(reason, _("Give the reason for suspending the certification."))
    if certification.current_status() != Status.ACTIVE:
        raise ValidationError(_("Only an active certification can be suspended."))
    return _change_status(
        certification,
        by=by,
        status=Status.SUSPENDED,
        kind=Kind.SUSPENDED,
        reason=reason,
        action="instructors.certification_suspended",
    )


@transaction.atomic
def reinstate_certification(*, certification: Certification, by: User, reason: str) -> Certification:
    certification = _changeable(certification, by)
    reason = required_text(reason, _("Give the reason for reinstating the certification."))
    if certification.current_status() != Status.SUSPENDED:
        raise ValidationError(_("Only a suspended certification that has not expired can be reinstated."))
    return _change_status(
        certification,
        by=by,
        status=Status.ACTIVE,
        kind=Kind.REINSTATED,
        reason=reason,
        action="instructors.certification_reinstated",
    )


@transaction.atomic
def revoke_certification(*, certification: Certification, by: User, reason: str) -> Certification:
    certification = _changeable(certification, by)
    reason = required_text(reason, _("Give the reason for revoking the certification."))
    if certification.status not in (Status.ACTIVE, Status.SUSPENDED):
        raise ValidationError(_("This certification is already revoked or expired."))
    return _change_status(
        certification,
        by=by,
        status=Status.REVOKED,
        kind=Kind.REVOKED,
        reason=reason,
        action="instructors.certification_revoked",
    )


# --- Renewing -------------------------------------------------------------------------------------


def renewal_blockers(certification: Certification, refresher: str | None = None) -> list[str]:
    """What stands between the certification and its renewal, in words; without `refresher`,
    only what the refresher does not settle."""
    level = certification.level
    if certification.current_status() != Status.ACTIVE:
        return [
            _(
                "Only an active certification can be renewed; once expired, the instructor follows the pathway again."
            )
        ]
    blockers = []
    made = selectors.delivery_count(certification.instructor, since=certification.period_started_on)
    if made < level.renewal_deliveries:
        blockers.append(
            _("Renewing needs %(needed)s deliveries since %(date)s; the instructor has made %(made)s.")
            % {"needed": level.renewal_deliveries, "date": day(certification.period_started_on), "made": made}
        )
    if refresher is not None and level.renewal_needs_refresher and not refresher.strip():
        blockers.append(_("Say which refresher the instructor completed, and when."))
    return blockers


@transaction.atomic
def renew_certification(*, certification: Certification, by: User, refresher: str = "") -> Certification:
    """Extend the certification by its level's validity, from its current expiry; its history
    keeps the renewal (with the refresher) and the dates before and after."""
    certification = _changeable(certification, by)
    blockers = renewal_blockers(certification, refresher)
    if blockers:
        raise ValidationError(blockers)
    before = certification.expires_on
    today = timezone.localdate()
    certification.expires_on = add_months(max(before, today), certification.level.validity_months)
    certification.period_started_on = today
    certification.renewal_count += 1
    certification.save(update_fields=["expires_on", "period_started_on", "renewal_count"])
    event = _event(
        certification,
        Kind.RENEWED,
        by,
        refresher.strip(),
        expires_before=before,
        expires_after=certification.expires_on,
    )
    audit.record(
        actor=by,
        action="instructors.certification_renewed",
        target=certification,
        changes={"expires_on": (before, certification.expires_on), "refresher": (None, refresher.strip())},
    )
    _notify(event)
    return certification


# --- The daily review -----------------------------------------------------------------------------


@transaction.atomic
def expire_lapsed_certifications(*, today: date | None = None) -> int:
    """Mark expired every active or suspended certification whose expiry date has passed."""
    today = today or timezone.localdate()
    lapsed = Certification.objects.select_for_update().filter(
        status__in=(Status.ACTIVE, Status.SUSPENDED), expires_on__lt=today
    )
    count = 0
    for certification in lapsed:
        _change_status(
            certification,
            by=None,
            status=Status.EXPIRED,
            kind=Kind.EXPIRED,
            reason="",
            action="instructors.certification_expired",
        )
        count += 1
    return count


def reminder_days() -> list[int]:
    return sorted({int(days) for days in settings.INSTRUCTORS_REMINDER_DAYS if int(days) > 0})


def _lead_time(days_left: int, leads: list[int]) -> int | None:
    """The shortest lead time that the days left fall within."""
    return next((lead for lead in leads if days_left <= lead), None)


def _remind_later(certification_id: int, days: int) -> None:
    from cadre.instructors import tasks

    transaction.on_commit(lambda: tasks.remind_expiry.delay(certification_id, days))


@transaction.atomic
def remind_of_expiry(*, today: date | None = None) -> int:
    """Remind the instructor, their manager and the certification managers before a
    certification expires, once for each lead time (INSTRUCTORS_REMINDER_DAYS); returns how
    many reminders were started."""
    today = today or timezone.localdate()
    leads = reminder_days()
    if not leads:
        return 0
    horizon = date.fromordinal(today.toordinal() + leads[-1])
    due = Certification.objects.filter(status=Status.ACTIVE, expires_on__gte=today, expires_on__lte=horizon)
    count = 0
    for certification in due:
        days_left = (certification.expires_on - today).days
        lead = _lead_time(days_left, leads)
        if lead is None:
            continue
        _reminder, created = CertificationReminder.objects.get_or_create(
            certification=certification, expires_on=certification.expires_on, days_before=lead
        )
        if created:
            _remind_later(certification.pk, days_left)
            count += 1
    return count
