from django.conf import settings
from django.http import HttpRequest

from cadre.portal.navigation import links_for


def navigation(request: HttpRequest) -> dict[str, object]:
    return {
        "nav_links": links_for(request),
        "language_choices": [(code, LANGUAGE_NATIVE_NAMES[code]) for code, _name in settings.LANGUAGES],
    }


# Each language is offered in its own name, so a reader finds theirs whatever the page shows.
LANGUAGE_NATIVE_NAMES = {"ar": "العربية", "en": "English", "fr": "Français", "es": "Español"}
