"""Nominations: an NCB puts one of its country's officials forward for a session; the head of NCB
endorses; the course manager accepts, waitlists or rejects; the participant confirms or declines.
Every change is a `NominationEvent` (who, when, from, to)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cadre.directory.models import Country
from cadre.training_sessions.models.sessions import Session, SessionDay


class Nomination(models.Model):
    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Nominated")
        ENDORSED = "endorsed", _("Endorsed by the head of NCB")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("Waitlisted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Response(models.TextChoices):
        PENDING = "pending", _("Not answered yet")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Not decided yet")
        COMPLETED = "completed", pgettext_lazy("training outcome", "Completed")
        ATTENDED = "attended", _("Attended")
        NOT_COMPLETED = "not_completed", _("Did not complete")

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="nominations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominee"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    # The nominee's country when nominated: seats, NCB scopes and balance read it without a join.
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NOMINATED)
    motivation = models.TextField(_("why this official"), blank=True)
    checks = models.JSONField(
        _("eligibility checks"),
        default=list,
        blank=True,
        help_text=_("Each check made when nominated: its code, whether it passed and the reason shown."),
    )
    eligible = models.BooleanField(_("meets the criteria"), default=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    nominated_at = models.DateTimeField(_("nominated"), default=timezone.now)
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("endorsed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    endorsed_at = models.DateTimeField(_("endorsed"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("reason"), blank=True)
    # Order on the waitlist: lower goes first. Set when waitlisted, cleared when promoted.
    waitlist_position = models.PositiveIntegerField(_("waitlist position"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("promoted from the waitlist"), null=True, blank=True)
    response = models.CharField(
        _("participant's answer"), max_length=10, choices=Response.choices, default=Response.PENDING
    )
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    attendance_percent = models.PositiveSmallIntegerField(_("attendance (%)"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=14, choices=Outcome.choices, default=Outcome.PENDING)

    objects: models.Manager["Nomination"] = models.Manager()

    class Meta:
        ordering = ["session", "pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="nomination_once_per_session")
        ]
        indexes = [
            models.Index(fields=["session", "status", "waitlist_position"], name="nomination_session_status"),
            models.Index(fields=["country", "status"], name="nomination_country_status"),
            models.Index(fields=["person", "status"], name="nomination_person_status"),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.session_id} ({self.status})"

    @property
    def is_participant(self) -> bool:
        return self.status == self.Status.ACCEPTED

    @property
    def failed_checks(self) -> list[dict[str, object]]:
        return [check for check in self.checks if not check.get("ok")]


class NominationEvent(models.Model):
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(_("from"), max_length=10, blank=True)
    to_status = models.CharField(_("to"), max_length=10, blank=True)
    action = models.CharField(_("action"), max_length=40)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("nomination event")
        verbose_name_plural = _("nomination events")

    def __str__(self) -> str:
        return f"{self.nomination_id} {self.action}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        PARTIAL = "partial", _("Part of the day")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused absence")

    class Method(models.TextChoices):
        INSTRUCTOR = "instructor", _("Marked by an instructor")
        CHECK_IN = "check_in", _("Checked in with the day's QR code")
        MANAGER = "manager", _("Corrected by the course manager")

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="attendance"
    )
    day = models.ForeignKey(
        SessionDay, verbose_name=_("day"), on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(_("attendance"), max_length=8, choices=Status.choices)
    arrived_at = models.TimeField(_("arrived at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    method = models.CharField(_("recorded how"), max_length=10, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["day", "nomination"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["nomination", "day"], name="attendance_once_per_day")]
        indexes = [models.Index(fields=["day", "status"], name="attendance_day_status")]

    def __str__(self) -> str:
        return f"{self.nomination_id} {self.day_id} {self.status}"
