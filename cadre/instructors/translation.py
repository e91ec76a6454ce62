from modeltranslation.translator import TranslationOptions, register

from cadre.instructors import models


@register(models.Level)
class LevelTranslation(TranslationOptions):
    fields = ("name", "description", "renewal_requirements")


@register(models.PathwayStage)
class PathwayStageTranslation(TranslationOptions):
    fields = ("name", "description")


@register(models.Rubric)
class RubricTranslation(TranslationOptions):
    fields = ("name", "description")


@register(models.RubricCriterion)
class RubricCriterionTranslation(TranslationOptions):
    fields = ("name", "description")
