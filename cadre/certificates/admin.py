from django.contrib import admin
from django.http import HttpRequest

from cadre.certificates.models import Certificate


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Read-only: certificates are issued by the training they certify, and revoked or re-issued
    on their own page, which audits it and tells the holder."""

    list_display = ["code", "holder_name", "kind", "course", "starts_on", "ends_on", "status", "issued_at"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["code", "holder_name", "holder__email", "course__code", "course__title_en"]
    list_select_related = ["course"]
    date_hierarchy = "issued_at"
    raw_id_fields = ["holder", "course", "issued_by", "revoked_by", "replaces"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
