"""Reads of certificates for other apps and for their holders."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from cadre.accounts.permissions import AnyUser
from cadre.certificates.models import Certificate


def completed_course_ids(person_ids: Iterable[int], course_ids: Iterable[int]) -> dict[int, set[int]]:
    """For each person, which of `course_ids` they hold a valid completion certificate for, in one
    query. Prerequisites of a course are satisfied by these."""
    held: dict[int, set[int]] = defaultdict(set)
    rows = Certificate.objects.filter(
        holder_id__in=list(person_ids),
        course_id__in=list(course_ids),
        kind=Certificate.Kind.COMPLETION,
        status=Certificate.Status.VALID,
    ).values_list("holder_id", "course_id")
    for holder_id, course_id in rows:
        held[holder_id].add(course_id)
    return dict(held)


def certificates_of(user: AnyUser) -> QuerySet[Certificate]:
    """The person's own certificates, the newest first, replaced ones included (they show as such)."""
    if not user.is_authenticated:
        return Certificate.objects.none()
    return Certificate.objects.filter(holder_id=user.pk).select_related("course")


def certificates_for_source(source_type_id: int, source_ids: Iterable[int]) -> dict[int, Certificate]:
    """The current (not replaced) certificate issued for each of `source_ids`."""
    rows = Certificate.objects.filter(
        source_type_id=source_type_id, source_id__in=list(source_ids), replaced_by__isnull=True
    )
    return {row.source_id: row for row in rows if row.source_id is not None}


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate with this (normalised) code, for its public verification; with the
    certificate that replaced it, if any."""
    if not code:
        return None
    return Certificate.objects.select_related("course", "replaced_by").filter(code=code).first()


def newer_certificate(certificate: Certificate) -> Certificate | None:
    """The certificate that replaced this one, or None."""
    try:
        return certificate.replaced_by
    except Certificate.DoesNotExist:
        return None


def history_of(certificate: Certificate) -> list[Certificate]:
    """The chain the certificate belongs to, the first issued first: each one replaced by the
    next (a re-issue, or an attendance certificate become a completion certificate). In one
    query: every certificate of a chain has the same holder and course."""
    same_course = (
        Q(course__isnull=True) if certificate.course_id is None else Q(course_id=certificate.course_id)
    )
    rows = {row.pk: row for row in Certificate.objects.filter(same_course, holder_id=certificate.holder_id)}
    rows.setdefault(certificate.pk, certificate)
    newer = {row.replaces_id: row for row in rows.values() if row.replaces_id is not None}
    first = rows[certificate.pk]
    seen = {first.pk}
    while first.replaces_id in rows and first.replaces_id not in seen:
        first = rows[first.replaces_id]
        seen.add(first.pk)
    chain = [first]
    while chain[-1].pk in newer and len(chain) < len(rows):
        chain.append(newer[chain[-1].pk])
    return chain
