"""A participant's own training record: their nominations and sessions, upcoming and past."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cadre.accounts.models import User
from cadre.training_sessions import permissions
from cadre.training_sessions.models import Nomination
from cadre.training_sessions.selectors import nominations as selectors
from cadre.training_sessions.views.nominations import signed_in


def _rows(user: User, nominations: list[Nomination]) -> list[dict[str, Any]]:
    certificates = selectors.certificates_of_nominations([item.pk for item in nominations])
    return [
        {
            "nomination": nomination,
            "session": nomination.session,
            "certificate": certificates.get(nomination.pk),
            "may_answer": permissions.can_answer_invitation(user, nomination),
        }
        for nomination in nominations
    ]


@require_GET
def record(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    today = timezone.localdate()
    rows = _rows(user, selectors.record_of(user))
    upcoming: list[dict[str, Any]] = []
    past: list[dict[str, Any]] = []
    for row in rows:
        ahead = row["session"].ends_on >= today and not row["session"].is_cancelled
        (upcoming if ahead else past).append(row)
    upcoming.reverse()  # the soonest first
    return render(request, "training_sessions/record/record.html", {"upcoming": upcoming, "past": past})
