from django.contrib import admin
from django.http import HttpRequest

from cadre.imports.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    """Read-only: batches change only through the import pages, which audit every step."""

    list_display = ["id", "country", "original_name", "status", "total_rows", "uploaded_by", "uploaded_at"]
    list_filter = ["status", "country__region"]
    search_fields = ["original_name", "uploaded_by__email", "country__iso2"]
    list_select_related = ["country", "uploaded_by"]
    exclude = ["file"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
