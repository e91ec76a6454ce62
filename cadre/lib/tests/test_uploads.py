import contextlib
import hashlib
from collections.abc import Callable

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pytest_django import Settings

from cadre.lib.tests import samples
from cadre.lib.uploads import (
    ACCEPTABLE,
    ARCHIVE,
    AUDIO,
    DOCUMENT,
    FAMILIES,
    IMAGE,
    VIDEO,
    CheckedFileField,
    CheckedUpload,
    Family,
    check_upload,
    checked_of,
)

ALL = list(FAMILIES)


@pytest.mark.parametrize(
    ("name", "make", "mime_type", "family"),
    [
        ("report.pdf", samples.pdf, "application/pdf", DOCUMENT),
        (
            "notes.docx",
            samples.docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            DOCUMENT,
        ),
        (
            "budget.xlsx",
            samples.xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            DOCUMENT,
        ),
        (
            "slides.pptx",
            samples.pptx,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            DOCUMENT,
        ),
        ("text.odt", lambda: samples.odf("text"), "application/vnd.oasis.opendocument.text", DOCUMENT),
        (
            "sheet.ods",
            lambda: samples.odf("spreadsheet"),
            "application/vnd.oasis.opendocument.spreadsheet",
            DOCUMENT,
        ),
        (
            "deck.odp",
            lambda: samples.odf("presentation"),
            "application/vnd.oasis.opendocument.presentation",
            DOCUMENT,
        ),
        ("readme.txt", "Lisez-moi — اقرأني\n".encode, "text/plain", DOCUMENT),
        ("list.csv", lambda: b"email,name\na@example.org,A\n", "text/csv", DOCUMENT),
        ("utf16.txt", lambda: "\ufeffUnicode text\r\n".encode("utf-16-le"), "text/plain", DOCUMENT),
        ("photo.png", samples.png, "image/png", IMAGE),
        ("photo.jpg", samples.jpeg, "image/jpeg", IMAGE),
        ("photo.webp", samples.webp, "image/webp", IMAGE),
        ("anim.gif", samples.gif, "image/gif", IMAGE),
        ("clip.mp4", samples.mp4, "video/mp4", VIDEO),
        ("clip.webm", samples.webm, "video/webm", VIDEO),
        ("talk.mp3", samples.mp3, "audio/mpeg", AUDIO),
        ("talk.m4a", samples.m4a, "audio/mp4", AUDIO),
        ("talk.ogg", samples.ogg, "audio/ogg", AUDIO),
        (
            "package.zip",
            lambda: samples.zip_of({"imsmanifest.xml": "<manifest/>"}),
            "application/zip",
            ARCHIVE,
        ),
    ],
)
def test_each_accepted_type_is_recognised_by_its_content(
    name: str, make: Callable[[], bytes], mime_type: str, family: Family
) -> None:
    content = make()
    checked = check_upload(samples.upload(name, content), allowed=ALL, max_bytes=samples.MB)
    assert (checked.mime_type, checked.family) == (mime_type, family)
    assert checked.size == len(content)
    assert checked.sha256 == hashlib.sha256(content).hexdigest()
    assert checked.stored_name == name.rsplit(".", 1)[0] + checked.extension


def test_a_file_streamed_to_disk_is_checked() -> None:
    content = samples.mp4() + bytes(3 * samples.MB)
    upload = TemporaryUploadedFile("clip.mp4", "video/mp4", len(content), None)
    upload.write(content)
    upload.flush()
    with upload:
        checked = check_upload(upload, allowed=[VIDEO], max_bytes=10 * samples.MB)
        assert (checked.mime_type, checked.size) == ("video/mp4", len(content))
        assert upload.read(8) == content[:8]


def test_at_least_one_family_must_be_allowed() -> None:
    with pytest.raises(ValueError, match="at least one family"):
        check_upload(samples.upload("a.pdf", samples.pdf()), allowed=[], max_bytes=samples.MB)


def test_the_type_comes_from_the_content_not_the_name() -> None:
    checked = check_upload(
        samples.upload("scan.docx", samples.pdf()), allowed=[DOCUMENT], max_bytes=samples.MB
    )
    assert checked.mime_type == "application/pdf"
    assert checked.stored_name == "scan.pdf"


def test_office_files_carry_their_archive_report() -> None:
    checked = check_upload(
        samples.upload("notes.docx", samples.docx()), allowed=[DOCUMENT], max_bytes=samples.MB
    )
    assert checked.archive is not None
    assert "word/document.xml" in checked.archive.names


