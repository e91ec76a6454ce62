"""The role pages through the test client: listing, assigning, removing, and isolation."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from cadre.accounts import permissions
from cadre.accounts.models import RoleAssignment, User
from cadre.accounts.tests.roles_helpers import holder, person_of, role
from cadre.audit.models import AuditEntry
from cadre.directory.models import Country, Institution, Region

pytestmark = pytest.mark.django_db

ROLES = reverse("accounts:roles")
ASSIGN = reverse("accounts:assign_role")


def remove_url(assignment: RoleAssignment) -> str:
    return reverse("accounts:remove_role", args=[assignment.pk])


def signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("persona", "list_status", "assign_status"),
    [("nobody", 403, 403), ("learner", 403, 403), ("dpo", 403, 403), ("ncb_officer", 200, 403),
     ("regional_officer", 200, 403), ("ncb_head", 200, 200), ("institution_admin", 200, 200),
     ("administrator", 200, 200)],
)  # fmt: skip
def test_the_pages_answer_according_to_the_persons_roles(
    request: pytest.FixtureRequest, client: Client, persona: str, list_status: int, assign_status: int
) -> None:
    signed_in(client, request.getfixturevalue(persona))
    assert client.get(ROLES).status_code == list_status
    assert client.get(ASSIGN).status_code == assign_status


def test_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get(ROLES)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_assign_button_shows_only_to_those_who_may_assign(
    client: Client, ncb_officer: User, ncb_head: User
) -> None:
    assert ASSIGN not in signed_in(client, ncb_officer).get(ROLES).content.decode()
    assert ASSIGN in signed_in(client, ncb_head).get(ROLES).content.decode()


def test_the_list_is_paginated_with_bounded_queries(
    client: Client,
    administrator: User,
    kenya: Country,
    africa: Region,
    academy: Institution,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    for _ in range(20):
        holder("ncb-focal-point", kenya, country=kenya)
        holder("regional-training-officer", africa, country=kenya)
        holder("institution-administrator", academy, country=kenya)
    signed_in(client, administrator)
    with django_assert_max_num_queries(12):
        response = client.get(ROLES)
    assert len(response.context["page"].object_list) == 50
    assert "Page 1 of 2" in response.content.decode()


def test_the_list_filters_by_name_and_role(client: Client, ncb_head: User, kenya: Country) -> None:
    wanted = holder("ncb-focal-point", kenya, country=kenya, family_name="Chebet")
    holder("learner", country=kenya, family_name="Chebet")
    response = signed_in(client, ncb_head).get(ROLES, {"q": "chebet", "role": "ncb-focal-point"})
    assert [row[0] for row in response.context["rows"]] == [wanted]


def test_an_unknown_role_in_the_filter_is_a_message_not_an_error(client: Client, ncb_head: User) -> None:
    response = signed_in(client, ncb_head).get(ROLES, {"role": "no-such-role"})
    assert response.status_code == 200
    assert response.context["form"].errors["role"]


def test_an_ncb_head_never_sees_another_countrys_role_holders(
    client: Client, ncb_head: User, ncb_officer_elsewhere: User, ncb_officer: User
) -> None:
    searched = signed_in(client, ncb_head).get(ROLES, {"q": ncb_officer_elsewhere.email})
    assert searched.context["rows"] == []
    body = client.get(ROLES).content.decode()
    assert ncb_officer.email in body
    assert ncb_officer_elsewhere.email not in body


def test_a_head_of_ncb_finds_a_person_without_javascript_then_assigns_a_role(
    client: Client,
    ncb_head: User,
    kenya: Country,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    person = person_of(kenya, family_name="Njoroge", preferred_language="fr")
    person_of(Country.objects.get(iso2="FR"), family_name="Njoroge")
    signed_in(client, ncb_head)
    found = client.get(ASSIGN, {"q": "njoroge"})
    assert found.context["found"] == [person]
    chosen = client.get(ASSIGN, {"person": person.pk})
    assert chosen.context["person"] == person
    assert str(kenya.pk) == str(chosen.context["form"]["country"].value())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            ASSIGN, {"person": person.pk, "role": role("ncb-focal-point").pk, "country": kenya.pk}
        )
    assert response.status_code == 302
    assert permissions.has_role(User.objects.get(pk=person.pk), "ncb-focal-point", scope=kenya)
    entry = AuditEntry.objects.filter(action="accounts.role_assigned", target_id=str(person.pk)).get()
    assert entry.actor == ncb_head
    assert [message.to for message in mail.outbox] == [[person.email]]
    assert "Njoroge" in client.get(response["Location"]).content.decode()


def test_the_person_search_answers_htmx_with_the_results_only(
    client: Client, ncb_head: User, kenya: Country
) -> None:
    person = person_of(kenya, family_name="Kiprono")
    response = signed_in(client, ncb_head).get(ASSIGN, {"q": "kipro"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert f"?person={person.pk}" in body


def test_the_form_offers_only_what_the_assigner_may_give(
    client: Client, ncb_head: User, kenya: Country
) -> None:
    form = signed_in(client, ncb_head).get(ASSIGN, {"person": person_of(kenya).pk}).context["form"]
    offered_roles = {str(label) for value, label in form.fields["role"].widget.choices if value}
    assert offered_roles == {
        f"{role('ncb-focal-point').name} — Country",
        f"{role('ncb-head').name} — Country",
    }
    assert [label for _value, label in form.fields["country"].widget.choices] == [kenya.name]
    assert set(form.fields) == {"role", "country"}


@pytest.mark.parametrize(
    ("change", "status"),
    [({"country": "FR"}, 403), ({"role": "administrator"}, 403), ({"person_from": "FR"}, 404)],
)
def test_an_ncb_head_of_kenya_cannot_assign_in_france_nor_to_french_people(
    client: Client, ncb_head: User, kenya: Country, change: dict[str, str], status: int
) -> None:
    person = person_of(Country.objects.get(iso2=change.get("person_from", "KE")))
    data = {"person": person.pk, "role": role("ncb-focal-point").pk, "country": kenya.pk}
    if "country" in change:
        data["country"] = Country.objects.get(iso2=change["country"]).pk
    if "role" in change:
        data["role"] = role(change["role"]).pk
    before = (RoleAssignment.objects.count(), AuditEntry.objects.count())
    response = signed_in(client, ncb_head).post(ASSIGN, data)
    assert response.status_code == status
    assert (RoleAssignment.objects.count(), AuditEntry.objects.count()) == before


def test_choosing_someone_one_may_not_see_is_not_found(
    client: Client, ncb_head: User, france: Country
) -> None:
    signed_in(client, ncb_head)
    assert client.get(ASSIGN, {"person": person_of(france).pk}).status_code == 404
    assert client.get(ASSIGN, {"person": "not-a-number"}).status_code == 404
    assert client.get(ASSIGN, {"person": "999999999"}).status_code == 404


@pytest.mark.parametrize(
    ("data", "field"),
    [({}, "role"), ({"role": "999999"}, "role"), ({"role": "ncb-head", "country": ""}, "country"),
     ({"role": "regional-training-officer"}, "region")],
)  # fmt: skip
def test_bad_input_gets_a_message_and_changes_nothing(
    client: Client, administrator: User, kenya: Country, data: dict[str, str], field: str
) -> None:
    person = person_of(kenya)
    posted = {"person": str(person.pk), **data}
    if not posted.get("role", "0").isdigit():
        posted["role"] = str(role(posted["role"]).pk)  # a role code: post its id
    before = RoleAssignment.objects.count()
    response = signed_in(client, administrator).post(ASSIGN, posted)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert RoleAssignment.objects.count() == before


def test_assigning_a_role_already_held_says_so(client: Client, ncb_head: User, kenya: Country) -> None:
    existing = holder("ncb-focal-point", kenya, country=kenya)
    data = {"person": existing.user.pk, "role": existing.role.pk, "country": kenya.pk}
    response = signed_in(client, ncb_head).post(ASSIGN, data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert RoleAssignment.objects.filter(user=existing.user).count() == 1


def test_an_administrator_assigns_an_organisation_wide_role(
    client: Client, administrator: User, france: Country
) -> None:
    person = person_of(france)
    data = {"person": person.pk, "role": role("data-protection-officer").pk, "country": france.pk}
    assert signed_in(client, administrator).post(ASSIGN, data).status_code == 302
    assignment = RoleAssignment.objects.get(user=person)
    assert (assignment.role.code, assignment.scope_id) == ("data-protection-officer", None)


def test_an_institution_administrator_appoints_a_colleague_for_their_institution(
    client: Client, institution_admin: User, academy: Institution, kenya: Country
) -> None:
    colleague = person_of(kenya)
    form = signed_in(client, institution_admin).get(ASSIGN, {"person": colleague.pk}).context["form"]
    assert set(form.fields) == {"role", "institution"}
    data = {"person": colleague.pk, "role": role("institution-administrator").pk, "institution": academy.pk}
    assert client.post(ASSIGN, data).status_code == 302
    assert permissions.has_role(User.objects.get(pk=colleague.pk), "institution-administrator", scope=academy)


def test_removing_a_role_asks_for_confirmation_then_removes_it(
    client: Client, ncb_head: User, kenya: Country
) -> None:
    assignment = holder("ncb-focal-point", kenya, country=kenya)
    signed_in(client, ncb_head)
    confirmation = client.get(remove_url(assignment))
    assert confirmation.status_code == 200
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    response = client.post(remove_url(assignment))
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    entry = AuditEntry.objects.get(action="accounts.role_removed", target_id=str(assignment.user.pk))
    assert entry.actor == ncb_head


@pytest.mark.parametrize(
    ("persona", "whose", "status"),
    [("ncb_head", "french_focal_point", 404), ("ncb_head", "kenyan_learner", 403),
     ("ncb_officer", "kenyan_focal_point", 403), ("learner", "kenyan_focal_point", 404),
     ("institution_admin", "kenyan_focal_point", 404)],
)  # fmt: skip
def test_refused_removals_change_nothing(
    request: pytest.FixtureRequest,
    client: Client,
    kenya: Country,
    france: Country,
    persona: str,
    whose: str,
    status: int,
) -> None:
    assignments = {
        "french_focal_point": lambda: holder("ncb-focal-point", france, country=france),
        "kenyan_learner": lambda: holder("learner", country=kenya),
        "kenyan_focal_point": lambda: holder("ncb-focal-point", kenya, country=kenya),
    }
    assignment = assignments[whose]()
    signed_in(client, request.getfixturevalue(persona))
    before = AuditEntry.objects.count()
    assert client.get(remove_url(assignment)).status_code == status
    assert client.post(remove_url(assignment)).status_code == status
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert AuditEntry.objects.count() == before


def test_the_remove_link_shows_only_where_removal_is_allowed(
    client: Client, ncb_head: User, kenya: Country
) -> None:
    focal_point = holder("ncb-focal-point", kenya, country=kenya)
    learner = holder("learner", country=kenya)
    body = signed_in(client, ncb_head).get(ROLES).content.decode()
    assert remove_url(focal_point) in body
    assert remove_url(learner) not in body


def test_the_pages_speak_arabic_right_to_left(client: Client, ncb_head: User) -> None:
    ncb_head.preferred_language = "ar"
    ncb_head.save()
    with translation.override("en"):  # the middleware activates Arabic; keep it out of later tests
        body = signed_in(client, ncb_head).get(ROLES).content.decode()
    assert '<html lang="ar" dir="rtl">' in body
