import zipfile

import pytest

from cadre.imports import files
from cadre.imports.files import COLUMN_CODES, detect_format, read_table
from cadre.imports.problems import FileProblem

from .conftest import csv_bytes, official, xlsx_bytes, zip_bytes


def code_of(error: pytest.ExceptionInfo[FileProblem]) -> str:
    return str(error.value.stored[0])


@pytest.mark.parametrize("bom", [False, True])
def test_a_utf8_csv_is_read_with_or_without_bom(bom: bool) -> None:
    data = csv_bytes([official(1, given_names="Zoë"), official(2)], bom=bom)
    assert detect_format(data) == "csv"
    table = read_table(data, "csv")
    assert [number for number, _values in table.rows] == [2, 3]
    assert table.rows[0][1]["given_names"] == "Zoë"
    assert table.rows[0][1]["email"] == "official1@police.go.ke"


def test_a_workbook_is_read_by_its_content_whatever_its_name() -> None:
    data = xlsx_bytes([official(1, rank="7"), official(2)])
    assert detect_format(data) == "xlsx"
    table = read_table(data, "xlsx")
    assert len(table.rows) == 2
    assert table.rows[0][1]["rank"] == "7"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        ("email,given_names\nzoë".encode("latin-1"), "unknown_type"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "unknown_type"),
        (zip_bytes({"readme.txt": b"hello"}), "unknown_type"),
        (zip_bytes({"[Content_Types].xml": b"<Types/>"}), "unknown_type"),
        (b"PK\x03\x04 not really a zip", "bad_xlsx"),
    ],
)
def test_anything_but_utf8_text_or_a_workbook_is_refused(data: bytes, code: str) -> None:
    with pytest.raises(FileProblem) as error:
        detect_format(data)
    assert code_of(error) == code


def test_a_zip_bomb_is_refused_before_anything_is_decompressed() -> None:
    bomb = zip_bytes(
        {
            "[Content_Types].xml": files.WORKBOOK_CONTENT_TYPE,
            "xl/worksheets/sheet1.xml": b"\x00" * (files.RATIO_CHECKED_ABOVE * 4),
        }
    )
    with zipfile.ZipFile(__import__("io").BytesIO(bomb)) as archive:
        member = archive.getinfo("xl/worksheets/sheet1.xml")
        assert member.file_size / member.compress_size > files.MAX_MEMBER_RATIO
    with pytest.raises(FileProblem) as error:
        detect_format(bomb)
    assert code_of(error) == "zip_bomb"


def test_a_zip_that_claims_to_be_a_workbook_but_is_not_is_refused_on_reading() -> None:
    fake = zip_bytes({"[Content_Types].xml": files.WORKBOOK_CONTENT_TYPE})
    assert detect_format(fake) == "xlsx"
    with pytest.raises(FileProblem) as error:
        read_table(fake, "xlsx")
    assert code_of(error) == "bad_xlsx"


@pytest.mark.parametrize(
    ("header", "code"),
    [
        (["email", "given_names", "family_name"], "missing_columns"),
        ([*COLUMN_CODES, "salary"], "unknown_columns"),
        ([*COLUMN_CODES, "email"], "duplicate_columns"),
        (["", ""], "no_header"),
    ],
)
def test_the_header_must_name_the_known_columns(header: list[str], code: str) -> None:
    with pytest.raises(FileProblem) as error:
        read_table(csv_bytes([], header=header) + b"a,b,c\n", "csv")
    assert code_of(error) == code


def test_headers_are_matched_loosely_and_semicolons_are_accepted() -> None:
    header = ["E-mail" if code == "email" else code.replace("_", " ").title() for code in COLUMN_CODES]
    data = (";".join(header) + "\n" + ";".join(official(1)) + "\n").encode()
    table = read_table(data, "csv")
    assert table.rows[0][1]["family_name"] == "Otieno 1"


def test_blank_rows_are_skipped_but_keep_their_number() -> None:
    data = csv_bytes([official(1), ["", "", ""], official(2)])
    assert [number for number, _values in read_table(data, "csv").rows] == [2, 4]


def test_a_file_without_rows_or_with_too_many_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(FileProblem) as error:
        read_table(csv_bytes([]), "csv")
    assert code_of(error) == "no_rows"
    monkeypatch.setattr(files, "MAX_ROWS", 2)
    with pytest.raises(FileProblem) as error:
        read_table(csv_bytes([official(1), official(2), official(3)]), "csv")
    assert code_of(error) == "too_many_rows"


def test_a_broken_csv_is_reported() -> None:
    with pytest.raises(FileProblem) as error:
        read_table(b'email,given_names,family_name,agency\n"a@b.c,"x" y,z,w\n', "csv")
    assert code_of(error) == "bad_csv"
