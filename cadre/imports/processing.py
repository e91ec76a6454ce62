"""The two long steps of an import, run by tasks: checking every row, then importing them all.

Checking writes the rows it read and publishes its progress on the batch in short transactions
of their own. Importing runs in one transaction, so that a file is imported whole or not at
all; its progress goes through the cache, which other requests can read meanwhile.
"""

import logging
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone, translation

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.directory.models import Agency
from cadre.imports import files
from cadre.imports.models import ImportBatch, ImportRow
from cadre.imports.problems import MESSAGES, FileProblem, Problem, problem
from cadre.imports.selectors import progress_key
from cadre.imports.validation import CheckedRow, RowChecker
from cadre.vetting.services import admit_person

logger = logging.getLogger(__name__)

CHUNK = 500
PROGRESS_EVERY = 100
PROGRESS_TIMEOUT = 6 * 60 * 60
Status = ImportBatch.Status
T = TypeVar("T")


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- Checking ---------------------------------------------------------------------------------


def validate_batch(batch_id: int) -> None:
    """Check every row of an uploaded batch. Does nothing unless the batch waits for it."""
    claimed = ImportBatch.objects.filter(pk=batch_id, status=Status.UPLOADED).update(
        status=Status.VALIDATING, processed_rows=0, total_rows=0
    )
    if not claimed:
        return
    batch = ImportBatch.objects.select_related("country").get(pk=batch_id)
    ImportRow.objects.filter(batch=batch).delete()
    try:
        table = files.read_table(_stored_bytes(batch), batch.file_format)
    except FileProblem as found:
        _finish_validation(batch_id, Counter(), found.stored)
        return
    ImportBatch.objects.filter(pk=batch_id).update(total_rows=len(table.rows))
    checker = RowChecker.for_rows(batch.country, table.rows)
    outcomes: Counter[str] = Counter()
    for chunk in chunks(table.rows, CHUNK):
        checked = [checker.check(number, values) for number, values in chunk]
        _store_rows(batch, checked)
        outcomes.update(row.outcome for row in checked)
    _finish_validation(batch_id, outcomes, [])


def _stored_bytes(batch: ImportBatch) -> bytes:
    if not batch.file:
        raise FileProblem("file_missing")
    try:
        with batch.file.open("rb") as stored:
            data: bytes = stored.read()
    except OSError:
        raise FileProblem("file_missing") from None
    return data


def _store_rows(batch: ImportBatch, checked: list[CheckedRow]) -> None:
    with transaction.atomic():
        ImportRow.objects.bulk_create(
            ImportRow(
                batch=batch,
                number=row.number,
                values=row.values,
                errors=row.errors,
                outcome=row.outcome,
                agency_id=row.agency_id,
            )
            for row in checked
        )
        ImportBatch.objects.filter(pk=batch.pk).update(processed_rows=F("processed_rows") + len(checked))


@transaction.atomic
def _finish_validation(batch_id: int, outcomes: Counter[str], file_problem: Problem) -> None:
    batch = ImportBatch.objects.select_for_update(of=("self",)).select_related("country").get(pk=batch_id)
    batch.valid_rows = outcomes[ImportRow.Outcome.VALID]
    batch.invalid_rows = outcomes[ImportRow.Outcome.INVALID]
    batch.present_rows = outcomes[ImportRow.Outcome.PRESENT]
    batch.problem = file_problem
    usable = not file_problem and not batch.invalid_rows and batch.rows_to_import
    batch.status = Status.READY if usable else Status.INVALID
    batch.save(update_fields=["valid_rows", "invalid_rows", "present_rows", "problem", "status"])
    audit.record(
        actor=None,
        action="imports.validated",
        target=batch,
        changes={
            "status": (Status.VALIDATING, batch.status),
            "valid_rows": (None, batch.valid_rows),
            "invalid_rows": (None, batch.invalid_rows),
            "present_rows": (None, batch.present_rows),
        },
        country=batch.country,
    )


# --- Importing --------------------------------------------------------------------------------


class ConfirmerGone(Exception):
    """The account of the person who confirmed the import was deleted meanwhile."""


