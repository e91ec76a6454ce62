"""The public verification: no sign-in, not indexed, in the reader's language; valid, revoked,
replaced and unknown codes; and the JSON endpoint that answers the same."""

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from cadre.accounts.models import User
from cadre.certificates.models import Certificate
from cadre.certificates.services import reissue_certificate, revoke_certificate
from cadre.certificates.tests.conftest import TITLES, Issue

pytestmark = pytest.mark.django_db

Kind = Certificate.Kind


def verify(client: Client, code: str, **headers: str) -> Any:
    return client.get(reverse("certificates_public:verify", args=[code]), **headers)


def api(client: Client, code: str, **headers: str) -> Any:
    return client.get(f"/api/v1/certificates/verify/{code}", **headers)


def assert_public(response: Any) -> None:
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"


def test_a_valid_certificate_is_confirmed_to_anyone(client: Client, certificate: Certificate) -> None:
    response = verify(client, certificate.code)
    body = response.content.decode()
    assert response.status_code == 200
    assert_public(response)
    assert "genuine and valid" in body
    for shown in (
        "Achieng Otieno",
        "Certificate of attendance",
        TITLES["en"],
        "Nairobi, Kenya",
        certificate.code,
    ):
        assert shown in body
    assert "March 9, 2026" in body
    assert "March 13, 2026" in body
    assert certificate.holder.email not in body


def test_the_code_is_read_as_typed(client: Client, certificate: Certificate) -> None:
    typed = f"{certificate.code[:5].lower()}-{certificate.code[5:].lower()}"
    assert verify(client, typed).status_code == 200


@pytest.mark.parametrize("spacing", ["{a} {b}", "{a}-{b}", " {a}{b} ", "{a}—{b}"])
def test_the_lookup_form_normalises_the_code(client: Client, certificate: Certificate, spacing: str) -> None:
    typed = spacing.format(a=certificate.code[:4].lower(), b=certificate.code[4:].lower())
    response = client.get(reverse("certificates_public:lookup"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates_public:verify", args=[certificate.code])


def test_the_lookup_form_is_public(client: Client) -> None:
    response = client.get(reverse("certificates_public:lookup"))
    assert response.status_code == 200
    assert_public(response)
    assert 'name="code"' in response.content.decode()


@pytest.mark.parametrize("typed", ["---", "", "   "])
def test_a_code_without_letters_or_digits_is_explained(client: Client, typed: str) -> None:
    response = client.get(reverse("certificates_public:lookup"), {"code": typed})
    assert response.status_code == 200
    body = response.content.decode()
    assert "field__error" in body


def test_an_unknown_code_is_a_404_that_says_so(client: Client, certificate: Certificate) -> None:
    response = verify(client, "ABCDEFGHJK")
    assert response.status_code == 404
    assert_public(response)
    body = response.content.decode()
    assert "No certificate has the code “ABCDEFGHJK”" in body
    assert "Achieng" not in body


def test_a_revoked_certificate_shows_when_and_the_reason_given(
    client: Client, certificate: Certificate, administrator: User
) -> None:
    revoke_certificate(certificate=certificate, by=administrator, reason="Attendance sheet forged.")
    body = verify(client, certificate.code).content.decode()
    assert "was revoked on" in body
    assert "Reason given" in body
    assert "Attendance sheet forged." in body
    assert "genuine and valid" not in body
    assert administrator.family_name not in body


def test_a_replaced_certificate_links_to_the_newer_one(
    client: Client, certificate: Certificate, administrator: User
) -> None:
    new = reissue_certificate(certificate=certificate, by=administrator, reason="Name corrected.")
    body = verify(client, certificate.code).content.decode()
    assert "replaced by a newer one" in body
    assert reverse("certificates_public:verify", args=[new.code]) in body
    assert "Name corrected." not in body  # the reason for a re-issue is the holder's business


def test_an_attendance_certificate_replaced_by_completion(client: Client, issue: Issue, holder: User) -> None:
    attendance = issue(holder)
    completion = issue(holder, source=attendance.source, kind=Kind.COMPLETION)
    body = verify(client, completion.code).content.decode()
    assert "Certificate of completion" in body
    assert "genuine and valid" in body


def test_the_arabic_page_is_right_to_left_with_the_arabic_title(
    client: Client, certificate: Certificate
) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    body = verify(client, certificate.code).content.decode()
    assert '<html lang="ar" dir="rtl">' in body
    assert TITLES["ar"] in body


def test_a_title_missing_in_the_readers_language_falls_back_to_english(
    client: Client, issue: Issue, holder: User
) -> None:
    certificate = issue(holder, titles={"en": "Cybercrime basics"})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    assert "Cybercrime basics" in verify(client, certificate.code).content.decode()


def test_a_signed_in_person_sees_the_same_page(
    client: Client, certificate: Certificate, learner: User
) -> None:
    client.force_login(learner)
    assert verify(client, certificate.code).status_code == 200


# --- The JSON API --------------------------------------------------------------------------


def test_the_api_confirms_a_certificate_without_signing_in(client: Client, certificate: Certificate) -> None:
    response = api(client, certificate.code.lower())
    assert response.status_code == 200
    data = response.json()
    assert data == {
        "code": certificate.code,
        "kind": "attendance",
        "holder_name": "Achieng Otieno",
        "course_title": TITLES["en"],
        "activity": "Nairobi, Kenya — in person",
        "starts_on": "2026-03-09",
        "ends_on": "2026-03-13",
        "hours": "30.0",
        "issued_at": data["issued_at"],
        "status": "valid",
        "revoked_at": None,
        "revoked_reason": "",
        "replaced_by": None,
    }


def test_the_api_answers_in_the_language_asked(client: Client, certificate: Certificate) -> None:
    data = api(client, certificate.code, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert data["course_title"] == TITLES["fr"]


def test_the_api_says_revoked_and_replaced(
    client: Client, issue: Issue, holder: User, administrator: User
) -> None:
    revoked = issue(holder)
    revoke_certificate(certificate=revoked, by=administrator, reason="Forged.")
    data = api(client, revoked.code).json()
    assert (data["status"], data["revoked_reason"]) == ("revoked", "Forged.")
    assert data["revoked_at"] is not None
    replaced = issue(holder)
    new = reissue_certificate(certificate=replaced, by=administrator, reason="Name.")
    data = api(client, replaced.code).json()
    assert (data["status"], data["replaced_by"]) == ("replaced", new.code)


def test_the_api_does_not_know_an_unknown_code(client: Client, certificate: Certificate) -> None:
    assert api(client, "ABCDEFGHJK").status_code == 404
    assert api(client, "-").status_code == 404


def test_the_api_url_is_named(certificate: Certificate) -> None:
    url = reverse("api-1:verify_training_certificate", args=[certificate.code])
    assert url == f"/api/v1/certificates/verify/{certificate.code}"
