"""Verification codes printed on certificates: short, unguessable, easy to read out and type."""

import secrets
from collections.abc import Callable

# Thirty-two letters and digits, without those read one for another (0 and O, 1 and I).
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def unguessable_code(length: int, *, taken: Callable[[str], bool]) -> str:
    """A random code of `length` characters (5 bits each) that `taken` says is still free."""
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(length))
        if not taken(code):
            return code


def normalised_code(text: str, *, max_length: int | None = None) -> str:
    """A code as typed (lower case, spaces, dashes) in the form it is stored."""
    code = "".join(character for character in text.upper() if character.isalnum())
    return code[:max_length] if max_length else code
