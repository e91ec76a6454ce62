"""The certification system as data: levels, the stages of each level's pathway, and the rubric
assessors observe a delivery against. Shipped in data/pathway.json, translated in the row."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rubric(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects: models.Manager["Rubric"] = models.Manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")

    def __str__(self) -> str:
        return self.name or self.code


class RubricCriterion(models.Model):
    rubric = models.ForeignKey(
        Rubric, verbose_name=_("rubric"), on_delete=models.CASCADE, related_name="criteria"
    )
    code = models.SlugField(_("code"), max_length=60)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)

    objects: models.Manager["RubricCriterion"] = models.Manager()

    class Meta:
        ordering = ["rubric", "position", "code"]
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        constraints = [
            models.UniqueConstraint(fields=["rubric", "code"], name="instructors_criterion_unique_code")
        ]

    def __str__(self) -> str:
        return self.name or self.code


class Level(models.Model):
    """A level of certification (associate, certified, senior, master), ranked, with how long a
    certification at that level lasts and what renewing it takes."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), unique=True, help_text=_("1 is the first level."))
    validity_months = models.PositiveSmallIntegerField(_("validity (months)"))
    rubric = models.ForeignKey(
        Rubric,
        verbose_name=_("rubric"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="levels",
        help_text=_("What assessors observe a delivery against at this level."),
    )
    renewal_deliveries = models.PositiveSmallIntegerField(
        _("deliveries needed to renew"),
        default=2,
        help_text=_("How many deliveries the instructor must have made during the validity period."),
    )
    renewal_needs_refresher = models.BooleanField(_("renewal needs a refresher"), default=True)
    renewal_requirements = models.TextField(
        _("renewal requirements"), blank=True, help_text=_("What renewing asks of the instructor, in words.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects: models.Manager["Level"] = models.Manager()

    class Meta:
        ordering = ["rank"]
        verbose_name = _("certification level")
        verbose_name_plural = _("certification levels")

    def __str__(self) -> str:
        return self.name or self.code


class PathwayStage(models.Model):
    """One stage of a level's pathway, done in order."""

    class Kind(models.TextChoices):
        COURSE = "course", _("Course passed")
        CO_DELIVERY = "co_delivery", _("Supervised co-delivery")
        OBSERVED = "observed", _("Observed delivery")
        OTHER = "other", _("Other")

    level = models.ForeignKey(Level, verbose_name=_("level"), on_delete=models.CASCADE, related_name="stages")
    code = models.SlugField(_("code"), max_length=60)
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    evidence_required = models.BooleanField(_("evidence required"), default=True)

    objects: models.Manager["PathwayStage"] = models.Manager()

    class Meta:
        ordering = ["level__rank", "position"]
        verbose_name = _("pathway stage")
        verbose_name_plural = _("pathway stages")
        constraints = [
            models.UniqueConstraint(fields=["level", "code"], name="instructors_stage_unique_code"),
            models.UniqueConstraint(fields=["level", "position"], name="instructors_stage_unique_position"),
        ]

    def __str__(self) -> str:
        return self.name or self.code
