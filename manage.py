#!/usr/bin/env python
"""Django's command-line utility for Cadre."""

import os
import secrets
import sys
from pathlib import Path

LOCAL_ENV = Path(__file__).resolve().parent / ".env"


def load_local_env() -> None:
    """Take the variables of a local `.env` (written by `make setup`) that the environment does
    not already set, as `scripts/with-env` does, so `python manage.py ...` works on its own."""
    if not LOCAL_ENV.is_file():
        return
    for line in LOCAL_ENV.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#") or "=" not in line:
            continue
        name, value = line.split("=", 1)
        os.environ.setdefault(name.strip(), value)


def allow_a_bare_checkout() -> None:
    """Let commands that only read the code (`makemigrations --check`, `compilemessages`) run in
    a checkout with neither `.env` nor variables. The key is random: nothing it signs is accepted
    by any other process. Servers (`cadre.wsgi`, `cadre.asgi`, Celery) do not come through here
    and still refuse to start without `SECRET_KEY` and `ALLOWED_HOSTS`."""
    if not os.environ.get("SECRET_KEY"):
        os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")


def main() -> None:
    load_local_env()
    allow_a_bare_checkout()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadre.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
