"""The standards in the admin site, read only: editions change through a draft and guidelines
through new versions (the standards pages), so that nothing in force is edited in place."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from cadre.standards import models


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(models.Edition)
class EditionAdmin(ReadOnly, TranslationAdmin):
    list_display = ["number", "title", "status", "published_at"]
    list_filter = ["status"]


@admin.register(models.Criterion)
class CriterionAdmin(ReadOnly, TranslationAdmin):
    list_display = ["number", "key", "title", "edition", "sat_step", "applies_to_material"]
    list_filter = ["edition", "sat_step", "applies_to_material"]
    list_select_related = ["edition"]
    search_fields = ["key", "title_en", "title_fr", "title_es", "title_ar"]


@admin.register(models.Guideline)
class GuidelineAdmin(ReadOnly, TranslationAdmin):
    list_display = ["code", "title", "kind", "version", "status", "in_force_since"]
    list_filter = ["kind", "status"]


@admin.register(models.GuidelineVersion)
class GuidelineVersionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["guideline", "number", "in_force_since", "created_by", "created_at"]
    list_select_related = ["guideline", "created_by"]
