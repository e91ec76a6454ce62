"""Reads about import batches, filtered to the countries the person may vet."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import QuerySet

from cadre.accounts import permissions as role_checks
from cadre.accounts.permissions import AnyUser
from cadre.directory.models import Country
from cadre.directory.selectors import countries_for, sort_key
from cadre.imports.models import ImportBatch, ImportRow
from cadre.imports.permissions import IMPORTING_ROLES
from cadre.vetting.permissions import can_vet

BUSY = (ImportBatch.Status.UPLOADED, ImportBatch.Status.VALIDATING, ImportBatch.Status.IMPORTING)


def batches_for(user: AnyUser) -> QuerySet[ImportBatch]:
    batches = ImportBatch.objects.select_related("country", "uploaded_by")
    return batches.filter(country__in=countries_for(user, *IMPORTING_ROLES))


def countries_for_upload(user: AnyUser) -> list[Country]:
    """The member countries the person may import into, sorted by name in their language."""
    countries = list(countries_for(user, *IMPORTING_ROLES).filter(is_member=True))
    if not role_checks.is_administrator(user):
        countries = [country for country in countries if can_vet(user, country)]
    return sorted(countries, key=lambda country: sort_key(country.name))


def rows_of(batch: ImportBatch, *, outcome: str = "") -> QuerySet[ImportRow]:
    rows = ImportRow.objects.filter(batch=batch).select_related("agency")
    if outcome:
        rows = rows.filter(outcome=outcome)
    return rows.order_by("number")


def progress_key(batch_id: int) -> str:
    return f"imports:progress:{batch_id}"


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, self.done * 100 // self.total)


def progress_of(batch: ImportBatch) -> Progress:
    """How far the current step has gone. The import runs in one transaction, so its
    progress is published through the cache, where other requests can read it."""
    if batch.status == ImportBatch.Status.IMPORTING:
        return Progress(int(cache.get(progress_key(batch.pk), 0)), batch.rows_to_import)
    if batch.status == ImportBatch.Status.IMPORTED:
        return Progress(batch.imported_rows, batch.rows_to_import)
    return Progress(batch.processed_rows, batch.total_rows)


def is_busy(batch: ImportBatch) -> bool:
    return batch.status in BUSY
