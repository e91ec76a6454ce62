"""Single sign-on providers from the environment, in the shape django-allauth expects."""

from typing import Any

from django.core.exceptions import ImproperlyConfigured

OIDC_KEYS = ("provider_id", "name", "server_url", "client_id", "secret")


def openid_connect_apps(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """allauth's OpenID Connect apps from OIDC_PROVIDERS entries, each naming every OIDC_KEYS."""
    apps = []
    for number, entry in enumerate(entries, start=1):
        missing = [key for key in OIDC_KEYS if not str(entry.get(key) or "").strip()]
        if missing:
            raise ImproperlyConfigured(f"OIDC_PROVIDERS entry {number} lacks {', '.join(missing)}.")
        apps.append(
            {
                "provider_id": entry["provider_id"],
                "name": entry["name"],
                "client_id": entry["client_id"],
                "secret": entry["secret"],
                "settings": {"server_url": entry["server_url"]},
            }
        )
    return apps
