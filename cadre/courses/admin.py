from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from cadre.courses import models


@admin.register(models.Course)
class CourseAdmin(TranslationAdmin):
    list_display = ["code", "title", "status", "is_public", "course_type", "delivery_mode"]
    list_filter = ["status", "is_public", "course_type", "delivery_mode", "programme"]
    search_fields = ["code", "title_en", "title_fr", "title_es", "title_ar"]
    list_select_related = ["course_type", "delivery_mode"]
    readonly_fields = ["status", "published_at"]


@admin.register(models.CourseVersion)
class CourseVersionAdmin(admin.ModelAdmin):
    list_display = ["course", "number", "created_by", "created_at"]
    list_select_related = ["course", "created_by"]
    readonly_fields = ["course", "number", "snapshot", "created_by", "created_at"]
