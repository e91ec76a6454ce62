from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

from cadre.accounts.models import User


def signed_in(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def error_text(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)
