"""`{% evaluation_links session %}`: the evaluation pages the reader may open about a session,
for the session's page."""

from typing import Any

from django import template

from cadre.assessments import permissions, selectors
from cadre.assessments.models import FollowUp, TestAttempt
from cadre.training_sessions.models import Session

register = template.Library()
TestKind = TestAttempt.Kind


def _participant_links(user: Any, session: Session) -> dict[str, Any]:
    nomination = selectors.participation_of(user, session)
    if nomination is None:
        return {}
    taken = set(TestAttempt.objects.filter(nomination=nomination).values_list("kind", flat=True))
    has_test = selectors.has_post_test(session)
    follow_up = FollowUp.objects.filter(nomination=nomination).first()
    return {
        "participant": True,
        "pre": has_test and TestKind.PRE not in taken and permissions.is_test_open(session, TestKind.PRE),
        "post": has_test and TestKind.POST not in taken and permissions.is_test_open(session, TestKind.POST),
        "follow_up": follow_up is not None and permissions.can_answer_follow_up(user, follow_up),
    }


@register.inclusion_tag("assessments/_session_links.html", takes_context=True)
def evaluation_links(context: dict[str, Any], session: Session) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or not user.is_authenticated:
        return {"session": session}
    return {
        "session": session,
        "reaction": permissions.reaction_state(user, session) == permissions.ANSWER,
        "report": permissions.can_view_reaction_results(user, session),
        "bank": permissions.can_edit_bank(user, session.course),
        **_participant_links(user, session),
    }
