"""Issuing certificates of attendance and completion for any kind of training."""

from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.certificates.models import Certificate
from cadre.courses.models import Course
from cadre.lib.codes import unguessable_code

CODE_LENGTH = 10


def new_code() -> str:
    return unguessable_code(CODE_LENGTH, taken=lambda code: Certificate.objects.filter(code=code).exists())


def _current_for(holder: User, source: models.Model) -> Certificate | None:
    source_type = ContentType.objects.get_for_model(source)
    return (
        Certificate.objects.select_for_update(of=("self",))
        .filter(holder=holder, source_type=source_type, source_id=source.pk, replaced_by__isnull=True)
        .exclude(status=Certificate.Status.REVOKED)
        .first()
    )


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
    current = _current_for(holder, source)
    if current is not None and current.kind == kind:
        return current
    certificate = Certificate.objects.create(
        code=new_code(),
        kind=kind,
        holder=holder,
        holder_name=holder.get_full_name() or holder.email,
        course=course,
        titles={language: text for language, text in titles.items() if text},
        activity=activity[:200],
        starts_on=starts_on,
        ends_on=ends_on,
        hours=hours,
        language=holder.preferred_language,
        source_type=ContentType.objects.get_for_model(source),
        source_id=source.pk,
        issued_by=by,
    )
    if current is not None:
        current.status = Certificate.Status.REPLACED
        current.save(update_fields=["status"])
        certificate.replaces = current
        certificate.save(update_fields=["replaces"])
    audit.record(
        actor=by,
        action="certificates.issued",
        target=certificate,
        changes={"kind": (None, kind), "holder": (None, holder.pk), "code": (None, certificate.code)},
    )
    return certificate
