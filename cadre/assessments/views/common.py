"""What the evaluation views share."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import translation

from cadre.accounts.models import User
from cadre.assessments import permissions
from cadre.training_sessions.models import Session

# The status of the page telling a person why they cannot answer.
STATE_STATUS = {
    permissions.ANSWERED: 200,
    permissions.NOT_YET: 403,
    permissions.CLOSED: 403,
    permissions.NO_TEST: 403,
}


def signed_in(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def posted(request: HttpRequest) -> QueryDict | None:
    """The form's data when it was sent (even empty), None when the page is only shown."""
    return request.POST if request.method == "POST" else None


def reader_language() -> str:
    return (translation.get_language() or "en").split("-")[0]


def unavailable(
    request: HttpRequest, session: Session, state: str, what: str, **context: Any
) -> HttpResponse:
    """The page saying why the questionnaire or test cannot be answered now."""
    if state == permissions.NOT_YOURS:
        raise PermissionDenied
    page = {"session": session, "state": state, "what": what, **context}
    return render(request, "assessments/unavailable.html", page, status=STATE_STATUS.get(state, 403))
