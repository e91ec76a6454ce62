"""Who may vet whom: a table of personas for every permission."""

import pytest

from cadre.vetting import permissions
from cadre.vetting.models import AccessRequest, Invitation, PreauthorisationCode
from cadre.vetting.tests.conftest import make_request
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

PERSONAS = (
    "nobody",
    "learner",
    "ncb_officer",
    "ncb_officer_elsewhere",
    "ncb_head",
    "regional_officer",
    "institution_admin",
    "dpo",
    "administrator",
)
# Who may vet Kenya's people: its NCB focal point and head of NCB, and administrators.
VETS_KENYA = {"ncb_officer", "ncb_head", "administrator"}
VETS_FRANCE = {"ncb_officer_elsewhere", "administrator"}
REVOKES_KENYA = {"ncb_head", "administrator"}
Status = AccessRequest.Status


@pytest.mark.parametrize("persona", PERSONAS)
def test_can_vet(request, persona, kenya, france):
    user = request.getfixturevalue(persona)
    assert permissions.can_vet(user, kenya) is (persona in VETS_KENYA)
    assert permissions.can_vet(user, france) is (persona in VETS_FRANCE)


@pytest.mark.parametrize("persona", PERSONAS)
def test_can_vet_somewhere(request, persona):
    user = request.getfixturevalue(persona)
    assert permissions.can_vet_somewhere(user) is (persona in VETS_KENYA | VETS_FRANCE)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("check", "status", "expected_for_vetters"),
    [
        (permissions.can_approve_request, Status.PENDING, True),
        (permissions.can_approve_request, Status.INFO_REQUESTED, True),
        (permissions.can_approve_request, Status.REJECTED, True),
        (permissions.can_approve_request, Status.APPROVED, False),
        (permissions.can_reject_request, Status.PENDING, True),
        (permissions.can_reject_request, Status.APPROVED, False),
        (permissions.can_ask_for_information, Status.PENDING, True),
        (permissions.can_ask_for_information, Status.INFO_REQUESTED, False),
        (permissions.can_reconfirm_access, Status.APPROVED, True),
        (permissions.can_reconfirm_access, Status.LAPSED, True),
        (permissions.can_reconfirm_access, Status.PENDING, False),
    ],
)
def test_decisions_on_a_kenyan_request(request, persona, kenya, check, status, expected_for_vetters):
    user = request.getfixturevalue(persona)
    record = make_request(kenya, status)
    assert check(user, record) is (expected_for_vetters and persona in VETS_KENYA)


def test_nobody_decides_on_their_own_request(ncb_officer, kenya):
    record = AccessRequest.objects.create(person=ncb_officer, country=kenya, status=Status.PENDING)
    assert not permissions.can_approve_request(ncb_officer, record)
    assert not permissions.can_suspend_access(ncb_officer, ncb_officer, record)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("check", "status", "allowed_for"),
    [
        (permissions.can_suspend_access, None, VETS_KENYA),
        (permissions.can_suspend_access, Status.APPROVED, VETS_KENYA),
        (permissions.can_suspend_access, Status.SUSPENDED, set()),
        (permissions.can_reinstate_access, Status.SUSPENDED, VETS_KENYA),
        (permissions.can_reinstate_access, Status.APPROVED, set()),
        (permissions.can_revoke_access, None, REVOKES_KENYA),
        (permissions.can_revoke_access, Status.SUSPENDED, REVOKES_KENYA),
        (permissions.can_revoke_access, Status.REVOKED, set()),
    ],
)
def test_access_of_a_kenyan_officer(request, persona, kenya, officer_ke, check, status, allowed_for):
    user = request.getfixturevalue(persona)
    record = None
    if status is not None:
        record = AccessRequest.objects.create(person=officer_ke, country=kenya, status=status)
    assert check(user, officer_ke, record) is (persona in allowed_for)


@pytest.mark.parametrize("persona", PERSONAS)
def test_handouts(request, persona, kenya, france):
    user = request.getfixturevalue(persona)
    for check in (permissions.can_invite, permissions.can_issue_code, permissions.can_manage_domain_rules):
        assert check(user, kenya) is (persona in VETS_KENYA)
        assert check(user, france) is (persona in VETS_FRANCE)


@pytest.mark.parametrize("persona", PERSONAS)
def test_revoking_codes_and_withdrawing_invitations(request, persona, kenya, administrator):
    from django.utils import timezone

    user = request.getfixturevalue(persona)
    later = timezone.now() + timezone.timedelta(days=5)
    code = PreauthorisationCode.objects.create(country=kenya, agency=AgencyFactory(), expires_at=later)
    invitation = Invitation.objects.create(country=kenya, email="x@police.ke.example", expires_at=later)
    assert permissions.can_revoke_code(user, code) is (persona in VETS_KENYA)
    assert permissions.can_withdraw_invitation(user, invitation) is (persona in VETS_KENYA)
    code.revoked_at = later
    invitation.status = Invitation.Status.ACCEPTED
    assert not permissions.can_revoke_code(user, code)
    assert not permissions.can_withdraw_invitation(user, invitation)
