"""The pages, through the test client: who sees and changes what, and the main flows."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cadre.accounts.models import User
from cadre.vetting.models import AccessRequest, Decision, Invitation, PreauthorisationCode
from cadre.vetting.tests.conftest import make_request
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

Status = AccessRequest.Status
PERSONAS = (
    "nobody",
    "learner",
    "ncb_officer",
    "ncb_officer_elsewhere",
    "ncb_head",
    "regional_officer",
    "dpo",
    "administrator",
)
VETS_KENYA = {"ncb_officer", "ncb_head", "administrator"}
VETTERS = VETS_KENYA | {"ncb_officer_elsewhere"}


def signed_in(client, request, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    return user


# --- Isolation: roles x actions on a Kenyan request -------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_list(client, request, persona, pending_ke, pending_fr):
    signed_in(client, request, persona)
    response = client.get(reverse("vetting:requests"))
    if persona not in VETTERS:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    body = response.content.decode()
    assert (pending_ke.person.email in body) is (persona in VETS_KENYA)
    assert (pending_fr.person.email in body) is (persona in {"ncb_officer_elsewhere", "administrator"})


@pytest.mark.parametrize("persona", PERSONAS)
def test_detail(client, request, persona, pending_ke):
    signed_in(client, request, persona)
    response = client.get(reverse("vetting:person", args=[pending_ke.person_id]))
    assert response.status_code == (200 if persona in VETS_KENYA else 404)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", ["approve", "reject", "ask"])
def test_decide(client, request, persona, action, pending_ke):
    signed_in(client, request, persona)
    url = reverse("vetting:person_action", args=[pending_ke.person_id, action])
    response = client.post(url, {"reason": "Because."})
    pending_ke.refresh_from_db()
    if persona in VETS_KENYA:
        assert response.status_code == 302
        assert pending_ke.status != Status.PENDING
    else:
        assert response.status_code == 404
        assert pending_ke.status == Status.PENDING
        assert not Decision.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_bulk(client, request, persona, pending_ke, pending_fr):
    signed_in(client, request, persona)
    response = client.post(
        reverse("vetting:bulk"), {"action": "approve", "selected": [pending_ke.pk, pending_fr.pk]}
    )
    pending_ke.refresh_from_db()
    pending_fr.refresh_from_db()
    assert (pending_ke.status == Status.APPROVED) is (persona in VETS_KENYA)
    assert (pending_fr.status == Status.APPROVED) is (persona in {"ncb_officer_elsewhere", "administrator"})
    assert response.status_code == (302 if persona in VETTERS else 403)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("action", "allowed"), [("suspend", VETS_KENYA), ("revoke", {"ncb_head", "administrator"})]
)
def test_suspend_and_revoke(client, request, persona, action, allowed, officer_ke):
    signed_in(client, request, persona)
    response = client.post(
        reverse("vetting:person_action", args=[officer_ke.pk, action]), {"reason": "Left the service."}
    )
    record = AccessRequest.objects.filter(person=officer_ke).first()
    if persona in allowed:
        assert response.status_code == 302
        assert record.status == (Status.SUSPENDED if action == "suspend" else Status.REVOKED)
    else:
        assert response.status_code == (403 if persona in VETS_KENYA else 404)
        assert record is None


@pytest.mark.parametrize("persona", PERSONAS)
def test_invite(client, request, persona, kenya):
    signed_in(client, request, persona)
    response = client.post(
        reverse("vetting:invitations"), {"country": kenya.pk, "email": "invitee@police.ke.example"}
    )
    created = Invitation.objects.filter(email="invitee@police.ke.example").exists()
    assert created is (persona in VETS_KENYA)
    if persona not in VETTERS:
        assert response.status_code == 403
    elif persona not in VETS_KENYA:
        assert response.status_code == 200  # Kenya is not among the countries offered


@pytest.mark.parametrize("persona", PERSONAS)
def test_issue_and_revoke_code(client, request, persona, kenya, ncb_officer):
    user = signed_in(client, request, persona)
    agency = AgencyFactory(country=kenya)
    expires = (timezone.localdate() + timedelta(days=30)).isoformat()
    client.post(
        reverse("vetting:codes"),
        {"country": kenya.pk, "agency": agency.pk, "max_uses": 3, "expires_on": expires},
    )
    issued = PreauthorisationCode.objects.filter(agency=agency).first()
    assert (issued is not None) is (persona in VETS_KENYA)
    code = PreauthorisationCode.objects.create(
        country=kenya, agency=agency, expires_at=timezone.now() + timedelta(days=3), issued_by=ncb_officer
    )
    response = client.post(reverse("vetting:revoke_code", args=[code.pk]))
    code.refresh_from_db()
    assert (code.revoked_at is not None) is (persona in VETS_KENYA)
    if persona not in VETS_KENYA:
        assert response.status_code == (404 if persona in VETTERS else 403)
    assert user.is_authenticated


# --- Lists --------------------------------------------------------------------------------------


def test_requests_list_is_paginated_with_bounded_queries(
    client, ncb_officer, kenya, django_assert_max_num_queries
):
    for _ in range(30):
        make_request(kenya, agency=AgencyFactory(country=kenya))
    client.force_login(ncb_officer)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("vetting:requests"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 25


def test_requests_are_searched_and_filtered(client, ncb_officer, kenya):
    wanted = make_request(kenya, family_name="Zawadi", email="zawadi@dci.ke.example")
    make_request(kenya, family_name="Other")
    rejected = make_request(kenya, Status.REJECTED, family_name="Zawadi")
    client.force_login(ncb_officer)
    response = client.get(reverse("vetting:requests"), {"q": "zawadi", "status": "pending"})
    assert [record.pk for record in response.context["page"].object_list] == [wanted.pk]
    response = client.get(reverse("vetting:requests"), {"q": "zawadi", "status": ""})
    assert {record.pk for record in response.context["page"].object_list} == {wanted.pk, rejected.pk}
    today = timezone.localdate().isoformat()
    response = client.get(reverse("vetting:requests"), {"submitted_from": today, "status": "rejected"})
    assert [record.pk for record in response.context["page"].object_list] == [rejected.pk]
    response = client.get(reverse("vetting:requests"), {"submitted_from": "not a date"})
    assert response.status_code == 200
    assert "submitted_from" in response.context["form"].errors


def test_handout_lists_are_bounded(client, ncb_officer, kenya, django_assert_max_num_queries):
    agency = AgencyFactory(country=kenya)
    later = timezone.now() + timedelta(days=3)
    for number in range(30):
        PreauthorisationCode.objects.create(
            country=kenya, agency=agency, expires_at=later, issued_by=ncb_officer
        )
        Invitation.objects.create(
            country=kenya, email=f"i{number}@police.ke.example", expires_at=later, invited_by=ncb_officer
        )
    client.force_login(ncb_officer)
    for name in ("vetting:codes", "vetting:invitations", "vetting:domain_rules"):
        with django_assert_max_num_queries(16):
            assert client.get(reverse(name)).status_code == 200


# --- Navigation and dashboard --------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_navigation_and_dashboard_card(client, request, persona, pending_ke):
    signed_in(client, request, persona)
    body = client.get(reverse("portal:dashboard")).content.decode()
    assert (reverse("vetting:requests") in body) is (persona in VETTERS)
    if persona in VETS_KENYA:
        assert "Pending requests: 1" in body


# --- The person's side: registration, the gate, their request -----------------------------------


def registration(kenya, **changes):
    data = {
        "email": "new.recruit@police.ke.example",
        "password1": "a-long-enough-passphrase",
        "password2": "a-long-enough-passphrase",
        "given_names": "Njoki",
        "family_name": "Wairimu",
        "country": kenya.pk,
        "agency": "",
        "proposed_agency_name": "Kenya Coast Guard Service",
        "proposed_agency_sector": "",
        "rank": "Constable",
        "position": "Patrol officer",
        "supervisor_name": "Sgt Ouma",
        "supervisor_email": "ouma@police.ke.example",
        "preferred_language": "en",
        "gender": "female",
        "code": "",
        "accept_terms": "on",
        "accept_privacy": "on",
    }
    from cadre.directory.models import Sector

    data["proposed_agency_sector"] = Sector.objects.get(code="police").pk
    data.update(changes)
    return data


def test_registration_then_the_gate_then_approval(client, kenya, ncb_officer, settings):
    response = client.post(reverse("account_signup"), registration(kenya))
    assert response.status_code == 302, response.context["form"].errors
    person = User.objects.get(email="new.recruit@police.ke.example")
    record = AccessRequest.objects.get(person=person)
    assert (record.status, record.proposed_agency_name) == (Status.PENDING, "Kenya Coast Guard Service")
    assert record.terms_version == settings.VETTING_TERMS_VERSION
    assert record.privacy_accepted_at is not None
    assert (person.position, person.supervisor_email) == ("Patrol officer", "ouma@police.ke.example")

    client.force_login(person)
    assert client.get(reverse("portal:dashboard")).url == reverse("vetting:my_request")
    assert client.get(reverse("directory:countries")).status_code == 302
    assert client.get(reverse("vetting:my_request")).status_code == 200
    assert client.get(reverse("account_email")).status_code == 200

    client.force_login(ncb_officer)
    client.post(reverse("vetting:person_action", args=[person.pk, "approve"]))
    client.force_login(person)
    assert client.get(reverse("portal:dashboard")).status_code == 200
    person.refresh_from_db()
    assert person.agency is not None
    assert person.agency.name == "Kenya Coast Guard Service"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"proposed_agency_name": "", "proposed_agency_sector": ""}, "agency"),
        ({"accept_terms": ""}, "accept_terms"),
        ({"code": "NOPE-NOPE-NOPE"}, "code"),
        ({"supervisor_email": "not-an-address"}, "supervisor_email"),
        ({"country": "999999"}, "country"),
    ],
)
def test_bad_registrations_are_explained_and_change_nothing(client, kenya, changes, field):
    response = client.post(reverse("account_signup"), registration(kenya, **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not User.objects.filter(email="new.recruit@police.ke.example").exists()


def test_an_agency_of_another_country_is_refused(client, kenya, france):
    response = client.post(
        reverse("account_signup"), registration(kenya, agency=AgencyFactory(country=france).pk)
    )
    assert "agency" in response.context["form"].errors


def test_a_refused_domain_is_explained(client, kenya, ncb_officer):
    from cadre.vetting import services

    services.add_domain_rule(country=kenya, domain="police.ke.example", kind="deny", added_by=ncb_officer)
    response = client.post(reverse("account_signup"), registration(kenya))
    assert "does not accept registrations from this e-mail domain" in str(
        response.context["form"].errors["email"]
    )
    assert not AccessRequest.objects.exists()


def test_registering_with_a_code_approves(client, kenya, ncb_officer):
    agency = AgencyFactory(country=kenya)
    code = PreauthorisationCode.objects.create(
        country=kenya,
        agency=agency,
        max_uses=2,
        expires_at=timezone.now() + timedelta(days=3),
        issued_by=ncb_officer,
    )
    data = registration(kenya, code=code.code.lower(), proposed_agency_name="", proposed_agency_sector="")
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 302, response.context["form"].errors
    record = AccessRequest.objects.get(person__email="new.recruit@police.ke.example")
    assert (record.status, record.via, record.person.agency) == (Status.APPROVED, "code", agency)
    code.refresh_from_db()
    assert code.uses == 1


def test_a_code_of_another_country_is_refused(client, kenya, france, ncb_officer_elsewhere):
    code = PreauthorisationCode.objects.create(
        country=france, agency=AgencyFactory(country=france), expires_at=timezone.now() + timedelta(days=3)
    )
    response = client.post(reverse("account_signup"), registration(kenya, code=code.code))
    assert "code" in response.context["form"].errors


def test_registering_through_an_invitation(client, kenya, ncb_officer):
    invitation = Invitation.objects.create(
        country=kenya,
        email="new.recruit@police.ke.example",
        expires_at=timezone.now() + timedelta(days=3),
        invited_by=ncb_officer,
    )
    url = reverse("vetting:invited_signup", args=[invitation.token])
    form = client.get(url).context["form"]
    assert form["email"].value() == invitation.email
    assert str(form["country"].value()) == str(kenya.pk)
    response = client.post(url, registration(kenya, invitation=invitation.token))
    assert response.status_code == 302, response.context["form"].errors
    record = AccessRequest.objects.get(person__email=invitation.email)
    assert (record.status, record.via) == (Status.APPROVED, "invitation")
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert client.get(url).status_code == 404  # used once


def test_agency_options_follow_the_country(client, kenya, france):
    kenyan, french = AgencyFactory(country=kenya), AgencyFactory(country=france)
    body = client.get(reverse("vetting:agency_options"), {"country": kenya.pk}).content.decode()
    assert kenyan.name in body
    assert french.name not in body
    assert client.get(reverse("vetting:agency_options"), {"country": "x"}).status_code == 200


def test_the_person_answers_a_question_of_the_ncb(
    client, pending_ke, ncb_officer, django_capture_on_commit_callbacks
):
    client.force_login(ncb_officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("vetting:person_action", args=[pending_ke.person_id, "ask"]), {"reason": "Supervisor?"}
        )
    assert len(mail.outbox) == 1
    client.force_login(pending_ke.person)
    page = client.get(reverse("vetting:my_request")).content.decode()
    assert "Supervisor?" in page
    form = client.get(reverse("vetting:edit_my_request")).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(supervisor_name="Insp. Mutua", supervisor_email="mutua@police.ke.example", position="Analyst")
    data["agency"] = AgencyFactory(country=pending_ke.country).pk
    response = client.post(reverse("vetting:edit_my_request"), data)
    assert response.status_code == 302, response.context["form"].errors
    pending_ke.refresh_from_db()
    assert pending_ke.status == Status.PENDING
    assert pending_ke.person.supervisor_name == "Insp. Mutua"


def test_an_ncb_decision_without_a_reason_changes_nothing(client, pending_ke, ncb_officer):
    client.force_login(ncb_officer)
    response = client.post(
        reverse("vetting:person_action", args=[pending_ke.person_id, "reject"]), {"reason": ""}
    )
    assert response.status_code == 302
    pending_ke.refresh_from_db()
    assert pending_ke.status == Status.PENDING
    assert "Give a reason" in client.get(response.url).content.decode()


def test_unknown_action_is_404(client, pending_ke, ncb_officer):
    client.force_login(ncb_officer)
    assert (
        client.post(reverse("vetting:person_action", args=[pending_ke.person_id, "delete"])).status_code
        == 404
    )


def test_the_gate_lets_a_pending_person_reach_only_their_request(client, pending_ke, kenya):
    client.force_login(pending_ke.person)
    for name in ("portal:dashboard", "directory:countries", "vetting:requests", "accounts:roles"):
        assert client.get(reverse(name)).url == reverse("vetting:my_request")
    for url in (
        reverse("vetting:my_request"),
        reverse("vetting:edit_my_request"),
        reverse("vetting:agency_options") + f"?country={kenya.pk}",
        reverse("account_change_password"),
        reverse("healthz"),
        reverse("accreditation_public:lookup"),
        reverse("instructors_public:lookup"),
    ):
        assert client.get(url).status_code in {200, 503}, url
    response = client.post(reverse("set_language"), {"language": "fr", "next": reverse("vetting:my_request")})
    assert response.url == reverse("vetting:my_request")
    assert client.post(reverse("account_logout")).status_code == 302


@pytest.mark.parametrize("status", [Status.REJECTED, Status.SUSPENDED, Status.REVOKED, Status.LAPSED])
def test_the_gate_stays_shut_after_a_negative_decision(client, kenya, status):
    record = make_request(kenya, status)
    client.force_login(record.person)
    assert client.get(reverse("portal:dashboard")).url == reverse("vetting:my_request")
    page = client.get(reverse("vetting:my_request"))
    assert page.status_code == 200
    assert reverse("vetting:edit_my_request") not in page.content.decode()
    assert client.get(reverse("vetting:edit_my_request")).url == reverse("vetting:my_request")


def test_people_created_by_the_organisation_pass_the_gate(client, learner):
    client.force_login(learner)
    assert client.get(reverse("portal:dashboard")).status_code == 200
    assert "no request to follow" in client.get(reverse("vetting:my_request")).content.decode()


def test_the_default_filter_holds_across_pages(client, ncb_officer, kenya):
    for _ in range(26):
        make_request(kenya)
    make_request(kenya, Status.REJECTED)
    client.force_login(ncb_officer)
    second = client.get(reverse("vetting:requests"), {"page": 2})
    assert [record.status for record in second.context["page"].object_list] == [Status.PENDING]
