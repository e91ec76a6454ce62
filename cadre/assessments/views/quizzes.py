"""Level 2: a participant takes the session's pre-test or post-test, then reads their scores."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cadre.assessments import permissions, selectors, services
from cadre.assessments.forms import TestForm
from cadre.assessments.models import TestAttempt
from cadre.assessments.views.common import posted, signed_in, unavailable

TestKind = TestAttempt.Kind


@require_http_methods(["GET", "POST"])
def take_test(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    user = signed_in(request)
    session = permissions.get_session_for(user, pk)
    state = permissions.state_of_test(user, session, kind)
    if state == permissions.ANSWERED:
        return redirect("assessments:results", session.pk)
    if state != permissions.ANSWER:
        return unavailable(request, session, state, kind, closes_on=permissions.post_test_closes_on(session))
    nomination = selectors.participation_of(user, session)
    if nomination is None:
        raise PermissionDenied
    form = TestForm(posted(request), items=selectors.drawn_questions(session))
    if request.method == "POST" and form.is_valid():
        try:
            attempt = services.submit_test(nomination=nomination, kind=kind, answers=form.answers())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your answers are recorded: you scored %(score)d%%.") % {"score": attempt.score_percent},
            )
            return redirect("assessments:results", session.pk)
    context = {
        "session": session,
        "kind": kind,
        "kind_label": TestKind(kind).label,
        "form": form,
        "closes_on": permissions.post_test_closes_on(session),
    }
    return render(request, "assessments/test.html", context, status=400 if form.is_bound else 200)


@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    """The participant's own scores, and their gain once they have taken both tests."""
    user = signed_in(request)
    session = permissions.get_session_for(user, pk)
    nomination = selectors.participation_of(user, session)
    if nomination is None:
        raise PermissionDenied
    context = {
        "session": session,
        "results": selectors.results_of(nomination),
        "pre_state": permissions.state_of_test(user, session, TestKind.PRE),
        "post_state": permissions.state_of_test(user, session, TestKind.POST),
        "closes_on": permissions.post_test_closes_on(session),
    }
    return render(request, "assessments/results.html", context)
