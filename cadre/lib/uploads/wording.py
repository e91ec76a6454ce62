"""Sizes, numbers and lists written the way the reader's language writes them (CLDR, via Babel)."""

from collections.abc import Iterable

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.units import format_unit
from django.conf import settings
from django.utils import translation

STEP = 1024
_UNITS = ("digital-byte", "digital-kilobyte", "digital-megabyte", "digital-gigabyte", "digital-terabyte")


def _locale() -> Locale:
    return Locale.parse(translation.to_locale(translation.get_language() or settings.LANGUAGE_CODE))


def size_text(size: int) -> str:
    """45.2 MB, 45,2 Mo, ٤٥٫٢ … (1024-based, as file managers show it)."""
    value = float(size)
    unit = 0
    while value >= STEP and unit < len(_UNITS) - 1:
        value /= STEP
        unit += 1
    return format_unit(
        value,
        _UNITS[unit],
        length="long" if unit == 0 else "short",  # "512 bytes", "45.2 MB"
        format="#,##0.#",
        locale=_locale(),
        numbering_system="latn",
    )


def sizes_text(size: int, limit: int) -> tuple[str, str]:
    """The size and the limit, exact to the byte when rounding would show them equal."""
    size_shown, limit_shown = size_text(size), size_text(limit)
    if size != limit and size_shown == limit_shown:
        locale = _locale()
        exact = [
            format_unit(
                value, "digital-byte", length="long", format="#,##0", locale=locale, numbering_system="latn"
            )
            for value in (size, limit)
        ]
        return exact[0], exact[1]
    return size_shown, limit_shown


def number_text(number: int) -> str:
    return format_decimal(number, format="#,##0", locale=_locale(), numbering_system="latn")


def or_list(items: Iterable[object]) -> str:
    """ "a, b or c" in the reader's language."""
    return format_list([str(item) for item in items], style="or", locale=_locale())
