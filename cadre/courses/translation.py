from modeltranslation.translator import TranslationOptions, register

from cadre.courses import models


@register(models.Course)
class CourseTranslation(TranslationOptions):
    fields = models.TRANSLATED_FIELDS
