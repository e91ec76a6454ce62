"""Personal data: the register of processing activities, people's requests to the data
protection officer, and the review of accounts nobody has used for a long time."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProcessingActivity(models.Model):
    """One entry of the register of processing activities, shown in the privacy notice."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"))
    legal_basis = models.TextField(_("legal basis"))
    data_categories = models.TextField(_("categories of personal data"))
    data_subjects = models.TextField(_("categories of data subjects"))
    recipients = models.TextField(_("recipients"))
    retention = models.TextField(_("retention"))
    controller = models.CharField(_("controller"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("processing activity")
        verbose_name_plural = _("processing activities")

    def __str__(self) -> str:
        return self.name


class DataRequest(models.Model):
    """A person's request to the data protection officer to correct or erase their data."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        ERASURE = "erasure", _("Erasure")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        COMPLETED = "completed", _("Completed")
        REFUSED = "refused", _("Refused")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="data_requests",
    )
    kind = models.CharField(_("request"), max_length=12, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    reason = models.TextField(_("what is wrong, or why"))
    response = models.TextField(_("response"), blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        indexes = [
            models.Index(fields=["status", "kind", "-created_at"]),
            models.Index(fields=["person", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.person}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class InactivityReview(models.Model):
    """An account flagged because nobody signed in to it for PRIVACY_INACTIVE_DAYS, and what
    became of it: the person came back, the DPO kept it, or the DPO approved its anonymisation
    and the scheduled task carried it out."""

    class Status(models.TextChoices):
        FLAGGED = "flagged", _("Flagged")
        RETURNED = "returned", _("Signed in again")
        KEPT = "kept", _("Kept")
        APPROVED = "approved", _("Anonymisation approved")
        ANONYMISED = "anonymised", _("Anonymised")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="inactivity_reviews",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.FLAGGED)
    last_seen = models.DateTimeField(_("last signed in or joined"))
    flagged_at = models.DateTimeField(_("flagged at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["last_seen", "pk"]
        verbose_name = _("inactivity review")
        verbose_name_plural = _("inactivity reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="flagged"),
                name="privacy_one_open_inactivity_review",
            )
        ]
        indexes = [models.Index(fields=["status", "last_seen"])]

    def __str__(self) -> str:
        return f"{self.get_status_display()} — {self.person}"
