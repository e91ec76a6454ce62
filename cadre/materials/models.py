"""Training material: what course managers submit, the quality officers' reviews of it, and the
central repository of the approved versions."""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cadre.courses.models import Course
from cadre.directory.models import CrimeArea, PolicingCapability
from cadre.standards.models import Criterion

LANGUAGE_CHOICES = [("ar", _("Arabic")), ("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]


class Material(models.Model):
    """One piece of training material for a course; its files are its versions."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        SLIDES = "slides", _("Slides")
        VIDEO = "video", _("Video")
        PACKAGE = "package", _("E-learning package")
        OTHER = "other", _("Other")

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="materials"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    crime_areas = models.ManyToManyField(
        CrimeArea, verbose_name=_("crime areas"), blank=True, related_name="materials"
    )
    capabilities = models.ManyToManyField(
        PolicingCapability, verbose_name=_("policing capabilities"), blank=True, related_name="materials"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials_submitted",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The version the repository shows, and when it was approved: set by the approval.
    approved_version = models.ForeignKey(
        "MaterialVersion",
        verbose_name=_("approved version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    objects: models.Manager["Material"] = models.Manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("training material")
        verbose_name_plural = _("training material")
        indexes = [
            models.Index(fields=["approved_at"], name="material_repository"),
            models.Index(fields=["language", "kind", "approved_at"], name="material_language_kind"),
            models.Index(fields=["course", "approved_at"], name="material_course"),
            models.Index(fields=["title"], name="material_title"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def in_repository(self) -> bool:
        return self.approved_version_id is not None


def version_path(instance: "MaterialVersion", filename: str) -> str:
    """A path nobody can guess: a random name, and only the checked extension."""
    suffix = PurePosixPath(instance.safe_name or filename).suffix.lower()[:10]
    return f"materials/{secrets.token_hex(20)}{suffix}"


class MaterialVersion(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        SUPERSEDED = "superseded", _("Superseded")

    material = models.ForeignKey(
        Material, verbose_name=_("material"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=version_path, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255)
    safe_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    mime = models.CharField(_("content type"), max_length=120)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="material_versions_submitted",
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    note = models.TextField(_("note to the reviewer"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="material_versions_reviewed",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    objects: models.Manager["MaterialVersion"] = models.Manager()

    class Meta:
        ordering = ["material", "-number"]
        verbose_name = _("version of training material")
        verbose_name_plural = _("versions of training material")
        constraints = [
            models.UniqueConstraint(fields=["material", "number"], name="material_version_unique_number")
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="material_version_queue"),
            models.Index(fields=["submitted_by", "-submitted_at"], name="material_version_mine"),
        ]

    def __str__(self) -> str:
        return f"{self.material} v{self.number}"

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING

    @property
    def was_approved(self) -> bool:
        return self.status in APPROVED_ONCE


PENDING = (MaterialVersion.Status.SUBMITTED, MaterialVersion.Status.IN_REVIEW)
APPROVED_ONCE = (MaterialVersion.Status.APPROVED, MaterialVersion.Status.SUPERSEDED)


class Review(models.Model):
    """A quality officer's review of one version against chosen criteria of the Guide."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for changes")

    version = models.ForeignKey(
        MaterialVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="material_reviews",
    )
    criteria = models.ManyToManyField(
        Criterion, verbose_name=_("criteria"), blank=True, related_name="material_reviews"
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    comments = models.TextField(_("comments"), blank=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects: models.Manager["Review"] = models.Manager()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("review of training material")
        verbose_name_plural = _("reviews of training material")
        indexes = [models.Index(fields=["version", "-started_at"], name="material_review_version")]

    def __str__(self) -> str:
        state = self.get_outcome_display() if self.outcome else _("open")
        return f"{self.version} ({state})"

    @property
    def is_open(self) -> bool:
        return self.decided_at is None


class ReviewFinding(models.Model):
    class Rating(models.TextChoices):
        MEETS = "meets", _("Meets")
        PARTLY = "partly", _("Partly meets")
        DOES_NOT_MEET = "not_met", _("Does not meet")
        NOT_APPLICABLE = "na", _("Not applicable")

    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="findings"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="material_findings"
    )
    rating = models.CharField(_("rating"), max_length=8, choices=Rating.choices)
    comment = models.TextField(_("comment"), blank=True)

    objects: models.Manager["ReviewFinding"] = models.Manager()

    class Meta:
        ordering = ["review", "criterion__section__number", "criterion__position", "criterion__number"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="material_finding_unique_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.get_rating_display()}"
