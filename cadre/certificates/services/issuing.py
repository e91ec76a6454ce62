"""Issuing certificates of attendance and completion for any kind of training."""

from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.certificates.models import Certificate
from cadre.courses.models import Course
from cadre.lib.codes import unguessable_code

CODE_LENGTH = 10
ACTIVITY_MAX_LENGTH = 200


def new_code() -> str:
    return unguessable_code(CODE_LENGTH, taken=lambda code: Certificate.objects.filter(code=code).exists())


def name_of(holder: User) -> str:
    """The name printed on a certificate: the holder's full name as it stands today."""
    return holder.get_full_name() or holder.email


def _current_for(holder: User, source: models.Model) -> Certificate | None:
    source_type = ContentType.objects.get_for_model(source)
    return (
        Certificate.objects.select_for_update(of=("self",))
        .filter(holder=holder, source_type=source_type, source_id=source.pk, replaced_by__isnull=True)
        .exclude(status=Certificate.Status.REVOKED)
        .first()
    )


def _lock_source(source: models.Model) -> None:
    """Two requests issuing for the same source at once (a double click, a task retried) take
    turns, so that only one certificate is made."""
    type(source)._default_manager.select_for_update().filter(pk=source.pk).values_list("pk").first()


def _check(kind: str, starts_on: date, ends_on: date) -> None:
    if kind not in Certificate.Kind.values:
        raise ValidationError({"kind": _("Choose a certificate of attendance or of completion.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The last day cannot come before the first.")})


@transaction.atomic
def issue_certificate(
    *,
    holder: User,
    kind: str,
    course: Course | None,
    titles: dict[str, str],
    activity: str,
    starts_on: date,
    ends_on: date,
    source: models.Model,
    by: User | None,
    hours: Decimal | None = None,
) -> Certificate:
    """Issue `holder` a certificate for `source` (a session's nomination, an online enrolment...).

    Idempotent: when the holder already has a current certificate of the same kind for the same
    source, that one is returned unchanged; one of another kind is replaced (an attendance
    certificate becomes a completion certificate when the post-test is passed later)."""
    _check(kind, starts_on, ends_on)
    _lock_source(source)
    current = _current_for(holder, source)
    if current is not None and current.kind == kind:
        return current
    certificate = Certificate.objects.create(
        code=new_code(),
        kind=kind,
        holder=holder,
        holder_name=name_of(holder),
        course=course,
        titles={language: text for language, text in titles.items() if text},
        activity=activity[:ACTIVITY_MAX_LENGTH],
        starts_on=starts_on,
        ends_on=ends_on,
        hours=hours,
        language=holder.preferred_language,
        source_type=ContentType.objects.get_for_model(source),
        source_id=source.pk,
        issued_by=by,
    )
    if current is not None:
        replace_with(current, certificate, by=by)
    audit.record(
        actor=by,
        action="certificates.issued",
        target=certificate,
        changes={"kind": (None, kind), "holder": (None, holder.pk), "code": (None, certificate.code)},
        country=holder.country,
    )
    return certificate


def replace_with(old: Certificate, new: Certificate, *, by: User | None) -> None:
    """Mark `old` replaced by `new` (both already saved, `old` locked), and audit it."""
    old.status = Certificate.Status.REPLACED
    old.save(update_fields=["status"])
    new.replaces = old
    new.save(update_fields=["replaces"])
    audit.record(
        actor=by,
        action="certificates.replaced",
        target=old,
        changes={"status": (Certificate.Status.VALID, Certificate.Status.REPLACED), "by": (None, new.code)},
        country=new.holder.country,
    )
