"""Fill the catalogues from a table of translations: `python scripts/apply_translations.py TABLE.py`.

TABLE.py defines T = {msgid: (french, spanish, arabic)}. Entries it names are filled and
un-fuzzied; nothing else changes. A plural entry is keyed by (singular, plural) and its value
holds each language's forms: ((fr_one, fr_many), (es_one, es_many), (ar_zero, ..., ar_many)).
A message with a context (pgettext) is keyed "context\x04msgid", as gettext itself joins them.
"""

import runpy
import sys
from pathlib import Path
from typing import Any

import polib

LOCALE = Path(__file__).resolve().parent.parent / "cadre" / "locale"
COLUMNS = {"fr": 0, "es": 1, "ar": 2}


def _plural_forms(forms: tuple[str, ...], catalogue: polib.POFile) -> dict[int, str]:
    """The forms by index; a language with more forms than given (Spanish has a third, for
    millions) repeats the last one, its general plural."""
    wanted = int(catalogue.metadata.get("Plural-Forms", "nplurals=2").split("nplurals=")[1].split(";")[0])
    padded = list(forms) + [forms[-1]] * (wanted - len(forms))
    return dict(enumerate(padded[:wanted]))


def _key(entry: polib.POEntry) -> Any:
    msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
    return (msgid, entry.msgid_plural) if entry.msgid_plural else msgid


def apply(table: dict[Any, tuple[Any, Any, Any]]) -> None:
    for language, column in COLUMNS.items():
        path = LOCALE / language / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            key = _key(entry)
            if key not in table:
                continue
            if entry.msgid_plural:
                entry.msgstr_plural = _plural_forms(table[key][column], catalogue)
            else:
                entry.msgstr = table[key][column]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            entry.previous_msgid_plural = None
        catalogue.save(str(path))


if __name__ == "__main__":
    apply(runpy.run_path(sys.argv[1])["T"])
