"""What can be wrong with an import file or one of its rows, said in the reader's language.

Problems are stored as a code and its values (`[code, {name: value}]`), never as text, so that
each reader sees them in their own language.
"""

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Problem = list[Any]  # [code, params], as stored in JSON

MESSAGES: dict[str, Promise] = {
    # The whole file
    "too_large": _("The file is larger than %(limit)s. Split it into smaller files."),
    "empty": _("The file is empty."),
    "file_missing": _("The uploaded file is no longer stored. Upload it again."),
    "unknown_type": _(
        "The file is neither a CSV file in UTF-8 nor an Excel workbook (.xlsx). "
        "Save it as “CSV UTF-8” or as an Excel workbook and try again."
    ),
    "bad_xlsx": _("The Excel workbook could not be read. Save it again as an .xlsx workbook and try again."),
    "zip_bomb": _("The workbook would expand to more than %(limit)s. It is refused."),
    "bad_csv": _("The CSV file could not be read: check its quotes and separators."),
    "no_header": _("The first row must name the columns, e.g. %(columns)s."),
    "missing_columns": _("Required columns are missing: %(columns)s."),
    "unknown_columns": _("Unknown columns: %(columns)s. Use the column names of the template."),
    "duplicate_columns": _("These columns appear more than once: %(columns)s."),
    "no_rows": _("The file has no officials below its header row."),
    "too_many_rows": _("The file has more than %(limit)s rows. Split it into several files."),
    "import_refused": _("Row %(row)s could not be imported: %(reason)s Nothing was imported."),
    "import_error": _("The import stopped because of an unexpected error. Nothing was imported; try again."),
    # One row
    "required": _("%(column)s is required."),
    "too_long": _("%(column)s is longer than %(limit)s characters."),
    "email_invalid": _("“%(value)s” is not a valid e-mail address."),
    "email_duplicate": _("The same e-mail address is already on row %(row)s."),
    "email_other_country": _("This e-mail address belongs to a person registered in another country."),
    "agency_unknown": _(
        "No agency “%(value)s” in this country. Use the name or acronym of an agency listed in the directory."
    ),
    "agency_ambiguous": _("“%(value)s” matches several agencies. Use the agency's full name."),
    "gender_invalid": _("Gender must be female, male or undisclosed, not “%(value)s”."),
    "language_invalid": _("Preferred language must be ar, en, fr or es, not “%(value)s”."),
}


def problem(code: str, **params: Any) -> Problem:
    if code not in MESSAGES:
        raise KeyError(code)
    return [code, params]


def explain(stored: Problem) -> str:
    """The problem as a sentence in the active language."""
    code, params = stored
    message = MESSAGES.get(code)
    if message is None:
        return str(code)
    return str(message) % params


class FileProblem(Exception):
    """The file as a whole cannot be used."""

    def __init__(self, code: str, **params: Any) -> None:
        self.stored = problem(code, **params)
        super().__init__(code)

    def __str__(self) -> str:
        return explain(self.stored)
