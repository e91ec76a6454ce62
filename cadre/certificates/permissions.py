"""Who may see and do what with certificates of attendance and completion.

- The holder sees their own certificates and downloads them in any of the four languages.
- Those who manage the certificate (administrators, and whoever looks after its course) see it,
  revoke it and re-issue it.
- The NCB of the holder's country sees its officials' certificates, and changes nothing.
- Anyone holding a code may check it on the public verification page (no permission needed).

The rules are the same whatever the certificate was issued for (a session's nomination, an
online course, a webinar): they follow the certificate's course and holder.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from cadre.accounts import permissions as roles
from cadre.accounts.permissions import AnyUser
from cadre.certificates.models import Certificate
from cadre.courses import permissions as course_permissions
from cadre.lib.codes import normalised_code
from cadre.training_sessions import permissions as session_permissions

Status = Certificate.Status
CODE_MAX_LENGTH = 16


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def is_holder(user: AnyUser, certificate: Certificate) -> bool:
    return bool(user.is_authenticated and certificate.holder_id == user.pk)


def can_manage_certificate(user: AnyUser, certificate: Certificate) -> bool:
    """Administrators, and those who look after the certificate's course."""
    if not user.is_authenticated:
        return False
    if roles.is_administrator(user):
        return True
    return certificate.course is not None and course_permissions.looks_after(user, certificate.course)


def is_ncb_of_holder(user: AnyUser, certificate: Certificate) -> bool:
    return session_permissions.is_ncb_of(user, certificate.holder.country_id)


def can_view_certificate(user: AnyUser, certificate: Certificate) -> bool:
    if not user.is_authenticated:
        return False
    if is_holder(user, certificate) or can_manage_certificate(user, certificate):
        return True
    return is_ncb_of_holder(user, certificate)


def can_download_certificate(user: AnyUser, certificate: Certificate) -> bool:
    """A revoked certificate is no longer handed out; a replaced one is, marked as replaced."""
    return certificate.status != Status.REVOKED and can_view_certificate(user, certificate)


def can_revoke_certificate(user: AnyUser, certificate: Certificate) -> bool:
    return certificate.status == Status.VALID and can_manage_certificate(user, certificate)


def can_reissue_certificate(user: AnyUser, certificate: Certificate) -> bool:
    """Re-issuing (a name corrected, say) replaces a valid certificate with a new one."""
    return certificate.status == Status.VALID and can_manage_certificate(user, certificate)


def get_certificate_for(user: AnyUser, code: str, *, write: bool = False) -> Certificate:
    """The certificate by its code (typed in any case, with spaces or dashes): Http404 when the
    person may not see it, PermissionDenied when they may see it but not manage it."""
    wanted = normalised_code(code, max_length=CODE_MAX_LENGTH)
    certificate = (
        Certificate.objects.select_related("holder", "course", "issued_by", "revoked_by", "replaced_by")
        .filter(code=wanted)
        .first()
        if wanted
        else None
    )
    if certificate is None or not can_view_certificate(user, certificate):
        raise Http404
    if write and not can_manage_certificate(user, certificate):
        raise PermissionDenied
    return certificate
