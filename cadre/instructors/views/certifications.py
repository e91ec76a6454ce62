"""Certifying a candidacy, and what certification managers do to a certification afterwards;
the certificate as a PDF in the instructor's language."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadre.accounts.models import User
from cadre.instructors import permissions, selectors, services
from cadre.instructors.forms import CertifyForm, ReasonForm, RenewForm
from cadre.instructors.models import Certification
from cadre.instructors.views.common import error_text, signed_in
from cadre.lib import pdf

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@require_http_methods(["GET", "POST"])
def certify(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    candidacy = permissions.get_candidacy_for(user, pk)
    permissions.require(permissions.can_certify(user, candidacy))
    candidacy = selectors.candidacies_of(candidacy.instructor).get(pk=candidacy.pk)
    form = CertifyForm(request.POST or None, candidacy=candidacy)
    if request.method == "POST" and form.is_valid():
        try:
            certification = services.certify(candidacy=candidacy, by=user, values=form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The instructor is certified."))
            return redirect(
                reverse("instructors:profile", args=[certification.instructor_id])
                + f"#certification-{certification.pk}"
            )
    context = {
        "form": form,
        "candidacy": candidacy,
        "instructor": candidacy.instructor,
        "progress": selectors.progress_of(candidacy),
        "blockers": selectors.certification_blockers(candidacy),
        "latest": selectors.latest_observation(candidacy),
    }
    return render(request, "instructors/certify.html", context, status=400 if form.errors else 200)


def _with_reason(
    action: Callable[..., Certification],
) -> Callable[[Certification, User, HttpRequest], Certification]:
    def run(certification: Certification, user: User, request: HttpRequest) -> Certification:
        form = ReasonForm(request.POST)
        if not form.is_valid():
            raise ValidationError(list(form.errors["reason"]))
        return action(certification=certification, by=user, reason=form.cleaned_data["reason"])

    return run


def _renew(certification: Certification, user: User, request: HttpRequest) -> Certification:
    form = RenewForm(request.POST)
    refresher = form.cleaned_data["refresher"] if form.is_valid() else ""
    return services.renew_certification(certification=certification, by=user, refresher=refresher)


ACTIONS: dict[str, tuple[Callable[[Certification, User, HttpRequest], Certification], Any]] = {
    "suspend": (_with_reason(services.suspend_certification), _("The certification is suspended.")),
    "reinstate": (_with_reason(services.reinstate_certification), _("The certification is reinstated.")),
    "revoke": (_with_reason(services.revoke_certification), _("The certification is revoked.")),
    "renew": (_renew, _("The certification is renewed.")),
}


@require_POST
def certification_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    user = signed_in(request)
    certification = permissions.get_certification_for(user, pk, write=True)
    run, done = ACTIONS[action]
    try:
        run(certification, user, request)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, str(done))
    return redirect(
        reverse("instructors:profile", args=[certification.instructor_id])
        + f"#certification-{certification.pk}"
    )


def verification_url(request: HttpRequest, code: str) -> str:
    """The public verification page's full address, as the QR code carries it."""
    return request.build_absolute_uri(reverse("instructors_public:verify", args=[code]))


@require_GET
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The certificate in the instructor's language (or the one asked for)."""
    certification = permissions.get_certification_for(signed_in(request), pk)
    wanted = request.GET.get("language") or certification.instructor.person.preferred_language
    language = wanted if wanted in LANGUAGE_CODES else "en"
    address = verification_url(request, certification.code)
    certification = selectors.certification_by_code(certification.code) or certification
    context = {
        "certification": certification,
        "verification_url": address,
        "qr": pdf.qr_svg(address, size_mm=30),
    }
    try:
        content = pdf.render_pdf("instructors/pdf/certificate.html", context, language=language)
    except pdf.PdfUnavailable:
        messages.error(request, _("The PDF cannot be made on this server at the moment. Try again later."))
        return redirect("instructors:profile", certification.instructor_id)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="instructor-certificate-{certification.code}-{language}.pdf"'
    )
    return response
