"""The course's completion rule page, completing a session and recomputing its outcomes."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from cadre.certificates.models import Certificate
from cadre.courses.models import Course
from cadre.training_sessions.models import Attendance, CompletionRule, Nomination, Session
from cadre.training_sessions.tests.test_attendance_fixtures import (
    book_instructor,
    day_of,
    nairobi_today,
    participant,
    running_session,
)
from tests.factories import CourseFactory, UserFactory

pytestmark = pytest.mark.django_db


def rule_url(course: Course) -> str:
    return reverse("training_sessions:completion_rule", args=[course.pk])


RULE_FORM = {
    "min_attendance_percent": 90,
    "requires_post_test": "on",
    "pass_mark_percent": 60,
    "partial_day_share": 25,
}


def test_the_rule_page_shows_the_defaults_and_saves_the_course_s_rule(client: Client, course_manager) -> None:
    course = Course.objects.get(owner=course_manager)
    client.force_login(course_manager)
    page = client.get(rule_url(course))
    assert page.status_code == 200
    body = page.content.decode()
    assert "these are the defaults" in body
    assert 'value="80"' in body
    response = client.post(rule_url(course), RULE_FORM)
    assert response.status_code == 302
    rule = CompletionRule.objects.get(course=course)
    assert (rule.min_attendance_percent, rule.pass_mark_percent, rule.partial_day_share) == (90, 60, 25)
    assert (rule.requires_post_test, rule.late_counts_as_present) == (True, False)
    assert "these are the defaults" not in client.get(rule_url(course)).content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [("min_attendance_percent", 0), ("pass_mark_percent", 101), ("partial_day_share", "half")],
)
def test_bad_values_are_refused_and_nothing_saved(
    client: Client, course_manager, field: str, value: object
) -> None:
    course = Course.objects.get(owner=course_manager)
    client.force_login(course_manager)
    response = client.post(rule_url(course), {**RULE_FORM, field: value})
    assert response.status_code == 400
    assert "Please correct the problems below." in response.content.decode()
    assert not CompletionRule.objects.exists()


def test_only_those_who_look_after_the_course_set_its_rule(client: Client, learner, administrator) -> None:
    published = CourseFactory(status=Course.Status.PUBLISHED)
    draft = CourseFactory()
    client.force_login(learner)
    assert client.get(rule_url(published)).status_code == 403
    assert client.post(rule_url(published), RULE_FORM).status_code == 403
    assert client.get(rule_url(draft)).status_code == 404
    assert not CompletionRule.objects.exists()
    client.force_login(administrator)
    assert client.get(rule_url(draft)).status_code == 200


# --- Completing ------------------------------------------------------------------------------------


def ended_session(**values) -> Session:
    return running_session(days=2, first=nairobi_today() - timedelta(days=1), **values)


def test_the_manager_completes_the_session_and_sees_the_outcomes(client: Client) -> None:
    session = ended_session()
    nomination = participant(session)
    for index in (0, 1):
        Attendance.objects.create(
            nomination=nomination,
            day=day_of(session, index),
            status=Attendance.Status.PRESENT,
            method=Attendance.Method.MANAGER,
        )
    client.force_login(session.manager)
    response = client.post(reverse("training_sessions:complete", args=[session.pk]), follow=True)
    body = response.content.decode()
    assert response.redirect_chain[0][0] == reverse("training_sessions:attendance_summary", args=[session.pk])
    assert "The session is completed." in body
    assert "Certificates issued: 1" in body
    assert "Recompute outcomes" in body
    assert Session.objects.get(pk=session.pk).status == Session.Status.COMPLETED
    assert Nomination.objects.get(pk=nomination.pk).outcome == Nomination.Outcome.COMPLETED
    assert Certificate.objects.filter(holder=nomination.person, kind=Certificate.Kind.COMPLETION).exists()

    again = client.post(reverse("training_sessions:recompute_outcomes", args=[session.pk]), follow=True)
    assert "The outcomes are decided again." in again.content.decode()
    assert "Certificates issued: 0" in again.content.decode()
    assert Certificate.objects.count() == 1


def test_completing_before_the_last_day_is_refused_with_a_message(client: Client) -> None:
    session = running_session(days=2)
    participant(session)
    client.force_login(session.manager)
    response = client.post(reverse("training_sessions:complete", args=[session.pk]), follow=True)
    assert "can be completed from its last day" in response.content.decode()
    assert Session.objects.get(pk=session.pk).status == Session.Status.RUNNING


def test_an_instructor_neither_completes_nor_recomputes(client: Client) -> None:
    session = ended_session()
    client.force_login(book_instructor(session))
    assert client.post(reverse("training_sessions:complete", args=[session.pk])).status_code == 403
    assert client.post(reverse("training_sessions:recompute_outcomes", args=[session.pk])).status_code == 403
    assert Session.objects.get(pk=session.pk).status == Session.Status.RUNNING
    client.force_login(UserFactory())
    assert client.post(reverse("training_sessions:complete", args=[session.pk])).status_code == 404
    assert client.get(reverse("training_sessions:complete", args=[session.pk])).status_code == 405