def test_an_upload_is_left_rewound_for_saving() -> None:
    upload = samples.upload("report.pdf", samples.pdf())
    check_upload(upload, allowed=[DOCUMENT], max_bytes=samples.MB)
    assert upload.read() == samples.pdf()


@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        (
            "invoice.pdf",
            samples.windows_program,
            "Its name says .pdf, but its content is of another type: Windows program.",
        ),
        (
            "invoice.pdf",
            samples.html,
            "Its name says .pdf, but its content is of another type: web page (HTML).",
        ),
        ("logo.png", samples.svg, "Its name says .png, but its content is of another type: SVG image."),
        ("tool", samples.linux_program, "Its content is of this type: Linux program."),
        (
            "run.txt",
            lambda: b"#!/bin/sh\nrm -rf ~\n",
            "Its name says .txt, but its content is of another type: script.",
        ),
        ("macro.docx", samples.docm, "Office document with macros."),
        ("app.zip", samples.jar, "Java program."),
        ("old.doc", samples.old_word, "save it in a current format (.docx, .xlsx or .pptx)"),
        ("noise.pdf", lambda: b"\x00\x01\x02\x03" * 64, "Its content could not be recognised."),
    ],
)
def test_refused_content_is_named_and_the_fix_given(name: str, make: Callable[[], bytes], says: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_upload(samples.upload(name, make()), allowed=ALL, max_bytes=samples.MB)
    assert refused.value.code == "upload_type"
    message = refused.value.messages[0]
    assert message.startswith(
        "The content of this file is not one of the accepted types (PDF document, Word document"
    )
    assert says in message


def test_programs_are_refused_as_never_accepted() -> None:
    with pytest.raises(ValidationError) as refused:
        check_upload(
            samples.upload("invoice.pdf", samples.windows_program()), allowed=[DOCUMENT], max_bytes=samples.MB
        )
    assert "could run code" in refused.value.messages[0]


def test_a_type_of_another_family_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        check_upload(samples.upload("photo.png", samples.png()), allowed=[DOCUMENT], max_bytes=samples.MB)
    assert "Its content is of this type: PNG image." in refused.value.messages[0]
    assert "PNG image" not in refused.value.messages[0].split(")")[0]


def test_a_zip_based_file_is_named_even_where_no_archive_is_accepted() -> None:
    with pytest.raises(ValidationError) as refused:
        check_upload(samples.upload("photo.png", samples.docx()), allowed=[IMAGE], max_bytes=samples.MB)
    assert "Word document." in refused.value.messages[0]


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        check_upload(samples.upload("empty.pdf", b""), allowed=[DOCUMENT], max_bytes=samples.MB)
    assert refused.value.code == "upload_empty"


def test_a_file_one_byte_over_the_limit_is_refused_with_both_sizes() -> None:
    limit = 20 * samples.MB
    content = samples.pdf() + bytes(limit + 1 - len(samples.pdf()))
    with pytest.raises(ValidationError) as refused:
        check_upload(samples.upload("big.pdf", content), allowed=[DOCUMENT], max_bytes=limit)
    assert refused.value.code == "upload_too_large"
    assert refused.value.messages[0].startswith(
        "This file is 20,971,521 bytes; the largest accepted is 20,971,520 bytes. Make it smaller"
    )


def test_a_file_at_the_limit_passes() -> None:
    content = samples.pdf() + bytes(1000 - len(samples.pdf()))
    assert check_upload(samples.upload("big.pdf", content), allowed=[DOCUMENT], max_bytes=1000).size == 1000


def test_sizes_are_written_in_the_readers_language() -> None:
    content = samples.pdf() + bytes(int(45.2 * samples.MB))
    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        check_upload(samples.upload("big.pdf", content), allowed=[DOCUMENT], max_bytes=20 * samples.MB)
    assert "45,2\u202fMo" in refused.value.messages[0]
    assert "20\u202fMo" in refused.value.messages[0]


def test_the_size_the_client_declares_is_not_trusted() -> None:
    upload = samples.upload("big.pdf", samples.pdf() + bytes(2000))
    upload.size = 10
    with pytest.raises(ValidationError) as refused:
        check_upload(upload, allowed=[DOCUMENT], max_bytes=1000)
    assert refused.value.code == "upload_too_large"


def test_limits_come_from_the_settings_per_family(settings: Settings) -> None:
    settings.UPLOAD_MAX_BYTES = 1000
    settings.UPLOAD_VIDEO_MAX_BYTES = 5000
    video = samples.mp4() + bytes(3000)
    assert check_upload(samples.upload("clip.mp4", video), allowed=[DOCUMENT, VIDEO]).family == VIDEO
    with pytest.raises(ValidationError):
        check_upload(samples.upload("big.pdf", samples.pdf() + bytes(3000)), allowed=[DOCUMENT, VIDEO])


def test_an_archive_inside_a_document_is_checked(settings: Settings) -> None:
    settings.ARCHIVE_MAX_MEMBERS = 2
    with pytest.raises(ValidationError) as refused:
        check_upload(samples.upload("notes.docx", samples.docx()), allowed=[DOCUMENT], max_bytes=samples.MB)
    assert refused.value.code == "archive_too_many_members"


def test_a_dangerous_name_becomes_a_safe_stored_name() -> None:
    checked = check_upload(
        samples.upload("..\\..\\Rapport final (v2).PDF.exe", samples.pdf()),
        allowed=[DOCUMENT],
        max_bytes=samples.MB,
    )
    assert checked.stored_name == "rapport-final-v2pdf.pdf"
    assert checked.original_name == "Rapport final (v2).PDF.exe"


def test_an_arabic_name_keeps_its_letters() -> None:
    checked = check_upload(
        samples.upload("تقرير.pdf", samples.pdf()), allowed=[DOCUMENT], max_bytes=samples.MB
    )
    assert checked.stored_name == "تقرير.pdf"


@pytest.mark.parametrize("language", ["ar", "fr", "es"])
def test_refusals_are_translated(language: str) -> None:
    english = _refusal("en")
    assert _refusal(language) != english


def _refusal(language: str) -> str:
    with translation.override(language), pytest.raises(ValidationError) as refused:
        check_upload(
            samples.upload("a.pdf", samples.windows_program()), allowed=[DOCUMENT], max_bytes=samples.MB
        )
    return refused.value.messages[0]


@hypothesis_settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    content=st.binary(max_size=2048),
    stem=st.text(min_size=1, max_size=30).filter(lambda stem: "/" not in stem and stem.strip(".")),
    extension=st.sampled_from(["", ".pdf", ".csv", ".txt", ".docx", ".zip", ".png", ".mp4"]),
)
def test_arbitrary_bytes_raise_nothing_but_validation_errors(
    content: bytes, stem: str, extension: str
) -> None:
    try:
        checked = check_upload(SimpleUploadedFile(stem + extension, content), allowed=ALL, max_bytes=1024)
    except ValidationError:
        return
    assert isinstance(checked, CheckedUpload)
    assert checked.family in FAMILIES


