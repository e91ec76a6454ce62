"""A course's question bank: questions in the course's languages with 2 to 6 answers, one right."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cadre.assessments import models, services
from cadre.assessments.services import ChoiceInput
from cadre.assessments.tests.conftest import fill_bank
from cadre.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def choices(count=3, right=1):
    return [
        ChoiceInput(texts={"en": f"Answer {n}", "fr": f"Réponse {n}"}, is_correct=n == right)
        for n in range(1, count + 1)
    ]


def add(course, by, **values):
    values.setdefault("texts", {"en": "What is a Red Notice?", "fr": "Qu'est-ce qu'une notice rouge ?"})
    values.setdefault("choices", choices())
    return services.add_test_question(course=course, by=by, **values)


def test_a_question_in_the_courses_languages(course, course_manager):
    question = add(course, course_manager)
    assert (question.position, question.is_active) == (1, True)
    assert question.text_fr == "Qu'est-ce qu'une notice rouge ?"
    assert [c.is_correct for c in question.choices.order_by("position")] == [True, False, False]
    assert add(course, course_manager).position == 2
    assert AuditEntry.objects.filter(action="assessments.bank_question_added").count() == 2


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"choices": choices(1)}, "from 2 to 6 answers"),
        ({"choices": choices(7)}, "from 2 to 6 answers"),
        ({"choices": choices(3, right=0)}, "exactly one answer"),
        (
            {"choices": [*choices(2), ChoiceInput(texts={"en": "Also", "fr": "Aussi"}, is_correct=True)]},
            "exactly one",
        ),
        ({"texts": {"en": "English only"}}, "Write the question in French"),
        (
            {"choices": [*choices(2), ChoiceInput(texts={"en": "Only English"}, is_correct=False)]},
            "every answer in French",
        ),
    ],
)
def test_bad_questions_are_refused(course, course_manager, values, message):
    with pytest.raises(ValidationError, match=message):
        add(course, course_manager, **values)
    assert not models.TestQuestion.objects.exists()


def test_only_those_who_look_after_the_course(course, learner, ncb_officer):
    for person in (learner, ncb_officer):
        with pytest.raises(PermissionDenied):
            add(course, person)
        with pytest.raises(PermissionDenied):
            services.update_bank(course=course, by=person, questions_per_test=5)


def test_changing_a_question_keeps_its_answer_rows(course, course_manager):
    question = add(course, course_manager)
    ids = list(question.choices.order_by("position").values_list("pk", flat=True))
    services.change_test_question(
        question=question,
        by=course_manager,
        texts={"en": "Changed", "fr": "Modifiée"},
        choices=choices(2, right=2),
        position=4,
        is_active=False,
    )
    question.refresh_from_db()
    assert (question.text_en, question.position, question.is_active) == ("Changed", 4, False)
    assert list(question.choices.order_by("position").values_list("pk", "is_correct")) == [
        (ids[0], False),
        (ids[1], True),
    ]
    entry = AuditEntry.objects.get(action="assessments.bank_question_changed")
    assert set(entry.changes) >= {"text_en", "position", "is_active", "answers"}


def test_questions_per_test(course, course_manager):
    assert (
        services.update_bank(course=course, by=course_manager, questions_per_test=5).questions_per_test == 5
    )
    with pytest.raises(ValidationError):
        services.update_bank(course=course, by=course_manager, questions_per_test=0)


def test_the_bank_page_and_its_forms(client, course, course_manager, django_assert_max_num_queries):
    fill_bank(course, 60)
    client.force_login(course_manager)
    url = reverse("assessments:bank", args=[course.pk])
    with django_assert_max_num_queries(14):
        page = client.get(url)
    assert page.status_code == 200
    assert "Question 1?" in page.content.decode()
    assert "Page 1 of 2" in page.content.decode()

    assert client.post(url, {"questions_per_test": "0"}).status_code == 400
    assert client.post(url, {"questions_per_test": "12"}).status_code == 302
    assert models.QuestionBank.objects.get(course=course).questions_per_test == 12

    new = reverse("assessments:bank_add_question", args=[course.pk])
    assert client.get(new).status_code == 200
    form = {
        "position": "0",
        "is_active": "on",
        "correct": "2",
        "text_en": "Which notice seeks the arrest of a wanted person?",
        "text_fr": "Quelle notice vise l'arrestation d'une personne recherchée ?",
        "choice_1_en": "Yellow",
        "choice_1_fr": "Jaune",
        "choice_2_en": "Red",
        "choice_2_fr": "Rouge",
    }
    refused = client.post(new, {**form, "choice_2_fr": ""})
    assert refused.status_code == 400
    assert "Write this answer in every language" in refused.content.decode()
    assert client.post(new, {**form, "correct": "3"}).status_code == 400
    assert client.post(new, form).status_code == 302
    question = models.TestQuestion.objects.get(text_en__startswith="Which notice")
    assert question.position == 61
    assert question.choices.get(is_correct=True).text_fr == "Rouge"

    edit = reverse("assessments:bank_question", args=[question.pk])
    shown = client.get(edit).content.decode()
    assert 'value="Rouge"' in shown
    assert 'lang="fr"' in shown
    assert client.post(edit, {**form, "is_active": "", "position": "3"}).status_code == 302
    question.refresh_from_db()
    assert (question.is_active, question.position) == (False, 3)


def test_the_bank_pages_refuse_others(client, course, learner):
    question = fill_bank(course, 1).questions.get()
    client.force_login(learner)
    assert client.get(reverse("assessments:bank", args=[course.pk])).status_code == 403
    assert client.get(reverse("assessments:bank_question", args=[question.pk])).status_code == 403
    assert client.get(reverse("assessments:bank_question", args=[question.pk + 999])).status_code == 404
    assert client.get(reverse("assessments:bank", args=[course.pk + 999])).status_code == 404
