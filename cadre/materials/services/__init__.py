"""Every write about training material. Other apps import from here
(`from cadre.materials.services import load_demo_materials`)."""

from cadre.materials.services.demo import load_demo_materials
from cadre.materials.services.reviews import (
    Finding,
    choose_criteria,
    decide_review,
    record_findings,
    start_review,
)
from cadre.materials.services.submission import (
    check_file,
    families_for,
    max_bytes_for,
    submit_material,
    submit_version,
    withdraw_version,
)

__all__ = [
    "Finding",
    "check_file",
    "choose_criteria",
    "decide_review",
    "families_for",
    "load_demo_materials",
    "max_bytes_for",
    "record_findings",
    "start_review",
    "submit_material",
    "submit_version",
    "withdraw_version",
]
