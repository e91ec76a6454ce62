"""Who may do what with personal data: everyone signed in sees and asks about their own; the
data protection officer and the organisation's administrators handle the requests and the
review of inactive accounts. Nobody else sees another person's data or requests."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from cadre.accounts import permissions as roles
from cadre.accounts.permissions import AnyUser
from cadre.privacy.models import DataRequest, InactivityReview

DPO_ROLES = ("data-protection-officer",)


def is_data_protection_officer(user: AnyUser) -> bool:
    return roles.is_administrator(user) or roles.has_role(user, *DPO_ROLES)


def can_see_own_data(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_manage_data_requests(user: AnyUser) -> bool:
    return is_data_protection_officer(user)


def can_review_inactive_accounts(user: AnyUser) -> bool:
    return is_data_protection_officer(user)


def can_decide_data_request(user: AnyUser, data_request: DataRequest) -> bool:
    """Open requests of others: nobody decides on their own request."""
    return can_manage_data_requests(user) and data_request.is_open and data_request.person_id != user.pk


def can_decide_review(user: AnyUser, review: InactivityReview) -> bool:
    return (
        can_review_inactive_accounts(user)
        and review.status == InactivityReview.Status.FLAGGED
        and review.person_id != user.pk
    )


def get_data_request_for(user: AnyUser, pk: int) -> DataRequest:
    """The request, if it is the person's own or they handle requests; 404 otherwise."""
    found = DataRequest.objects.filter(pk=pk).select_related("person", "decided_by").first()
    if found is None or not can_see_own_data(user):
        raise Http404
    if found.person_id != user.pk and not can_manage_data_requests(user):
        raise Http404
    return found


def get_review_for(user: AnyUser, pk: int) -> InactivityReview:
    if not can_review_inactive_accounts(user):
        raise Http404
    found = InactivityReview.objects.filter(pk=pk).select_related("person").first()
    if found is None:
        raise Http404
    return found


def require(allowed: bool) -> None:
    """403 for what the person may see but not change."""
    if not allowed:
        raise PermissionDenied
