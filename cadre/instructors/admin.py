from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from cadre.instructors import models


class StageInline(TranslationTabularInline):
    model = models.PathwayStage
    extra = 0


@admin.register(models.Level)
class LevelAdmin(TranslationAdmin):
    list_display = ["code", "name", "rank", "validity_months", "renewal_deliveries", "is_active"]
    inlines = [StageInline]


class CriterionInline(TranslationTabularInline):
    model = models.RubricCriterion
    extra = 0


@admin.register(models.Rubric)
class RubricAdmin(TranslationAdmin):
    list_display = ["code", "name", "is_active"]
    inlines = [CriterionInline]


class LanguageInline(admin.TabularInline):
    model = models.InstructorLanguage
    extra = 0


@admin.register(models.Instructor)
class InstructorAdmin(admin.ModelAdmin):
    list_display = ["person", "kind", "home_country", "is_active", "average_rating"]
    list_filter = ["kind", "is_active"]
    search_fields = ["person__family_name", "person__given_names", "person__email"]
    list_select_related = ["person", "home_country"]
    raw_id_fields = ["person", "manager", "courses"]
    readonly_fields = ["average_rating", "rating_count"]
    inlines = [LanguageInline]


class EventInline(admin.TabularInline):
    model = models.CertificationEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "occurred_at", "by", "reason", "expires_before", "expires_after"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(models.Certification)
class CertificationAdmin(admin.ModelAdmin):
    """Read-only: certifications change through Cadre's pages, which audit every change."""

    list_display = ["code", "instructor", "level", "status", "issued_on", "expires_on"]
    list_filter = ["status", "level"]
    search_fields = ["code", "name_on_certificate"]
    list_select_related = ["instructor__person", "level"]
    inlines = [EventInline]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(models.Candidacy)
class CandidacyAdmin(admin.ModelAdmin):
    list_display = ["instructor", "level", "status", "started_at"]
    list_filter = ["status", "level"]
    list_select_related = ["instructor__person", "level"]
    raw_id_fields = ["instructor", "assessors", "courses", "started_by"]


@admin.register(models.Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = [
        "instructor",
        "course",
        "language",
        "starts_on",
        "ends_on",
        "reference",
        "override_reason",
    ]
    list_select_related = ["instructor__person", "course"]
    search_fields = ["reference", "instructor__person__family_name"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
