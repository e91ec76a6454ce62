"""The shipped first edition of the Guide (data/guide.json) and the directives and guidelines
(data/guidelines.json), loaded by `load_reference`."""

import json
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from cadre.courses.models import LANGUAGE_CODES
from cadre.standards.models import Criterion, Edition, Guideline, GuidelineVersion, Section
from cadre.standards.services._common import CRITERION_TEXTS, SECTION_TEXTS
from cadre.standards.services.guidelines import snapshot_of

DATA = Path(__file__).resolve().parent.parent / "data"
GUIDE_FILE = DATA / "guide.json"
GUIDELINES_FILE = DATA / "guidelines.json"


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


def _load_section(edition: Edition, row: dict[str, Any], refresh: bool) -> int:
    section, created = _put(
        Section, refresh, {"edition": edition, "number": row["number"]}, _translated(row, *SECTION_TEXTS)
    )
    count = int(created)
    for item in row["criteria"]:
        values = {
            "section": section,
            "number": item["number"],
            "position": int(item["number"].split(".")[1]),
            "sat_step": item.get("sat_step") or "",
            "applies_to_material": bool(item.get("applies_to_material")),
            **_translated(item, *CRITERION_TEXTS),
        }
        _criterion, made = _put(Criterion, refresh, {"edition": edition, "key": item["key"]}, values)
        count += int(made)
    return count


def _load_guide(data: dict[str, Any], refresh: bool) -> int:
    """The shipped edition, in force, when there is no edition yet; with `refresh`, its texts
    are written again. An organisation's own editions are never touched."""
    edition = Edition.objects.filter(number=data["number"]).first()
    texts = _translated(data, "title", "introduction")
    if edition is None:
        if Edition.objects.exists():
            return 0
        since = timezone.make_aware(datetime.combine(date.fromisoformat(data["in_force_since"]), time(9)))
        edition = Edition.objects.create(
            number=data["number"], status=Edition.Status.PUBLISHED, published_at=since, **texts
        )
        created = 1
    elif refresh:
        Edition.objects.filter(pk=edition.pk).update(**texts)
        created = 0
    else:
        return 0
    return created + sum(_load_section(edition, row, refresh) for row in data["sections"])


def _load_guideline(row: dict[str, Any], refresh: bool) -> int:
    """A shipped directive or guideline; `refresh` rewrites only those nobody has revised since
    (still at version 1), so that revisions made in Cadre are kept."""
    values = {
        "kind": row["kind"],
        "in_force_since": date.fromisoformat(row["in_force_since"]),
        **_translated(row, "title", "summary", "body"),
    }
    existing = Guideline.objects.filter(code=row["code"]).first()
    if existing is not None and not (refresh and existing.version == 1):
        return 0
    guideline, created = Guideline.objects.update_or_create(code=row["code"], defaults=values)
    GuidelineVersion.objects.update_or_create(
        guideline=guideline,
        number=1,
        defaults={"in_force_since": guideline.in_force_since, "snapshot": snapshot_of(guideline)},
    )
    return int(created) * 2


@transaction.atomic
def load_standards(*, refresh: bool = False) -> int:
    """Create the shipped Guide and directives and guidelines (with `refresh`, overwrite them
    with the shipped texts); return how many rows were created. Safe to run again."""
    guide: dict[str, Any] = json.loads(GUIDE_FILE.read_text(encoding="utf-8"))
    guidelines: dict[str, Any] = json.loads(GUIDELINES_FILE.read_text(encoding="utf-8"))
    created = _load_guide(guide, refresh)
    for row in guidelines["guidelines"]:
        created += _load_guideline(row, refresh)
    return created
