from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from cadre.accounts.forms import AdminUserChangeForm, AdminUserCreationForm
from cadre.accounts.models import Role, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    fields = ["role", "scope_type", "scope_id", "granted_by", "granted_at"]
    readonly_fields = ["granted_by", "granted_at"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = AdminUserCreationForm
    form = AdminUserChangeForm
    ordering = ["family_name", "given_names"]
    list_display = ["email", "family_name", "given_names", "country", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "country__region", "gender", "preferred_language"]
    search_fields = ["email", "family_name", "given_names", "preferred_name"]
    autocomplete_fields = ["country", "agency"]
    list_select_related = ["country"]
    inlines = [RoleAssignmentInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Profile"),
            {
                "fields": (
                    "given_names",
                    "family_name",
                    "preferred_name",
                    "country",
                    "agency",
                    "rank",
                    "gender",
                    "preferred_language",
                )
            },
        ),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "given_names",
                    "family_name",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )


@admin.register(Role)
class RoleAdmin(TranslationAdmin):
    list_display = ["name", "code", "scope_kind", "position"]
    list_filter = ["scope_kind"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "scope_type", "scope_id", "granted_at"]
    list_filter = ["role", "scope_type"]
    search_fields = ["user__email", "user__family_name"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "role", "scope_type"]
