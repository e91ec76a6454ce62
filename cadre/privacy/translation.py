from modeltranslation.translator import TranslationOptions, register

from cadre.privacy.models import ProcessingActivity


@register(ProcessingActivity)
class ProcessingActivityTranslation(TranslationOptions):
    fields = (
        "name",
        "purpose",
        "legal_basis",
        "data_categories",
        "data_subjects",
        "recipients",
        "retention",
        "controller",
    )
