"""The holder's pages: their certificates, one certificate, revoking and re-issuing it."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from cadre.accounts.models import User
from cadre.certificates.models import Certificate
from cadre.certificates.services import reissue_certificate, revoke_certificate
from cadre.certificates.tests.conftest import TITLES, Issue
from conftest import person_with

pytestmark = pytest.mark.django_db

Status = Certificate.Status


def detail_url(certificate: Certificate) -> str:
    return reverse("certificates:detail", args=[certificate.code])


def test_my_certificates_lists_mine_only(client: Client, issue: Issue, holder: User, learner: User) -> None:
    mine = issue(holder)
    theirs = issue(learner)
    client.force_login(holder)
    body = client.get(reverse("certificates:mine")).content.decode()
    assert mine.code in body
    assert TITLES["en"] in body
    assert theirs.code not in body


def test_my_certificates_shows_the_titles_in_the_readers_language(
    client: Client, certificate: Certificate, holder: User
) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    client.force_login(holder)
    body = client.get(reverse("certificates:mine")).content.decode()
    assert 'dir="rtl"' in body
    assert TITLES["ar"] in body


def test_my_certificates_is_paginated_in_a_bounded_number_of_queries(
    client: Client, issue: Issue, holder: User, django_assert_max_num_queries: object
) -> None:
    for _ in range(22):
        issue(holder)
    client.force_login(holder)
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        response = client.get(reverse("certificates:mine"))
    assert len(response.context["rows"]) == 20
    second = client.get(reverse("certificates:mine"), {"page": 2})
    assert len(second.context["rows"]) == 2
    assert client.get(reverse("certificates:mine"), {"page": "nonsense"}).status_code == 200


def test_a_person_without_certificates_is_told_so(client: Client, learner: User) -> None:
    client.force_login(learner)
    assert "You hold no certificate yet" in client.get(reverse("certificates:mine")).content.decode()


def test_the_holder_sees_the_four_downloads_and_the_verification_address(
    client: Client, certificate: Certificate, holder: User
) -> None:
    client.force_login(holder)
    body = client.get(detail_url(certificate)).content.decode()
    for language in ("ar", "en", "fr", "es"):
        assert f"{reverse('certificates:pdf', args=[certificate.code])}?language={language}" in body
    assert reverse("certificates_public:verify", args=[certificate.code]) in body
    assert "Revoke the certificate" not in body
    assert "Re-issue the certificate" not in body


def test_the_page_takes_the_code_as_typed(client: Client, certificate: Certificate, holder: User) -> None:
    client.force_login(holder)
    response = client.get(reverse("certificates:detail", args=[certificate.code.lower()]))
    assert response.status_code == 200


def test_those_who_manage_it_see_the_forms(
    client: Client, certificate: Certificate, course_manager: User
) -> None:
    client.force_login(course_manager)
    body = client.get(detail_url(certificate)).content.decode()
    assert "Revoke the certificate" in body
    assert "Re-issue the certificate" in body
    assert 'id="revoke-reason"' in body
    assert 'id="reissue-reason"' in body


def test_the_ncb_of_the_holders_country_sees_it_and_changes_nothing(
    client: Client, certificate: Certificate, ncb_officer: User, ncb_officer_elsewhere: User
) -> None:
    client.force_login(ncb_officer)
    response = client.get(detail_url(certificate))
    assert response.status_code == 200
    assert "Revoke the certificate" not in response.content.decode()
    revoke = client.post(reverse("certificates:revoke", args=[certificate.code]), {"reason": "No."})
    assert revoke.status_code == 403
    client.force_login(ncb_officer_elsewhere)
    assert client.get(detail_url(certificate)).status_code == 404


def test_revoking_from_the_page(client: Client, certificate: Certificate, course_manager: User) -> None:
    client.force_login(course_manager)
    url = reverse("certificates:revoke", args=[certificate.code])
    response = client.post(url, {"reason": "Did not attend the last two days."}, follow=True)
    assert response.redirect_chain[-1][0] == detail_url(certificate)
    body = response.content.decode()
    assert "The certificate is revoked" in body
    assert "Did not attend the last two days." in body
    assert "it can no longer be downloaded" in body
    certificate.refresh_from_db()
    assert certificate.status == Status.REVOKED


def test_revoking_without_a_reason_says_so_and_changes_nothing(
    client: Client, certificate: Certificate, course_manager: User
) -> None:
    client.force_login(course_manager)
    response = client.post(reverse("certificates:revoke", args=[certificate.code]), {"reason": "  "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == Status.VALID


def test_the_holder_may_not_revoke(client: Client, certificate: Certificate, holder: User) -> None:
    client.force_login(holder)
    response = client.post(reverse("certificates:revoke", args=[certificate.code]), {"reason": "Mine."})
    assert response.status_code == 403
    certificate.refresh_from_db()
    assert certificate.status == Status.VALID


def test_a_get_does_not_revoke(client: Client, certificate: Certificate, administrator: User) -> None:
    client.force_login(administrator)
    assert client.get(reverse("certificates:revoke", args=[certificate.code])).status_code == 405


def test_reissuing_from_the_page_leads_to_the_new_certificate_and_keeps_the_history(
    client: Client, certificate: Certificate, administrator: User
) -> None:
    holder = certificate.holder
    holder.given_names = "Achieng Grace"
    holder.save(update_fields=["given_names"])
    client.force_login(administrator)
    url = reverse("certificates:reissue", args=[certificate.code])
    response = client.post(url, {"reason": "Second given name added."})
    new = Certificate.objects.get(replaces=certificate)
    assert response.status_code == 302
    assert response["Location"] == detail_url(new)
    body = client.get(detail_url(new)).content.decode()
    assert "Achieng Grace Otieno" in body
    assert "History" in body
    assert certificate.code in body
    assert new.code in body
    assert "Second given name added." in body
    old_page = client.get(detail_url(certificate)).content.decode()
    assert "replaced by a newer one" in old_page
    assert detail_url(new) in old_page


def test_reissuing_a_replaced_certificate_is_refused(
    client: Client, certificate: Certificate, administrator: User
) -> None:
    reissue_certificate(certificate=certificate, by=administrator, reason="Name corrected.")
    client.force_login(administrator)
    response = client.post(reverse("certificates:reissue", args=[certificate.code]), {"reason": "Again."})
    assert response.status_code == 403
    assert Certificate.objects.filter(holder=certificate.holder).count() == 2


def test_reissuing_without_a_reason_says_so(
    client: Client, certificate: Certificate, administrator: User
) -> None:
    client.force_login(administrator)
    response = client.post(reverse("certificates:reissue", args=[certificate.code]), {})
    assert response.status_code == 400
    assert Certificate.objects.filter(holder=certificate.holder).count() == 1


def test_a_revoked_certificate_shows_when_and_why(
    client: Client, certificate: Certificate, administrator: User
) -> None:
    revoke_certificate(certificate=certificate, by=administrator, reason="Attendance sheet forged.")
    client.force_login(certificate.holder)
    body = client.get(detail_url(certificate)).content.decode()
    assert "Revoked on" in body
    assert "Attendance sheet forged." in body
    assert reverse("certificates:pdf", args=[certificate.code]) not in body


def test_another_learner_does_not_find_it(client: Client, certificate: Certificate) -> None:
    client.force_login(person_with("learner"))
    assert client.get(detail_url(certificate)).status_code == 404
    assert client.get(reverse("certificates:pdf", args=[certificate.code])).status_code == 404


def test_the_admin_site_reads_certificates_and_changes_none(client: Client, certificate: Certificate) -> None:
    client.force_login(person_with("administrator", is_staff=True, is_superuser=True))
    listing = client.get(reverse("admin:certificates_certificate_changelist"), {"q": certificate.code})
    assert listing.status_code == 200
    assert certificate.code in listing.content.decode()
    page = client.get(reverse("admin:certificates_certificate_change", args=[certificate.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.get(reverse("admin:certificates_certificate_add")).status_code == 403
    assert (
        client.get(reverse("admin:certificates_certificate_delete", args=[certificate.pk])).status_code == 403
    )
