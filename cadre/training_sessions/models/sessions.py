"""A session: a course run on given days, at a venue or online, in one language, with a capacity
and, optionally, seats reserved per country or per region."""

import secrets
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cadre.courses.models import Course
from cadre.directory.models import Country, Institution, Region, Sector
from cadre.instructors.models import Assignment


def new_secret_key() -> str:
    """An unguessable key for a URL that must not be found by trying (a day's check-in)."""
    return secrets.token_urlsafe(24)


class Session(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for nominations")
        SELECTION = "selection", _("Selection")
        CONFIRMED = "confirmed", _("Confirmed")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", pgettext_lazy("session status", "Completed")
        CANCELLED = "cancelled", _("Cancelled")

    class SeatsBy(models.TextChoices):
        NONE = "none", _("No reserved seats")
        COUNTRY = "country", _("Seats per country")
        REGION = "region", _("Seats per region")

    code = models.SlugField(_("reference"), max_length=30, unique=True)
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions"
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Leave empty to use the course's title.")
    )
    language = models.CharField(_("language of delivery"), max_length=5, choices=settings.LANGUAGES)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    venue = models.ForeignKey(
        Institution,
        verbose_name=_("host institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_sessions",
    )
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("Building, room or address when not at an institution."),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    meeting_url = models.URLField(_("online meeting link"), blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region served"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Only officials of this region's countries may be nominated. Leave empty for all."),
    )
    eligible_sectors = models.ManyToManyField(
        Sector,
        verbose_name=_("sectors admitted"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to admit every sector."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    seats_by = models.CharField(
        _("reserved seats"), max_length=8, choices=SeatsBy.choices, default=SeatsBy.NONE
    )
    starts_on = models.DateField(_("first day"), db_index=True)
    ends_on = models.DateField(_("last day"))
    nominations_open_on = models.DateField(_("nominations open"))
    nominations_close_on = models.DateField(_("nominations close"))
    respond_by = models.DateField(
        _("participants confirm by"),
        null=True,
        blank=True,
        help_text=_("Accepted participants confirm or decline their place by this date."),
    )
    joining_instructions = models.TextField(_("joining instructions"), blank=True)
    follow_up_after_days = models.PositiveSmallIntegerField(
        _("behaviour follow-up after (days)"),
        default=90,
        validators=[MinValueValidator(30), MaxValueValidator(365)],
        help_text=_(
            "The level 3 questionnaire goes to participants and their supervisors this long after the last day."
        ),
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("course manager"),
        on_delete=models.PROTECT,
        related_name="managed_sessions",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects: models.Manager["Session"] = models.Manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        indexes = [
            models.Index(fields=["status", "starts_on"], name="session_status_start"),
            models.Index(fields=["course", "starts_on"], name="session_course_start"),
            models.Index(fields=["nominations_close_on"], name="session_nominations_close"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(nominations_close_on__gte=models.F("nominations_open_on")),
                name="session_window_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_title} ({self.starts_on:%Y-%m-%d})"

    @property
    def display_title(self) -> str:
        return self.title or self.course.title

    @property
    def is_online(self) -> bool:
        return bool(self.meeting_url) and self.venue_id is None and not self.place

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.COMPLETED, self.Status.CANCELLED)

    def window_is_open(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status == self.Status.OPEN and self.nominations_open_on <= today <= self.nominations_close_on
        )


class SessionDay(models.Model):
    """One day of a session with its timetable and the key of its check-in QR code."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    agenda = models.TextField(_("timetable"), blank=True)
    checkin_key = models.CharField(_("check-in key"), max_length=40, unique=True, default=new_secret_key)

    class Meta:
        ordering = ["date"]
        verbose_name = _("session day")
        verbose_name_plural = _("session days")
        constraints = [
            models.UniqueConstraint(fields=["session", "date"], name="session_day_unique_date"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_day_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} {self.date}"

    @property
    def minutes(self) -> int:
        return (self.ends_at.hour * 60 + self.ends_at.minute) - (
            self.starts_at.hour * 60 + self.starts_at.minute
        )


class SeatQuota(models.Model):
    """Seats reserved for one country or one region. Seats not reserved are open to all."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="quotas"
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    seats = models.PositiveSmallIntegerField(_("seats"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["pk"]
        verbose_name = _("reserved seats")
        verbose_name_plural = _("reserved seats")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(country__isnull=False, region__isnull=True)
                    | models.Q(country__isnull=True, region__isnull=False)
                ),
                name="seat_quota_country_or_region",
            ),
            models.UniqueConstraint(fields=["session", "country"], name="seat_quota_unique_country"),
            models.UniqueConstraint(fields=["session", "region"], name="seat_quota_unique_region"),
        ]

    def __str__(self) -> str:
        return f"{self.country or self.region}: {self.seats}"


class SessionInstructor(models.Model):
    """An instructor booked for the session. The booking itself (and any override of the rule,
    with its justification) is the instructors app's assignment."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="instructor_links"
    )
    assignment = models.OneToOneField(
        Assignment, verbose_name=_("assignment"), on_delete=models.PROTECT, related_name="session_link"
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("session instructor")
        verbose_name_plural = _("session instructors")

    def __str__(self) -> str:
        return str(self.assignment)


class SessionEvent(models.Model):
    """The session's history as its people read it: scheduled, opened, rescheduled, cancelled..."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Scheduled")
        CHANGED = "changed", _("Details changed")
        RESCHEDULED = "rescheduled", _("Rescheduled")
        STATUS = "status", _("Status changed")
        INSTRUCTOR_ADDED = "instructor_added", _("Instructor added")
        INSTRUCTOR_REMOVED = "instructor_removed", _("Instructor removed")
        CANCELLED = "cancelled", _("Cancelled")

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("session event")
        verbose_name_plural = _("session events")

    def __str__(self) -> str:
        return f"{self.session_id} {self.kind} {self.at:%Y-%m-%d}"


class CompletionRule(models.Model):
    """What a participant must do to complete a course's sessions. A course without a rule uses
    the defaults below (80% attendance, post-test passed at 70% when the course has one)."""

    course = models.OneToOneField(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="completion_rule"
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    requires_post_test = models.BooleanField(_("post-test must be passed"), default=True)
    pass_mark_percent = models.PositiveSmallIntegerField(
        _("post-test pass mark (%)"), default=70, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    late_counts_as_present = models.BooleanField(_("late arrival counts as a full day"), default=True)
    partial_day_share = models.PositiveSmallIntegerField(
        _("a partial day counts as (%)"), default=50, validators=[MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("completion rule")
        verbose_name_plural = _("completion rules")

    def __str__(self) -> str:
        return f"{self.course}: {self.min_attendance_percent}%"
