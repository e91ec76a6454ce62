"""The instructors' dashboard: the certification pipeline, certifications about to expire, and
who covers which subject in which language, with the gaps, in charts drawn on the server."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cadre.instructors import overview, permissions, rules
from cadre.instructors.views.common import signed_in
from cadre.lib.charts import bar_chart

EXPIRING_SHOWN = 50


def _pipeline(levels: list[overview.LevelPipeline]) -> list[dict[str, Any]]:
    sections = []
    for item in levels:
        rows = [(stage.stage.name, stage.candidates) for stage in item.stages]
        rows.append((_("All stages done, awaiting the decision"), item.finished))
        title = _("Candidates at each stage: %(level)s") % {"level": item.level.name}
        sections.append({"level": item, "chart": bar_chart(title, rows, ident=f"pipeline-{item.level.code}")})
    return sections


def _certification_figures() -> dict[str, Any]:
    months = overview.expiring_by_month()
    expiring = overview.expiring()
    return {
        "pipeline": _pipeline(overview.pipeline()),
        "expiring": list(expiring[:EXPIRING_SHOWN]),
        "expiring_count": sum(month.certifications for month in months),
        "expiring_chart": bar_chart(
            _("Certifications expiring each month"),
            [(month.label, month.certifications) for month in months],
            ident="expiring",
        ),
        "horizon": overview.EXPIRY_HORIZON_DAYS,
    }


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    permissions.require(permissions.can_view_dashboard(user))
    coverage = overview.coverage()
    context: dict[str, Any] = {
        "coverage": coverage,
        "language_chart": bar_chart(
            _("Certified instructors per language"),
            [(rules.language_name(code), number) for code, number in coverage.by_language.items()],
            ident="languages",
        ),
        "full": permissions.can_view_certification_figures(user),
    }
    if context["full"]:
        context.update(_certification_figures())
    return render(request, "instructors/dashboard.html", context)
