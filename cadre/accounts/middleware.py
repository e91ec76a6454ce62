"""Two gates of strong sign-in: sessions idle too long end, and whoever must use a second
factor sets one up before anything else."""

import time
from collections.abc import Callable
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.accounts.permissions import must_use_mfa

# Paths open without a second factor: the account pages (sign-in, sign-out, password, MFA
# set-up, sessions), the language switch, static files and the health check.
OPEN_PREFIXES = ("/accounts/", "/i18n/", "/healthz", "/favicon.ico")
LAST_SEEN_KEY = "cadre_last_seen"
MFA_READY_KEY = "cadre_mfa_ready"
# The last-seen time is rewritten at most this often, not on every request.
LAST_SEEN_PRECISION = 60

SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]

Handler = Callable[[HttpRequest], HttpResponse]


def start_session(sender: object, request: HttpRequest | None, user: User, **_: Any) -> None:
    """Django's `user_logged_in`: note the activity and the second factor once, at sign-in,
    so that the pages that follow need neither a query nor a session write for them."""
    session = getattr(request, "session", None)
    if session is None:
        return
    session[LAST_SEEN_KEY] = int(time.time())
    if is_mfa_enabled(user, SECOND_FACTORS):
        session[MFA_READY_KEY] = user.pk


class IdleSessionMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        now = int(time.time())
        last_seen = request.session.get(LAST_SEEN_KEY)
        minutes = settings.SESSION_IDLE_MINUTES
        if last_seen is not None and now - last_seen > minutes * 60:
            logout(request)
            messages.info(
                request,
                _("You were signed out after %(minutes)s minutes without activity.") % {"minutes": minutes},
            )
            return redirect_to_login(request.get_full_path())
        if last_seen is None or now - last_seen >= LAST_SEEN_PRECISION:
            request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class MFARequiredMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or self._always_open(request.path_info):
            return self.get_response(request)
        if not must_use_mfa(user) or self._has_second_factor(request):
            return self.get_response(request)
        messages.warning(
            request,
            _(
                "Your role requires two-factor authentication. Set up an authenticator app or a "
                "security key to continue."
            ),
        )
        return redirect("mfa_index")

    @staticmethod
    def _has_second_factor(request: HttpRequest) -> bool:
        # Remembered in the session, so that it costs one query per sign-in, not per page.
        if request.session.get(MFA_READY_KEY) == request.user.pk:
            return True
        if not is_mfa_enabled(request.user, SECOND_FACTORS):
            return False
        request.session[MFA_READY_KEY] = request.user.pk
        return True

    @staticmethod
    def _always_open(path: str) -> bool:
        return path.startswith((settings.STATIC_URL or "/static/", *OPEN_PREFIXES))
