"""Who may vet whom: the NCB focal points and heads of NCB of a country, for that country's
people, and the organisation's administrators. Nobody else sees a request."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from cadre.accounts import permissions as roles
from cadre.accounts.models import User
from cadre.accounts.permissions import AnyUser
from cadre.directory.models import Country
from cadre.vetting.models import AccessRequest, Invitation, PreauthorisationCode

VETTING_ROLES = ("ncb-focal-point", "ncb-head")
# Revoking the access of an officer who left the service is the head of NCB's decision.
REVOKING_ROLES = ("ncb-head",)
Status = AccessRequest.Status


def can_vet(user: AnyUser, country: Country | None) -> bool:
    if roles.is_administrator(user):
        return True
    return country is not None and roles.has_role(user, *VETTING_ROLES, scope=country)


def can_vet_somewhere(user: AnyUser) -> bool:
    """Whether to offer vetting at all; answered from the cached roles."""
    return roles.is_administrator(user) or roles.has_role(user, *VETTING_ROLES)


def can_see_person(user: AnyUser, person: User) -> bool:
    return can_vet(user, person.country)


def _decides_on(user: AnyUser, record: AccessRequest | None, *statuses: str) -> bool:
    if record is None or not can_vet(user, record.country):
        return False
    return record.person_id != user.pk and record.status in statuses


def can_approve_request(user: AnyUser, record: AccessRequest | None) -> bool:
    return _decides_on(user, record, Status.PENDING, Status.INFO_REQUESTED, Status.REJECTED)


def can_reject_request(user: AnyUser, record: AccessRequest | None) -> bool:
    return _decides_on(user, record, Status.PENDING, Status.INFO_REQUESTED)


def can_ask_for_information(user: AnyUser, record: AccessRequest | None) -> bool:
    return _decides_on(user, record, Status.PENDING)


def can_reconfirm_access(user: AnyUser, record: AccessRequest | None) -> bool:
    return _decides_on(user, record, Status.APPROVED, Status.LAPSED)


def _status_of(record: AccessRequest | None) -> str:
    """People created by the organisation have no request: they count as approved."""
    return Status.APPROVED if record is None else record.status


def can_suspend_access(user: AnyUser, person: User, record: AccessRequest | None) -> bool:
    return (
        person.pk != user.pk
        and can_see_person(user, person)
        and _status_of(record) in (Status.APPROVED, Status.LAPSED)
    )


def can_reinstate_access(user: AnyUser, person: User, record: AccessRequest | None) -> bool:
    return person.pk != user.pk and can_see_person(user, person) and _status_of(record) == Status.SUSPENDED


def can_revoke_access(user: AnyUser, person: User, record: AccessRequest | None) -> bool:
    if person.pk == user.pk or _status_of(record) == Status.REVOKED or not can_see_person(user, person):
        return False
    if roles.is_administrator(user):
        return True
    return person.country is not None and roles.has_role(user, *REVOKING_ROLES, scope=person.country)


def can_invite(user: AnyUser, country: Country | None) -> bool:
    return can_vet(user, country)


def can_issue_code(user: AnyUser, country: Country | None) -> bool:
    return can_vet(user, country)


def can_manage_domain_rules(user: AnyUser, country: Country | None) -> bool:
    return can_vet(user, country)


def can_revoke_code(user: AnyUser, code: PreauthorisationCode) -> bool:
    return can_vet(user, code.country) and code.revoked_at is None


def can_withdraw_invitation(user: AnyUser, invitation: Invitation) -> bool:
    return can_vet(user, invitation.country) and invitation.status == Invitation.Status.PENDING


def get_person_for(user: AnyUser, person: User | None) -> User:
    """The person, if the user may vet them (404 otherwise)."""
    if person is None or not can_see_person(user, person):
        raise Http404
    return person


def require(allowed: bool) -> None:
    """403 for what the person may see but not change."""
    if not allowed:
        raise PermissionDenied
