"""The admin pages of the evaluation's models open; answers and attempts are read-only there."""

import pytest
from django.urls import reverse

from cadre.assessments import models
from cadre.assessments.tests.conftest import add_participant, days, fill_bank

pytestmark = pytest.mark.django_db


def test_the_admin_pages_open(client, administrator, course, ended):
    administrator.is_superuser = True
    administrator.save(update_fields=["is_superuser"])
    nomination = add_participant(ended)
    fill_bank(course, 1)
    follow_up = models.FollowUp.objects.create(nomination=nomination, due_on=days(0), supervisor_key="a" * 43)
    models.TestAttempt.objects.create(session=ended, nomination=nomination, kind="post", score_percent=50)
    client.force_login(administrator)
    # Questions are edited within their questionnaire, answers within their question.
    for name in (
        "questionnaire",
        "evaluationresponse",
        "questionbank",
        "testquestion",
        "testattempt",
        "followup",
    ):
        assert client.get(reverse(f"admin:assessments_{name}_changelist")).status_code == 200, name
    questionnaire = models.Questionnaire.objects.get(code="l1-participant")
    page = client.get(reverse("admin:assessments_questionnaire_change", args=[questionnaire.pk]))
    assert "text_ar" in page.content.decode()
    followup = client.get(reverse("admin:assessments_followup_change", args=[follow_up.pk])).content.decode()
    assert "a" * 43 not in followup  # the supervisor's key is not shown
    assert client.get(reverse("admin:assessments_testattempt_add")).status_code == 403
