"""Certificates: their codes, their validity, re-accreditation, revocation and the PDF."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cadre.accreditation import services
from cadre.accreditation.models import AccreditationCase, Certificate
from cadre.accreditation.services._common import CODE_ALPHABET, add_years, new_certificate_code
from cadre.accreditation.tests.factories import make_ready
from cadre.courses.models import Course
from cadre.lib import pdf

pytestmark = pytest.mark.django_db


def test_codes_are_short_unguessable_and_unambiguous(certificate):
    assert len(certificate.code) == 10
    assert set(certificate.code) <= set(CODE_ALPHABET)
    assert len(CODE_ALPHABET) == 32
    assert not set("01IO") & set(CODE_ALPHABET)
    codes = {new_certificate_code() for _ in range(200)}
    assert len(codes) == 200
    assert certificate.code not in codes


def test_a_code_already_taken_is_never_issued_again(certificate, monkeypatch):
    drawn = iter([*certificate.code, *("A" * 10)])
    monkeypatch.setattr("cadre.lib.codes.secrets.choice", lambda alphabet: next(drawn))
    assert new_certificate_code() == "A" * 10


def test_a_certificate_is_valid_four_years(certificate):
    today = timezone.localdate()
    assert certificate.valid_from == today
    assert certificate.valid_until == add_years(today, 4)
    assert certificate.status == Certificate.Status.VALID


def test_the_validity_is_a_setting(ready_case, quality_officer, settings):
    settings.ACCREDITATION_VALIDITY_YEARS = 2
    services.decide_case(case=ready_case, by=quality_officer, outcome="accredited")
    certificate = AccreditationCase.objects.get(pk=ready_case.pk).certificate
    assert certificate.valid_until == add_years(certificate.valid_from, 2)


def test_a_29_february_start_ends_on_28_february():
    assert add_years(date(2028, 2, 29), 4) == date(2032, 2, 29)
    assert add_years(date(2028, 2, 29), 1) == date(2029, 2, 28)


def test_revoking_needs_a_reason_and_takes_the_mark_off(certificate, quality_officer, course_manager):
    with pytest.raises(ValidationError, match="Give the reason"):
        services.revoke_certificate(certificate=certificate, by=quality_officer, reason="")
    services.revoke_certificate(certificate=certificate, by=quality_officer, reason="Materials plagiarised.")
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revoked_by == quality_officer
    assert Course.objects.get(owner=course_manager).accredited_until is None
    with pytest.raises(ValidationError):
        services.revoke_certificate(certificate=certificate, by=quality_officer, reason="Again.")


def test_reaccreditation_runs_on_from_the_old_certificates_end(
    certificate, quality_officer, course_manager, reviewer, external
):
    ends = timezone.localdate() + timedelta(days=50)
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=ends)
    certificate.refresh_from_db()
    renewal = services.open_reaccreditation(certificate=certificate, by=quality_officer)
    assert renewal.previous_certificate == certificate
    with pytest.raises(PermissionDenied):  # one renewal at a time
        services.open_reaccreditation(certificate=certificate, by=quality_officer)
    services.assign_reviewer(case=renewal, by=quality_officer, reviewer=reviewer, kind="lead")
    services.assign_reviewer(case=renewal, by=quality_officer, reviewer=external, kind="external")
    renewal = make_ready(renewal, course_manager, reviewer)
    services.decide_case(case=renewal, by=quality_officer, outcome="accredited")

    new = AccreditationCase.objects.get(pk=renewal.pk).certificate
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.SUPERSEDED
    assert certificate.superseded_by == new
    assert new.valid_from == ends + timedelta(days=1)
    assert new.valid_until == add_years(new.valid_from, 4)
    assert Course.objects.get(owner=course_manager).accredited_until == new.valid_until


def test_reaccreditation_after_expiry_runs_from_today(
    certificate, quality_officer, course_manager, reviewer, external
):
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.localdate() - timedelta(days=3), status=Certificate.Status.EXPIRED
    )
    certificate.refresh_from_db()
    renewal = services.open_reaccreditation(certificate=certificate, by=quality_officer)
    services.assign_reviewer(case=renewal, by=quality_officer, reviewer=reviewer, kind="lead")
    services.assign_reviewer(case=renewal, by=quality_officer, reviewer=external, kind="external")
    services.decide_case(
        case=make_ready(renewal, course_manager, reviewer), by=quality_officer, outcome="accredited"
    )
    new = AccreditationCase.objects.get(pk=renewal.pk).certificate
    assert new.valid_from == timezone.localdate()
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.EXPIRED


def test_a_valid_certificate_past_its_end_reads_as_expired(certificate):
    certificate.valid_until = timezone.localdate() - timedelta(days=1)
    assert certificate.current_status == Certificate.Status.EXPIRED


def weasyprint_missing() -> bool:
    try:
        pdf.weasyprint_version()
    except pdf.PdfUnavailable:
        return True
    return False


@pytest.mark.skipif(weasyprint_missing(), reason="WeasyPrint or Pango is not installed")
@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_pdf_renders(client: Client, certificate, course_manager, language):
    client.force_login(course_manager)
    response = client.get(
        reverse("accreditation:certificate_pdf", args=[certificate.code]), {"language": language}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"accreditation-{certificate.code}-{language}.pdf" in response["Content-Disposition"]


def test_the_pdf_template_carries_the_qr_code_and_the_verification_address(certificate, rf):
    from django.template.loader import render_to_string
    from django.utils import translation

    address = "https://cadre.example.org" + reverse("accreditation_public:verify", args=[certificate.code])
    with translation.override("ar"):
        html = render_to_string(
            "accreditation/pdf/certificate.html",
            {
                "certificate": certificate,
                "title": certificate.title_in("ar"),
                "verification_url": address,
                "qr": pdf.qr_svg(address),
                "pdf_language": "ar",
                "pdf_direction": "rtl",
            },
        )
    assert 'dir="rtl"' in html
    assert "<svg" in html
    assert address in html
    assert certificate.code in html
