"""PDFs rendered from Django templates with WeasyPrint, in the reader's language.

WeasyPrint lays text out through Pango and HarfBuzz, so Arabic is shaped and set right to left.
It is imported only when a PDF is made: a machine without Pango still starts, and `render_pdf`
raises `PdfUnavailable` there. Templates extend `pdf/base.html` (A4, header, page numbers).

A PDF fetches nothing from the network: its stylesheets and images are either inline (`data:`
URLs, inline SVG such as `qr_svg`) or Cadre's own static files (`{% static %}`), read from disk.
"""

import xml.etree.ElementTree as ET
from typing import Any

import qrcode
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from qrcode.image.svg import SvgPathFillImage

QR_BORDER_MODULES = 4


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs (Pango) are missing on this machine."""


def weasyprint_version() -> str:
    """The version of WeasyPrint that `render_pdf` would use; PdfUnavailable when it cannot load."""
    return str(_weasyprint().__version__)


def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: the Pango libraries cannot be loaded
        raise PdfUnavailable(
            "PDFs cannot be made on this machine: WeasyPrint or Pango is missing "
            "(Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core). "
            f"Cause: {error}"
        ) from error
    return weasyprint


def render_pdf(template_name: str, context: dict[str, Any], *, language: str) -> bytes:
    """Render the template in `language` (ar, en, fr or es) and return the PDF's bytes.

    The template sees `pdf_language` and `pdf_direction` ("rtl" for Arabic) besides `context`.
    """
    weasyprint = _weasyprint()
    language = translation.get_supported_language_variant(language)
    with translation.override(language):
        html = render_to_string(
            template_name,
            {
                **context,
                "pdf_language": language,
                "pdf_direction": "rtl" if translation.get_language_bidi() else "ltr",
            },
        )
    from cadre.lib.pdf_fetcher import StaticOnlyFetcher

    document = weasyprint.HTML(string=html, base_url=_base_url(), url_fetcher=StaticOnlyFetcher())
    pdf: bytes = document.write_pdf()
    return pdf


def _base_url() -> str:
    """Relative URLs ({% static %} gives /static/…) resolve against the site, then to files on disk."""
    return f"{settings.SITE_URL}/"


def qr_svg(data: str, *, size_mm: int = 30) -> SafeString:
    """An inline SVG QR code of `data`, `size_mm` wide, for an HTML page or a PDF."""
    code = qrcode.QRCode(border=QR_BORDER_MODULES, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    image = code.make_image(image_factory=SvgPathFillImage)
    root = image.get_image()
    root.set("width", f"{size_mm}mm")
    root.set("height", f"{size_mm}mm")
    root.set("role", "img")
    root.set("aria-label", _("QR code"))
    for element in root.iter():
        element.attrib.pop("id", None)  # qrcode names its path; two codes on a page must not clash
    return mark_safe(ET.tostring(root, encoding="unicode"))  # noqa: S308 — built here, data is escaped by ElementTree
