"""A person's certificates, one certificate with its PDFs and history, and what those who manage
it may do: revoke it, or re-issue it."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cadre.accounts.models import User
from cadre.certificates import permissions, selectors, services
from cadre.certificates.forms import ReasonForm, reason_form
from cadre.certificates.models import Certificate
from cadre.lib import pdf

CERTIFICATES_PER_PAGE = 20
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def signed_in(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def reader_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def verification_url(code: str) -> str:
    """The public verification page's full address, as the QR code and the PDF carry it."""
    return f"{settings.SITE_URL}{reverse('certificates_public:verify', args=[code])}"


@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    page = Paginator(selectors.certificates_of(user), CERTIFICATES_PER_PAGE).get_page(request.GET.get("page"))
    language = reader_language()
    rows = [(certificate, certificate.title_in(language)) for certificate in page.object_list]
    return render(request, "certificates/mine.html", {"page": page, "rows": rows})


def _detail_page(
    request: HttpRequest,
    certificate: Certificate,
    forms: dict[str, ReasonForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = signed_in(request)
    forms = forms or {}
    context: dict[str, Any] = {
        "certificate": certificate,
        "title": certificate.title_in(reader_language()),
        "newer": selectors.newer_certificate(certificate),
        "history": selectors.history_of(certificate),
        "languages": LANGUAGE_CODES,
        "verification_url": verification_url(certificate.code),
        "is_holder": permissions.is_holder(user, certificate),
        "may_download": permissions.can_download_certificate(user, certificate),
        "may_revoke": permissions.can_revoke_certificate(user, certificate),
        "may_reissue": permissions.can_reissue_certificate(user, certificate),
        "revoke_form": forms.get("revoke") or reason_form("revoke"),
        "reissue_form": forms.get("reissue") or reason_form("reissue"),
    }
    return render(request, "certificates/detail.html", context, status=status)


@require_GET
def detail(request: HttpRequest, code: str) -> HttpResponse:
    found = permissions.get_certificate_for(signed_in(request), code)
    return _detail_page(request, found)


def _pdf_language(request: HttpRequest, certificate: Certificate) -> str:
    asked = request.GET.get("language", "")
    return asked if asked in LANGUAGE_CODES else certificate.language


@require_GET
def certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    user = signed_in(request)
    found = permissions.get_certificate_for(user, code)
    if not permissions.can_download_certificate(user, found):
        messages.error(request, _("This certificate was revoked: it can no longer be downloaded."))
        return redirect("certificates:detail", found.code)
    language = _pdf_language(request, found)
    address = verification_url(found.code)
    context = {
        "certificate": found,
        "title": found.title_in(language),
        "verification_url": address,
        "qr": pdf.qr_svg(address, size_mm=32),
    }
    try:
        content = pdf.render_pdf("certificates/pdf/certificate.html", context, language=language)
    except pdf.PdfUnavailable:
        messages.error(request, _("The PDF cannot be made on this server at the moment. Try again later."))
        return redirect("certificates:detail", found.code)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{found.code}-{language}.pdf"'
    return response


def _error_into(form: ReasonForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for messages_ in error.message_dict.values():
            for message in messages_:
                form.add_error("reason", message)
    else:
        form.add_error(None, error)


@require_POST
def revoke(request: HttpRequest, code: str) -> HttpResponse:
    user = signed_in(request)
    found = permissions.get_certificate_for(user, code)
    permissions.require(permissions.can_revoke_certificate(user, found))
    form = reason_form("revoke", request.POST)
    if form.is_valid():
        try:
            services.revoke_certificate(certificate=found, by=user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _error_into(form, error)
        else:
            messages.success(request, _("The certificate is revoked. Its holder has been told by e-mail."))
            return redirect("certificates:detail", found.code)
    return _detail_page(request, found, {"revoke": form}, status=400)


@require_POST
def reissue(request: HttpRequest, code: str) -> HttpResponse:
    user = signed_in(request)
    found = permissions.get_certificate_for(user, code)
    permissions.require(permissions.can_reissue_certificate(user, found))
    form = reason_form("reissue", request.POST)
    if form.is_valid():
        try:
            new = services.reissue_certificate(certificate=found, by=user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _error_into(form, error)
        else:
            messages.success(
                request,
                _("The certificate is re-issued with a new code. Its holder has been told by e-mail."),
            )
            return redirect("certificates:detail", new.code)
    return _detail_page(request, found, {"reissue": form}, status=400)
