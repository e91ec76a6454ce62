"""Background steps of an import. They take ids and may run twice: each step claims its
batch first and does nothing when the batch is no longer waiting for it."""

from celery import shared_task

from cadre.imports import processing


@shared_task
def validate_batch(batch_id: int) -> None:
    processing.validate_batch(batch_id)


@shared_task
def import_batch(batch_id: int) -> None:
    processing.import_batch(batch_id)
