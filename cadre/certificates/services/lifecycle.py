"""A certificate after it is issued: revoked (it no longer counts, and its verification page
says so) or re-issued (a new certificate, with a new code, replaces it: a name corrected)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.certificates import permissions, tasks
from cadre.certificates.models import Certificate
from cadre.certificates.services.issuing import name_of, new_code, replace_with

Status = Certificate.Status
REASON_MAX_LENGTH = 2000


def _reason(reason: str, message: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": message})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("Keep the reason under %(limit)d characters.") % {"limit": REASON_MAX_LENGTH}}
        )
    return reason


def _locked(certificate: Certificate) -> Certificate:
    return (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("holder__country", "course")
        .get(pk=certificate.pk)
    )


def _require_valid(certificate: Certificate, by: User) -> None:
    if not permissions.can_manage_certificate(by, certificate):
        raise PermissionDenied
    if certificate.status != Status.VALID:
        raise ValidationError(_("This certificate is no longer valid: it was revoked or replaced."))


@transaction.atomic
def revoke_certificate(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    """Revoke a valid certificate: it stops counting, its PDF is no longer handed out, and its
    verification page says since when and why. The holder is told by e-mail."""
    reason = _reason(reason, _("Give the reason for the revocation: it is shown on the verification page."))
    certificate = _locked(certificate)
    _require_valid(certificate, by)
    certificate.status = Status.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.revoked_reason = reason
    certificate.save(update_fields=["status", "revoked_at", "revoked_by", "revoked_reason"])
    audit.record(
        actor=by,
        action="certificates.revoked",
        target=certificate,
        changes={"status": (Status.VALID, Status.REVOKED), "reason": (None, reason)},
        country=certificate.holder.country,
    )
    certificate_id = certificate.pk
    transaction.on_commit(lambda: tasks.notify_revoked.delay(certificate_id))
    return certificate


@transaction.atomic
def reissue_certificate(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    """Replace a valid certificate by a new one, with a new code, the holder's name as it stands
    today and the same course, activity, dates and hours; the old one reads as replaced and
    links to the new one. The holder is told by e-mail."""
    reason = _reason(reason, _("Give the reason for the re-issue, for example the name corrected."))
    old = _locked(certificate)
    _require_valid(old, by)
    holder = old.holder
    new = Certificate.objects.create(
        code=new_code(),
        kind=old.kind,
        holder=holder,
        holder_name=name_of(holder),
        course=old.course,
        titles=dict(old.titles),
        activity=old.activity,
        starts_on=old.starts_on,
        ends_on=old.ends_on,
        hours=old.hours,
        language=holder.preferred_language,
        source_type_id=old.source_type_id,
        source_id=old.source_id,
        issued_by=by,
        reissue_reason=reason,
    )
    replace_with(old, new, by=by)
    audit.record(
        actor=by,
        action="certificates.reissued",
        target=new,
        changes={
            "replaces": (None, old.code),
            "holder_name": (old.holder_name, new.holder_name),
            "reason": (None, reason),
        },
        country=holder.country,
    )
    new_id = new.pk
    transaction.on_commit(lambda: tasks.notify_reissued.delay(new_id))
    return new
