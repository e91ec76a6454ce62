from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from cadre.directory import models


@admin.register(models.Region)
class RegionAdmin(TranslationAdmin):
    list_display = ["name", "code", "position"]


@admin.register(models.Office)
class OfficeAdmin(TranslationAdmin):
    list_display = ["name", "city", "kind", "region"]
    list_filter = ["kind", "region"]
    autocomplete_fields = ["country"]


class NationalCentralBureauInline(admin.StackedInline):
    model = models.NationalCentralBureau
    can_delete = False


@admin.register(models.Country)
class CountryAdmin(TranslationAdmin):
    list_display = ["iso2", "name", "region", "covering_office", "is_member"]
    list_filter = ["region", "covering_office", "is_member"]
    search_fields = ["iso2", "iso3", "name_en", "name_fr", "name_es", "name_ar"]
    inlines = [NationalCentralBureauInline]
    list_select_related = ["region", "covering_office"]


class SubBureauInline(admin.TabularInline):
    model = models.SubBureau
    extra = 0


@admin.register(models.NationalCentralBureau)
class NationalCentralBureauAdmin(admin.ModelAdmin):
    list_display = ["__str__", "country", "city", "email"]
    search_fields = ["country__name_en", "country__iso2", "city"]
    list_select_related = ["country"]
    inlines = [SubBureauInline]


@admin.register(models.Sector, models.CourseType, models.DeliveryMode)
class TermAdmin(TranslationAdmin):
    list_display = ["name", "code", "position", "is_active"]
    list_editable = ["position", "is_active"]


@admin.register(models.GlobalProgramme)
class GlobalProgrammeAdmin(TermAdmin):
    pass


@admin.register(models.CrimeArea)
class CrimeAreaAdmin(TranslationAdmin):
    list_display = ["name", "code", "programme", "position", "is_active"]
    list_filter = ["programme"]
    list_select_related = ["programme"]


@admin.register(models.PolicingCapability)
class PolicingCapabilityAdmin(TranslationAdmin):
    list_display = ["name", "code", "kind", "position", "is_active"]
    list_filter = ["kind"]


@admin.register(models.NoticeType)
class NoticeTypeAdmin(TranslationAdmin):
    list_display = ["name", "code", "colour", "is_pilot", "position"]


@admin.register(models.Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "country", "sector", "is_active"]
    list_filter = ["sector", "is_active", "country__region"]
    search_fields = ["name", "acronym", "country__name_en"]
    autocomplete_fields = ["country"]
    list_select_related = ["country", "sector"]


@admin.register(models.Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "country", "city", "is_active"]
    list_filter = ["kind", "is_active", "country__region"]
    search_fields = ["name", "acronym", "city", "country__name_en"]
    autocomplete_fields = ["country"]
    list_select_related = ["country"]
