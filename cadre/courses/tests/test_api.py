import pytest
from django.test import Client

from cadre.accounts.models import User
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
