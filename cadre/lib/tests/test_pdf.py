import builtins
import io
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from pypdf import PdfReader
from pypdf.generic import ContentStream
from pytest_django import Settings

from cadre.lib import pdf
from cadre.lib.pdf import PdfUnavailable, qr_svg, render_pdf

SAMPLE = """{% extends "pdf/base.html" %}{% load i18n %}
{% block title %}{% translate "Arabic" %}{% endblock %}
{% block header %}{{ reference }}{% endblock %}
{% block content %}<h1>{% translate "Arabic" %}</h1><p>{{ text }}</p>{{ qr }}{% endblock %}
"""
ARABIC = "شهادة تدريب"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def sample_template(tmp_path: Path, settings: Settings) -> str:
    (tmp_path / "pdf_tests").mkdir()
    (tmp_path / "pdf_tests" / "sample.html").write_text(SAMPLE, encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    return "pdf_tests/sample.html"


def render(template: str, language: str, text: str = ARABIC) -> bytes:
    return render_pdf(
        template,
        {"reference": "REF-2026-0001", "text": text, "qr": qr_svg("https://cadre.example.org/verify/1")},
        language=language,
    )


@pytest.mark.parametrize("language", ["ar", "en", "fr", "es"])
def test_a_pdf_renders_in_each_language(sample_template: str, language: str) -> None:
    with translation.override(language):
        heading = gettext("Arabic")
    assert language == "en" or heading != "Arabic"  # the template is rendered in the language asked
    document = render(sample_template, language)
    assert document.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(document))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert heading in text
    assert "Cadre" in text
    assert "REF-2026-0001" in text
    assert "1 / 1" in text


def test_the_arabic_text_is_in_the_pdf(sample_template: str) -> None:
    text = PdfReader(io.BytesIO(render(sample_template, "ar"))).pages[0].extract_text()
    assert ARABIC in text


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (Debian poppler-utils) is not installed"
)
def test_poppler_reads_the_arabic_text(sample_template: str, tmp_path: Path) -> None:
    path = tmp_path / "ar.pdf"
    path.write_bytes(render(sample_template, "ar"))
    text = subprocess.run(  # noqa: S603
        ["pdftotext", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    assert "تدريب" in text


def test_arabic_letters_take_their_joined_forms(sample_template: str) -> None:
    """Shaping: in "ببب" the three letters are three different glyphs (initial, medial, final),
    none of them the isolated form that "ب ب ب" repeats."""
    glyphs = glyphs_by_font(render(sample_template, "ar", text="ببب ب ب ب"))
    arabic = next(codes for font, codes in glyphs.items() if "Arabic" in font)
    joined, isolated = arabic[0:3], arabic[3]
    assert len(set(joined)) == 3
    assert isolated not in joined


def glyphs_by_font(document: bytes) -> dict[str, list[str]]:
    """The glyph codes each font draws on the first page, in the content stream's order."""
    reader = PdfReader(io.BytesIO(document))
    page = reader.pages[0]
    fonts = {name: str(font.get_object()["/BaseFont"]) for name, font in page["/Resources"]["/Font"].items()}
    drawn: dict[str, list[str]] = defaultdict(list)
    current = ""
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"Tf":
            current = fonts[operands[0]]
        elif operator == b"TJ":
            drawn[current].extend(str(item) for item in operands[0] if isinstance(item, str) and item.strip())
    return drawn


def test_the_page_is_a4(sample_template: str) -> None:
    box = PdfReader(io.BytesIO(render(sample_template, "en"))).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)


def test_the_html_carries_language_and_direction(
    sample_template: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    weasyprint = pdf._weasyprint()
    original = weasyprint.HTML

    def spy(*, string: str, **kwargs: Any) -> Any:
        seen.append(string)
        return original(string=string, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", spy)
    render(sample_template, "ar")
    render(sample_template, "fr")
    assert '<html lang="ar" dir="rtl">' in seen[0]
    assert '<html lang="fr" dir="ltr">' in seen[1]


def test_a_missing_weasyprint_is_a_clear_error(sample_template: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def without_pango(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_pango)
    with pytest.raises(PdfUnavailable, match=r"libpango-1\.0-0"):
        render_pdf(sample_template, {}, language="en")


def test_a_pdf_fetches_no_remote_resource(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "pdf_tests").mkdir()
    (tmp_path / "pdf_tests" / "remote.html").write_text(
        '{% extends "pdf/base.html" %}{% block content %}<img src="http://203.0.113.9/x.png" alt="x">'
        '<img src="file:///etc/passwd" alt="y">{% endblock %}',
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    from cadre.lib.pdf_fetcher import StaticOnlyFetcher

    fetcher = StaticOnlyFetcher()
    escape = f"{settings.SITE_URL}/static/../../etc/passwd"
    for url in ("http://203.0.113.9/x.png", "file:///etc/passwd", escape):
        with pytest.raises(ValueError, match="only inline resources"):
            fetcher.fetch(url)
    assert render_pdf("pdf_tests/remote.html", {}, language="en").startswith(b"%PDF-")


def test_static_files_are_read_from_disk(settings: Settings) -> None:
    from django.contrib.staticfiles import finders

    from cadre.lib.pdf_fetcher import StaticOnlyFetcher

    response = StaticOnlyFetcher().fetch(f"{settings.SITE_URL}/static/cadre/cadre.css")
    assert response.content_type == "text/css"
    assert response.read() == Path(str(finders.find("cadre/cadre.css"))).read_bytes()


# --- qr_svg -------------------------------------------------------------------------------


def test_qr_svg_is_an_inline_svg_of_the_asked_size() -> None:
    svg = qr_svg("https://cadre.example.org/verify/ABC", size_mm=25)
    assert isinstance(svg, SafeString)
    assert not svg.startswith("<?xml")
    root = ET.fromstring(svg)  # noqa: S314 — made by qr_svg a line above
    assert root.tag == f"{SVG}svg"
    assert (root.get("width"), root.get("height")) == ("25mm", "25mm")
    minimum_x, minimum_y, width, height = (float(value) for value in root.get("viewBox", "").split())
    assert (minimum_x, minimum_y) == (0, 0)
    assert width == height >= 21 + 2 * pdf.QR_BORDER_MODULES  # version 1 is 21 modules, plus the quiet zone
    assert root.find(f"{SVG}path") is not None
    assert "id=" not in svg


def test_different_data_give_different_codes() -> None:
    assert qr_svg("https://cadre.example.org/verify/A") != qr_svg("https://cadre.example.org/verify/B")
    assert qr_svg("https://cadre.example.org/verify/A") == qr_svg("https://cadre.example.org/verify/A")
