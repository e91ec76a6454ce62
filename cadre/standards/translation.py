from modeltranslation.translator import TranslationOptions, register

from cadre.standards import models


@register(models.Edition)
class EditionTranslation(TranslationOptions):
    fields = ("title", "introduction", "change_note")


@register(models.Section)
class SectionTranslation(TranslationOptions):
    fields = ("title", "introduction")


@register(models.Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("title", "requirement", "guidance")


@register(models.Guideline)
class GuidelineTranslation(TranslationOptions):
    fields = models.GUIDELINE_TEXTS
