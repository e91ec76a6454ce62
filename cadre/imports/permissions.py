"""Who may import officials: those who may vet the people of the country (its NCB focal points
and heads of NCB, and administrators). Nobody else sees a batch, not even that it exists."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from cadre.accounts import permissions as role_checks
from cadre.accounts.permissions import AnyUser
from cadre.directory.models import Country
from cadre.imports.models import ImportBatch
from cadre.vetting.permissions import can_vet

IMPORTING_ROLES = ("ncb-focal-point", "ncb-head")
DISCARDABLE = (
    ImportBatch.Status.UPLOADED,
    ImportBatch.Status.INVALID,
    ImportBatch.Status.READY,
    ImportBatch.Status.FAILED,
)
CHECKABLE_AGAIN = (ImportBatch.Status.INVALID, ImportBatch.Status.FAILED)


def can_import_somewhere(user: AnyUser) -> bool:
    """Whether to offer the imports at all; answered from the cached roles, without a query."""
    return role_checks.is_administrator(user) or role_checks.has_role(user, *IMPORTING_ROLES)


def can_upload_batch(user: AnyUser, country: Country) -> bool:
    return can_vet(user, country)


def can_see_batch(user: AnyUser, batch: ImportBatch) -> bool:
    return can_vet(user, batch.country)


def can_confirm_batch(user: AnyUser, batch: ImportBatch) -> bool:
    return can_see_batch(user, batch) and batch.status == ImportBatch.Status.READY


def can_discard_batch(user: AnyUser, batch: ImportBatch) -> bool:
    return can_see_batch(user, batch) and batch.status in DISCARDABLE


def can_check_batch_again(user: AnyUser, batch: ImportBatch) -> bool:
    return can_see_batch(user, batch) and batch.status in CHECKABLE_AGAIN


def get_batch_for(user: AnyUser, pk: int, *, write: bool = False) -> ImportBatch:
    """The batch, if the person may see it (404 otherwise; 403 to change what they only see)."""
    batch = ImportBatch.objects.select_related("country", "uploaded_by", "confirmed_by").filter(pk=pk).first()
    if batch is None or not can_see_batch(user, batch):
        raise Http404
    if write and not can_upload_batch(user, batch.country):
        raise PermissionDenied
    return batch
