from modeltranslation.translator import TranslationOptions, register

from cadre.directory import models


@register(models.Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(models.Office)
class OfficeTranslation(TranslationOptions):
    fields = ("name", "city")


@register(models.Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(models.SubBureau)
class SubBureauTranslation(TranslationOptions):
    fields = ("name",)


@register([models.Sector, models.CourseType, models.DeliveryMode])
class TermTranslation(TranslationOptions):
    fields = ("name",)


@register([models.GlobalProgramme, models.PolicingCapability])
class DescribedTermTranslation(TranslationOptions):
    fields = ("name", "description")


@register(models.CrimeArea)
class CrimeAreaTranslation(TranslationOptions):
    fields = ("name",)


@register(models.NoticeType)
class NoticeTypeTranslation(TranslationOptions):
    fields = ("name", "purpose")
