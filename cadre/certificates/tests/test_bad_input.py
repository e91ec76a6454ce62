"""Bad input on the certificates' pages: the holder's list, a certificate's PDF, revoking and
re-issuing it, and the public verification. None is a server error; a refusal changes nothing;
what a field must refuse is refused."""

import pytest
from django.test import Client
from django.urls import reverse

from cadre.accounts.models import User
from cadre.certificates.models import Certificate
from tests.bad_input import Probe, probe_addresses

pytestmark = pytest.mark.django_db

LANGUAGES = ("", "xx", "ar-", "\x00", "x" * 10_000, "fr")


def test_the_holders_list(client: Client, certificate: Certificate, holder: User) -> None:
    client.force_login(holder)
    probe = Probe(client, reverse("certificates:mine"))
    probe.fields("get", {}, {"page": "any"})
    probe.query_strings()
    assert not probe.problems, probe.report()


def test_the_pdf_in_a_language_that_does_not_exist(
    client: Client, certificate: Certificate, holder: User
) -> None:
    client.force_login(holder)
    probe = Probe(client, reverse("certificates:pdf", args=[certificate.code]))
    probe.fields("get", {"language": "en"}, {"language": "any"}, values=LANGUAGES)
    assert not probe.problems, probe.report()


@pytest.mark.parametrize("action", ["revoke", "reissue"])
def test_revoking_and_reissuing(
    client: Client, certificate: Certificate, course_manager: User, action: str
) -> None:
    client.force_login(course_manager)
    probe = Probe(client, reverse(f"certificates:{action}", args=[certificate.code]))
    base = {"reason": "The holder's name was misspelt."}
    probe.fields("post", base, {"reason": "required_text"})
    assert not probe.problems, probe.report()


def test_the_public_verification_form(client: Client, certificate: Certificate) -> None:
    probe = Probe(client, reverse("certificates_public:lookup"))
    probe.fields("get", {"code": certificate.code}, {"code": "text"})
    probe.query_strings(("code=%ff%fe", "code=%00"))
    assert not probe.problems, probe.report()


@pytest.mark.parametrize("namespace", ["certificates", "certificates_public"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_addresses_with_nul_bytes_or_long_codes_are_not_found(
    client: Client, administrator: User, namespace: str, method: str
) -> None:
    client.force_login(administrator)
    probe = probe_addresses(client, namespace, method)
    assert not probe.problems, probe.report()
