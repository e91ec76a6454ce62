"""Sessions in calendars: one session's days as an .ics file, and a person's own feed of the
sessions they attend or teach, at an address calendar programs subscribe to."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cadre.lib.http import public_page
from cadre.training_sessions import ical, permissions
from cadre.training_sessions.selectors import sessions as selectors
from cadre.training_sessions.views.sessions import signed_in

CALENDAR = "text/calendar; charset=utf-8"


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CALENDAR)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_GET
def session_ics(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    session = permissions.get_session_for(user, pk)
    body = ical.calendar_of(selectors.calendar_session(session), name=session.display_title)
    return _calendar_response(body, f"{session.code}.ics")


@login_not_required
@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's feed; its signed key is the only way in (calendar programs do not sign in)."""
    owner_id = ical.feed_owner_id(token)
    person = selectors.feed_owner(owner_id) if owner_id is not None else None
    if person is None:
        raise Http404
    with translation.override(person.preferred_language):
        body = ical.calendar_of(selectors.feed_sessions(person), name=_("Cadre: my training sessions"))
    return public_page(_calendar_response(body, "cadre-sessions.ics"))
