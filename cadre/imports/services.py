"""Every write about import batches: upload, confirm, check again, discard."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.directory.models import Country
from cadre.imports import permissions
from cadre.imports.models import ImportBatch
from cadre.imports.tasks import import_batch, validate_batch

Status = ImportBatch.Status
NAME_LIMIT = 200


@transaction.atomic
def upload_batch(
    *, uploaded_by: User, country: Country, upload: UploadedFile, file_format: str
) -> ImportBatch:
    """Keep the file and check its rows in the background."""
    if not permissions.can_upload_batch(uploaded_by, country):
        raise PermissionDenied
    batch = ImportBatch(
        country=country,
        uploaded_by=uploaded_by,
        file_format=file_format,
        original_name=(upload.name or "")[-NAME_LIMIT:],
    )
    batch.file.save(batch.original_name, upload, save=False)
    batch.save()
    audit.record(
        actor=uploaded_by,
        action="imports.uploaded",
        target=batch,
        changes={"status": (None, batch.status), "file": (None, batch.original_name)},
        country=country,
    )
    transaction.on_commit(lambda: validate_batch.delay(batch.pk))
    return batch


def _locked(batch: ImportBatch) -> ImportBatch:
    return ImportBatch.objects.select_for_update(of=("self",)).select_related("country").get(pk=batch.pk)


@transaction.atomic
def confirm_batch(*, batch: ImportBatch, confirmed_by: User) -> ImportBatch:
    """Start importing a batch whose every row is valid."""
    batch = _locked(batch)
    if not permissions.can_see_batch(confirmed_by, batch):
        raise PermissionDenied
    if batch.status != Status.READY:
        raise ValidationError(_("Only a batch whose rows are all valid can be imported, and only once."))
    batch.status = Status.IMPORTING
    batch.confirmed_by = confirmed_by
    batch.save(update_fields=["status", "confirmed_by"])
    audit.record(
        actor=confirmed_by,
        action="imports.confirmed",
        target=batch,
        changes={"status": (Status.READY, Status.IMPORTING)},
        country=batch.country,
    )
    transaction.on_commit(lambda: import_batch.delay(batch.pk))
    return batch


@transaction.atomic
def check_batch_again(*, batch: ImportBatch, checked_by: User) -> ImportBatch:
    """Check the stored file again, e.g. after an agency was added to the directory."""
    batch = _locked(batch)
    if not permissions.can_see_batch(checked_by, batch):
        raise PermissionDenied
    if batch.status not in permissions.CHECKABLE_AGAIN or not batch.file:
        raise ValidationError(_("This batch cannot be checked again. Upload the file again."))
    before = batch.status
    batch.status = Status.UPLOADED
    batch.problem = []
    batch.processed_rows = batch.total_rows = 0
    batch.valid_rows = batch.invalid_rows = batch.present_rows = 0
    batch.save()
    audit.record(
        actor=checked_by,
        action="imports.checked_again",
        target=batch,
        changes={"status": (before, batch.status)},
        country=batch.country,
    )
    transaction.on_commit(lambda: validate_batch.delay(batch.pk))
    return batch


@transaction.atomic
def discard_batch(*, batch: ImportBatch, discarded_by: User) -> ImportBatch:
    """Drop a batch that will not be imported, with its file and the rows read from it."""
    batch = _locked(batch)
    if not permissions.can_see_batch(discarded_by, batch):
        raise PermissionDenied
    if batch.status not in permissions.DISCARDABLE:
        raise ValidationError(_("This batch can no longer be discarded."))
    before, stored_name = batch.status, batch.file.name
    batch.rows.all().delete()
    batch.status = Status.DISCARDED
    batch.file = ""
    batch.finished_at = timezone.now()
    batch.save(update_fields=["status", "file", "finished_at"])
    audit.record(
        actor=discarded_by,
        action="imports.discarded",
        target=batch,
        changes={"status": (before, batch.status)},
        country=batch.country,
    )
    if stored_name:
        transaction.on_commit(lambda: default_storage.delete(stored_name))
    return batch
