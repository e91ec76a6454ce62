"""Accreditation: a case for one course moves through the five steps of the systems approach to
training, is reviewed against the criteria of the Guide, and is decided; an accredited course
gets a certificate, valid for a number of years and verifiable by anyone holding its code."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cadre.courses.models import Course
from cadre.directory.models import Institution
from cadre.standards.models import Criterion, Edition, SatStep

STEPS: tuple[str, ...] = tuple(SatStep.values)


class AccreditationCase(models.Model):
    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation course")
        INSTITUTION = "institution", _("Institution application")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        DECIDED = "decided", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.ORGANISATION)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    current_step = models.CharField(
        _("current step"), max_length=12, choices=SatStep.choices, default=SatStep.ANALYSIS
    )
    course = models.ForeignKey(
        Course,
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accreditation_cases",
        help_text=_("The course in the catalogue, when it is there."),
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accreditation_cases",
    )
    # The application form of an institution (left empty for the organisation's own courses).
    course_title = models.CharField(_("course title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    target_audience = models.TextField(_("target audience"), blank=True)
    duration = models.CharField(_("duration"), max_length=100, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    justification = models.TextField(_("why the course should be accredited"), blank=True)
    previous_certificate = models.ForeignKey(
        "Certificate",
        verbose_name=_("re-accreditation of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
    )
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition of the Guide"),
        on_delete=models.PROTECT,
        related_name="accreditation_cases",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects: models.Manager["AccreditationCase"] = models.Manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("accreditation case")
        verbose_name_plural = _("accreditation cases")
        indexes = [
            models.Index(fields=["status", "-created_at"], name="acc_case_status_newest"),
            models.Index(fields=["kind", "status"], name="acc_case_kind_status"),
            models.Index(fields=["current_step"], name="acc_case_step"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    @property
    def title(self) -> str:
        if self.course_id is not None and self.course is not None:
            return str(self.course)
        return self.course_title

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SUBMITTED, self.Status.IN_REVIEW)

    @property
    def institution_name(self) -> str:
        if self.institution is not None:
            return self.institution.name
        if self.course is not None and self.course.institution is not None:
            return self.course.institution.name
        return ""


class CaseStep(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        SUBMITTED = "submitted", _("Submitted for review")
        REVIEWED = "reviewed", _("Reviewed")

    case = models.ForeignKey(
        AccreditationCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="steps"
    )
    step = models.CharField(_("step"), max_length=12, choices=SatStep.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects: models.Manager["CaseStep"] = models.Manager()

    class Meta:
        ordering = ["case", "position"]
        verbose_name = _("step of a case")
        verbose_name_plural = _("steps of cases")
        constraints = [models.UniqueConstraint(fields=["case", "step"], name="acc_step_unique_per_case")]

    def __str__(self) -> str:
        return f"{self.case.reference} {self.get_step_display()}"


def evidence_file_name(evidence: "Evidence", filename: str) -> str:
    """A name that reveals nothing of the uploaded one and never collides."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"accreditation/evidence/{uuid.uuid4().hex}.{extension[:10]}"