class RowRefused(Exception):
    def __init__(self, number: int, reason: str) -> None:
        super().__init__(number, reason)
        self.number = number
        self.reason = reason


def import_batch(batch_id: int) -> None:
    """Import every row of a confirmed batch, all in one transaction. Does nothing unless the
    batch waits for it, so a batch is never imported twice."""
    batch = ImportBatch.objects.select_related("confirmed_by").filter(pk=batch_id).first()
    if batch is None or batch.status != Status.IMPORTING:
        return
    confirmer = batch.confirmed_by
    language = confirmer.preferred_language if confirmer else settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            _import_all(batch_id)
    except RowRefused as refused:
        _mark_failed(batch_id, problem("import_refused", row=refused.number, reason=refused.reason))
    except (DatabaseError, ConfirmerGone):
        logger.exception("Import batch %s failed; nothing was imported.", batch_id)
        _mark_failed(batch_id, problem("import_error"))
    finally:
        cache.delete(progress_key(batch_id))


@transaction.atomic
def _import_all(batch_id: int) -> None:
    batch = (
        ImportBatch.objects.select_for_update(of=("self",))
        .select_related("country", "confirmed_by")
        .get(pk=batch_id)
    )
    if batch.status != Status.IMPORTING:
        return
    if batch.confirmed_by is None:
        raise ConfirmerGone
    imported = _admit_rows(batch, batch.confirmed_by)
    stored_name = batch.file.name
    batch.status = Status.IMPORTED
    batch.imported_rows = imported
    batch.finished_at = timezone.now()
    batch.file = ""
    batch.save(update_fields=["status", "imported_rows", "finished_at", "file"])
    audit.record(
        actor=batch.confirmed_by,
        action="imports.imported",
        target=batch,
        changes={
            "status": (Status.IMPORTING, Status.IMPORTED),
            "imported_rows": (None, imported),
            "created": (None, batch.valid_rows),
            "already_present": (None, batch.present_rows),
        },
        country=batch.country,
    )
    if stored_name:
        transaction.on_commit(lambda: default_storage.delete(stored_name))


def _admit_rows(batch: ImportBatch, confirmer: User) -> int:
    rows = ImportRow.objects.filter(
        batch=batch, outcome__in=[ImportRow.Outcome.VALID, ImportRow.Outcome.PRESENT]
    ).order_by("number")
    agencies = Agency.objects.in_bulk(set(rows.values_list("agency_id", flat=True)) - {None})
    imported = 0
    for row in rows.iterator(chunk_size=2000):
        agency = agencies.get(row.agency_id) if row.agency_id else None
        if agency is None:
            raise RowRefused(row.number, str(MESSAGES["agency_unknown"] % {"value": row.values["agency"]}))
        _admit(batch, row, agency, confirmer)
        imported += 1
        if imported % PROGRESS_EVERY == 0:
            cache.set(progress_key(batch.pk), imported, PROGRESS_TIMEOUT)
    return imported


def _admit(batch: ImportBatch, row: ImportRow, agency: Agency, confirmer: User) -> None:
    values = row.values
    try:
        admit_person(
            email=values["email"],
            given_names=values["given_names"],
            family_name=values["family_name"],
            country=batch.country,
            agency=agency,
            rank=values["rank"],
            position=values["position"],
            gender=values["gender"],
            preferred_language=values["preferred_language"],
            admitted_by=confirmer,
            via="import",
        )
    except ValidationError as refused:
        raise RowRefused(row.number, " ".join(refused.messages)) from None


def _mark_failed(batch_id: int, failure: Problem) -> None:
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update(of=("self",)).select_related("country").get(pk=batch_id)
        if batch.status != Status.IMPORTING:
            return
        batch.status = Status.FAILED
        batch.problem = failure
        batch.finished_at = timezone.now()
        batch.save(update_fields=["status", "problem", "finished_at"])
        audit.record(
            actor=None,
            action="imports.failed",
            target=batch,
            changes={"status": (Status.IMPORTING, Status.FAILED), "problem": (None, failure[0])},
            country=batch.country,
        )
