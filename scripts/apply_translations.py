"""Fill the catalogues from a table of translations: `python scripts/apply_translations.py TABLE.py`.

TABLE.py defines T = {msgid: (french, spanish, arabic)}. Entries it names are filled and
un-fuzzied; nothing else changes. Plural entries are left to be edited by hand.
"""

import runpy
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "cadre" / "locale"
COLUMNS = {"fr": 0, "es": 1, "ar": 2}


def apply(table: dict[str, tuple[str, str, str]]) -> None:
    for language, column in COLUMNS.items():
        path = LOCALE / language / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            if entry.msgid in table and not entry.msgid_plural:
                entry.msgstr = table[entry.msgid][column]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = None
        catalogue.save(str(path))


if __name__ == "__main__":
    apply(runpy.run_path(sys.argv[1])["T"])
