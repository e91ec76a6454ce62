from modeltranslation.translator import TranslationOptions, register

from cadre.assessments import models


@register(models.Questionnaire)
class QuestionnaireTranslation(TranslationOptions):
    fields = ("title", "introduction")


@register(models.Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text",)


@register(models.TestQuestion)
class TestQuestionTranslation(TranslationOptions):
    fields = ("text",)


@register(models.TestChoice)
class TestChoiceTranslation(TranslationOptions):
    fields = ("text",)
