from django.contrib import admin
from django.http import HttpRequest

from cadre.training_sessions.models import CompletionRule, Nomination, Session


class ReadOnlyAdmin(admin.ModelAdmin):
    """Sessions and nominations change through their pages, which check the rules, keep the
    history and tell the people concerned; the admin site only shows them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ["code", "course", "language", "starts_on", "ends_on", "city", "capacity", "status"]
    list_filter = ["status", "language", "seats_by"]
    search_fields = ["code", "title", "course__code", "course__title_en", "city"]
    list_select_related = ["course"]
    date_hierarchy = "starts_on"


@admin.register(Nomination)
class NominationAdmin(ReadOnlyAdmin):
    list_display = ["session", "person", "country", "status", "response", "attendance_percent", "outcome"]
    list_filter = ["status", "response", "outcome"]
    search_fields = ["session__code", "person__email", "person__family_name"]
    list_select_related = ["session__course", "person", "country"]


@admin.register(CompletionRule)
class CompletionRuleAdmin(ReadOnlyAdmin):
    list_display = ["course", "min_attendance_percent", "requires_post_test", "pass_mark_percent"]
    search_fields = ["course__code", "course__title_en"]
