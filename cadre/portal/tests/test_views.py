import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from cadre.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_home_welcomes_visitors_and_sends_signed_in_people_to_their_dashboard(
    client: Client, learner: User
) -> None:
    assert client.get("/").status_code == 200
    client.force_login(learner)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:dashboard")


def test_signing_in_lands_on_the_dashboard(client: Client) -> None:
    person = UserFactory(email="amina@police.example")
    response = client.post(
        reverse("account_login"),
        {"login": "amina@police.example", "password": "correct-horse-battery-staple"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:dashboard")
    dashboard = client.get(response["Location"])
    assert person.given_names in dashboard.content.decode()


def test_a_wrong_password_is_refused_with_a_message(client: Client) -> None:
    UserFactory(email="amina@police.example")
    response = client.post(reverse("account_login"), {"login": "amina@police.example", "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_the_dashboard_needs_a_signed_in_person(client: Client) -> None:
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("persona", "shows_scope_countries", "shows_reference_counts"),
    [
        ("nobody", False, False),
        ("learner", False, False),
        ("ncb_officer", True, False),
        ("regional_officer", True, False),
        ("administrator", False, True),
    ],
)
def test_the_dashboard_shows_each_person_their_own_part(
    request: pytest.FixtureRequest,
    client: Client,
    persona: str,
    shows_scope_countries: bool,
    shows_reference_counts: bool,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    user: User = request.getfixturevalue(persona)
    client.force_login(user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 200
    assert (response.context["countries_in_scope"] is not None) is shows_scope_countries
    assert (response.context["reference_counts"] is not None) is shows_reference_counts


def test_an_ncb_officer_looks_after_their_own_country_only(client: Client, ncb_officer: User) -> None:
    client.force_login(ncb_officer)
    countries = client.get(reverse("portal:dashboard")).context["countries_in_scope"]
    assert [country.iso2 for country in countries] == ["KE"]


def test_a_regional_officer_looks_after_their_region(client: Client, regional_officer: User) -> None:
    client.force_login(regional_officer)
    countries = client.get(reverse("portal:dashboard")).context["countries_in_scope"]
    assert {country.region.code for country in countries} == {"africa"}
    assert len(countries) == 48


def test_the_dashboard_follows_the_persons_preferred_language(client: Client) -> None:
    person = UserFactory(preferred_language="ar")
    client.force_login(person)
    body = client.get(reverse("portal:dashboard")).content.decode()
    assert '<html lang="ar" dir="rtl">' in body


def test_a_language_chosen_in_the_browser_wins_over_the_profile(client: Client) -> None:
    person = UserFactory(preferred_language="ar")
    client.force_login(person)
    client.post(reverse("set_language"), {"language": "es", "next": "/dashboard/"})
    body = client.get(reverse("portal:dashboard")).content.decode()
    assert '<html lang="es" dir="ltr">' in body


def test_visitors_can_switch_language_before_signing_in(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="fr" dir="ltr">' in client.get("/").content.decode()
