"""Bad input on the evaluation pages: the questionnaires (level 1, level 3 and the supervisor's
private page), the tests, and a course's question bank. None is a server error; a refusal
changes nothing; what a field must refuse is refused."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from cadre.accounts.models import User
from cadre.assessments import models
from cadre.assessments.models import FollowUp, Questionnaire
from cadre.assessments.tests.conftest import (
    add_instructor,
    add_participant,
    fill_bank,
    make_session,
    right_answers,
)
from cadre.courses.models import Course
from cadre.training_sessions.models import Session
from tests.bad_input import Probe, probe_addresses

pytestmark = pytest.mark.django_db


def ratings(code: str, rating: str = "4") -> dict[str, str]:
    questionnaire = Questionnaire.objects.get(code=code)
    return {question.key: rating for question in questionnaire.questions.filter(kind="rating", required=True)}


def comment_keys(code: str) -> list[str]:
    return list(
        Questionnaire.objects.get(code=code).questions.filter(kind="text").values_list("key", flat=True)
    )


def kinds_of(code: str, extra: dict[str, Any]) -> dict[str, str]:
    questionnaire = Questionnaire.objects.get(code=code)
    kinds = {question.key: "choice" for question in questionnaire.questions.filter(kind="rating")}
    kinds |= {key: "text" for key in comment_keys(code)}
    return {**kinds, **{key: "choice" for key in extra}}


def test_level_1(client: Client, ended: Session) -> None:
    link = add_instructor(ended)
    person = add_participant(ended).person
    base = {**ratings("l1-participant"), f"instructor-{link.assignment_id}": "4"}
    client.force_login(person)
    probe = Probe(client, reverse("assessments:l1", args=[ended.pk]))
    probe.fields("post", base, kinds_of("l1-participant", base))
    assert not probe.problems, probe.report()


@pytest.fixture
def completed(course: Course) -> Session:
    return make_session(
        course, status=Session.Status.COMPLETED, starts=-92, length=3, follow_up_after_days=90
    )


def test_level_3_by_the_participant(client: Client, completed: Session) -> None:
    nomination = add_participant(completed)
    FollowUp.objects.create(nomination=nomination, due_on=completed.ends_on, supervisor_key="r" * 43)
    client.force_login(nomination.person)
    probe = Probe(client, reverse("assessments:l3", args=[completed.pk]))
    base = ratings("l3-participant")
    probe.fields("post", base, kinds_of("l3-participant", base))
    assert not probe.problems, probe.report()


def test_level_3_by_the_supervisor(client: Client, completed: Session) -> None:
    nomination = add_participant(completed)
    FollowUp.objects.create(
        nomination=nomination,
        due_on=completed.ends_on,
        supervisor_email="chef@police.example",
        supervisor_key="p" * 43,
    )
    probe = Probe(client, reverse("assessments:l3_supervisor", args=["p" * 43]))
    base = ratings("l3-supervisor")
    probe.fields("post", base, kinds_of("l3-supervisor", base))
    assert not probe.problems, probe.report()


def test_a_test_with_answers_of_other_questions(client: Client, course: Course, upcoming: Session) -> None:
    bank = fill_bank(course, 2)
    answers = right_answers(bank)
    first, second = sorted(answers)
    person = add_participant(upcoming).person
    client.force_login(person)
    probe = Probe(client, reverse("assessments:test", args=[upcoming.pk, "pre"]))
    kinds = dict.fromkeys(answers, "id")
    foreign = {
        first: [answers[second]],
        second: [models.TestChoice.objects.filter(question_id=first).last().pk],
    }  # type: ignore[union-attr]
    probe.fields("post", answers, kinds, foreign=foreign)
    assert not probe.problems, probe.report()


def test_the_banks_size(client: Client, course: Course, course_manager: User) -> None:
    client.force_login(course_manager)
    probe = Probe(client, reverse("assessments:bank", args=[course.pk]))
    probe.fields("post", {"questions_per_test": "12"}, {"questions_per_test": "number"})
    probe.query_strings()
    assert not probe.problems, probe.report()


QUESTION = {
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
QUESTION_KINDS = {
    "position": "number",
    "is_active": "any",
    "correct": "choice",
    "text_en": "required_text",
    "text_fr": "required_text",
    "choice_1_en": "text",
    "choice_2_fr": "text",
    "choice_3_en": "any",
}


def test_adding_a_question(client: Client, course: Course, course_manager: User) -> None:
    client.force_login(course_manager)
    probe = Probe(client, reverse("assessments:bank_add_question", args=[course.pk]))
    probe.fields("post", QUESTION, QUESTION_KINDS)
    assert not probe.problems, probe.report()


def test_changing_a_question(client: Client, course: Course, course_manager: User) -> None:
    question = fill_bank(course, 1).questions.get()
    client.force_login(course_manager)
    probe = Probe(client, reverse("assessments:bank_question", args=[question.pk]))
    probe.fields("post", QUESTION, QUESTION_KINDS)
    assert not probe.problems, probe.report()


@pytest.mark.parametrize("method", ["get", "post"])
def test_addresses_with_ids_past_any_integer_or_nul_bytes_are_not_found(
    client: Client, administrator: User, method: str
) -> None:
    client.force_login(administrator)
    probe = probe_addresses(client, "assessments", method)
    assert not probe.problems, probe.report()
