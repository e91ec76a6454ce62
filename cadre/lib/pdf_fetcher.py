"""The resources a PDF may use: inline `data:` URLs and Cadre's static files, never the network.

Imported by `cadre.lib.pdf` only when a PDF is made, since it needs WeasyPrint (and Pango).
"""

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from weasyprint.urls import URLFetcher, URLFetcherResponse


class StaticOnlyFetcher(URLFetcher):
    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data"}, allow_redirects=False)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = static_path(url)
        if path is None:
            raise ValueError(f"PDFs may use only inline resources and Cadre's static files, not {url}")
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime_type})


def static_path(url: str) -> Path | None:
    """The file on disk behind a URL of Cadre's static files (`{% static %}`), or None."""
    parts = urlsplit(url)
    site = urlsplit(settings.SITE_URL)
    if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
        return None
    if not parts.path.startswith(settings.STATIC_URL):
        return None
    relative = parts.path.removeprefix(settings.STATIC_URL)
    try:
        found = finders.find(relative)
        if isinstance(found, str):
            return Path(found)
        if staticfiles_storage.exists(relative):
            return Path(staticfiles_storage.path(relative))
    except (SuspiciousFileOperation, NotImplementedError):
        return None
    return None
