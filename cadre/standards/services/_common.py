"""What the standards' services share: the translated columns and the checks on who may write."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.courses.models import LANGUAGE_CODES
from cadre.standards import permissions
from cadre.standards.models import Edition

EDITION_TEXTS = ("title", "introduction", "change_note")
SECTION_TEXTS = ("title", "introduction")
CRITERION_TEXTS = ("title", "requirement", "guidance")


def columns(names: Iterable[str]) -> tuple[str, ...]:
    """The column of each translated field in each of the four languages."""
    return tuple(f"{name}_{code}" for name in names for code in LANGUAGE_CODES)


def apply(obj: Any, values: Mapping[str, Any], names: Iterable[str]) -> None:
    """Copy the given values onto `obj` (texts as stripped strings, empty rather than None)."""
    for name in names:
        if name in values:
            value = values[name]
            setattr(obj, name, value.strip() if isinstance(value, str) else value)


def text_or_empty(value: Any) -> str:
    return str(value or "").strip()


def english(obj: Any, name: str) -> str:
    """The English text of a translated field (what the other languages fall back to)."""
    return str(getattr(obj, f"{name}_en", "") or "").strip()


def require_english(values: Mapping[str, Any], *names: str) -> None:
    """English is the language every other falls back to: the named texts must be there."""
    if any(not text_or_empty(values.get(f"{name}_en")) for name in names):
        raise ValidationError(_("Write the title and the requirement in English at least."))


def authorise_draft(edition: Edition, by: User | None, *, check_permission: bool = True) -> None:
    """Only a draft changes, and only in the hands of those who edit the standards."""
    if check_permission and not permissions.can_edit_standards(by):  # type: ignore[arg-type]
        raise PermissionDenied
    if edition.status != Edition.Status.DRAFT:
        raise ValidationError(
            _(
                "Only a draft edition can be changed; an edition in force or superseded stays as it was published."
            )
        )
