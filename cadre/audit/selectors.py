"""Reading the audit trail: each person sees the entries within their scope."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from cadre.accounts import permissions as role_checks
from cadre.accounts.permissions import AnyUser
from cadre.audit.models import AuditEntry
from cadre.audit.permissions import NCB_ROLES, ORGANISATION_ROLES
from cadre.directory.selectors import countries_for


def entries_for(user: AnyUser) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.select_related("actor", "target_type", "country")
    if role_checks.is_administrator(user) or role_checks.has_role(user, *ORGANISATION_ROLES):
        return entries
    if role_checks.has_role(user, *NCB_ROLES):
        return entries.filter(country__in=countries_for(user, *NCB_ROLES))
    return entries.none()


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    action: str = ""
    target: str = ""
    country: str = ""
    since: date | None = None
    until: date | None = None


def filter_entries(entries: QuerySet[AuditEntry], wanted: AuditFilter) -> QuerySet[AuditEntry]:
    if wanted.actor:
        entries = entries.filter(
            Q(actor__email__icontains=wanted.actor) | Q(actor__family_name__icontains=wanted.actor)
        )
    if wanted.action:
        entries = entries.filter(action__startswith=wanted.action)
    if wanted.target:
        entries = entries.filter(Q(target_label__icontains=wanted.target) | Q(target_id=wanted.target))
    if wanted.country:
        entries = entries.filter(country__iso2=wanted.country.upper())
    if wanted.since:
        entries = entries.filter(occurred_at__date__gte=wanted.since)
    if wanted.until:
        entries = entries.filter(occurred_at__date__lte=wanted.until)
    return entries


def chain_in_order(batch_size: int = 2000) -> Iterator[AuditEntry]:
    return AuditEntry.objects.order_by("id").iterator(chunk_size=batch_size)
