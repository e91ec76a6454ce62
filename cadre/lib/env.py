"""Typed readers for settings that come from the environment.

Every reader fails at once with a message naming the variable, so a misconfigured
deployment stops at start-up instead of misbehaving later.
"""

import json
import os
from collections.abc import Mapping
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class Env:
    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def raw(self, name: str) -> str | None:
        value = self.environ.get(name)
        return None if value is None else value.strip()

    def text(self, name: str, default: str | None = None, *, required: bool = False) -> str:
        value = self.raw(name)
        if value:
            return value
        if required:
            raise ImproperlyConfigured(f"{name} must be set (see .env.example).")
        return default or ""

    def flag(self, name: str, default: bool) -> bool:
        value = self.raw(name)
        if value is None:
            return default
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise ImproperlyConfigured(
            f"{name} must be a boolean (true/false, yes/no, on/off, 1/0), not {value!r}."
        )

    def integer(self, name: str, default: int) -> int:
        value = self.raw(name)
        if not value:
            return default
        try:
            return int(value)
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None

    def items(self, name: str, default: list[str] | None = None, *, required: bool = False) -> list[str]:
        value = self.text(name, required=required)
        if not value:
            return list(default or [])
        return [item.strip() for item in value.split(",") if item.strip()]

    def json_list(self, name: str) -> list[dict[str, Any]]:
        """A JSON array of objects, e.g. [{"provider_id": "police-idp", ...}]; empty when unset."""
        value = self.text(name)
        if not value:
            return []
        try:
            parsed = json.loads(value)
        except json.JSONDecodeError as error:
            raise ImproperlyConfigured(f"{name} is not valid JSON: {error}") from None
        if not isinstance(parsed, list) or not all(isinstance(item, dict) for item in parsed):
            raise ImproperlyConfigured(f"{name} must be a JSON array of objects, e.g. [{{...}}, {{...}}].")
        return parsed

    def database(self, name: str, default: str) -> dict[str, Any]:
        url = self.text(name, default)
        if not url.startswith(("sqlite:", "postgres:", "postgresql:", "pgsql:")):
            raise ImproperlyConfigured(f"{name} must be a sqlite:// or postgres:// URL, not {url!r}.")
        try:
            config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
        except ValueError as error:
            raise ImproperlyConfigured(f"{name} is not a valid database URL: {error}") from None
        if config["ENGINE"] != "django.db.backends.sqlite3" and not config.get("NAME"):
            raise ImproperlyConfigured(f"{name} must name a database, e.g. postgres://host/cadre.")
        return config


env = Env()
