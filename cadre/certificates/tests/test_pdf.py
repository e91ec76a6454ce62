"""The certificate as a PDF: A4 landscape, in the certificate's language or another of the four,
Arabic shaped and right to left, with the code and a QR code to the public verification."""

import io
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from cadre.accounts.models import User
from cadre.certificates.models import Certificate
from cadre.certificates.services import reissue_certificate, revoke_certificate
from cadre.certificates.tests.conftest import ARABIC_NAME, TITLES, Issue
from cadre.lib import pdf

pytestmark = pytest.mark.django_db


def pdf_of(client: Client, certificate: Certificate, **query: str) -> Any:
    return client.get(reverse("certificates:pdf", args=[certificate.code]), query)


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


@pytest.fixture
def arabic_holder(holder: User) -> User:
    holder.given_names, holder.family_name = ARABIC_NAME
    holder.preferred_language = "ar"
    holder.save(update_fields=["given_names", "family_name", "preferred_language"])
    return holder


def test_the_pdf_is_in_english_with_the_name_title_and_code(
    client: Client, certificate: Certificate, holder: User
) -> None:
    client.force_login(holder)
    response = pdf_of(client, certificate)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"certificate-{certificate.code}-en.pdf" in response["Content-Disposition"]
    text = text_of(response.content)
    assert "Certificate of attendance" in text
    assert "Achieng Otieno" in text
    assert TITLES["en"] in text
    assert certificate.code in text
    assert "March 9, 2026" in text
    assert "March 13, 2026" in text
    assert "30" in text
    assert f"/verify/certificate/{certificate.code}/" in text.replace("\n", "")


def test_the_page_is_a4_landscape(client: Client, certificate: Certificate, holder: User) -> None:
    client.force_login(holder)
    box = PdfReader(io.BytesIO(pdf_of(client, certificate).content)).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (297, 210)


def test_an_arabic_certificate_comes_in_arabic(
    client: Client, issue: Issue, arabic_holder: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    certificate = issue(arabic_holder)
    assert certificate.language == "ar"
    seen: list[str] = []
    original = pdf._weasyprint().HTML

    def spy(*, string: str, **kwargs: Any) -> Any:
        seen.append(string)
        return original(string=string, **kwargs)

    monkeypatch.setattr(pdf._weasyprint(), "HTML", spy)
    client.force_login(arabic_holder)
    response = pdf_of(client, certificate)
    assert f"certificate-{certificate.code}-ar.pdf" in response["Content-Disposition"]
    assert '<html lang="ar" dir="rtl">' in seen[0]
    text = text_of(response.content)
    assert " ".join(ARABIC_NAME) in text
    assert TITLES["ar"] in text
    assert certificate.code in text


@pytest.mark.parametrize(
    ("asked", "given"), [("fr", "fr"), ("es", "es"), ("ar", "ar"), ("xx", "en"), ("", "en")]
)
def test_the_holder_may_ask_for_another_language(
    client: Client, certificate: Certificate, holder: User, asked: str, given: str
) -> None:
    client.force_login(holder)
    response = pdf_of(client, certificate, language=asked)
    assert response.status_code == 200
    assert f"certificate-{certificate.code}-{given}.pdf" in response["Content-Disposition"]
    assert TITLES[given] in text_of(response.content)


def test_a_revoked_certificate_is_not_handed_out(
    client: Client, certificate: Certificate, holder: User, administrator: User
) -> None:
    revoke_certificate(certificate=certificate, by=administrator, reason="Forged attendance.")
    client.force_login(holder)
    response = pdf_of(client, certificate)
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:detail", args=[certificate.code])
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "This certificate was revoked: it can no longer be downloaded."
    ]


def test_a_replaced_certificate_is_marked_as_such(
    client: Client, certificate: Certificate, holder: User, administrator: User
) -> None:
    new = reissue_certificate(certificate=certificate, by=administrator, reason="Name corrected.")
    client.force_login(holder)
    assert "Replaced" in text_of(pdf_of(client, certificate).content)
    assert "Replaced" not in text_of(pdf_of(client, new).content)


def test_a_server_without_pdf_support_says_so(
    client: Client, certificate: Certificate, holder: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unavailable(*args: Any, **kwargs: Any) -> bytes:
        raise pdf.PdfUnavailable("no Pango")

    monkeypatch.setattr(pdf, "render_pdf", unavailable)
    client.force_login(holder)
    response = pdf_of(client, certificate)
    assert response.status_code == 302
    assert "cannot be made" in str(next(iter(get_messages(response.wsgi_request))))
