"""The catalogue: the organisation's courses and the versions of their published texts."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cadre.directory.models import (
    CourseType,
    CrimeArea,
    DeliveryMode,
    GlobalProgramme,
    Institution,
    PolicingCapability,
)

# The four official languages, in the order the catalogue shows them.
LANGUAGE_CODES = ("ar", "en", "fr", "es")
# The texts the catalogue's full-text search reads, most weighty first.
SEARCHED_FIELDS = ("title", "summary", "objectives", "learning_outcomes")
TRANSLATED_FIELDS = (*SEARCHED_FIELDS, "target_audience", "admission_criteria", "assessment_methods")


class Course(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class DurationUnit(models.TextChoices):
        HOURS = "hours", _("hours")
        DAYS = "days", _("days")

    code = models.SlugField(
        _("code"),
        max_length=80,
        unique=True,
        allow_unicode=False,
        help_text=_("Used in the course's address. Letters, digits and hyphens."),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    learning_outcomes = models.TextField(_("intended learning outcomes"), blank=True)
    target_audience = models.TextField(_("target audience"), blank=True)
    admission_criteria = models.TextField(_("admission criteria"), blank=True)
    assessment_methods = models.TextField(_("assessment methods"), blank=True)
    prerequisites = models.ManyToManyField(
        "self", verbose_name=_("prerequisites"), symmetrical=False, blank=True, related_name="required_by"
    )
    duration_value = models.PositiveSmallIntegerField(_("duration"))
    duration_unit = models.CharField(
        _("duration unit"), max_length=5, choices=DurationUnit.choices, default=DurationUnit.DAYS
    )
    course_type = models.ForeignKey(CourseType, verbose_name=_("course type"), on_delete=models.PROTECT)
    delivery_mode = models.ForeignKey(DeliveryMode, verbose_name=_("delivery mode"), on_delete=models.PROTECT)
    programme = models.ForeignKey(
        GlobalProgramme,
        verbose_name=_("global programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    crime_areas = models.ManyToManyField(CrimeArea, verbose_name=_("crime areas"), blank=True)
    capabilities = models.ManyToManyField(
        PolicingCapability, verbose_name=_("policing capabilities"), blank=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("course manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses_owned",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("owning institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses",
    )
    offered_in_ar = models.BooleanField(_("offered in Arabic"), default=False, db_index=True)
    offered_in_en = models.BooleanField(_("offered in English"), default=False, db_index=True)
    offered_in_fr = models.BooleanField(_("offered in French"), default=False, db_index=True)
    offered_in_es = models.BooleanField(_("offered in Spanish"), default=False, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    is_public = models.BooleanField(
        _("shown in the public catalogue"), default=False, help_text=_("Set by the organisation.")
    )
    accredited_until = models.DateField(
        _("accredited until"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Set by the accreditation decision; the mark goes when the date passes."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects: models.Manager["Course"] = models.Manager()

    class Meta:
        ordering = ["-created_at", "code"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        indexes = [
            models.Index(fields=["status", "is_public"], name="course_status_public"),
            models.Index(fields=["status", "-published_at"], name="course_status_newest"),
            models.Index(fields=["owner", "-updated_at"], name="course_owner_recent"),
            models.Index(fields=["title_en"], name="course_title_en"),
            models.Index(fields=["title_fr"], name="course_title_fr"),
            models.Index(fields=["title_es"], name="course_title_es"),
            models.Index(fields=["title_ar"], name="course_title_ar"),
        ]

    def __str__(self) -> str:
        return self.title or self.code

    @property
    def languages(self) -> list[str]:
        """The codes of the languages the course is offered in."""
        return [code for code in LANGUAGE_CODES if getattr(self, f"offered_in_{code}")]

    @property
    def is_accredited(self) -> bool:
        return self.accredited_until is not None and self.accredited_until >= timezone.localdate()

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class CourseVersion(models.Model):
    """What a published course said at one moment: a snapshot taken at publication and at
    every later change."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("snapshot"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["course", "-number"]
        verbose_name = _("course version")
        verbose_name_plural = _("course versions")
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="course_version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.course} v{self.number}"
