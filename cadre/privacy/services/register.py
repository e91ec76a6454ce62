"""The register of processing activities, shipped in data/processing_activities.json."""

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from cadre.privacy.models import ProcessingActivity

REGISTER_FILE = Path(__file__).resolve().parents[1] / "data" / "processing_activities.json"
TRANSLATED = (
    "name",
    "purpose",
    "legal_basis",
    "data_categories",
    "data_subjects",
    "recipients",
    "retention",
    "controller",
)


def _values(row: dict[str, Any], order: int) -> dict[str, Any]:
    values: dict[str, Any] = {"order": order}
    for field in TRANSLATED:
        for code, _name in settings.LANGUAGES:
            values[f"{field}_{code}"] = row[field][code]
    return values


@transaction.atomic
def load_processing_activities(*, refresh: bool = False) -> int:
    """Create the shipped entries missing from the register (with `refresh`, overwrite those
    edited in the admin too); return how many were created."""
    rows: list[dict[str, Any]] = json.loads(REGISTER_FILE.read_text(encoding="utf-8"))
    created_count = 0
    for order, row in enumerate(rows, start=1):
        manager = ProcessingActivity.objects
        put = manager.update_or_create if refresh else manager.get_or_create
        _activity, created = put(code=row["code"], defaults=_values(row, order))
        created_count += int(created)
    return created_count
