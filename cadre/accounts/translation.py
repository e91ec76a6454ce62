from modeltranslation.translator import TranslationOptions, register

from cadre.accounts.models import Role


@register(Role)
class RoleTranslation(TranslationOptions):
    fields = ("name", "description")
