"""Accounts nobody signed in to for PRIVACY_INACTIVE_DAYS: flagged by a scheduled task, the
person told by e-mail, and the data protection officer keeps each one or has it anonymised.

Signing in clears the flag: the officer's list leaves out people who signed in after they
were flagged, approving refuses them, and the next run of the task closes their review.
The officer's approval is carried out by the next run of the scheduled task, which anonymises
the account (through `anonymise_person`) unless the person signed in meanwhile.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.privacy import permissions, tasks
from cadre.privacy.models import InactivityReview
from cadre.privacy.services.anonymisation import anonymise_person

Status = InactivityReview.Status
BATCH = 500
OPEN = (Status.FLAGGED, Status.APPROVED)


def inactive_people(now: datetime) -> QuerySet[User]:
    """Active, not anonymised, not flagged, unseen since the cut-off, and not kept since it."""
    cutoff = now - timedelta(days=settings.PRIVACY_INACTIVE_DAYS)
    return (
        User.objects.filter(is_active=True, anonymised_at__isnull=True)
        .alias(seen=Coalesce("last_login", "date_joined"))
        .filter(seen__lt=cutoff)
        .exclude(inactivity_reviews__status__in=OPEN)
        .exclude(Q(inactivity_reviews__status=Status.KEPT) & Q(inactivity_reviews__decided_at__gte=cutoff))
    )


def flag_inactive_accounts(*, now: datetime | None = None) -> int:
    """Flag every inactive account and (on commit) tell the person; running again adds nothing."""
    now = now or timezone.now()
    flagged = 0
    while ids := list(inactive_people(now).order_by("pk").values_list("pk", flat=True)[:BATCH]):
        flagged += sum(_flag(pk, now) for pk in ids)
    return flagged


@transaction.atomic
def _flag(pk: int, now: datetime) -> int:
    person = inactive_people(now).select_for_update(of=("self",)).filter(pk=pk).first()
    if person is None:
        return 0
    review = InactivityReview.objects.create(
        person=person, last_seen=person.last_login or person.date_joined, flagged_at=now
    )
    audit.record(
        actor=None,
        action="privacy.inactivity_flagged",
        target=person,
        changes={"last_seen": (None, review.last_seen)},
        country=person.country,
    )
    transaction.on_commit(lambda: tasks.notify_flagged.delay(review.pk))
    return 1


def returned_reviews() -> QuerySet[InactivityReview]:
    return InactivityReview.objects.filter(status__in=OPEN, person__last_login__gt=F("flagged_at"))


def close_returned_reviews() -> int:
    """Close the flags of people who signed in after they were flagged."""
    closed = 0
    for review in returned_reviews().select_related("person"):
        closed += _close_returned(review)
    return closed


@transaction.atomic
def _close_returned(review: InactivityReview) -> int:
    updated = (
        returned_reviews().filter(pk=review.pk).update(status=Status.RETURNED, decided_at=timezone.now())
    )
    if updated:
        audit.record(
            actor=None,
            action="privacy.inactivity_returned",
            target=review.person,
            changes={"status": (review.status, Status.RETURNED)},
            country=review.person.country,
        )
    return updated


def _locked(review: InactivityReview, by: User) -> InactivityReview:
    review = (
        InactivityReview.objects.select_for_update(of=("self",)).select_related("person").get(pk=review.pk)
    )
    if not permissions.can_decide_review(by, review):
        raise ValidationError(_("This account was reviewed meanwhile. Look at the list again."))
    last_login = review.person.last_login
    if last_login is not None and last_login > review.flagged_at:
        raise ValidationError(_("This person signed in after the account was flagged: it is kept."))
    return review


def _close(review: InactivityReview, *, by: User, status: str, reason: str = "") -> None:
    review.status = status
    review.reason = reason
    review.decided_by = by
    review.decided_at = timezone.now()
    review.save(update_fields=["status", "reason", "decided_by", "decided_at"])


@transaction.atomic
def keep_account(*, review: InactivityReview, by: User, reason: str) -> InactivityReview:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the account is kept."))
    review = _locked(review, by)
    _close(review, by=by, status=Status.KEPT, reason=reason)
    audit.record(
        actor=by,
        action="privacy.inactivity_kept",
        target=review.person,
        changes={"status": (Status.FLAGGED, Status.KEPT), "reason": ("", reason)},
        country=review.person.country,
    )
    return review


@transaction.atomic
def approve_anonymisation(*, review: InactivityReview, by: User) -> InactivityReview:
    """The officer's decision; `anonymise_approved_accounts` carries it out."""
    review = _locked(review, by)
    _close(review, by=by, status=Status.APPROVED)
    audit.record(
        actor=by,
        action="privacy.inactivity_approved",
        target=review.person,
        changes={"status": (Status.FLAGGED, Status.APPROVED)},
        country=review.person.country,
    )
    return review


def anonymise_approved_accounts() -> int:
    """Anonymise the accounts whose anonymisation was approved; run after
    `close_returned_reviews`, so that nobody who came back is anonymised."""
    approved = InactivityReview.objects.filter(status=Status.APPROVED).values_list("pk", flat=True)
    return sum(_carry_out(pk) for pk in list(approved))


@transaction.atomic
def _carry_out(review_pk: int) -> int:
    review = (
        InactivityReview.objects.select_for_update(of=("self",))
        .select_related("person", "decided_by")
        .filter(pk=review_pk, status=Status.APPROVED)
        .first()
    )
    if review is None or returned_reviews().filter(pk=review.pk).exists():
        return 0
    anonymise_person(person=review.person, by=review.decided_by, through="inactivity")
    review.status = Status.ANONYMISED
    review.save(update_fields=["status"])
    return 1
