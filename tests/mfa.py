"""A second factor for test personas: one known TOTP secret, and the codes it gives."""

import time

from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from cadre.accounts.models import User

# Base32, as authenticator apps take it. Never used outside tests.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def give_totp(user: User, secret: str = TOTP_SECRET) -> None:
    TOTP.activate(user, secret)


def totp_code(secret: str = TOTP_SECRET, *, periods_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or `periods_ahead` periods of 30 s later)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + periods_ahead))
