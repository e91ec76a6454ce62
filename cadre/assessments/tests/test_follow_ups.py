"""Level 3: the daily task creates the follow-ups due, once, and writes to each participant and
their supervisor in the participant's language; the supervisor answers on a public page."""

from datetime import timedelta
from smtplib import SMTPException
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from cadre.assessments import services, tasks
from cadre.assessments.models import EvaluationResponse, FollowUp
from cadre.assessments.tests.conftest import add_participant, make_session, today
from cadre.training_sessions.models import Session
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(course):
    """Its last day was 90 days ago: its follow-up (after 90 days) falls due today."""
    return make_session(
        course, status=Session.Status.COMPLETED, starts=-92, length=3, follow_up_after_days=90
    )


def test_created_once_when_due_and_sent_in_each_recipients_language(
    completed, mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory(preferred_language="fr", supervisor_email="chef@police.example")
    nomination = add_participant(completed, person)
    add_participant(completed, status="withdrawn")
    add_participant(completed, attendance_percent=0)  # never came
    with django_capture_on_commit_callbacks(execute=True):
        assert services.create_due_follow_ups(today() - timedelta(days=1)) == 0
        assert services.create_due_follow_ups(today()) == 1
        assert services.create_due_follow_ups(today()) == 0
    follow_up = FollowUp.objects.get()
    assert follow_up.nomination == nomination
    assert follow_up.due_on == completed.ends_on + timedelta(days=90)
    assert follow_up.sent_at is not None
    assert len(follow_up.supervisor_key) >= 40
    assert [message.to for message in mailoutbox] == [[person.email], ["chef@police.example"]]
    to_person, to_supervisor = mailoutbox
    with translation.override("fr"):
        first_day = date_format(completed.starts_on, "DATE_FORMAT")  # in French: "29 novembre 2026"
    assert first_day in to_person.body
    assert first_day in to_supervisor.body
    assert reverse("assessments:l3", args=[completed.pk]) in to_person.body
    assert reverse("assessments:l3_supervisor", args=[follow_up.supervisor_key]) in to_supervisor.body
    assert person.display_name in to_supervisor.body


def test_not_for_sessions_long_past_or_not_completed(course):
    old = make_session(course, status=Session.Status.COMPLETED, starts=-400, follow_up_after_days=90)
    running = make_session(course, status=Session.Status.RUNNING, starts=-120, follow_up_after_days=90)
    add_participant(old)
    add_participant(running)
    assert services.create_due_follow_ups(today()) == 0


def test_a_supervisors_failed_message_is_retried_without_writing_to_the_participant_again(
    completed, mailoutbox, django_capture_on_commit_callbacks
):
    add_participant(completed, UserFactory(supervisor_email="chef@police.example"))
    real_send = tasks.send_in_language
    calls = []

    def flaky(**kwargs):
        calls.append(kwargs["to"])
        if kwargs["to"] == "chef@police.example" and calls.count("chef@police.example") == 1:
            raise SMTPException("busy")
        return real_send(**kwargs)

    with django_capture_on_commit_callbacks(execute=False):
        services.create_due_follow_ups(today())
    with mock.patch.object(tasks, "send_in_language", side_effect=flaky):
        # As the worker runs it: the SMTP error makes Celery run the task again.
        tasks.send_follow_up.apply(args=[FollowUp.objects.get().pk], throw=False)
    participant_email = FollowUp.objects.get().nomination.person.email
    assert calls == [participant_email, "chef@police.example", "chef@police.example"]
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [participant_email, "chef@police.example"]
    )


def test_the_daily_task_sends_again_what_never_went_out(completed, mailoutbox):
    nomination = add_participant(completed)
    FollowUp.objects.create(nomination=nomination, due_on=today(), supervisor_key="q" * 43)
    assert tasks.create_follow_ups() == {"resent": 1, "created": 0}
    assert [message.to for message in mailoutbox] == [[nomination.person.email]]
    assert tasks.create_follow_ups() == {"resent": 0, "created": 0}
    assert tasks.send_follow_up(FollowUp.objects.get().pk) == 0  # already sent


def test_the_supervisors_page_is_public_shows_little_and_answers_once(client, completed):
    person = UserFactory(given_names="Amina", family_name="Odhiambo", rank="Superintendent")
    nomination = add_participant(completed, person)
    follow_up = FollowUp.objects.create(
        nomination=nomination, due_on=today(), supervisor_email="chef@police.example", supervisor_key="p" * 43
    )
    url = reverse("assessments:l3_supervisor", args=[follow_up.supervisor_key])
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert page["Referrer-Policy"] == "same-origin"
    assert "Amina Odhiambo" in body
    assert completed.course.title in body
    assert person.email not in body
    assert "Superintendent" not in body
    assert completed.code not in body

    refused = client.post(url, {"change": "9"})
    assert refused.status_code == 400
    assert not EvaluationResponse.objects.exists()
    done = client.post(url, {"change": "4", "observed": "Leads the unit's database checks."})
    assert done.status_code == 200
    assert "Thank you" in done.content.decode()
    response = EvaluationResponse.objects.get()
    assert response.answers == {"change": 4, "observed": "Leads the unit's database checks."}
    again = client.post(url, {"change": "1"})
    assert "already been answered" in again.content.decode()
    assert EvaluationResponse.objects.count() == 1
    assert client.get(reverse("assessments:l3_supervisor", args=["z" * 43])).status_code == 404


def test_the_participants_page(client, completed):
    nomination = add_participant(completed)
    url = reverse("assessments:l3", args=[completed.pk])
    client.force_login(nomination.person)
    assert client.get(url).status_code == 403  # no follow-up yet
    FollowUp.objects.create(nomination=nomination, due_on=today(), supervisor_key="r" * 43)
    assert client.get(url).status_code == 200
    assert client.post(url, {"examples": "None"}).status_code == 400
    assert client.post(url, {"use": "3"}).status_code == 302
    assert FollowUp.objects.get().participant_answered_at <= timezone.now()
    assert "already answered" in client.get(url).content.decode()
