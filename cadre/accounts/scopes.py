"""What a role's scope may point at, and the check that an assignment's scope fits its role."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from cadre.accounts.models import SCOPE_MODELS, Role, ScopeKind


def scope_model(kind: str) -> type[models.Model] | None:
    label = SCOPE_MODELS.get(kind)
    if label is None:
        return None
    app_label, model_name = label.split(".")
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def scope_reference(obj: models.Model | None) -> tuple[ContentType | None, int | None]:
    if obj is None:
        return None, None
    return ContentType.objects.get_for_model(obj), obj.pk


def validate_scope(role: Role, scope_type: ContentType | None, scope_id: int | None) -> None:
    if role.scope_kind == ScopeKind.ORGANISATION:
        if scope_type is not None or scope_id is not None:
            raise ValidationError(_("This role applies to the whole organisation; leave the scope empty."))
        return
    model = scope_model(role.scope_kind)
    if model is None:
        raise ValidationError(_("This role cannot be assigned in this installation."))
    if scope_type is None or scope_id is None:
        raise ValidationError(
            _("This role needs a scope of this kind: %(scope)s.") % {"scope": role.get_scope_kind_display()}
        )
    if scope_type.model_class() is not model:
        raise ValidationError(
            _("The scope must be of this kind: %(scope)s.") % {"scope": role.get_scope_kind_display()}
        )
    if not model._default_manager.filter(pk=scope_id).exists():
        raise ValidationError(_("The chosen scope does not exist."))
