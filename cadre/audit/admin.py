from django.contrib import admin
from django.http import HttpRequest

from cadre.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["id", "occurred_at", "actor", "action", "target_label", "country"]
    list_filter = ["action", "country__region"]
    search_fields = ["target_label", "actor__email", "action"]
    list_select_related = ["actor", "country"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
