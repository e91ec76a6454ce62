"""Reading an uploaded list of officials: CSV (UTF-8, with or without BOM) or Excel (.xlsx).

The type is decided by the content, never by the name. A workbook is a zip archive: its members'
sizes are checked before anything is decompressed, so that a small file cannot expand into an
enormous one (a zip bomb).
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cadre.imports.problems import FileProblem


@dataclass(frozen=True)
class Column:
    code: str
    required: bool
    max_length: int
    description: str | Promise


COLUMNS: tuple[Column, ...] = (
    Column("email", True, 254, _("Official e-mail address; it becomes the person's sign-in.")),
    Column("given_names", True, 150, _("Given names, as in the passport.")),
    Column("family_name", True, 150, _("Family name, as in the passport.")),
    Column(
        "agency", True, 200, _("Name or acronym of an agency of the country, as listed in the directory.")
    ),
    Column("rank", False, 120, _("Rank, e.g. Inspector.")),
    Column("position", False, 150, _("Position or function.")),
    Column("gender", False, 12, _("female, male or undisclosed (empty: undisclosed).")),
    Column("preferred_language", False, 5, _("ar, en, fr or es: the language of the person's e-mails.")),
)
COLUMN_CODES = tuple(column.code for column in COLUMNS)
REQUIRED_CODES = tuple(column.code for column in COLUMNS if column.required)

HEADER_ALIASES = {"e_mail": "email"}
MAX_ROWS = 50_000
ZIP_MAGIC = b"PK\x03\x04"
WORKBOOK_CONTENT_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_MEMBER_RATIO = 200
RATIO_CHECKED_ABOVE = 1024 * 1024
MAX_MEMBERS = 500

RowValues = dict[str, str]


@dataclass(frozen=True)
class Table:
    """The data rows of a file, each with its row number as a spreadsheet shows it."""

    rows: list[tuple[int, RowValues]]


def detect_format(data: bytes) -> str:
    """'xlsx' or 'csv', by content; raises FileProblem for anything else."""
    if not data:
        raise FileProblem("empty")
    if data.startswith(ZIP_MAGIC):
        check_workbook_archive(data)
        return "xlsx"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem("unknown_type") from None
    if "\x00" in text:
        raise FileProblem("unknown_type")
    return "csv"


def check_workbook_archive(data: bytes) -> None:
    """Refuse a zip that is not an Excel workbook or that would expand beyond reason."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            _check_expansion(members)
            names = {member.filename for member in members}
            if "[Content_Types].xml" not in names:
                raise FileProblem("unknown_type")
            content_types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError):
        raise FileProblem("bad_xlsx") from None
    if WORKBOOK_CONTENT_TYPE not in content_types:
        raise FileProblem("unknown_type")


def _check_expansion(members: list[zipfile.ZipInfo]) -> None:
    limit = filesizeformat(MAX_UNCOMPRESSED_BYTES)
    if len(members) > MAX_MEMBERS:
        raise FileProblem("zip_bomb", limit=limit)
    if sum(member.file_size for member in members) > MAX_UNCOMPRESSED_BYTES:
        raise FileProblem("zip_bomb", limit=limit)
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_ABOVE and ratio > MAX_MEMBER_RATIO:
            raise FileProblem("zip_bomb", limit=limit)


def read_table(data: bytes, file_format: str) -> Table:
    """Every data row of the file, keyed by column code. Raises FileProblem."""
    records = _xlsx_records(data) if file_format == "xlsx" else _csv_records(data)
    try:
        return _table_from(records)
    except csv.Error:
        raise FileProblem("bad_csv") from None


def _csv_records(data: bytes) -> Iterator[list[str]]:
    text = data.decode("utf-8-sig")
    first_line = text.split("\n", 1)[0]
    # Spreadsheets set to French or Spanish save CSV with semicolons.
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)


def _xlsx_records(data: bytes) -> Iterator[list[str]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    check_workbook_archive(data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            records = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        IndexError,
        ValueError,
        TypeError,
        SyntaxError,  # openpyxl's XML parser (ElementTree or lxml) raises a subclass of it
    ):
        raise FileProblem("bad_xlsx") from None
    return iter(records)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


def _table_from(records: Iterator[list[str]]) -> Table:
    header = next(records, None)
    if header is None:
        raise FileProblem("no_header", columns=", ".join(COLUMN_CODES))
    codes = _column_codes(header)
    rows: list[tuple[int, RowValues]] = []
    for number, record in enumerate(records, start=2):
        values = {code: cell.strip() for code, cell in zip(codes, record, strict=False) if code}
        if not any(values.values()):
            continue
        if len(rows) == MAX_ROWS:
            raise FileProblem("too_many_rows", limit=MAX_ROWS)
        rows.append((number, {code: values.get(code, "") for code in COLUMN_CODES}))
    if not rows:
        raise FileProblem("no_rows")
    return Table(rows=rows)


def _column_codes(header: Iterable[str]) -> list[str]:
    loose = [cell.strip().lower().replace(" ", "_").replace("-", "_") for cell in header]
    codes = [HEADER_ALIASES.get(code, code) for code in loose]
    named = [code for code in codes if code]
    if not named:
        raise FileProblem("no_header", columns=", ".join(COLUMN_CODES))
    unknown = [code for code in named if code not in COLUMN_CODES]
    if unknown:
        raise FileProblem("unknown_columns", columns=", ".join(unknown))
    repeated = sorted({code for code in named if named.count(code) > 1})
    if repeated:
        raise FileProblem("duplicate_columns", columns=", ".join(repeated))
    missing = [code for code in REQUIRED_CODES if code not in named]
    if missing:
        raise FileProblem("missing_columns", columns=", ".join(missing))
    return codes
