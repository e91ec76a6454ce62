"""The e-mails to a certificate's holder: sent in their language, and not at all when the
certificate is no longer in the state the task was enqueued for."""

import pytest
from django.core import mail

from cadre.accounts.models import User
from cadre.certificates import tasks
from cadre.certificates.models import Certificate
from cadre.certificates.services import reissue_certificate, revoke_certificate
from cadre.certificates.tests.conftest import TITLES

pytestmark = pytest.mark.django_db


def test_the_revocation_e_mail_is_in_the_holders_language(
    certificate: Certificate, administrator: User
) -> None:
    holder = certificate.holder
    holder.preferred_language = "es"
    holder.save(update_fields=["preferred_language"])
    revoke_certificate(certificate=certificate, by=administrator, reason="Fraude.")
    mail.outbox.clear()
    assert tasks.notify_revoked(certificate.pk) == 1
    body = mail.outbox[0].body
    assert TITLES["es"] in body
    assert "Fraude." in body
    assert f"/certificates/{certificate.code}/" in body


def test_nothing_is_sent_for_a_certificate_that_is_not_revoked(certificate: Certificate) -> None:
    assert tasks.notify_revoked(certificate.pk) == 0
    assert tasks.notify_revoked(0) == 0
    assert tasks.notify_reissued(certificate.pk) == 0  # it replaces nothing
    assert mail.outbox == []


def test_the_reissue_e_mail_names_both_codes(certificate: Certificate, administrator: User) -> None:
    new = reissue_certificate(certificate=certificate, by=administrator, reason="Name corrected.")
    mail.outbox.clear()
    assert tasks.notify_reissued(new.pk) == 1
    message = mail.outbox[0]
    assert new.code in message.subject
    assert certificate.code in message.body
    assert "Name corrected." in message.body
    assert tasks.notify_reissued(certificate.pk) == 0  # the old one is no longer valid
