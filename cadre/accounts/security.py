"""Glue between django-axes (lockout) and allauth: whose sign-ins count, and unlocking."""

from collections.abc import Callable
from typing import Any

from axes.utils import reset
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
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


# Sign-in security events come from allauth and axes as signals; each is written to the audit
# trail like any other change, so a data protection officer can see when a second factor was
# removed or an account locked.
SECURITY_EVENTS = {
    "authenticator_added": "accounts.mfa_added",
    "authenticator_removed": "accounts.mfa_removed",
    "authenticator_reset": "accounts.mfa_reset",
    "password_changed": "accounts.password_changed",
    "password_set": "accounts.password_set",
    "password_reset": "accounts.password_reset",
}


def record_security_event(action: str, user: Any, authenticator: Any = None) -> None:
    from cadre.audit import services as audit

    changes = {"authenticator": (None, str(authenticator.type))} if authenticator is not None else None
    with transaction.atomic():
        audit.record(actor=user, action=action, target=user, changes=changes, country=user.country)


def audit_signal(action: str) -> Callable[..., None]:
    def receiver(sender: object, user: Any, authenticator: Any = None, **_: Any) -> None:
        record_security_event(action, user, authenticator)

    return receiver


def audit_lockout(sender: object, request: HttpRequest, username: str, ip_address: str, **_: Any) -> None:
    from cadre.accounts.models import User
    from cadre.audit import services as audit

    person = User.objects.filter(email__iexact=username).first()
    if person is None:
        return
    with transaction.atomic():
        audit.record(actor=None, action="accounts.locked_out", target=person, country=person.country)


def connect_security_audit() -> None:
    from allauth.account import signals as account_signals
    from allauth.mfa import signals as mfa_signals
    from axes.signals import user_locked_out

    for name, action in SECURITY_EVENTS.items():
        signal = getattr(mfa_signals, name, None) or getattr(account_signals, name)
        signal.connect(audit_signal(action), dispatch_uid=f"cadre-audit-{name}", weak=False)
    user_locked_out.connect(audit_lockout, dispatch_uid="cadre-audit-locked-out")
