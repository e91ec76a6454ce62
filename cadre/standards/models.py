"""The training standards: the Guide to Effective Training as versioned, structured criteria, and
the directives and guidelines beside it. Reviews and checklists elsewhere refer to criteria."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The translated texts of a directive or guideline (and of each of its versions' snapshots).
GUIDELINE_TEXTS = ("title", "summary", "body")


class SatStep(models.TextChoices):
    """The steps of the systems approach to training, in their order."""

    ANALYSIS = "analysis", _("Training needs analysis")
    DESIGN = "design", _("Design")
    DEVELOPMENT = "development", _("Development")
    DELIVERY = "delivery", _("Delivery")
    EVALUATION = "evaluation", _("Evaluation")


class Edition(models.Model):
    """One edition of the Guide. Only one is published at a time; earlier ones stay readable."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("In force")
        SUPERSEDED = "superseded", _("Superseded")

    number = models.PositiveSmallIntegerField(_("edition"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    change_note = models.TextField(
        _("what changed"),
        blank=True,
        help_text=_("A short account of what this edition changes from the previous one."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("in force since"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects: models.Manager["Edition"] = models.Manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("edition of the Guide")
        verbose_name_plural = _("editions of the Guide")
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=models.Q(status="published"),
                name="standards_one_edition_in_force",
            ),
            models.UniqueConstraint(
                fields=["status"],
                condition=models.Q(status="draft"),
                name="standards_one_draft_edition",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.number})"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_in_force(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Section(models.Model):
    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="sections"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)

    objects: models.Manager["Section"] = models.Manager()

    class Meta:
        ordering = ["edition", "number"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="standards_section_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Criterion(models.Model):
    """One standard of the Guide. `key` stays the same from one edition to the next, so a review
    made against an earlier edition can still be matched to today's wording."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="criteria"
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="criteria"
    )
    key = models.SlugField(_("key"), max_length=60)
    number = models.CharField(_("number"), max_length=10)
    title = models.CharField(_("title"), max_length=200)
    requirement = models.TextField(_("requirement"))
    guidance = models.TextField(_("guidance"), blank=True)
    sat_step = models.CharField(
        _("step of the systems approach"), max_length=12, choices=SatStep.choices, blank=True
    )
    applies_to_material = models.BooleanField(_("applies to training material"), default=False)
    # The last part of the number ("2.10" -> 10), so that criteria sort as numbers, not text.
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects: models.Manager["Criterion"] = models.Manager()

    class Meta:
        ordering = ["edition", "section__number", "position", "number"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["edition", "key"], name="standards_criterion_unique_key")
        ]
        indexes = [models.Index(fields=["edition", "sat_step"], name="standards_criterion_step")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Guideline(models.Model):
    """A directive or a guideline beside the Guide (human rights, gender, training material,
    language of delivery). The row holds the text in force; each version is kept as a
    `GuidelineVersion` so that earlier wording stays readable."""

    class Kind(models.TextChoices):
        DIRECTIVE = "directive", _("Directive")
        GUIDELINE = "guideline", _("Guideline")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    code = models.SlugField(
        _("code"),
        max_length=80,
        unique=True,
        help_text=_("Used in the document's address. Letters, digits and hyphens."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.GUIDELINE)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.IN_FORCE)
    in_force_since = models.DateField(_("in force since"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects: models.Manager["Guideline"] = models.Manager()

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("directive or guideline")
        verbose_name_plural = _("directives and guidelines")
        indexes = [models.Index(fields=["status", "kind"], name="standards_guideline_status")]

    def __str__(self) -> str:
        return self.title or self.code

    @property
    def is_in_force(self) -> bool:
        return self.status == self.Status.IN_FORCE


class GuidelineVersion(models.Model):
    """What a directive or guideline said from one date: a snapshot of its texts in the four
    languages, taken when it was issued and at every revision."""

    guideline = models.ForeignKey(
        Guideline, verbose_name=_("directive or guideline"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    in_force_since = models.DateField(_("in force since"))
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

    objects: models.Manager["GuidelineVersion"] = models.Manager()

    class Meta:
        ordering = ["guideline", "-number"]
        verbose_name = _("version of a directive or guideline")
        verbose_name_plural = _("versions of directives and guidelines")
        constraints = [
            models.UniqueConstraint(fields=["guideline", "number"], name="standards_guideline_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.guideline} v{self.number}"
