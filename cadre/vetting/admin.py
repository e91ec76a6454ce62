from django.contrib import admin

from cadre.vetting.models import AccessRequest, Decision, DomainRule, Invitation, PreauthorisationCode


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    can_delete = False
    readonly_fields = ("action", "actor", "reason", "via", "occurred_at")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(AccessRequest)
class AccessRequestAdmin(admin.ModelAdmin):
    list_display = ("person", "country", "status", "submitted_at", "approved_until")
    list_filter = ("status", "country")
    search_fields = ("person__email", "person__family_name", "person__given_names")
    raw_id_fields = ("person",)
    readonly_fields = ("terms_version", "terms_accepted_at", "privacy_version", "privacy_accepted_at")
    inlines = [DecisionInline]


@admin.register(DomainRule)
class DomainRuleAdmin(admin.ModelAdmin):
    list_display = ("domain", "kind", "country")
    list_filter = ("kind", "country")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "country", "status", "created_at", "expires_at")
    list_filter = ("status", "country")
    readonly_fields = ("token",)


@admin.register(PreauthorisationCode)
class PreauthorisationCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "country", "agency", "uses", "max_uses", "expires_at", "revoked_at")
    list_filter = ("country",)
