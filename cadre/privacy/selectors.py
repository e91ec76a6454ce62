"""Reads about personal data: each person's own, and for the data protection officer the
requests and the flagged accounts."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Q, QuerySet

from cadre.accounts.models import RoleAssignment, User
from cadre.accounts.permissions import AnyUser
from cadre.accounts.selectors import role_assignments_of
from cadre.audit.models import AuditEntry
from cadre.privacy.models import DataRequest, InactivityReview, ProcessingActivity
from cadre.privacy.permissions import can_manage_data_requests, can_review_inactive_accounts
from cadre.vetting.models import AccessRequest, Decision

PROFILE_FIELDS = (
    "email",
    "given_names",
    "family_name",
    "preferred_name",
    "rank",
    "position",
    "supervisor_name",
    "supervisor_email",
    "gender",
    "preferred_language",
    "date_joined",
    "last_login",
)
REQUEST_FIELDS = (
    "status",
    "via",
    "proposed_agency_name",
    "reason",
    "submitted_at",
    "decided_at",
    "approved_until",
    "terms_version",
    "terms_accepted_at",
    "privacy_version",
    "privacy_accepted_at",
)


def processing_activities() -> QuerySet[ProcessingActivity]:
    return ProcessingActivity.objects.all()


# --- A person's own data ---------------------------------------------------------------------


def audit_entries_of(person: User) -> QuerySet[AuditEntry]:
    """The entries where the person acted or that are about them."""
    about = Q(target_type=ContentType.objects.get_for_model(User), target_id=str(person.pk))
    return AuditEntry.objects.filter(Q(actor=person) | about).select_related("actor", "target_type")


@dataclass(frozen=True)
class MyData:
    person: User
    roles: list[RoleAssignment]
    access_request: AccessRequest | None
    decisions: list[Decision]
    data_requests: list[DataRequest]


def my_data(person: User) -> MyData:
    """Everything Cadre holds about the person but the audit trail (paginated apart)."""
    profile = User.objects.select_related("country", "agency").get(pk=person.pk)
    record = AccessRequest.objects.filter(person=person).select_related("country").first()
    decisions = (
        [] if record is None else list(Decision.objects.filter(request=record).select_related("actor"))
    )
    return MyData(
        person=profile,
        roles=list(role_assignments_of(person)),
        access_request=record,
        decisions=decisions,
        data_requests=list(own_requests(person)),
    )


def _profile(person: User) -> dict[str, Any]:
    values = {name: getattr(person, name) for name in PROFILE_FIELDS}
    values["country"] = person.country.iso2 if person.country else None
    values["agency"] = str(person.agency) if person.agency else None
    return values


def _audit_row(entry: Mapping[str, Any], person: User) -> dict[str, Any]:
    """Changes only for entries about the person: those they made about others are not theirs."""
    about_them = entry["target_type__model"] == "user" and entry["target_id"] == str(person.pk)
    return {
        "occurred_at": entry["occurred_at"],
        "action": entry["action"],
        "by_you": entry["actor_id"] == person.pk,
        "about_you": about_them,
        "target": entry["target_label"],
        "changes": entry["changes"] if about_them else None,
    }


def export_of(person: User) -> dict[str, Any]:
    """All the person's data, ready for JSON: a bounded number of queries however much there is."""
    data = my_data(person)
    entries = audit_entries_of(person).values(
        "occurred_at", "action", "actor_id", "target_type__model", "target_id", "target_label", "changes"
    )
    record = data.access_request
    return {
        "profile": _profile(data.person),
        "roles": [
            {
                "code": grant.role.code,
                "role": str(grant.role),
                "scope": str(grant.scope) if grant.scope else None,
                "since": grant.granted_at,
            }
            for grant in data.roles
        ],
        "access_request": None
        if record is None
        else {name: getattr(record, name) for name in REQUEST_FIELDS},
        "vetting_decisions": [
            {"action": d.action, "reason": d.reason, "occurred_at": d.occurred_at} for d in data.decisions
        ],
        "data_requests": [
            {
                "kind": r.kind,
                "status": r.status,
                "reason": r.reason,
                "response": r.response,
                "sent_at": r.created_at,
            }
            for r in data.data_requests
        ],
        "audit_entries": [_audit_row(entry, person) for entry in entries],
    }


def own_requests(person: AnyUser) -> QuerySet[DataRequest]:
    if not person.is_authenticated:
        return DataRequest.objects.none()
    return DataRequest.objects.filter(person=person).select_related("decided_by")


# --- The data protection officer -------------------------------------------------------------


def data_requests_for(user: AnyUser) -> QuerySet[DataRequest]:
    if not can_manage_data_requests(user):
        return DataRequest.objects.none()
    return DataRequest.objects.select_related("person", "person__country", "decided_by")


def filter_data_requests(
    requests: QuerySet[DataRequest], *, status: str = "", kind: str = "", query: str = ""
) -> QuerySet[DataRequest]:
    if status:
        requests = requests.filter(status=status)
    if kind:
        requests = requests.filter(kind=kind)
    for word in query.split():
        requests = requests.filter(
            Q(person__email__icontains=word)
            | Q(person__given_names__icontains=word)
            | Q(person__family_name__icontains=word)
        )
    return requests


def request_counts_for(user: AnyUser) -> dict[str, int]:
    """How many requests are in each state, for the officer's summary."""
    rows = data_requests_for(user).order_by().values_list("status").annotate(count=Count("pk"))
    counts = dict(rows)
    return {status: counts.get(status, 0) for status in DataRequest.Status.values}


def open_request_count_for(user: AnyUser) -> int | None:
    if not can_manage_data_requests(user):
        return None
    return DataRequest.objects.filter(status=DataRequest.Status.OPEN).count()


def flagged_reviews_for(user: AnyUser) -> QuerySet[InactivityReview]:
    """Flagged accounts, and those approved for anonymisation, whose owner has not signed in
    since: signing in clears the flag."""
    if not can_review_inactive_accounts(user):
        return InactivityReview.objects.none()
    not_returned = Q(person__last_login__isnull=True) | Q(person__last_login__lte=F("flagged_at"))
    return (
        InactivityReview.objects.filter(
            not_returned,
            status__in=(InactivityReview.Status.FLAGGED, InactivityReview.Status.APPROVED),
            person__anonymised_at__isnull=True,
        )
        .select_related("person", "person__country", "person__agency")
        .order_by("last_seen", "pk")
    )
