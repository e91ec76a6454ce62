"""A course's completion rule, and completing a session (or deciding its outcomes again)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cadre.courses import permissions as course_permissions
from cadre.training_sessions import permissions
from cadre.training_sessions.forms.attendance import CompletionRuleForm
from cadre.training_sessions.models import Nomination
from cadre.training_sessions.selectors.attendance import rule_for
from cadre.training_sessions.services import completion as services
from cadre.training_sessions.views.attendance import signed_in

Outcome = Nomination.Outcome


@require_http_methods(["GET", "POST"])
def completion_rule(request: HttpRequest, course: int) -> HttpResponse:
    user = signed_in(request)
    found = course_permissions.get_course_for(user, course)
    permissions.require(course_permissions.looks_after(user, found))
    rule = rule_for(found)
    form = CompletionRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_completion_rule(course=found, by=user, values=form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The completion rule is saved."))
            return redirect("training_sessions:completion_rule", course=found.pk)
    context = {"course": found, "form": form, "is_default": rule.pk is None}
    return render(
        request, "training_sessions/completion/rule.html", context, status=400 if form.errors else 200
    )


def _report(request: HttpRequest, summary: services.CompletionSummary, done: str) -> None:
    counts = {
        "completed": summary.outcomes[Outcome.COMPLETED],
        "attended": summary.outcomes[Outcome.ATTENDED],
        "not_completed": summary.outcomes[Outcome.NOT_COMPLETED],
        "issued": sum(summary.issued.values()),
    }
    messages.success(
        request,
        done
        + " "
        + _(
            "Completed: %(completed)d · Attended: %(attended)d · Did not complete: %(not_completed)d · "
            "Certificates issued: %(issued)d"
        )
        % counts,
    )
    if summary.to_review:
        messages.warning(
            request,
            _(
                "Certificates to review, which the outcome no longer supports: %(count)d. Revoke them "
                "from the certificate's page if that is right."
            )
            % {"count": summary.to_review},
        )


@require_POST
def complete(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    session = permissions.get_session_for(user, pk)
    permissions.require(permissions.can_complete_session(user, session))
    try:
        summary = services.complete_session(session=session, by=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _report(request, summary, _("The session is completed."))
    return redirect("training_sessions:attendance_summary", pk=session.pk)


@require_POST
def recompute(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    session = permissions.get_session_for(user, pk)
    permissions.require(permissions.can_recompute_outcomes(user, session))
    summary = services.recompute_outcomes(session=session, by=user)
    _report(request, summary, _("The outcomes are decided again."))
    return redirect("training_sessions:attendance_summary", pk=session.pk)
