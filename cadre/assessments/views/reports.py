"""A session's evaluation report: the whole of it for those who manage the session, its level 1
results for the session's instructors."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cadre.assessments import permissions, reports, selectors
from cadre.assessments.views.common import signed_in
from cadre.lib.charts import BarChart, bar_chart


def _charts(report: reports.SessionReport) -> dict[str, BarChart]:
    charts = {
        "reaction": bar_chart(
            _("Participants' average rating by theme (1 to 5)"),
            [(line.label, line.average or 0) for line in report.reaction_participants.dimensions],
            ident="reaction",
        )
    }
    learning = report.learning
    if learning.rows:
        charts["learning"] = bar_chart(
            _("Average score in each test, in per cent"),
            [
                (_("Pre-test"), learning.pre_average or 0),
                (_("Post-test"), learning.post_average or 0),
            ],
            ident="learning",
        )
    return charts


@require_GET
def report(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    session = permissions.get_session_for(user, pk)
    permissions.require(permissions.can_view_reaction_results(user, session))
    full = permissions.can_view_report(user, session)
    found = reports.session_report(session)
    if not full:
        # An instructor reads the participants' rating of their own teaching, not of the others'.
        own = selectors.instructor_link_of(user, session)
        mine = own.assignment_id if own else None
        found.instructor_ratings = [line for line in found.instructor_ratings if line.assignment_id == mine]
    found.charts = _charts(found)
    return render(request, "assessments/report.html", {"session": session, "report": found, "full": full})
