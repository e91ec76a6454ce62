"""A course's question bank: how many questions each test asks, and the questions themselves,
each with two to six answers of which exactly one is right, written in the course's languages."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.assessments import permissions
from cadre.assessments.models import QuestionBank, TestChoice, TestQuestion
from cadre.audit import services as audit
from cadre.courses.models import LANGUAGE_CODES, Course

MIN_CHOICES = 2
MAX_CHOICES = 6
MAX_QUESTIONS_PER_TEST = 100
LANGUAGE_NAMES = dict(settings.LANGUAGES)


@dataclass(frozen=True)
class ChoiceInput:
    texts: Mapping[str, str]
    is_correct: bool


def bank_languages(course: Course) -> list[str]:
    """The languages a bank's texts are written in: the course's (English when it names none)."""
    return course.languages or ["en"]


def _language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


def _check(texts: Mapping[str, str], choices: Sequence[ChoiceInput], languages: list[str]) -> None:
    errors = []
    if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
        errors.append(_("A question has from 2 to 6 answers."))
    if sum(1 for choice in choices if choice.is_correct) != 1:
        errors.append(_("Mark exactly one answer as the right one."))
    for code in languages:
        if not (texts.get(code) or "").strip():
            errors.append(_("Write the question in %(language)s.") % {"language": _language_name(code)})
        if any(not (choice.texts.get(code) or "").strip() for choice in choices):
            errors.append(_("Write every answer in %(language)s.") % {"language": _language_name(code)})
    if errors:
        raise ValidationError(errors)


def _authorise(by: User, course: Course) -> None:
    if not permissions.can_edit_bank(by, course):
        raise PermissionDenied


def _set_texts(row: TestQuestion | TestChoice, texts: Mapping[str, str], languages: list[str]) -> None:
    for code in LANGUAGE_CODES:
        if code in languages:
            setattr(row, f"text_{code}", (texts.get(code) or "").strip())


def bank_for(course: Course) -> QuestionBank:
    bank, _created = QuestionBank.objects.get_or_create(course=course)
    return bank


@transaction.atomic
def update_bank(*, course: Course, by: User, questions_per_test: int) -> QuestionBank:
    _authorise(by, course)
    if not 1 <= questions_per_test <= MAX_QUESTIONS_PER_TEST:
        raise ValidationError(_("A test asks from 1 to 100 questions."))
    bank = QuestionBank.objects.select_for_update().get(pk=bank_for(course).pk)
    before = bank.questions_per_test
    if before != questions_per_test:
        bank.questions_per_test = questions_per_test
        bank.save(update_fields=["questions_per_test", "updated_at"])
        audit.record(
            actor=by,
            action="assessments.bank_changed",
            target=bank,
            changes={"questions_per_test": (before, questions_per_test)},
        )
    return bank


def _save_choices(question: TestQuestion, choices: Sequence[ChoiceInput], languages: list[str]) -> None:
    """Keep the question's answers in the order given, changing the existing rows in place (an
    attempt's answers name them), adding or removing rows as needed."""
    existing = list(question.choices.order_by("position", "pk"))
    for position, data in enumerate(choices, start=1):
        row = existing[position - 1] if position <= len(existing) else TestChoice(question=question)
        row.position = position
        row.is_correct = data.is_correct
        _set_texts(row, data.texts, languages)
        row.save()
    for row in existing[len(choices) :]:
        row.delete()


def _snapshot(question: TestQuestion) -> dict[str, object]:
    return {
        "position": question.position,
        "is_active": question.is_active,
        **{f"text_{code}": getattr(question, f"text_{code}") for code in LANGUAGE_CODES},
        "answers": [
            [choice.is_correct, *(getattr(choice, f"text_{code}") for code in LANGUAGE_CODES)]
            for choice in question.choices.order_by("position", "pk")
        ],
    }


@transaction.atomic
def add_test_question(
    *,
    course: Course,
    by: User,
    texts: Mapping[str, str],
    choices: Sequence[ChoiceInput],
    position: int | None = None,
    is_active: bool = True,
) -> TestQuestion:
    _authorise(by, course)
    languages = bank_languages(course)
    _check(texts, choices, languages)
    bank = bank_for(course)
    if position is None:
        last = bank.questions.order_by("-position").values_list("position", flat=True).first()
        position = (last or 0) + 1
    question = TestQuestion(bank=bank, position=position, is_active=is_active)
    _set_texts(question, texts, languages)
    question.save()
    _save_choices(question, choices, languages)
    audit.record(
        actor=by,
        action="assessments.bank_question_added",
        target=question,
        changes={name: (None, value) for name, value in _snapshot(question).items()},
    )
    return question


@transaction.atomic
def change_test_question(
    *,
    question: TestQuestion,
    by: User,
    texts: Mapping[str, str],
    choices: Sequence[ChoiceInput],
    position: int,
    is_active: bool,
) -> TestQuestion:
    question = (
        TestQuestion.objects.select_for_update(of=("self",))
        .select_related("bank__course")
        .get(pk=question.pk)
    )
    course = question.bank.course
    _authorise(by, course)
    languages = bank_languages(course)
    _check(texts, choices, languages)
    before = _snapshot(question)
    question.position = position
    question.is_active = is_active
    _set_texts(question, texts, languages)
    question.save()
    _save_choices(question, choices, languages)
    audit.record(
        actor=by,
        action="assessments.bank_question_changed",
        target=question,
        changes=audit.diff(before, _snapshot(question)),
    )
    return question
