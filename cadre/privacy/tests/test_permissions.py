"""Who may do what with personal data: a table of personas for every permission."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cadre.privacy import permissions
from cadre.privacy.models import DataRequest, InactivityReview

pytestmark = pytest.mark.django_db

PERSONAS = (
    "nobody",
    "learner",
    "ncb_officer",
    "ncb_officer_elsewhere",
    "regional_officer",
    "institution_admin",
    "dpo",
    "administrator",
)
OFFICERS = {"dpo", "administrator"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_dpo_and_administrators_handle_requests(request, persona):
    user = request.getfixturevalue(persona)
    assert permissions.can_manage_data_requests(user) is (persona in OFFICERS)
    assert permissions.can_review_inactive_accounts(user) is (persona in OFFICERS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_signed_in_sees_their_own_data(request, persona):
    assert permissions.can_see_own_data(request.getfixturevalue(persona)) is True


def test_visitors_and_closed_accounts_see_no_data(learner):
    from django.contrib.auth.models import AnonymousUser

    assert permissions.can_see_own_data(AnonymousUser()) is False
    learner.is_active = False
    assert permissions.can_see_own_data(learner) is False
    assert permissions.can_manage_data_requests(AnonymousUser()) is False


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_request_is_seen_by_its_author_and_the_officers_only(request, persona, erasure):
    user = request.getfixturevalue(persona)
    if persona in OFFICERS:
        assert permissions.get_data_request_for(user, erasure.pk) == erasure
    else:
        with pytest.raises(Http404):
            permissions.get_data_request_for(user, erasure.pk)
    assert permissions.get_data_request_for(erasure.person, erasure.pk) == erasure


def test_an_unknown_request_is_404(dpo, learner):
    with pytest.raises(Http404):
        permissions.get_data_request_for(dpo, 0)
    with pytest.raises(Http404):
        permissions.get_data_request_for(learner, 0)


@pytest.mark.parametrize("persona", PERSONAS)
def test_deciding_on_a_request(request, persona, erasure):
    user = request.getfixturevalue(persona)
    assert permissions.can_decide_data_request(user, erasure) is (persona in OFFICERS)
    erasure.status = DataRequest.Status.COMPLETED
    assert permissions.can_decide_data_request(user, erasure) is False


def test_nobody_decides_on_their_own_request(dpo):
    own = DataRequest.objects.create(person=dpo, kind=DataRequest.Kind.ERASURE, reason="Leaving.")
    assert permissions.can_decide_data_request(dpo, own) is False
    assert permissions.can_decide_data_request(own.person, own) is False


@pytest.mark.parametrize("persona", PERSONAS)
def test_reviews_of_inactive_accounts(request, persona, someone):
    from django.utils import timezone

    user = request.getfixturevalue(persona)
    review = InactivityReview.objects.create(person=someone, last_seen=timezone.now())
    assert permissions.can_decide_review(user, review) is (persona in OFFICERS)
    if persona in OFFICERS:
        assert permissions.get_review_for(user, review.pk) == review
    else:
        with pytest.raises(Http404):
            permissions.get_review_for(user, review.pk)


def test_require_is_403():
    with pytest.raises(PermissionDenied):
        permissions.require(False)
