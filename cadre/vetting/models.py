"""Vetting: who may use Cadre. A person's access request, the NCB's decisions about it, the
e-mail domain rules of a country, invitations and pre-authorisation codes."""

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessRequest(models.Model):
    """One per person: their request to use Cadre and, once decided, their access period.

    People created by the organisation (the admin, the demo data) have none until an NCB
    decides something about them; the gate lets them in.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        INFO_REQUESTED = "info_requested", _("More information requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        LAPSED = "lapsed", _("Lapsed")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="access_request",
    )
    country = models.ForeignKey(
        "directory.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    via = models.CharField(_("admitted through"), max_length=20, default="registration")
    proposed_agency_name = models.CharField(_("proposed agency name"), max_length=200, blank=True)
    proposed_agency_sector = models.ForeignKey(
        "directory.Sector",
        verbose_name=_("sector of the proposed agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("latest reason"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    approved_until = models.DateField(_("approved until"), null=True, blank=True)
    reminded_for = models.DateField(
        _("reminder sent for"),
        null=True,
        blank=True,
        help_text=_("The end of the access period for which the reminder was sent."),
    )
    terms_version = models.CharField(_("terms of use version"), max_length=20, blank=True)
    terms_accepted_at = models.DateTimeField(_("terms of use accepted at"), null=True, blank=True)
    privacy_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    privacy_accepted_at = models.DateTimeField(_("privacy notice accepted at"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        indexes = [
            models.Index(fields=["country", "status", "-submitted_at"]),
            models.Index(fields=["status", "approved_until"]),
        ]

    def __str__(self) -> str:
        return str(self.person)

    def grants_access(self, today: date) -> bool:
        if self.status != self.Status.APPROVED:
            return False
        return self.approved_until is None or self.approved_until >= today

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.INFO_REQUESTED)


class Decision(models.Model):
    """Every step of a request's life, kept for good: who did what, when and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RESUBMITTED = "resubmitted", _("Resubmitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        INFO_REQUESTED = "info_requested", _("More information requested")
        RECONFIRMED = "reconfirmed", _("Access re-confirmed")
        LAPSED = "lapsed", _("Access lapsed")
        SUSPENDED = "suspended", _("Access suspended")
        REINSTATED = "reinstated", _("Access reinstated")
        REVOKED = "revoked", _("Access revoked")
        ADMITTED = "admitted", _("Admitted by the organisation")

    request = models.ForeignKey(
        AccessRequest, verbose_name=_("access request"), on_delete=models.CASCADE, related_name="decisions"
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    via = models.CharField(_("through"), max_length=20, blank=True)
    occurred_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.get_action_display()} — {self.request}"


class DomainRule(models.Model):
    """A country's rule about the e-mail domains its officials register with."""

    class Kind(models.TextChoices):
        ALLOW = "allow", _("Allowed")
        DENY = "deny", _("Refused")

    country = models.ForeignKey(
        "directory.Country", verbose_name=_("country"), on_delete=models.CASCADE, related_name="+"
    )
    domain = models.CharField(_("domain"), max_length=253)
    kind = models.CharField(_("rule"), max_length=5, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        ordering = ["kind", "domain"]
        verbose_name = _("e-mail domain rule")
        verbose_name_plural = _("e-mail domain rules")
        constraints = [
            models.UniqueConstraint(fields=["country", "domain"], name="vetting_domain_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.domain} ({self.get_kind_display()})"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Withdrawn")

    country = models.ForeignKey(
        "directory.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    email = models.EmailField(_("e-mail"))
    agency = models.ForeignKey(
        "directory.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["country", "-created_at"])]

    def __str__(self) -> str:
        return self.email

    def is_usable(self) -> bool:
        return self.status == self.Status.PENDING and self.expires_at > timezone.now()


def new_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))


class PreauthorisationCode(models.Model):
    """A code an NCB hands to the officials of one agency: registering with it approves them."""

    country = models.ForeignKey(
        "directory.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        "directory.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("code"), max_length=20, unique=True, default=new_code, editable=False)
    max_uses = models.PositiveIntegerField(_("maximum uses"), default=1)
    uses = models.PositiveIntegerField(_("uses"), default=0)
    expires_at = models.DateTimeField(_("expires at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("pre-authorisation code")
        verbose_name_plural = _("pre-authorisation codes")
        indexes = [models.Index(fields=["country", "-issued_at"])]

    def __str__(self) -> str:
        return self.code

    def is_usable(self) -> bool:
        return self.revoked_at is None and self.uses < self.max_uses and self.expires_at > timezone.now()
