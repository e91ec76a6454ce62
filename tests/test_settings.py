"""Settings come from the environment, and a bad or missing value stops the start at once."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cadre.lib.env import Env

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "SECRET_KEY": "a-production-secret-that-is-long-and-random-enough-for-django-checks-0123456789",
    "ALLOWED_HOSTS": "cadre.example.org",
    "DATABASE_URL": "postgres://cadre@db.example.org:5432/cadre",
}


def start_django(extra: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run manage.py in a fresh process with only `extra` as Cadre's environment."""
    keep = {name: value for name, value in os.environ.items() if name in {"PATH", "HOME", "LANG"}}
    return subprocess.run(
        [sys.executable, "manage.py", *(args or ("check",))],
        cwd=ROOT,
        env={**keep, **extra},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_start_without_a_required_variable_names_it(missing: str) -> None:
    environment = {name: value for name, value in PRODUCTION.items() if name != missing}
    result = start_django(environment)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DATABASE_URL", "mysql//nowhere", "DATABASE_URL must be a sqlite:// or postgres:// URL"),
        ("DEBUG", "maybe", "DEBUG must be a boolean"),
        ("HTTPS", "sometimes", "HTTPS must be a boolean"),
        ("EMAIL_PORT", "twenty-five", "EMAIL_PORT must be a whole number"),
    ],
)
def test_malformed_value_stops_the_start_with_its_name(name: str, value: str, message: str) -> None:
    result = start_django({**PRODUCTION, name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_deploy_check_is_clean_with_production_variables() -> None:
    result = start_django(PRODUCTION, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_debug_defaults_off() -> None:
    assert Env({}).flag("DEBUG", False) is False


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("YES", True), ("0", False), ("off", False)])
def test_flags_accept_the_usual_spellings(raw: str, expected: bool) -> None:
    assert Env({"FLAG": raw}).flag("FLAG", not expected) is expected


def test_lists_are_split_on_commas_and_trimmed() -> None:
    assert Env({"HOSTS": " a.example , b.example ,"}).items("HOSTS") == ["a.example", "b.example"]


def test_a_database_url_without_a_name_is_refused() -> None:
    with pytest.raises(ImproperlyConfigured, match="must name a database"):
        Env({"DATABASE_URL": "postgres://db.example.org"}).database("DATABASE_URL", "sqlite://")


def test_sqlite_and_postgres_urls_are_parsed() -> None:
    env = Env({"A": "sqlite:////tmp/x.sqlite3", "B": "postgres://u@h:5432/cadre"})
    assert env.database("A", "")["ENGINE"] == "django.db.backends.sqlite3"
    assert env.database("B", "")["NAME"] == "cadre"


def test_sqlite_database_runs_in_wal_mode(tmp_path: Path) -> None:
    database = tmp_path / "cadre.sqlite3"
    query = "from django.db import connection; c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    result = start_django({**PRODUCTION, "DATABASE_URL": f"sqlite:///{database}"}, "shell", "-c", query)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "wal"
