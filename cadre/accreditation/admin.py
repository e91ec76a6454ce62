from django.contrib import admin

from cadre.accreditation import models


class CaseStepInline(admin.TabularInline):
    model = models.CaseStep
    extra = 0
    can_delete = False
    readonly_fields = [
        "step",
        "position",
        "status",
        "submitted_at",
        "submitted_by",
        "reviewed_at",
        "reviewed_by",
    ]


class CaseReviewerInline(admin.TabularInline):
    model = models.CaseReviewer
    extra = 0
    readonly_fields = ["reviewer", "kind", "organisation", "assigned_by", "assigned_at"]


@admin.register(models.AccreditationCase)
class AccreditationCaseAdmin(admin.ModelAdmin):
    """Read-only: every change goes through the case's pages, which audit it."""

    list_display = ["reference", "kind", "status", "current_step", "course", "institution", "created_at"]
    list_filter = ["status", "kind", "current_step"]
    search_fields = ["reference", "course_title", "course__title_en", "course__code"]
    list_select_related = ["course", "institution"]
    inlines = [CaseStepInline, CaseReviewerInline]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(models.Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "course_title", "outcome", "valid_from", "valid_until", "status"]
    list_filter = ["status", "outcome"]
    search_fields = ["code", "course_title", "institution_name"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(models.Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["title", "step", "original_name", "size", "uploaded_by", "uploaded_at"]
    list_select_related = ["step__case", "uploaded_by"]
    exclude = ["file"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False
