"""Every write to the training standards: keyword-only, atomic, authorised, audited.

editions    open_draft_edition, update_edition, update_section, add_criterion, update_criterion,
            remove_criterion, publish_edition, discard_draft_edition
guidelines  create_guideline, revise_guideline, withdraw_guideline
reference   load_standards
"""

from cadre.standards.services.editions import (
    add_criterion,
    discard_draft_edition,
    open_draft_edition,
    publish_edition,
    remove_criterion,
    update_criterion,
    update_edition,
    update_section,
)
from cadre.standards.services.guidelines import (
    create_guideline,
    revise_guideline,
    snapshot_of,
    withdraw_guideline,
)
from cadre.standards.services.reference import load_standards

__all__ = [
    "add_criterion",
    "create_guideline",
    "discard_draft_edition",
    "load_standards",
    "open_draft_edition",
    "publish_edition",
    "remove_criterion",
    "revise_guideline",
    "snapshot_of",
    "update_criterion",
    "update_edition",
    "update_section",
    "withdraw_guideline",
]
