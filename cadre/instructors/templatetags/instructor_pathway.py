"""Template helpers of the pathway pages: `{% may_start_candidacy instructor as may_start %}`
answers, for the person viewing the page, whether they may start a candidacy for the instructor."""

from typing import Any

from django import template

from cadre.instructors import permissions
from cadre.instructors.models import Instructor

register = template.Library()


@register.simple_tag(takes_context=True)
def may_start_candidacy(context: dict[str, Any], instructor: Instructor) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user is not None and permissions.can_start_candidacy(user, instructor))
