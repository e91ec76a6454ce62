"""The shipped levels, pathway stages and rubric (data/pathway.json), loaded by `load_reference`."""

import json
from pathlib import Path
from typing import Any

from django.db import models, transaction

from cadre.courses.models import LANGUAGE_CODES
from cadre.instructors.models import Level, PathwayStage, Rubric, RubricCriterion

PATHWAY_FILE = Path(__file__).resolve().parent.parent / "data" / "pathway.json"


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


def _load_rubric(row: dict[str, Any], refresh: bool) -> tuple[Rubric, int]:
    rubric, created = _put(Rubric, refresh, {"code": row["code"]}, _translated(row, "name", "description"))
    count = int(created)
    for position, item in enumerate(row["criteria"], start=1):
        values = {"position": position, **_translated(item, "name", "description")}
        _criterion, made = _put(RubricCriterion, refresh, {"rubric": rubric, "code": item["code"]}, values)
        count += int(made)
    return rubric, count


def _load_level(row: dict[str, Any], rubrics: dict[str, Rubric], refresh: bool) -> int:
    values = {
        "rank": row["rank"],
        "validity_months": row["validity_months"],
        "rubric": rubrics.get(row.get("rubric") or ""),
        "renewal_deliveries": row["renewal_deliveries"],
        "renewal_needs_refresher": row["renewal_needs_refresher"],
        **_translated(row, "name", "description", "renewal_requirements"),
    }
    level, created = _put(Level, refresh, {"code": row["code"]}, values)
    count = int(created)
    for position, item in enumerate(row["stages"], start=1):
        stage_values = {
            "position": position,
            "kind": item["kind"],
            "evidence_required": item.get("evidence_required", True),
            **_translated(item, "name", "description"),
        }
        _stage, made = _put(PathwayStage, refresh, {"level": level, "code": item["code"]}, stage_values)
        count += int(made)
    return count


@transaction.atomic
def load_pathway(*, refresh: bool = False) -> int:
    """Create the shipped rubrics, levels and stages (with `refresh`, overwrite them with the
    shipped values); return how many rows were created. Safe to run again."""
    data: dict[str, Any] = json.loads(PATHWAY_FILE.read_text(encoding="utf-8"))
    created = 0
    rubrics: dict[str, Rubric] = {}
    for row in data["rubrics"]:
        rubrics[row["code"]], count = _load_rubric(row, refresh)
        created += count
    for row in data["levels"]:
        created += _load_level(row, rubrics, refresh)
    return created
