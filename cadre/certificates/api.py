"""The certificates' part of the JSON API: the public verification of a code."""

from datetime import date, datetime
from decimal import Decimal

from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from ninja import Router, Schema

from cadre.certificates import selectors
from cadre.certificates.models import Certificate
from cadre.certificates.permissions import CODE_MAX_LENGTH
from cadre.lib.codes import normalised_code

router = Router(tags=["certificates"])


class CertificateVerificationOut(Schema):
    """What the public verification page shows: the holder's name as printed, the course (in
    the language asked with Accept-Language, else English), the dates and the status."""

    code: str
    kind: str
    holder_name: str
    course_title: str
    activity: str
    starts_on: date
    ends_on: date
    hours: Decimal | None
    issued_at: datetime
    status: str
    revoked_at: datetime | None
    revoked_reason: str
    replaced_by: str | None


@router.get(
    "/verify/{code}", response=CertificateVerificationOut, auth=None, url_name="verify_training_certificate"
)
def verify_training_certificate(request: HttpRequest, code: str) -> dict[str, object]:
    """Public: whether a certificate of attendance or completion with this code exists, and
    whether it still holds (valid, revoked, or replaced by the certificate named)."""
    found: Certificate | None = selectors.certificate_by_code(
        normalised_code(code, max_length=CODE_MAX_LENGTH)
    )
    if found is None:
        raise Http404
    newer = selectors.newer_certificate(found)
    revoked = found.status == Certificate.Status.REVOKED
    return {
        "code": found.code,
        "kind": found.kind,
        "holder_name": found.holder_name,
        "course_title": found.title_in((get_language() or "en").split("-")[0]),
        "activity": found.activity,
        "starts_on": found.starts_on,
        "ends_on": found.ends_on,
        "hours": found.hours,
        "issued_at": found.issued_at,
        "status": found.status,
        "revoked_at": found.revoked_at if revoked else None,
        "revoked_reason": found.revoked_reason if revoked else "",
        "replaced_by": newer.code if newer is not None else None,
    }
