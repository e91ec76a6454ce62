"""The participant's invitation: the session's essentials, joining instructions and timetable,
their answer (confirm or decline by the deadline); and the letter of invitation as a PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cadre.lib.pdf import PdfUnavailable
from cadre.training_sessions import letters, permissions
from cadre.training_sessions.forms.selection import AnswerForm
from cadre.training_sessions.models import Nomination
from cadre.training_sessions.services import invitations as services
from cadre.training_sessions.views.selection import signed_in


def _answered_message(accept: bool) -> str:
    if accept:
        return _("Thank you: your place is confirmed.")
    return _("You have declined your place; it goes to someone on the waitlist.")


@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    nomination = permissions.get_nomination_for(user, pk)
    permissions.require(nomination.person_id == user.pk)
    full = letters.letter_nomination(pk)
    if full is None:
        raise Http404
    session = full.session
    may_answer = permissions.can_answer_invitation(user, full)
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        permissions.require(may_answer)
        if form.is_valid():
            accept = form.cleaned_data["answer"] == "confirm"
            try:
                services.respond_to_invitation(
                    nomination=full, by=user, accept=accept, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _answered_message(accept))
                return redirect("training_sessions:respond", full.pk)
    deadline = services.answer_deadline(full, session)
    context = {
        "nomination": full,
        "session": session,
        "venue": letters.venue_of(session),
        "days": list(session.days.all()),
        "deadline": deadline,
        "past_deadline": deadline is not None and timezone.localdate() > deadline,
        "may_answer": may_answer,
        "may_get_letter": permissions.can_get_invitation_letter(user, full),
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "training_sessions/invitations/respond.html", context, status=status)


@require_GET
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter of invitation, in the participant's language unless another one is asked for."""
    user = signed_in(request)
    nomination = permissions.get_nomination_for(user, pk)
    permissions.require(permissions.can_get_invitation_letter(user, nomination))
    full: Nomination | None = letters.letter_nomination(pk)
    if full is None:
        raise Http404
    language = letters.letter_language(full, request.GET.get("language"))
    try:
        content = letters.render_letter(full, language=language)
    except PdfUnavailable:
        messages.error(request, _("The PDF cannot be made on this server at the moment. Try again later."))
        return redirect("training_sessions:nomination", full.pk)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{letters.letter_filename(full, language)}"'
    return response