class Evidence(models.Model):
    step = models.ForeignKey(
        CaseStep, verbose_name=_("step"), on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=evidence_file_name, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects: models.Manager["Evidence"] = models.Manager()

    class Meta:
        ordering = ["step", "uploaded_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title


class CaseReviewer(models.Model):
    class Kind(models.TextChoices):
        LEAD = "lead", _("Lead reviewer")
        PANEL = "panel", _("Panel reviewer")
        EXTERNAL = "external", _("External partner")

    case = models.ForeignKey(
        AccreditationCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="reviewers"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="accreditation_assignments",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PANEL)
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("For an external partner: the academy or institution they come from."),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    objects: models.Manager["CaseReviewer"] = models.Manager()

    class Meta:
        ordering = ["case", "kind", "pk"]
        verbose_name = _("case reviewer")
        verbose_name_plural = _("case reviewers")
        constraints = [
            models.UniqueConstraint(fields=["case", "reviewer"], name="acc_reviewer_once_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} ({self.get_kind_display()})"


class Finding(models.Model):
    class Rating(models.TextChoices):
        MET = "met", _("Met")
        PARTLY_MET = "partly_met", _("Partly met")
        NOT_MET = "not_met", _("Not met")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    step = models.ForeignKey(
        CaseStep, verbose_name=_("step"), on_delete=models.CASCADE, related_name="findings"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="+"
    )
    rating = models.CharField(_("rating"), max_length=15, choices=Rating.choices)
    comment = models.TextField(_("comment"), blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects: models.Manager["Finding"] = models.Manager()

    class Meta:
        ordering = ["step", "criterion", "reviewer"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(
                fields=["step", "criterion", "reviewer"], name="acc_finding_once_per_reviewer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.get_rating_display()}"


class Comment(models.Model):
    step = models.ForeignKey(
        CaseStep, verbose_name=_("step"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    objects: models.Manager["Comment"] = models.Manager()

    class Meta:
        ordering = ["step", "created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:60]


class Outcome(models.TextChoices):
    ACCREDITED = "accredited", _("Accredited")
    CONDITIONAL = "conditional", _("Accredited with conditions")
    REJECTED = "rejected", _("Rejected")


class Decision(models.Model):
    case = models.OneToOneField(
        AccreditationCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="decision"
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    conditions = models.TextField(_("conditions"), blank=True)
    conditions_deadline = models.DateField(_("conditions to be met by"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)

    objects: models.Manager["Decision"] = models.Manager()

    class Meta:
        verbose_name = _("accreditation decision")
        verbose_name_plural = _("accreditation decisions")

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_outcome_display()}"

    @property
    def accredits(self) -> bool:
        return self.outcome in (Outcome.ACCREDITED, Outcome.CONDITIONAL)


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")
        SUPERSEDED = "superseded", _("Superseded by re-accreditation")

    case = models.OneToOneField(
        AccreditationCase, verbose_name=_("case"), on_delete=models.PROTECT, related_name="certificate"
    )
    course = models.ForeignKey(
        Course,
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accreditation_certificates",
    )
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    course_title = models.CharField(_("course title"), max_length=200)
    institution_name = models.CharField(_("institution"), max_length=200, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    conditions = models.TextField(_("conditions"), blank=True)
    conditions_deadline = models.DateField(_("conditions to be met by"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.VALID)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects: models.Manager["Certificate"] = models.Manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("accreditation certificate")
        verbose_name_plural = _("accreditation certificates")
        indexes = [models.Index(fields=["status", "valid_until"], name="acc_certificate_status_until")]

    def __str__(self) -> str:
        return f"{self.code} {self.course_title}"

    @property
    def current_status(self) -> str:
        """The status as of today: a valid certificate whose end has passed reads as expired
        even before the daily review records it."""
        if self.status == self.Status.VALID and self.valid_until < timezone.localdate():
            return self.Status.EXPIRED
        return self.status

    def get_current_status_display(self) -> str:
        return str(self.Status(self.current_status).label)

    def title_in(self, language: str) -> str:
        """The course's title in `language` when the catalogue has it, else the one recorded."""
        if self.course is not None:
            title = getattr(self.course, f"title_{language}", "") or ""
            if title.strip():
                return title
        return self.course_title


class Reminder(models.Model):
    """A reminder sent about a certificate, so that the daily review sends each one once."""

    class Kind(models.TextChoices):
        EXPIRY = "expiry", _("Expiry")
        CONDITIONS = "conditions", _("Conditions deadline")

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("certificate"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    days = models.PositiveSmallIntegerField(_("days before"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    objects: models.Manager["Reminder"] = models.Manager()

    class Meta:
        ordering = ["certificate", "kind", "-days"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["certificate", "kind", "days"], name="acc_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.certificate.code} {self.kind} {self.days}"
