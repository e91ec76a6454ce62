from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cadre.accounts import selectors as accounts_selectors
from cadre.directory import selectors as directory_selectors
from cadre.portal.health import run_checks
from cadre.vetting import selectors as vetting_selectors


@login_not_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("portal:dashboard")
    return render(request, "portal/home.html")


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    assignments = accounts_selectors.role_assignments_of(user)
    context = {
        "assignments": assignments,
        "home_country": accounts_selectors.home_country_of(user),
        "countries_in_scope": directory_selectors.countries_looked_after(user),
        "reference_counts": directory_selectors.reference_counts_for(user),
        "pending_requests": vetting_selectors.pending_count_for(user),
    }
    return render(request, "portal/dashboard.html", context)


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    results = run_checks()
    healthy = all(result.ok for result in results.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        "checks": {name: {"ok": r.ok, "detail": r.detail} for name, r in results.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)
