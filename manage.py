#!/usr/bin/env python
"""Django's command-line utility for Cadre."""

import os
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


def main() -> None:
    load_local_env()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadre.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
