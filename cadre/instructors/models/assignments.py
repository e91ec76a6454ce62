"""Assignments: an instructor engaged to deliver a course, in a language, on dates. Later
scheduling (training sessions) creates them through `services.assign_instructor`, which applies
the rule; they answer "already booked" and make up the delivery history."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cadre.courses.models import Course
from cadre.instructors.models.profiles import Instructor


class Assignment(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead instructor")
        CO_INSTRUCTOR = "co_instructor", _("Co-instructor")
        TRAINEE = "trainee", _("Supervised co-delivery (candidate)")

    instructor = models.ForeignKey(
        Instructor, verbose_name=_("instructor"), on_delete=models.PROTECT, related_name="assignments"
    )
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="instructor_assignments"
    )
    role = models.CharField(_("role"), max_length=14, choices=Role.choices, default=Role.LEAD)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    reference = models.CharField(
        _("for"),
        max_length=200,
        blank=True,
        help_text=_("What the assignment is for, e.g. a session's name."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    override_reason = models.TextField(
        _("override justification"),
        blank=True,
        help_text=_("Set when an administrator assigned an instructor the rule refused."),
    )
    overridden_refusals = models.JSONField(_("reasons overridden"), default=list, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    # Filled by the sessions' evaluations: the participants' average rating (1 to 5) and how many rated.
    rating = models.DecimalField(
        _("participant rating"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    rating_count = models.PositiveIntegerField(_("ratings"), default=0)

    objects: models.Manager["Assignment"] = models.Manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [
            models.Index(fields=["instructor", "starts_on", "ends_on"], name="assignment_dates"),
            models.Index(fields=["course", "starts_on"], name="assignment_course"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="assignment_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instructor} — {self.reference or self.course} ({self.starts_on}–{self.ends_on})"

    @property
    def is_override(self) -> bool:
        return bool(self.override_reason)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None
