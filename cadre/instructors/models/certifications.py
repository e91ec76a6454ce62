"""Certifications: what an instructor may deliver (level, subjects, languages) and until when,
with the history of everything that happened to each."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cadre.instructors.models._common import AboutSubjects, CoversLanguages
from cadre.instructors.models.pathway import Candidacy
from cadre.instructors.models.profiles import Instructor
from cadre.instructors.models.reference import Level


class Certification(AboutSubjects, CoversLanguages):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    instructor = models.ForeignKey(
        Instructor, verbose_name=_("instructor"), on_delete=models.PROTECT, related_name="certifications"
    )
    level = models.ForeignKey(
        Level, verbose_name=_("level"), on_delete=models.PROTECT, related_name="certifications"
    )
    candidacy = models.ForeignKey(
        Candidacy,
        verbose_name=_("candidacy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certifications",
    )
    name_on_certificate = models.CharField(_("name on the certificate"), max_length=300)
    issued_on = models.DateField(_("issued on"))
    period_started_on = models.DateField(
        _("current period since"), help_text=_("The day of issue, or of the last renewal.")
    )
    expires_on = models.DateField(_("expires on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certifications_issued",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    status_reason = models.TextField(_("reason"), blank=True)
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    renewal_count = models.PositiveSmallIntegerField(_("renewals"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects: models.Manager["Certification"] = models.Manager()

    class Meta:
        ordering = ["-expires_on", "-pk"]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        indexes = [
            models.Index(fields=["instructor", "status"], name="certification_holder_status"),
            models.Index(fields=["status", "expires_on"], name="certification_status_expiry"),
            models.Index(fields=["level", "status"], name="certification_level_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__gte=models.F("issued_on")),
                name="certification_expires_after_issue",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.level} — {self.name_on_certificate}"

    def current_status(self, today: date | None = None) -> str:
        """The status as it stands today: an active certification past its expiry is expired,
        even before the daily task records it."""
        today = today or timezone.localdate()
        lapsed = self.status in (self.Status.ACTIVE, self.Status.SUSPENDED) and self.expires_on < today
        return self.Status.EXPIRED if lapsed else self.status

    def is_valid_on(self, day: date) -> bool:
        return self.status == self.Status.ACTIVE and self.issued_on <= day <= self.expires_on

    def get_current_status_display(self) -> str:
        return str(self.Status(self.current_status()).label)


class CertificationEvent(models.Model):
    """The history of a certification: one row for each thing that happened to it."""

    class Kind(models.TextChoices):
        ISSUED = "issued", _("Issued")
        RENEWED = "renewed", _("Renewed")
        SUSPENDED = "suspended", _("Suspended")
        REINSTATED = "reinstated", _("Reinstated")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    certification = models.ForeignKey(
        Certification, verbose_name=_("certification"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("what happened"), max_length=12, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    expires_before = models.DateField(_("expiry before"), null=True, blank=True)
    expires_after = models.DateField(_("expiry after"), null=True, blank=True)

    objects: models.Manager["CertificationEvent"] = models.Manager()

    class Meta:
        ordering = ["certification", "occurred_at", "pk"]
        verbose_name = _("certification event")
        verbose_name_plural = _("certification events")

    def __str__(self) -> str:
        return f"{self.certification.code} {self.kind}"


class CertificationReminder(models.Model):
    """A reminder sent before a certification expires: one per expiry date and lead time, so that
    the daily task never sends it twice."""

    certification = models.ForeignKey(
        Certification, verbose_name=_("certification"), on_delete=models.CASCADE, related_name="reminders"
    )
    days_before = models.PositiveSmallIntegerField(_("days before expiry"))
    expires_on = models.DateField(_("expiry date reminded of"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    objects: models.Manager["CertificationReminder"] = models.Manager()

    class Meta:
        ordering = ["certification", "-sent_at"]
        verbose_name = _("expiry reminder")
        verbose_name_plural = _("expiry reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "expires_on", "days_before"], name="certification_reminded_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.certification.code} −{self.days_before}"
