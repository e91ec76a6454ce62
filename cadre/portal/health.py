"""The checks behind /healthz: can Cadre reach its database, cache and broker?"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from cadre.celery import app as celery_app
from cadre.lib.pdf import weasyprint_version

BROKER_TIMEOUT_SECONDS = 2


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    detail: str


def check_database() -> CheckResult:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return CheckResult(True, connection.vendor)


def check_cache() -> CheckResult:
    cache.set("healthz", "ok", timeout=10)
    if cache.get("healthz") != "ok":
        return CheckResult(False, "the value written could not be read back")
    return CheckResult(True, settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1])


def check_broker() -> CheckResult:
    if not settings.CELERY_BROKER_URL:
        return CheckResult(True, "in-process")
    with celery_app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
        conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
        return CheckResult(True, conn.transport.driver_type)


def check_pdf() -> CheckResult:
    """WeasyPrint and Pango load (certificates and reports are PDFs)."""
    return CheckResult(True, f"weasyprint {weasyprint_version()}")


CHECKS: dict[str, Callable[[], CheckResult]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "pdf": check_pdf,
}


def run_checks() -> dict[str, CheckResult]:
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as error:  # noqa: BLE001 — any failure means "down", named below
            results[name] = CheckResult(False, type(error).__name__)
    return results
