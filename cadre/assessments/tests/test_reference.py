"""The standard questionnaires, shipped in the four languages and loaded idempotently."""

import json

import pytest
from django.utils import translation

from cadre.assessments import services
from cadre.assessments.models import Question, Questionnaire
from cadre.assessments.services.reference import QUESTIONNAIRES_FILE

pytestmark = pytest.mark.django_db
LANGUAGES = ("en", "fr", "es", "ar")


def test_the_file_has_every_text_in_the_four_languages():
    data = json.loads(QUESTIONNAIRES_FILE.read_text(encoding="utf-8"))
    assert {row["code"] for row in data["questionnaires"]} == {
        "l1-participant",
        "l1-instructor",
        "l3-participant",
        "l3-supervisor",
    }
    for row in data["questionnaires"]:
        texts = [row["title"], row["introduction"], *(question["text"] for question in row["questions"])]
        for text in texts:
            assert all(text.get(code, "").strip() for code in LANGUAGES), text
            assert len({text[code] for code in LANGUAGES}) == len(LANGUAGES), text  # translated, not copied
        keys = [question["key"] for question in row["questions"]]
        assert len(keys) == len(set(keys))


def test_loaded_by_load_reference_and_safe_to_run_again():
    # The test database was set up by load_reference.
    questions = Question.objects.count()
    assert Questionnaire.objects.count() == 4
    assert services.load_questionnaires() == 0
    assert Question.objects.count() == questions
    participant = Questionnaire.objects.get(code="l1-participant")
    kinds = set(participant.questions.values_list("kind", flat=True))
    assert kinds == {"rating", "instructor_rating", "text"}
    with translation.override("ar"):
        assert participant.title == "تقييم نهاية الدورة من قِبل المشاركين"


def test_refresh_restores_the_shipped_wording():
    question = Question.objects.get(questionnaire__code="l3-supervisor", key="change")
    Question.objects.filter(pk=question.pk).update(text_fr="Modifié", position=99)
    assert services.load_questionnaires() == 0
    assert Question.objects.get(pk=question.pk).text_fr == "Modifié"
    services.load_questionnaires(refresh=True)
    question.refresh_from_db()
    assert question.text_fr.startswith("Dans quelle mesure")
    assert question.position == 1
