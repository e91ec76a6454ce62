"""Too many failed sign-ins lock the account from that address; a password reset unlocks it."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from cadre.accounts.security import username_of
from cadre.audit.models import AuditEntry

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _small_limit(settings) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    cache.clear()


def attempt(client, user, password, **extra):
    return client.post(reverse("account_login"), {"login": user.email.upper(), "password": password}, **extra)


def lock(client, user, **extra):
    responses = [attempt(client, user, "wrong-password-000", **extra) for _ in range(3)]
    return responses[-1]


def test_failures_below_the_limit_only_fail(client, learner):
    response = attempt(client, learner, "wrong-password-000")
    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == learner.email


def test_the_limit_locks_and_even_the_right_password_is_refused(client, learner):
    response = lock(client, learner)
    assert response.status_code == 429
    assert "This account is locked" in response.content.decode()

    response = attempt(client, learner, PASSWORD)

    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    assert AuditEntry.objects.filter(action="accounts.locked_out", target_id=str(learner.pk)).exists()
    page = response.content.decode()
    assert "1\xa0hour" in page
    assert reverse("account_reset_password") in page
    assert "administrator" in page


def test_the_lock_is_for_one_address_only(client, learner):
    lock(client, learner)
    response = attempt(client, learner, PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(learner.pk)


def test_the_lockout_page_is_translated(client, learner):
    client.cookies["cadre_language"] = "ar"
    response = lock(client, learner)
    page = response.content.decode()
    assert response.status_code == 429
    assert '<html lang="ar" dir="rtl">' in page
    assert "1\xa0ساعة" in page


def test_resetting_the_password_unlocks(client, learner):
    lock(client, learner)
    client.post(reverse("account_reset_password"), {"email": learner.email})
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/password/reset/key/" in line)
    path = link[link.index("/accounts/") :].strip()
    form_url = client.get(path)["Location"]
    new_password = "a-new-long-passphrase-2026"
    client.post(form_url, {"password1": new_password, "password2": new_password})

    assert not AccessAttempt.objects.exists()
    assert attempt(client, learner, new_password).status_code == 302


def test_changing_the_password_is_audited(client, learner):
    client.force_login(learner)
    new_password = "another-long-passphrase-2026"

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
    )

    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="accounts.password_changed", actor=learner).count() == 1


def test_the_username_is_the_email_in_lower_case(rf):
    request = rf.post("/accounts/login/", {"login": " Someone@Police.KE "})
    assert username_of(request, None) == "someone@police.ke"
    assert username_of(request, {"email": "A@B.example", "password": "x"}) == "a@b.example"
