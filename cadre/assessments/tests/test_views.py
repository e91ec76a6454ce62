"""The pages: level 1 questionnaires, tests and results, in English and Arabic."""

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from cadre.assessments import models, services
from cadre.assessments.tests.conftest import add_instructor, add_participant, fill_bank, right_answers

pytestmark = pytest.mark.django_db


def l1_form(session, rating="4"):
    questionnaire = models.Questionnaire.objects.get(code="l1-participant")
    keys = [q.key for q in questionnaire.questions.filter(kind="rating")]
    keys += [f"instructor-{link.assignment_id}" for link in session.instructor_links.all()]
    return {key: rating for key in keys}


def test_a_participant_answers_level_1(client, participant, ended):
    link = add_instructor(ended)
    url = reverse("assessments:l1", args=[ended.pk])
    client.force_login(participant.person)
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert 'type="radio"' in body
    assert "<fieldset" in body
    assert "<legend" in body
    assert "5 – Excellent" in body
    assert link.assignment.instructor.person.display_name in body

    refused = client.post(url, {**l1_form(ended), "overall": ""})
    assert refused.status_code == 400
    assert "Please answer this question." in refused.content.decode()
    assert not models.EvaluationResponse.objects.exists()

    done = client.post(url, {**l1_form(ended), "improve": "Longer exercises."}, follow=True)
    assert done.status_code == 200
    assert "already answered" in done.content.decode()
    assert models.EvaluationResponse.objects.get().answers["improve"] == "Longer exercises."
    assert link.assignment.__class__.objects.get(pk=link.assignment_id).rating_count == 1


def test_level_1_in_arabic_is_right_to_left_and_in_arabic(client, participant, ended):
    client.force_login(participant.person)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    body = client.get(reverse("assessments:l1", args=[ended.pk])).content.decode()
    assert 'dir="rtl"' in body
    assert "مدى صلة الدورة بعملي" in body


def test_an_instructor_answers_their_own_questionnaire(client, ended):
    person = add_instructor(ended).assignment.instructor.person
    client.force_login(person)
    url = reverse("assessments:l1", args=[ended.pk])
    assert "participants" in client.get(url).content.decode().lower()
    keys = models.Questionnaire.objects.get(code="l1-instructor").questions.filter(kind="rating")
    assert client.post(url, {q.key: "5" for q in keys}).status_code == 302
    assert models.EvaluationResponse.objects.get().questionnaire.code == "l1-instructor"


def test_level_1_is_refused_to_others_and_before_the_end(client, learner, ncb_officer, upcoming, ended):
    client.force_login(learner)  # does not see the session
    assert client.get(reverse("assessments:l1", args=[ended.pk])).status_code == 404
    client.force_login(ncb_officer)  # sees it, but takes no part
    assert client.get(reverse("assessments:l1", args=[ended.pk])).status_code == 403
    person = add_participant(upcoming).person
    client.force_login(person)
    page = client.get(reverse("assessments:l1", args=[upcoming.pk]))
    assert page.status_code == 403
    assert "opens on the session" in page.content.decode()
    assert client.get(reverse("assessments:l1", args=[ended.pk + 999])).status_code == 404


def test_taking_the_pre_test_then_reading_the_results(client, course, upcoming):
    bank = fill_bank(course, 4)
    person = add_participant(upcoming).person
    client.force_login(person)
    url = reverse("assessments:test", args=[upcoming.pk, "pre"])
    page = client.get(url)
    assert page.status_code == 200
    assert "Answer 1.1" in page.content.decode()
    assert client.post(url, {}).status_code == 400
    assert not models.TestAttempt.objects.exists()
    response = client.post(url, right_answers(bank), follow=True)
    assert response.redirect_chain[-1][0] == reverse("assessments:results", args=[upcoming.pk])
    assert "you scored 100%" in response.content.decode()
    assert client.get(url).status_code == 302  # taken: to the results
    post = client.get(reverse("assessments:test", args=[upcoming.pk, "post"]))
    assert post.status_code == 403
    assert "post-test opens" in post.content.decode()


def test_the_results_page_shows_the_gain(client, course, ended):
    fill_bank(course, 2)
    nomination = add_participant(ended)
    models.TestAttempt.objects.create(session=ended, nomination=nomination, kind="pre", score_percent=40)
    models.TestAttempt.objects.create(session=ended, nomination=nomination, kind="post", score_percent=90)
    client.force_login(nomination.person)
    body = client.get(reverse("assessments:results", args=[ended.pk])).content.decode()
    assert "+50" in body


def test_tests_and_results_are_refused_to_others(client, learner, ncb_officer, course, ended):
    fill_bank(course, 2)
    client.force_login(learner)
    assert client.get(reverse("assessments:results", args=[ended.pk])).status_code == 404
    client.force_login(ncb_officer)
    assert client.get(reverse("assessments:test", args=[ended.pk, "post"])).status_code == 403
    assert client.get(reverse("assessments:results", args=[ended.pk])).status_code == 403


def test_the_links_on_a_sessions_page(participant, ended, course_manager):
    template = Template("{% load evaluation %}{% evaluation_links session %}")
    request = RequestFactory().get("/")
    request.user = participant.person
    links = template.render(Context({"request": request, "session": ended}))
    assert reverse("assessments:l1", args=[ended.pk]) in links
    assert reverse("assessments:report", args=[ended.pk]) not in links
    request.user = course_manager
    links = template.render(Context({"request": request, "session": ended}))
    assert reverse("assessments:report", args=[ended.pk]) in links
    assert reverse("assessments:bank", args=[ended.course_id]) in links
    assert reverse("assessments:l1", args=[ended.pk]) not in links


def test_the_sessions_page_links_to_the_evaluation(client, participant, ended):
    client.force_login(participant.person)
    body = client.get(reverse("training_sessions:detail", args=[ended.pk])).content.decode()
    assert reverse("assessments:l1", args=[ended.pk]) in body
    assert reverse("assessments:results", args=[ended.pk]) in body


def test_the_links_offer_a_test_while_it_is_open_and_not_taken(course, upcoming):
    bank = fill_bank(course, 2)
    nomination = add_participant(upcoming)
    template = Template("{% load evaluation %}{% evaluation_links session %}")
    request = RequestFactory().get("/")
    request.user = nomination.person
    pre = reverse("assessments:test", args=[upcoming.pk, "pre"])
    assert pre in template.render(Context({"request": request, "session": upcoming}))
    services.submit_test(nomination=nomination, kind="pre", answers=right_answers(bank))
    links = template.render(Context({"request": request, "session": upcoming}))
    assert pre not in links
    assert reverse("assessments:results", args=[upcoming.pk]) in links
    assert reverse("assessments:test", args=[upcoming.pk, "post"]) not in links
