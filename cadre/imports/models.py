"""Batches of officials an NCB imports from a file, and the rows read from each file."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def stored_file_name(batch: "ImportBatch", filename: str) -> str:
    """A name that reveals nothing of the uploaded one and never collides."""
    return f"imports/{uuid.uuid4().hex}.{batch.file_format or 'bin'}"


class ImportBatch(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        VALIDATING = "validating", _("Validating")
        INVALID = "invalid", _("Has errors")
        READY = "ready", _("Ready to import")
        IMPORTING = "importing", _("Importing")
        IMPORTED = "imported", _("Imported")
        FAILED = "failed", _("Failed")
        DISCARDED = "discarded", _("Discarded")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    country = models.ForeignKey(
        "directory.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.UPLOADED)
    file = models.FileField(_("file"), upload_to=stored_file_name, blank=True)
    file_format = models.CharField(_("file format"), max_length=4, choices=Format.choices)
    original_name = models.CharField(_("file name"), max_length=200)
    problem = models.JSONField(
        _("problem with the file"),
        default=list,
        blank=True,
        help_text=_("What made the whole file unusable, as a message code and its values."),
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    valid_rows = models.PositiveIntegerField(_("valid rows"), default=0)
    invalid_rows = models.PositiveIntegerField(_("rows with errors"), default=0)
    present_rows = models.PositiveIntegerField(_("people already present"), default=0)
    imported_rows = models.PositiveIntegerField(_("rows imported"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        indexes = [models.Index(fields=["country", "-uploaded_at"])]

    def __str__(self) -> str:
        return _("Import %(number)s (%(file)s)") % {"number": self.pk, "file": self.original_name}

    @property
    def rows_to_import(self) -> int:
        return self.valid_rows + self.present_rows


class ImportRow(models.Model):
    """One data row of the file, as read, with what checking it found."""

    class Outcome(models.TextChoices):
        VALID = "valid", _("Valid")
        INVALID = "invalid", _("Has errors")
        PRESENT = "present", _("Already present")

    batch = models.ForeignKey(
        ImportBatch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="rows"
    )
    number = models.PositiveIntegerField(_("row"))
    values = models.JSONField(_("values"), default=dict)
    errors = models.JSONField(_("errors"), default=list)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    agency = models.ForeignKey(
        "directory.Agency",
        verbose_name=_("agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["batch", "number"]
        verbose_name = _("import row")
        verbose_name_plural = _("import rows")
        constraints = [models.UniqueConstraint(fields=["batch", "number"], name="import_row_unique_number")]
        indexes = [models.Index(fields=["batch", "outcome", "number"])]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.number}"
