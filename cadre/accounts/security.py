"""Glue between django-axes (lockout) and allauth: whose sign-ins count, and unlocking."""

from typing import Any

from axes.utils import reset
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest


def username_of(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The e-mail a sign-in attempt was for. allauth authenticates with `email=`, its form posts
    `login`; both are folded to lower case so that every spelling counts against one account."""
    given = credentials or {}
    raw = given.get("email") or given.get("username") or given.get("login") or request.POST.get("login")
    return str(raw or "").strip().lower()


def unlock_after_password_reset(
    sender: object, request: HttpRequest, user: AbstractBaseUser, **_: Any
) -> None:
    """allauth's `password_reset` signal: whoever proved they own the address is unlocked."""
    reset(username=user.get_username().lower())
