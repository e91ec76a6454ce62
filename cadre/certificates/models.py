"""Certificates of attendance and completion, for any kind of training: a classroom session today,
an online course or a webinar later. A certificate names what it was issued for through
`source` (any row), keeps the course's title in the four languages as it stood when issued, and is
never edited: a re-issue creates a new certificate that replaces the old one."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cadre.courses.models import Course


class Certificate(models.Model):
    class Kind(models.TextChoices):
        ATTENDANCE = "attendance", _("Certificate of attendance")
        COMPLETION = "completion", _("Certificate of completion")

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")
        REPLACED = "replaced", _("Replaced by a newer certificate")

    code = models.CharField(_("verification code"), max_length=16, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    holder_name = models.CharField(_("holder's name"), max_length=300)
    course = models.ForeignKey(
        Course,
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    # {"en": "...", "fr": "...", ...}: the title in each language it had when issued.
    titles = models.JSONField(_("title"), default=dict)
    activity = models.CharField(
        _("activity"), max_length=200, blank=True, help_text=_("Where and how the training took place.")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, null=True, blank=True)
    language = models.CharField(_("language of the certificate"), max_length=5, choices=settings.LANGUAGES)
    source_type = models.ForeignKey(
        ContentType, verbose_name=_("issued for (type)"), on_delete=models.PROTECT, null=True, blank=True
    )
    source_id = models.PositiveBigIntegerField(_("issued for (id)"), null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.VALID)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    reissue_reason = models.TextField(_("reason for re-issue"), blank=True)

    objects: models.Manager["Certificate"] = models.Manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        indexes = [
            models.Index(fields=["holder", "status"], name="certificate_holder_status"),
            models.Index(fields=["course", "kind", "status"], name="certificate_course_kind"),
            models.Index(fields=["source_type", "source_id"], name="certificate_source"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.holder_name}"

    def title_in(self, language: str) -> str:
        return self.titles.get(language) or self.titles.get("en") or next(iter(self.titles.values()), "")
