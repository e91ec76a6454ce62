from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from cadre.privacy.models import DataRequest, InactivityReview, ProcessingActivity


@admin.register(ProcessingActivity)
class ProcessingActivityAdmin(TranslationAdmin):
    list_display = ("name", "code", "order")
    list_editable = ("order",)
    search_fields = ("name", "code", "purpose")


@admin.register(DataRequest)
class DataRequestAdmin(admin.ModelAdmin):
    """Read-only: requests are decided in Cadre, where the decision is audited and the person told."""

    list_display = ("person", "kind", "status", "created_at", "decided_at")
    list_filter = ("kind", "status")
    search_fields = ("person__email", "person__family_name")
    list_select_related = ("person",)

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(InactivityReview)
class InactivityReviewAdmin(admin.ModelAdmin):
    list_display = ("person", "status", "last_seen", "flagged_at", "decided_at")
    list_filter = ("status",)
    search_fields = ("person__email", "person__family_name")
    list_select_related = ("person",)

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
