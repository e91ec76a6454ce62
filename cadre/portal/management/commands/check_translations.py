"""Fail when a string a user can see is not translated in every language.

The strings are extracted afresh from the code (into a scratch copy of the catalogues), so
a string added without running `make messages` is caught as well as an empty or fuzzy one.
"""

import shutil
import tempfile
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings

TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# cadre/locale is left out so that makemessages writes only into the scratch copy.
IGNORED = ["cadre/locale", "var/*", "bench/*", "tests/*", "docs/*", "scripts/*", "node_modules/*"]


def problems_in(catalog: Catalog) -> list[str]:
    found = []
    for message in catalog:
        if not message.id:
            continue
        label = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.fuzzy:
            found.append(f"fuzzy: {label!r}")
        elif not all(strings):
            found.append(f"untranslated: {label!r}")
        for error in message.check(catalog):
            found.append(f"{label!r}: {error}")
    return found


class Command(BaseCommand):
    help = "Check that every user-facing string is translated in Arabic, French and Spanish."

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(settings.LOCALE_PATHS[0])
        with tempfile.TemporaryDirectory() as scratch:
            locale_copy = Path(scratch) / "locale"
            shutil.copytree(source, locale_copy)
            with override_settings(LOCALE_PATHS=[locale_copy]):
                call_command(
                    "makemessages",
                    locale=TRANSLATED_LANGUAGES,
                    no_location=True,
                    no_obsolete=True,
                    ignore_patterns=IGNORED,
                    verbosity=0,
                )
            failures = self.check_catalogues(locale_copy)
        if failures:
            self.stderr.write("\n".join(failures))
            raise CommandError(
                f"{len(failures)} translation problem(s). Run `make messages`, translate, and try again."
            )
        self.stdout.write(self.style.SUCCESS("Every string is translated in every language."))

    def check_catalogues(self, locale_dir: Path) -> list[str]:
        failures = []
        for language in TRANSLATED_LANGUAGES:
            with (locale_dir / language / "LC_MESSAGES" / "django.po").open("rb") as po_file:
                catalog = read_po(po_file, locale=language)
            failures += [f"{language}: {problem}" for problem in problems_in(catalog)]
        return failures
