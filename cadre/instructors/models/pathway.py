"""A candidate's way to a certification: the stages they complete, with evidence, and the
observations assessors record against the rubric."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cadre.courses.models import Course
from cadre.instructors.models._common import AboutSubjects, CoversLanguages, stored_name
from cadre.instructors.models.profiles import Instructor
from cadre.instructors.models.reference import Level, PathwayStage, Rubric, RubricCriterion


def evidence_name(completion: "StageCompletion", filename: str) -> str:
    return stored_name("evidence", filename)


class Candidacy(AboutSubjects, CoversLanguages):
    """An instructor on the pathway to a level, for subjects and languages."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        RECOMMENDED = "recommended", _("Recommended for certification")
        CERTIFIED = "certified", _("Certified")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    instructor = models.ForeignKey(
        Instructor, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="candidacies"
    )
    level = models.ForeignKey(
        Level, verbose_name=_("level"), on_delete=models.PROTECT, related_name="candidacies"
    )
    assessors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessors"),
        blank=True,
        related_name="assessed_candidacies",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IN_PROGRESS, db_index=True
    )
    note = models.TextField(_("note"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closing_reason = models.TextField(_("reason"), blank=True)

    objects: models.Manager["Candidacy"] = models.Manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        indexes = [models.Index(fields=["level", "status"], name="candidacy_level_status")]

    def __str__(self) -> str:
        return f"{self.instructor} → {self.level}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.IN_PROGRESS, self.Status.RECOMMENDED)


class StageCompletion(models.Model):
    """A stage of a candidacy done: its evidence, submitted by the candidate or an assessor, and
    its confirmation by an assessor or a certification manager."""

    candidacy = models.ForeignKey(
        Candidacy, verbose_name=_("candidacy"), on_delete=models.CASCADE, related_name="completions"
    )
    stage = models.ForeignKey(
        PathwayStage, verbose_name=_("stage"), on_delete=models.PROTECT, related_name="+"
    )
    evidence = models.FileField(_("evidence"), upload_to=evidence_name, blank=True, max_length=200)
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True)
    evidence_type = models.CharField(_("type"), max_length=100, blank=True)
    evidence_size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    evidence_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=4000)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects: models.Manager["StageCompletion"] = models.Manager()

    class Meta:
        ordering = ["candidacy", "stage__position"]
        verbose_name = _("stage completion")
        verbose_name_plural = _("stage completions")
        constraints = [
            models.UniqueConstraint(fields=["candidacy", "stage"], name="instructors_stage_done_once")
        ]

    def __str__(self) -> str:
        return f"{self.candidacy} — {self.stage}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Observation(models.Model):
    """An assessor's observation of a delivery, scored against a rubric, with a recommendation."""

    class Recommendation(models.TextChoices):
        CERTIFY = "certify", _("Certify")
        NOT_YET = "not_yet", _("Not yet")
        NOT_SUITABLE = "not_suitable", _("Not suitable")

    instructor = models.ForeignKey(
        Instructor, verbose_name=_("instructor"), on_delete=models.CASCADE, related_name="observations"
    )
    candidacy = models.ForeignKey(
        Candidacy,
        verbose_name=_("candidacy"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="observations",
    )
    stage = models.ForeignKey(
        PathwayStage,
        verbose_name=_("stage"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    rubric = models.ForeignKey(Rubric, verbose_name=_("rubric"), on_delete=models.PROTECT, related_name="+")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessor"),
        on_delete=models.PROTECT,
        related_name="observations_made",
    )
    observed_on = models.DateField(_("observed on"))
    course = models.ForeignKey(
        Course,
        verbose_name=_("course delivered"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    delivery = models.CharField(
        _("delivery"), max_length=200, blank=True, help_text=_("What was delivered, where and to whom.")
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=12, choices=Recommendation.choices)
    comment = models.TextField(_("overall comment"), blank=True, max_length=8000)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects: models.Manager["Observation"] = models.Manager()

    class Meta:
        ordering = ["-observed_on", "-created_at", "-pk"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self) -> str:
        return f"{self.instructor} {self.observed_on}"


class ObservationScore(models.Model):
    class Score(models.IntegerChoices):
        NOT_DEMONSTRATED = 1, _("1 — Not demonstrated")
        PARTLY = 2, _("2 — Partly demonstrated")
        DEMONSTRATED = 3, _("3 — Demonstrated")
        EXEMPLARY = 4, _("4 — Exemplary")

    observation = models.ForeignKey(
        Observation, verbose_name=_("observation"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        RubricCriterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("score"), choices=Score.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=4000)

    objects: models.Manager["ObservationScore"] = models.Manager()

    class Meta:
        ordering = ["observation", "criterion__position"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["observation", "criterion"], name="instructors_score_once"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=4), name="instructors_score_one_to_four"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
