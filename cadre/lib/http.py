"""HTTP glue: a request type that knows what Cadre's middleware adds to it, the headers of public
pages, safe "next" addresses and the compression of pages."""

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def public_page(response: HttpResponse) -> HttpResponse:
    """Mark a page anyone may open without signing in (a certificate's verification): search
    engines do not index it, and the code in its address is not sent to other sites.

    "same-origin" rather than "no-referrer": the latter makes browsers send `Origin: null` with
    the page's own forms (the language switcher), which the CSRF check refuses."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def local_path(request: HttpRequest, target: str) -> str | None:
    """`target` when it is a path of this site (a form's "next"), else None. A bare word or a
    date is refused too: `redirect()` would take it for the name of a page."""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


# Text shrinks to a fraction when compressed; PDFs, images, archives and videos are compressed
# already, and compressing a download again would only take its length (and progress bar) away.
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/javascript", "application/xml")


class TextGZipMiddleware(GZipMiddleware):
    """Compress pages and JSON for people on slow lines (with Django's "Heal the BREACH" padding),
    leaving files that are compressed already as they are."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES):
            return response
        return super().process_response(request, response)
