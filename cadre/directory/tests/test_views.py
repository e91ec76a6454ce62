import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from cadre.accounts.models import User
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_the_directory_needs_a_signed_in_person(client: Client) -> None:
    response = client.get(reverse("directory:countries"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_country_list_is_paginated_with_bounded_queries(
    client: Client, learner: User, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client.force_login(learner)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("directory:countries"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 50
    assert "196" in response.content.decode()


def test_country_list_filters_by_region_and_name(client: Client, learner: User) -> None:
    client.force_login(learner)
    response = client.get(reverse("directory:countries"), {"q": "kenia", "region": "africa"})
    assert [country.iso2 for country in response.context["page"].object_list] == ["KE"]


def test_an_unknown_region_is_a_form_error_not_a_crash(client: Client, learner: User) -> None:
    client.force_login(learner)
    response = client.get(reverse("directory:countries"), {"region": "atlantis"})
    assert response.status_code == 200
    assert response.context["form"].errors["region"]


def test_htmx_requests_get_only_the_results(client: Client, learner: User) -> None:
    client.force_login(learner)
    response = client.get(reverse("directory:countries"), {"q": "France"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert "France" in body


def test_country_page_lists_agencies_with_bounded_queries(
    client: Client, learner: User, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    AgencyFactory.create_batch(30)
    client.force_login(learner)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("directory:country", args=["ke"]))
    assert response.status_code == 200
    assert len(response.context["agencies"].object_list) == 25


def test_an_unknown_country_is_a_404(client: Client, learner: User) -> None:
    client.force_login(learner)
    assert client.get(reverse("directory:country", args=["zz"])).status_code == 404


def test_country_page_is_in_the_readers_language(client: Client, learner: User) -> None:
    client.force_login(learner)
    client.cookies["cadre_language"] = "es"
    response = client.get(reverse("directory:country", args=["DE"]))
    assert "Alemania" in response.content.decode()
