"""Answering questionnaires: level 1 at the end of a session (participants and instructors),
level 3 some months later (the participant, signed in; their supervisor, through a private
link that needs no account)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cadre.assessments import permissions, selectors, services
from cadre.assessments.forms import EvaluationForm
from cadre.assessments.models import FollowUp, Questionnaire
from cadre.assessments.views.common import posted, reader_language, signed_in, unavailable
from cadre.lib.http import public_page

Level = Questionnaire.Level
Audience = Questionnaire.Audience


def _questionnaire(level: str, audience: str) -> Questionnaire:
    found = selectors.questionnaire(level, audience)
    if found is None:  # the reference data is not loaded
        raise Http404
    return found


@require_http_methods(["GET", "POST"])
def reaction(request: HttpRequest, pk: int) -> HttpResponse:
    """Level 1: the participant's or the instructor's questionnaire about the session."""
    user = signed_in(request)
    session = permissions.get_session_for(user, pk)
    state = permissions.reaction_state(user, session)
    if state != permissions.ANSWER:
        return unavailable(request, session, state, "reaction")
    audience = permissions.reaction_audience(user, session)
    questionnaire = _questionnaire(Level.REACTION, audience or Audience.PARTICIPANT)
    items = selectors.answer_items(questionnaire, session)
    form = EvaluationForm(posted(request), items=items, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_evaluation(
                questionnaire=questionnaire,
                session=session,
                respondent=user,
                answers=form.answers(),
                language=reader_language(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your answers are recorded."))
            return redirect("assessments:l1", session.pk)
    context = {"session": session, "questionnaire": questionnaire, "form": form}
    return render(request, "assessments/questionnaire.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """Level 3: the participant's own follow-up, some months after the session."""
    user = signed_in(request)
    session = permissions.get_session_for(user, pk)
    found = permissions.get_follow_up_for(user, session)
    if not permissions.can_answer_follow_up(user, found):
        return unavailable(request, session, permissions.ANSWERED, "follow_up")
    questionnaire = _questionnaire(Level.BEHAVIOUR, Audience.PARTICIPANT)
    form = EvaluationForm(
        posted(request), items=selectors.answer_items(questionnaire, None), questionnaire=questionnaire
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_evaluation(
                questionnaire=questionnaire,
                session=session,
                respondent=user,
                answers=form.answers(),
                language=reader_language(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your answers are recorded."))
            return redirect("assessments:l3", session.pk)
    context = {"session": session, "questionnaire": questionnaire, "form": form}
    return render(request, "assessments/questionnaire.html", context, status=400 if form.is_bound else 200)


def _supervisor_page(
    request: HttpRequest, found: FollowUp, context: dict[str, object], status: int
) -> HttpResponse:
    nomination = found.nomination
    page = {
        "participant": nomination.person.display_name,
        "course": nomination.session.course.title,
        "starts_on": nomination.session.starts_on,
        "ends_on": nomination.session.ends_on,
        **context,
    }
    return public_page(render(request, "assessments/supervisor.html", page, status=status))


@login_not_required
@require_http_methods(["GET", "POST"])
def supervisor_follow_up(request: HttpRequest, key: str) -> HttpResponse:
    """Level 3, for the participant's supervisor: a public page reached through the private link
    they were sent. It shows the participant's name, the course and its dates, nothing else."""
    found = permissions.get_follow_up_by_key(key[:64])
    if not permissions.can_answer_as_supervisor(found):
        return _supervisor_page(request, found, {"answered": True}, 200)
    questionnaire = _questionnaire(Level.BEHAVIOUR, Audience.SUPERVISOR)
    form = EvaluationForm(
        posted(request), items=selectors.answer_items(questionnaire, None), questionnaire=questionnaire
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_supervisor_evaluation(
                follow_up=found, answers=form.answers(), language=reader_language()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _supervisor_page(request, found, {"answered": True, "thanks": True}, 200)
    context = {"questionnaire": questionnaire, "form": form}
    return _supervisor_page(request, found, context, 400 if form.is_bound else 200)
