"""Checking every row of a file against the directory and the people already registered.

What the checks need from the database (the country's agencies, the people who already hold
the file's e-mail addresses) is read once per file, not once per row.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from cadre.accounts.models import User
from cadre.directory.models import Agency, Country
from cadre.imports.files import COLUMNS, RowValues
from cadre.imports.models import ImportRow
from cadre.imports.problems import Problem, problem

GENDERS = {choice.value for choice in User.Gender}
LANGUAGES = {code for code, _name in settings.LANGUAGES}
EMAIL_LOOKUP_CHUNK = 500


@dataclass(frozen=True)
class CheckedRow:
    number: int
    values: RowValues
    errors: list[Problem]
    outcome: str
    agency_id: int | None


def agency_index(country: Country) -> dict[str, set[int]]:
    """The country's active agencies by lower-cased name and acronym."""
    index: dict[str, set[int]] = defaultdict(set)
    rows = Agency.objects.filter(country=country, is_active=True).values_list("pk", "name", "acronym")
    for pk, name, acronym in rows:
        index[name.strip().casefold()].add(pk)
        if acronym:
            index[acronym.strip().casefold()].add(pk)
    return dict(index)


def countries_of_emails(emails: Iterable[str]) -> dict[str, int | None]:
    """For each of `emails` already registered, the country of its holder."""
    wanted = sorted(set(emails))
    found: dict[str, int | None] = {}
    for start in range(0, len(wanted), EMAIL_LOOKUP_CHUNK):
        chunk = wanted[start : start + EMAIL_LOOKUP_CHUNK]
        found.update(User.objects.filter(email__in=chunk).values_list("email", "country_id"))
    return found


@dataclass
class RowChecker:
    country: Country
    agencies: dict[str, set[int]]
    registered: dict[str, int | None]
    first_row_of_email: dict[str, int] = field(default_factory=dict)

    @classmethod
    def for_rows(cls, country: Country, rows: list[tuple[int, RowValues]]) -> "RowChecker":
        emails = [values["email"].lower() for _number, values in rows if values["email"]]
        return cls(country=country, agencies=agency_index(country), registered=countries_of_emails(emails))

    def check(self, number: int, raw: RowValues) -> CheckedRow:
        values = normalised(raw)
        errors = [*lengths_exceeded(values), *required_missing(values)]
        errors += self._email_errors(number, values["email"])
        agency_id, agency_errors = self._agency(values["agency"])
        errors += agency_errors + choice_errors(values)
        return CheckedRow(number, values, errors, self._outcome(values["email"], errors), agency_id)

    def _email_errors(self, number: int, email: str) -> list[Problem]:
        if not email:
            return []
        try:
            validate_email(email)
        except ValidationError:
            return [problem("email_invalid", value=email)]
        first = self.first_row_of_email.setdefault(email, number)
        if first != number:
            return [problem("email_duplicate", row=first)]
        if email in self.registered and self.registered[email] != self.country.pk:
            return [problem("email_other_country")]
        return []

    def _agency(self, name: str) -> tuple[int | None, list[Problem]]:
        if not name:
            return None, []
        matches = self.agencies.get(name.casefold(), set())
        if not matches:
            return None, [problem("agency_unknown", value=name)]
        if len(matches) > 1:
            return None, [problem("agency_ambiguous", value=name)]
        return next(iter(matches)), []

    def _outcome(self, email: str, errors: list[Problem]) -> str:
        if errors:
            return ImportRow.Outcome.INVALID
        if email in self.registered:
            return ImportRow.Outcome.PRESENT
        return ImportRow.Outcome.VALID


def normalised(raw: RowValues) -> RowValues:
    values = dict(raw)
    values["email"] = values["email"].lower()
    values["gender"] = values["gender"].lower() or User.Gender.UNDISCLOSED
    values["preferred_language"] = values["preferred_language"].lower() or "en"
    return values


def required_missing(values: RowValues) -> list[Problem]:
    return [
        problem("required", column=column.code)
        for column in COLUMNS
        if column.required and not values[column.code]
    ]


def lengths_exceeded(values: RowValues) -> list[Problem]:
    return [
        problem("too_long", column=column.code, limit=column.max_length)
        for column in COLUMNS
        if len(values[column.code]) > column.max_length
    ]


def choice_errors(values: RowValues) -> list[Problem]:
    errors = []
    if values["gender"] not in GENDERS:
        errors.append(problem("gender_invalid", value=values["gender"][:20]))
    if values["preferred_language"] not in LANGUAGES:
        errors.append(problem("language_invalid", value=values["preferred_language"][:20]))
    return errors
