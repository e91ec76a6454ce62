"""The gate: until the NCB approves them, a signed-in person sees only their own request."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from cadre.vetting.selectors import access_of

# Paths a person without access may still reach: their request (and the agencies its form
# offers), the account pages (sign out, e-mail verification, password, MFA), the language
# switch, static files and the health check. The privacy notice they accepted and the public
# course catalogue stay readable.
OPEN_PREFIXES = ("/accounts/", "/i18n/", "/healthz", "/favicon.ico", "/catalogue/", "/verify/")


class AccessGateMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or self._always_open(request.path_info):
            return self.get_response(request)
        if access_of(user):
            return self.get_response(request)
        return redirect("vetting:my_request")

    @staticmethod
    def _always_open(path: str) -> bool:
        if path == reverse("privacy:notice"):
            return True
        own = (reverse("vetting:my_request"), reverse("vetting:agency_options"))
        return path.startswith((*own, settings.STATIC_URL or "/static/", *OPEN_PREFIXES))
