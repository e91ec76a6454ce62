"""The public verification of certificates of attendance and completion, at
/verify/certificate/<code>/: anyone holding the code printed on a certificate sees whether it is
genuine and still holds. No sign-in; not indexed; the code is never sent to another site."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cadre.certificates import selectors
from cadre.certificates.forms import VerifyForm
from cadre.certificates.permissions import CODE_MAX_LENGTH
from cadre.certificates.views.holder import reader_language
from cadre.lib.codes import normalised_code
from cadre.lib.http import public_page

SHOWN_CODE_LENGTH = 32


@login_not_required
@require_GET
def verify_lookup(request: HttpRequest) -> HttpResponse:
    """The form to type a certificate's code; a code sent leads to its page."""
    form = VerifyForm(request.GET or None)
    if request.GET and form.is_valid():
        code = normalised_code(form.cleaned_data["code"], max_length=CODE_MAX_LENGTH)
        if code:
            return redirect("certificates_public:verify", code)
        form.add_error("code", _("Type the code printed on the certificate: its letters and digits."))
    return public_page(render(request, "certificates/verify_lookup.html", {"form": form}))


@login_not_required
@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.certificate_by_code(normalised_code(code, max_length=CODE_MAX_LENGTH))
    if found is None:
        shown = code[:SHOWN_CODE_LENGTH]
        context = {"form": VerifyForm(initial={"code": shown}), "code": shown}
        return public_page(render(request, "certificates/verify_unknown.html", context, status=404))
    context = {
        "certificate": found,
        "title": found.title_in(reader_language()),
        "newer": selectors.newer_certificate(found),
    }
    return public_page(render(request, "certificates/verify.html", context))
