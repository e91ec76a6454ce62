"""What the instructors' services share: subjects and languages as the forms give them, codes,
dates and who did what."""

import calendar
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cadre.courses.models import LANGUAGE_CODES
from cadre.instructors.models import Certification
from cadre.lib import codes

CODE_LENGTH = 12  # 60 bits
SUBJECT_FIELDS = ("crime_areas", "capabilities", "courses")


def new_certification_code() -> str:
    """A code nobody can guess, unique among certifications."""
    return codes.unguessable_code(
        CODE_LENGTH, taken=lambda code: Certification.objects.filter(code=code).exists()
    )


def normalised_code(text: str) -> str:
    """A code as typed (lower case, spaces, dashes) in the form it is stored."""
    return codes.normalised_code(text, max_length=16)


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return start.replace(year=year, month=month, day=min(start.day, calendar.monthrange(year, month)[1]))


def clean_languages(codes: Iterable[str]) -> list[str]:
    chosen = set(codes)
    unknown = chosen - set(LANGUAGE_CODES)
    if unknown:
        raise ValidationError(_("Choose languages among Arabic, English, French and Spanish."))
    return [code for code in LANGUAGE_CODES if code in chosen]


def subjects_in(values: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {name: list(values.get(name) or []) for name in SUBJECT_FIELDS}


def has_subject(subjects: Mapping[str, list[Any]]) -> bool:
    return any(subjects[name] for name in SUBJECT_FIELDS)


def set_subjects(obj: Any, subjects: Mapping[str, list[Any]]) -> None:
    for name in SUBJECT_FIELDS:
        getattr(obj, name).set(subjects[name])


def subject_codes(obj: Any) -> dict[str, list[str]]:
    """The subjects of a row, as plain values for the audit trail."""
    return {
        "crime_areas": sorted(obj.crime_areas.values_list("code", flat=True)),
        "capabilities": sorted(obj.capabilities.values_list("code", flat=True)),
        "courses": sorted(obj.courses.values_list("code", flat=True)),
    }


def required_text(text: str, message: str) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise ValidationError(message)
    return cleaned
