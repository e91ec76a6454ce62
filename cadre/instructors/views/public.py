"""The public verification of instructor certifications, at /verify/instructor/<code>/: anyone
holding the code on a certificate sees whether it is genuine and in force."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from cadre.instructors import selectors, services
from cadre.instructors.forms import VerifyForm
from cadre.lib.http import public_page


@login_not_required
@require_GET
def verify_lookup(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    if request.GET and form.is_valid():
        code = services.normalised_code(form.cleaned_data["code"])
        if code:
            return redirect("instructors_public:verify", code)
    return public_page(render(request, "instructors/verify_lookup.html", {"form": form}))


@login_not_required
@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.certification_by_code(services.normalised_code(code))
    if found is None:
        context = {"form": VerifyForm(initial={"code": code[:32]}), "code": code[:32]}
        return public_page(render(request, "instructors/verify_unknown.html", context, status=404))
    return public_page(
        render(request, "instructors/verify.html", {"certification": found, "status": found.current_status()})
    )
