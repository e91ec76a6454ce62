"""Fixtures for the imports: Kenya's agencies, and files to upload."""

import csv
import io
import zipfile
from collections.abc import Callable, Sequence

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cadre.directory.models import Agency, Country
from cadre.imports.files import COLUMN_CODES
from tests.factories import AgencyFactory

Rows = Sequence[Sequence[str]]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: pytest.FixtureRequest, tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


@pytest.fixture
def police(kenya: Country) -> Agency:
    return AgencyFactory(country=kenya, name="Kenya Police Service", acronym="KPS")


@pytest.fixture
def customs(kenya: Country) -> Agency:
    return AgencyFactory(country=kenya, name="Kenya Revenue Authority Customs", acronym="KRA")


def official(number: int, **changes: str) -> list[str]:
    values = {
        "email": f"official{number}@police.go.ke",
        "given_names": "Amina",
        "family_name": f"Otieno {number}",
        "agency": "KPS",
        "rank": "Inspector",
        "position": "Analyst",
        "gender": "female",
        "preferred_language": "en",
        **changes,
    }
    return [values[code] for code in COLUMN_CODES]


def csv_bytes(rows: Rows, header: Sequence[str] = COLUMN_CODES, *, bom: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode()


def xlsx_bytes(rows: Rows, header: Sequence[str] = COLUMN_CODES) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def upload(content: bytes, name: str = "officials.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture
def make_rows() -> Callable[[int], list[list[str]]]:
    return lambda count: [official(number) for number in range(1, count + 1)]
