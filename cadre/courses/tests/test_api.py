from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from cadre.accounts.models import User
from cadre.courses import services
from cadre.courses.models import Course
from cadre.courses.tests.conftest import make_course

pytestmark = pytest.mark.django_db


def test_the_api_needs_a_signed_in_person(client: Client) -> None:
    assert client.get("/api/v1/courses/").status_code == 401


def test_list_is_published_filtered_and_paginated(
    client: Client, learner: User, cyber_course: Course, arabic_course: Course
) -> None:
    make_course(title_en="A draft", publish=False)
    client.force_login(learner)
    body = client.get("/api/v1/courses/").json()
    assert body["count"] == 2
    assert {item["code"] for item in body["items"]} == {cyber_course.code, arabic_course.code}
    arabic = client.get("/api/v1/courses/", {"language": "ar"}).json()
    assert [item["code"] for item in arabic["items"]] == [arabic_course.code]
    assert arabic["items"][0]["languages"] == ["ar"]
    found = client.get("/api/v1/courses/", {"q": "cryptocurrency"}).json()
    assert [item["code"] for item in found["items"]] == [cyber_course.code]


def test_detail(client: Client, learner: User, cyber_course: Course) -> None:
    draft = make_course(title_en="A draft", publish=False)
    client.force_login(learner)
    body = client.get(f"/api/v1/courses/{cyber_course.code}").json()
    assert body["title"] == "Investigating cybercrime on the dark web"
    assert body["course_type"] == "specialised-crime-course"
    assert client.get(f"/api/v1/courses/{draft.code}").status_code == 404
    assert client.get("/api/v1/courses/nothing-here").status_code == 404


def test_the_api_filters_accredited_courses_and_gives_their_validity(client: Client, learner: User) -> None:
    accredited = make_course(title_en="Accredited through the API")
    make_course(title_en="Not accredited through the API")
    until = timezone.localdate() + timedelta(days=100)
    services.set_accreditation(course=accredited, valid_until=until)
    client.force_login(learner)

    items = client.get("/api/v1/courses/", {"accredited": "true"}).json()["items"]

    assert [item["code"] for item in items] == [accredited.code]
    assert items[0]["accredited_until"] == until.isoformat()
