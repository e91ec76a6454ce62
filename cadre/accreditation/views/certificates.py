"""Certificates: the list, one certificate with its PDFs, revocation and re-accreditation; and
the public verification page, which anyone holding a code may open."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadre.accreditation import permissions, selectors, services
from cadre.accreditation.forms import RevokeForm, VerifyForm
from cadre.accreditation.models import Certificate
from cadre.accreditation.views.cases import error_text, signed_in
from cadre.lib import pdf
from cadre.lib.http import public_page

CERTIFICATES_PER_PAGE = 25
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@require_GET
def certificate_list(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    permissions.require(permissions.can_see_accreditation(user))
    page = Paginator(selectors.certificates_for(user), CERTIFICATES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "accreditation/certificates.html", {"page": page})


def _certificate_page(
    request: HttpRequest, certificate: Certificate, form: RevokeForm | None = None, status: int = 200
) -> HttpResponse:
    user = signed_in(request)
    context = {
        "certificate": certificate,
        "case": certificate.case,
        "languages": LANGUAGE_CODES,
        "verification_url": verification_url(request, certificate.code),
        "may_revoke": permissions.can_revoke_certificate(user, certificate),
        "may_reaccredit": permissions.can_reaccredit(user, certificate),
        "renewals": selectors.renewals_of(certificate),
        "revoke_form": form or RevokeForm(),
    }
    return render(request, "accreditation/certificate.html", context, status=status)


@require_GET
def certificate(request: HttpRequest, code: str) -> HttpResponse:
    found = permissions.get_certificate_for(signed_in(request), code)
    return _certificate_page(request, found)


def verification_url(request: HttpRequest, code: str) -> str:
    """The public verification page's full address, as the QR code carries it."""
    return request.build_absolute_uri(reverse("accreditation_public:verify", args=[code]))


@require_GET
def certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    found = permissions.get_certificate_for(signed_in(request), code)
    language = request.GET.get("language") or translation.get_language() or "en"
    language = language if language in LANGUAGE_CODES else "en"
    address = verification_url(request, found.code)
    context = {
        "certificate": found,
        "title": found.title_in(language),
        "verification_url": address,
        "qr": pdf.qr_svg(address, size_mm=30),
    }
    try:
        content = pdf.render_pdf("accreditation/pdf/certificate.html", context, language=language)
    except pdf.PdfUnavailable:
        messages.error(request, _("The PDF cannot be made on this server at the moment. Try again later."))
        return redirect("accreditation:certificate", found.code)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="accreditation-{found.code}-{language}.pdf"'
    return response


@require_POST
def revoke(request: HttpRequest, code: str) -> HttpResponse:
    user = signed_in(request)
    found = permissions.get_certificate_for(user, code)
    permissions.require(permissions.can_revoke_certificate(user, found))
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            services.revoke_certificate(certificate=found, by=user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The certificate is revoked and the course no longer shows as accredited.")
            )
            return redirect("accreditation:certificate", found.code)
    return _certificate_page(request, found, form, status=400)


@require_POST
def reaccredit(request: HttpRequest, code: str) -> HttpResponse:
    user = signed_in(request)
    found = permissions.get_certificate_for(user, code)
    permissions.require(permissions.can_reaccredit(user, found))
    try:
        case = services.open_reaccreditation(certificate=found, by=user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("accreditation:certificate", found.code)
    messages.success(request, _("The re-accreditation case is open."))
    return redirect("accreditation:case", case.reference)


# --- Public verification -----------------------------------------------------------------------


@login_not_required
@require_http_methods(["GET"])
def verify_lookup(request: HttpRequest) -> HttpResponse:
    """The form to type a certificate's code; a code sent leads to its page."""
    form = VerifyForm(request.GET or None)
    if request.GET and form.is_valid():
        code = services.normalised_code(form.cleaned_data["code"])
        if code:
            return redirect("accreditation_public:verify", code)
    return public_page(render(request, "accreditation/verify_lookup.html", {"form": form}))


@login_not_required
@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.certificate_by_code(services.normalised_code(code))
    if found is None:
        context = {"form": VerifyForm(initial={"code": code[:32]}), "code": code[:32]}
        return public_page(render(request, "accreditation/verify_unknown.html", context, status=404))
    language = (translation.get_language() or "en").split("-")[0]
    context = {"certificate": found, "title": found.title_in(language)}
    return public_page(render(request, "accreditation/verify.html", context))
