"""Who must use a second factor, the set-up gate, and signing in with a TOTP code."""

import pytest
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.urls import reverse

from cadre.accounts.permissions import must_use_mfa
from cadre.audit.models import AuditEntry
from tests.factories import UserFactory
from tests.mfa import totp_code

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()  # allauth keeps rate limits and used TOTP codes there


@pytest.mark.parametrize(
    ("persona", "learners_too", "expected"),
    [
        ("nobody", False, False),
        ("learner", False, False),
        ("ncb_officer", False, True),
        ("regional_officer", False, True),
        ("dpo", False, True),
        ("administrator", False, True),
        ("learner", True, True),
        ("nobody", True, True),
    ],
)
def test_who_must_use_mfa(db, request, settings, persona, learners_too, expected):
    settings.MFA_REQUIRED_FOR_LEARNERS = learners_too
    assert must_use_mfa(request.getfixturevalue(persona)) is expected


def test_staff_without_a_role_must_use_mfa(db):
    assert must_use_mfa(UserFactory(is_staff=True))


def without_second_factor(user):
    Authenticator.objects.filter(user=user).delete()
    return user


def test_a_role_holder_without_authenticator_is_sent_to_set_one_up(client, ncb_officer):
    client.force_login(without_second_factor(ncb_officer))

    response = client.get(reverse("portal:dashboard"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")
    [message] = get_messages(response.wsgi_request)
    assert "two-factor authentication" in str(message)


def test_the_gate_leaves_set_up_sign_out_language_and_health_open(client, ncb_officer):
    client.force_login(without_second_factor(ncb_officer))

    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("mfa_activate_totp")).status_code in {200, 302}
    assert client.get(reverse("healthz")).status_code in {200, 503}
    assert client.post(reverse("set_language"), {"language": "fr"}).status_code == 302
    assert client.post(reverse("account_logout")).status_code == 302


def test_the_set_up_page_is_translated(client, ncb_officer):
    client.force_login(without_second_factor(ncb_officer))
    client.cookies["cadre_language"] = "fr"

    response = client.get(reverse("portal:dashboard"), follow=True)

    assert "authentification à deux facteurs" in response.content.decode().lower()


def test_learners_and_people_with_a_second_factor_pass(client, learner, ncb_officer):
    client.force_login(learner)
    assert client.get(reverse("portal:dashboard")).status_code == 200
    client.force_login(ncb_officer)
    assert client.get(reverse("portal:dashboard")).status_code == 200


def test_learners_are_gated_too_when_the_setting_says_so(client, settings, learner):
    settings.MFA_REQUIRED_FOR_LEARNERS = True
    client.force_login(learner)
    assert client.get(reverse("portal:dashboard"))["Location"] == reverse("mfa_index")


def sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def test_after_activating_totp_the_person_can_use_pages(
    client, ncb_officer, django_capture_on_commit_callbacks
):
    sign_in(client, without_second_factor(ncb_officer))
    assert client.get(reverse("portal:dashboard"))["Location"] == reverse("mfa_index")

    reauthenticate = client.get(reverse("mfa_activate_totp"))["Location"]
    assert reauthenticate.startswith(reverse("account_reauthenticate"))
    client.post(reauthenticate, {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert client.get(reverse("portal:dashboard")).status_code == 200
    added = AuditEntry.objects.filter(action="accounts.mfa_added", actor=ncb_officer)
    assert {entry.changes["authenticator"][1] for entry in added} == {"totp", "recovery_codes"}


def test_signing_in_asks_for_the_code(client, ncb_officer):
    response = sign_in(client, ncb_officer)
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("portal:dashboard")).status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(periods_ahead=5)})
    assert response.status_code == 200
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})

    assert response["Location"] == reverse("portal:dashboard")
    assert client.get(reverse("portal:dashboard")).status_code == 200


def test_a_code_of_the_period_just_ended_still_counts_once(client, ncb_officer):
    sign_in(client, ncb_officer)
    just_ended = totp_code(periods_ahead=-1)

    response = client.post(reverse("mfa_authenticate"), {"code": just_ended})
    assert response["Location"] == reverse("portal:dashboard")

    client.post(reverse("account_logout"))
    sign_in(client, ncb_officer)
    response = client.post(reverse("mfa_authenticate"), {"code": just_ended})
    assert response.status_code == 200  # refused: a code is used once


def test_the_last_second_factor_of_a_role_holder_cannot_be_removed(ncb_officer, learner):
    from tests.mfa import give_totp

    give_totp(learner)
    adapter = get_adapter()
    assert not adapter.can_delete_authenticator(Authenticator.objects.get(user=ncb_officer))
    assert adapter.can_delete_authenticator(Authenticator.objects.get(user=learner))
