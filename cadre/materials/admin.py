from django.contrib import admin

from cadre.materials import models


class VersionInline(admin.TabularInline):
    model = models.MaterialVersion
    extra = 0
    can_delete = False
    fields = ("number", "status", "safe_name", "size", "mime", "submitted_by", "submitted_at", "reviewed_by")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(models.Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ["title", "course", "kind", "language", "approved_at"]
    list_filter = ["kind", "language"]
    search_fields = ["title", "course__code"]
    list_select_related = ["course"]
    raw_id_fields = ["course", "submitted_by"]
    readonly_fields = ["approved_version", "approved_at"]
    inlines = [VersionInline]


class FindingInline(admin.TabularInline):
    model = models.ReviewFinding
    extra = 0
    raw_id_fields = ["criterion"]


@admin.register(models.Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["version", "reviewer", "outcome", "started_at", "decided_at"]
    list_filter = ["outcome"]
    list_select_related = ["version__material", "reviewer"]
    raw_id_fields = ["version", "reviewer"]
    readonly_fields = ["outcome", "decided_at"]
    inlines = [FindingInline]
