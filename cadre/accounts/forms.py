from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib.auth import forms as auth_forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cadre.accounts import selectors
from cadre.accounts.models import Role, ScopeKind, User
from cadre.accounts.permissions import AnyUser

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class AdminUserCreationForm(auth_forms.AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "given_names", "family_name")


class AdminUserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class RoleHolderFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=150)
    role: "forms.ModelChoiceField[Role]" = forms.ModelChoiceField(
        label=_("Role"),
        queryset=Role.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All roles"),
    )

    def filters(self) -> dict[str, Any]:
        if not self.is_bound or not self.is_valid():
            return {}
        return {"query": self.cleaned_data["q"].strip(), "role": self.cleaned_data["role"]}


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find the person"),
        max_length=150,
        help_text=_("Type part of their name or official e-mail address."),
    )


class OfferedChoiceField(forms.ModelChoiceField):
    """Accepts any existing object but offers only some: a choice the person may not make then
    reaches the permission check (and a 403) instead of passing for a typing mistake."""

    def offer(self, offered: QuerySet[Any]) -> list[Any]:
        everything = self.queryset
        self.queryset = offered
        shown: list[tuple[Any, Any]] = list(cast(Iterable[tuple[Any, Any]], self.choices))
        self.queryset = everything
        self.widget.choices = shown
        return [getattr(value, "value", value) for value, _label in shown if value != ""]


class RoleChoiceField(OfferedChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} — {obj.get_scope_kind_display()}"


SCOPE_LABELS: "dict[str, StrOrPromise]" = {
    ScopeKind.COUNTRY: _("Country"),
    ScopeKind.REGION: _("Region"),
    ScopeKind.INSTITUTION: _("Institution"),
}
SCOPE_MISSING: "dict[str, StrOrPromise]" = {
    ScopeKind.COUNTRY: _("Choose the country in which this role applies."),
    ScopeKind.REGION: _("Choose the region in which this role applies."),
    ScopeKind.INSTITUTION: _("Choose the institution in which this role applies."),
}


class AssignRoleForm(forms.Form):
    """The role and where it applies. The fields for scopes are those the offered roles need,
    each offering only the scopes within which the assigner may give roles."""

    role = RoleChoiceField(label=_("Role"), queryset=Role.objects.none(), empty_label=_("Choose a role"))

    def __init__(self, *args: Any, assigner: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered_roles = selectors.assignable_roles_for(assigner)
        role_field: RoleChoiceField = self.fields["role"]  # type: ignore[assignment]
        role_field.queryset = Role.objects.assignable()
        role_field.offer(offered_roles)
        kinds = {role.scope_kind for role in offered_roles}
        for kind in SCOPE_LABELS:
            if kind in kinds:
                self.fields[kind] = self._scope_field(kind, selectors.scopes_for(assigner, kind))

    @staticmethod
    def _scope_field(kind: str, offered: QuerySet[Any]) -> OfferedChoiceField:
        field = OfferedChoiceField(
            label=SCOPE_LABELS[kind],
            queryset=offered.model._default_manager.all(),
            required=False,
            empty_label=_("Not needed for this role"),
        )
        shown = field.offer(offered)
        if len(shown) == 1:  # the assigner's own country or institution: nothing to choose
            field.widget.choices = [choice for choice in field.widget.choices if choice[0] != ""]
            field.initial = shown[0]
        return field

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        role: Role | None = cleaned.get("role")
        cleaned["scope"] = None
        if role is None or role.scope_kind == ScopeKind.ORGANISATION:
            return cleaned
        if role.scope_kind not in self.fields:
            self.add_error("role", _("This role cannot be assigned here."))
        elif cleaned.get(role.scope_kind) is None:
            self.add_error(role.scope_kind, SCOPE_MISSING.get(role.scope_kind, ""))
        else:
            cleaned["scope"] = cleaned[role.scope_kind]
        return cleaned
