import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from cadre.accounts.models import User
from cadre.audit import permissions, services
from cadre.audit.models import AuditEntry
from cadre.audit.selectors import entries_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "may_browse", "sees_every_country"),
    [
        ("nobody", False, False),
        ("learner", False, False),
        ("regional_officer", False, False),
        ("institution_admin", False, False),
        ("ncb_officer", True, False),
        ("dpo", True, True),
        ("administrator", True, True),
    ],
)
def test_who_may_browse_the_audit_trail(
    request: pytest.FixtureRequest, persona: str, may_browse: bool, sees_every_country: bool
) -> None:
    user: User = request.getfixturevalue(persona)
    assert permissions.can_browse_audit(user) is may_browse
    assert permissions.can_see_every_country(user) is sees_every_country


def countries_seen(user: User) -> set[str]:
    return set(entries_for(user).values_list("country__iso2", flat=True))


def test_an_ncb_sees_only_entries_about_its_own_country(
    ncb_officer: User, ncb_officer_elsewhere: User, dpo: User
) -> None:
    assert countries_seen(ncb_officer) == {"KE"}
    assert countries_seen(ncb_officer_elsewhere) == {"FR"}
    assert {"KE", "FR"} <= countries_seen(dpo)


@pytest.mark.parametrize(("persona", "status"), [("learner", 403), ("nobody", 403), ("ncb_officer", 200)])
def test_the_audit_pages_refuse_those_without_the_role(
    request: pytest.FixtureRequest, client: Client, persona: str, status: int
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("audit:entries")).status_code == status
    assert client.get(reverse("audit:export")).status_code == status


def test_the_list_is_paginated_with_bounded_queries(
    client: Client, dpo: User, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for person in UserFactory.create_batch(60):
        services.record(actor=dpo, action="tests.changed", target=person, country=person.country)
    client.force_login(dpo)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("audit:entries"))
    assert len(response.context["page"].object_list) == 50


def test_an_ncb_officer_never_sees_another_countrys_entries_in_pages_or_exports(
    client: Client, ncb_officer: User, ncb_officer_elsewhere: User
) -> None:
    client.force_login(ncb_officer)
    page = client.get(reverse("audit:entries"), {"country": "FR"}).content.decode()
    export = b"".join(client.get(reverse("audit:export")).streaming_content).decode()  # type: ignore[attr-defined]
    assert ncb_officer_elsewhere.email not in page
    assert str(ncb_officer_elsewhere) not in export
    assert str(ncb_officer) in export


def test_the_dpo_filters_by_actor_action_target_country_and_time(
    client: Client, dpo: User, ncb_officer: User
) -> None:
    client.force_login(dpo)
    response = client.get(
        reverse("audit:entries"),
        {
            "action": "accounts.role_assigned",
            "country": "ke",
            "target": ncb_officer.family_name,
            "since": "2020-01-01",
        },
    )
    entries = list(response.context["page"].object_list)
    assert entries
    assert {entry.target_id for entry in entries} == {str(ncb_officer.pk)}


def test_a_reversed_period_is_a_form_error(client: Client, dpo: User) -> None:
    client.force_login(dpo)
    response = client.get(reverse("audit:entries"), {"since": "2026-02-01", "until": "2026-01-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["until"]


def test_the_export_is_a_csv_of_the_filtered_entries(client: Client, dpo: User, ncb_officer: User) -> None:
    client.force_login(dpo)
    response = client.get(reverse("audit:export"), {"country": "KE"})
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 + AuditEntry.objects.filter(country__iso2="KE").count()
