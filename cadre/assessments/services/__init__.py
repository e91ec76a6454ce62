"""Every write about evaluation. Other apps import from here (`from cadre.assessments.services
import submit_test`)."""

from cadre.assessments.services.attempts import submit_test
from cadre.assessments.services.banks import (
    ChoiceInput,
    add_test_question,
    bank_for,
    bank_languages,
    change_test_question,
    update_bank,
)
from cadre.assessments.services.evaluations import (
    clean_answers,
    refresh_instructor_ratings,
    submit_evaluation,
    submit_supervisor_evaluation,
)
from cadre.assessments.services.follow_ups import create_due_follow_ups, unsent_follow_ups
from cadre.assessments.services.reference import load_questionnaires

__all__ = [
    "ChoiceInput",
    "add_test_question",
    "bank_for",
    "bank_languages",
    "change_test_question",
    "clean_answers",
    "create_due_follow_ups",
    "load_questionnaires",
    "refresh_instructor_ratings",
    "submit_evaluation",
    "submit_supervisor_evaluation",
    "submit_test",
    "unsent_follow_ups",
    "update_bank",
]
