"""The standard questionnaires (data/questionnaires.json), loaded by `load_reference`."""

import json
from pathlib import Path
from typing import Any

from django.db import models, transaction

from cadre.assessments.models import Question, Questionnaire
from cadre.courses.models import LANGUAGE_CODES

QUESTIONNAIRES_FILE = Path(__file__).resolve().parent.parent / "data" / "questionnaires.json"


def _translated(row: dict[str, Any], *names: str) -> dict[str, str]:
    values = {}
    for name in names:
        texts = row.get(name) or {}
        for code in LANGUAGE_CODES:
            values[f"{name}_{code}"] = texts.get(code, "")
    return values


def _put(
    model: type[models.Model], refresh: bool, lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[Any, bool]:
    manager = model._default_manager
    if refresh:
        return manager.update_or_create(**lookup, defaults=values)
    return manager.get_or_create(**lookup, defaults=values)


def _load_questionnaire(row: dict[str, Any], refresh: bool) -> int:
    values = {"level": row["level"], "audience": row["audience"], **_translated(row, "title", "introduction")}
    questionnaire, created = _put(Questionnaire, refresh, {"code": row["code"]}, values)
    count = int(created)
    for position, item in enumerate(row["questions"], start=1):
        question_values = {
            "position": position,
            "kind": item["kind"],
            "dimension": item["dimension"],
            "required": item["required"],
            **_translated(item, "text"),
        }
        _question, made = _put(
            Question, refresh, {"questionnaire": questionnaire, "key": item["key"]}, question_values
        )
        count += int(made)
    return count


@transaction.atomic
def load_questionnaires(*, refresh: bool = False) -> int:
    """Create the standard questionnaires and their questions (with `refresh`, overwrite them
    with the shipped values); return how many rows were created. Safe to run again."""
    data: dict[str, Any] = json.loads(QUESTIONNAIRES_FILE.read_text(encoding="utf-8"))
    return sum(_load_questionnaire(row, refresh) for row in data["questionnaires"])
