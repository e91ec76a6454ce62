"""Single sign-on providers come from OIDC_PROVIDERS; none configured shows nothing."""

import pytest
from allauth.socialaccount.models import SocialApp
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from cadre.lib.env import Env
from cadre.lib.sso import openid_connect_apps

ENTRY = {
    "provider_id": "police-idp",
    "name": "Police directory",
    "server_url": "https://idp.police.example/realms/police",
    "client_id": "cadre",
    "secret": "s3cret",
}


def test_providers_are_read_from_json():
    entries = Env({"OIDC_PROVIDERS": f'[{{"provider_id": "{ENTRY["provider_id"]}"}}]'}).json_list(
        "OIDC_PROVIDERS"
    )
    assert entries == [{"provider_id": "police-idp"}]
    assert Env({}).json_list("OIDC_PROVIDERS") == []


@pytest.mark.parametrize("value", ["[{", '{"provider_id": "x"}', '["x"]'])
def test_malformed_json_stops_with_a_clear_message(value):
    with pytest.raises(ImproperlyConfigured, match="OIDC_PROVIDERS"):
        Env({"OIDC_PROVIDERS": value}).json_list("OIDC_PROVIDERS")


def test_an_entry_must_name_every_key():
    with pytest.raises(ImproperlyConfigured, match="entry 1 lacks client_id, secret"):
        openid_connect_apps([{"provider_id": "x", "name": "X", "server_url": "https://x.example"}])


def test_an_entry_becomes_an_allauth_app():
    [app] = openid_connect_apps([ENTRY])
    assert app["provider_id"] == "police-idp"
    assert app["settings"] == {"server_url": ENTRY["server_url"]}


def test_the_login_page_shows_no_provider_when_none_is_configured(client, db):
    page = client.get(reverse("account_login")).content.decode()
    assert "sso-title" not in page


def test_the_login_page_offers_a_configured_provider(client, settings, db):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": openid_connect_apps([ENTRY])}}
    page = client.get(reverse("account_login")).content.decode()
    assert "Police directory" in page
    assert "/accounts/oidc/police-idp/login/" in page


def test_a_saml_provider_can_be_configured_in_the_admin(client, db):
    SocialApp.objects.create(
        provider="saml", provider_id="police-saml", name="Police SAML", client_id="cadre", settings={}
    )
    assert "Police SAML" in client.get(reverse("account_login")).content.decode()
