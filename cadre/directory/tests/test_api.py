import pytest
from django.test import Client

from cadre.accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_api_answers_401_to_anonymous_callers(client: Client) -> None:
    assert client.get("/api/v1/directory/countries").status_code == 401


def test_countries_are_paginated_and_filtered(client: Client, learner: User) -> None:
    client.force_login(learner)
    body = client.get("/api/v1/directory/countries", {"region": "africa", "limit": 5}).json()
    assert body["count"] == 48
    assert len(body["items"]) == 5
    assert {item["region"] for item in body["items"]} == {"africa"}


def test_country_names_follow_the_callers_language(client: Client, learner: User) -> None:
    learner.preferred_language = "ar"
    learner.save()
    client.force_login(learner)
    body = client.get("/api/v1/directory/countries", {"q": "KE"}).json()
    assert body["items"][0]["name"] == "كينيا"


def test_crime_areas_name_their_programme(client: Client, learner: User) -> None:
    client.force_login(learner)
    areas = {area["code"]: area for area in client.get("/api/v1/directory/crime-areas").json()}
    assert areas["terrorism"]["programme"] == "counter-terrorism"
    assert areas["forensics"]["programme"] is None


def test_the_openapi_schema_is_published() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/directory/countries" in schema["paths"]
