"""The pool search: who may deliver, ranked by fit, and why the others may not."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cadre.courses import selectors as course_selectors
from cadre.instructors import permissions, pool
from cadre.instructors.pool_forms import PoolSearchForm
from cadre.instructors.views.common import signed_in
from cadre.lib.http import HtmxHttpRequest

MATCHES_PER_PAGE = 25
COURSE_SUGGESTIONS = 50


@require_GET
def pool_search(request: HtmxHttpRequest) -> HttpResponse:
    user = signed_in(request)
    permissions.require(permissions.can_use_pool_search(user))
    form = PoolSearchForm(request.GET or None, user=user)
    query = form.query()
    result = pool.search(user, query)
    page = Paginator(result.matches, MATCHES_PER_PAGE).get_page(request.GET.get("page"))
    shown = pool.present(query, [*page.object_list, *result.excluded[: pool.EXCLUDED_JUDGED]])
    context = {
        "form": form,
        "query": query,
        "page": page,
        "matches": [row for row in shown if row.candidate.allowed],
        "excluded": [row for row in shown if not row.candidate.allowed],
        "excluded_count": result.excluded_count,
        "excluded_by_reason": result.excluded_by_reason(),
        "whole_pool": permissions.sees_whole_pool(user),
    }
    if request.htmx:
        return render(request, "instructors/_pool_results.html", context)
    context["my_courses"] = course_selectors.courses_looked_after(user)[:COURSE_SUGGESTIONS]
    return render(request, "instructors/pool.html", context)