@hypothesis_settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    base=st.sampled_from(
        [samples.docx(), samples.odf("text"), samples.jar(), samples.zip_of({"a/b.txt": "x" * 500})]
    ),
    edits=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), max_size=6),
)
def test_damaged_archives_raise_nothing_but_validation_errors(
    base: bytes, edits: list[tuple[int, int]]
) -> None:
    damaged = bytearray(base)
    for position, value in edits:
        damaged[position % len(damaged)] = value
    with contextlib.suppress(ValidationError):
        check_upload(SimpleUploadedFile("x.docx", bytes(damaged)), allowed=ALL, max_bytes=samples.MB)


class EvidenceForm(forms.Form):
    evidence = CheckedFileField(allowed=[DOCUMENT, IMAGE], max_bytes=samples.MB)


def test_the_form_field_puts_the_check_on_the_cleaned_file() -> None:
    form = EvidenceForm(files={"evidence": samples.upload("report.pdf", samples.pdf())})
    assert form.is_valid(), form.errors
    assert checked_of(form.cleaned_data["evidence"]).mime_type == "application/pdf"
    assert form.cleaned_data["evidence"].checked.stored_name == "report.pdf"


def test_the_form_field_shows_the_refusal_as_a_field_error() -> None:
    form = EvidenceForm(files={"evidence": samples.upload("report.pdf", samples.windows_program())})
    assert not form.is_valid()
    assert "Windows program" in form.errors["evidence"][0]


def test_the_form_field_hints_the_extensions_and_describes_the_limits() -> None:
    field = EvidenceForm().fields["evidence"]
    rendered = str(EvidenceForm()["evidence"])
    assert 'accept=".pdf,.docx,' in rendered
    assert ".png" in field.widget.attrs["accept"]
    assert ".exe" not in field.widget.attrs["accept"]
    assert str(field.help_text).startswith("Accepted: PDF document, Word document")
    assert str(field.help_text).endswith("; up to 1 MB.")


def test_every_acceptable_type_belongs_to_a_family() -> None:
    assert all(file_type.family in FAMILIES for file_type in ACCEPTABLE)
