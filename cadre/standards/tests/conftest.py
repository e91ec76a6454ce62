"""Fixtures for the standards: the shipped Guide (loaded with the reference data), a draft
edition opened from it, and the personas who may not change them."""

from typing import Any

import pytest

from cadre.accounts.models import User
from cadre.directory.models import Country
from cadre.standards import selectors, services
from cadre.standards.models import Edition, Guideline
from conftest import person_with


@pytest.fixture
def instructor(kenya: Country) -> User:
    return person_with("instructor", country=kenya)


@pytest.fixture
def guide(db: None) -> Edition:
    """The edition of the Guide in force: the shipped first edition."""
    edition = selectors.edition_in_force()
    assert edition is not None
    return edition


@pytest.fixture
def draft(guide: Edition, quality_officer: User) -> Edition:
    return services.open_draft_edition(by=quality_officer)


@pytest.fixture
def human_rights(db: None) -> Guideline:
    return Guideline.objects.get(code="human-rights-in-police-training")


def criterion_values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title_en": "Online safety of participants",
        "requirement_en": "Online sessions protect participants' identities.",
        "guidance_en": "Use the organisation's platform and hide participants' names from recordings.",
        "title_fr": "Sécurité en ligne des participants",
        "number": "4.5",
        "sat_step": "delivery",
        "applies_to_material": False,
    }
    values.update(overrides)
    return values
