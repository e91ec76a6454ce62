"""Directives and guidelines: issued, revised (each revision a new version, earlier ones kept
readable) and withdrawn."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.standards import permissions
from cadre.standards.models import GUIDELINE_TEXTS, Guideline, GuidelineVersion
from cadre.standards.services._common import apply, columns, english

TEXT_COLUMNS = columns(GUIDELINE_TEXTS)
AUDITED = ("code", "kind", "status", "version", "in_force_since", *TEXT_COLUMNS)


def snapshot_of(guideline: Guideline) -> dict[str, Any]:
    """The guideline's texts in the four languages and its kind, as plain JSON."""
    data: dict[str, Any] = {column: getattr(guideline, column) or "" for column in TEXT_COLUMNS}
    data.update({"code": guideline.code, "kind": guideline.kind})
    return data


def _add_version(guideline: Guideline, by: User | None) -> GuidelineVersion:
    return GuidelineVersion.objects.create(
        guideline=guideline,
        number=guideline.version,
        in_force_since=guideline.in_force_since,
        snapshot=snapshot_of(guideline),
        created_by=by,
    )


def _check_texts(guideline: Guideline) -> None:
    if not english(guideline, "title") or not english(guideline, "body"):
        raise ValidationError(_("Write the title and the text in English at least."))
    if guideline.kind not in Guideline.Kind.values:
        raise ValidationError(_("Choose whether it is a directive or a guideline."))


def _new_code(values: Mapping[str, Any]) -> str:
    code = slugify(str(values.get("code") or "")) or slugify(str(values.get("title_en") or ""))[:70]
    if not code or code == "new":
        raise ValidationError(_("Give the document a code: letters, digits and hyphens."))
    if Guideline.objects.filter(code=code).exists():
        raise ValidationError(_("Another directive or guideline already has this code."))
    return code


@transaction.atomic
def create_guideline(
    *, by: User | None, values: Mapping[str, Any], check_permission: bool = True
) -> Guideline:
    """Issue a directive or a guideline, in force from the date given (today by default)."""
    if check_permission and not permissions.can_create_guideline(by):  # type: ignore[arg-type]
        raise PermissionDenied
    guideline = Guideline(
        code=_new_code(values),
        kind=values.get("kind") or Guideline.Kind.GUIDELINE,
        version=1,
        status=Guideline.Status.IN_FORCE,
        in_force_since=values.get("in_force_since") or timezone.localdate(),
        updated_by=by,
    )
    apply(guideline, values, TEXT_COLUMNS)
    _check_texts(guideline)
    guideline.save()
    _add_version(guideline, by)
    audit.record(
        actor=by,
        action="standards.guideline_issued",
        target=guideline,
        changes=audit.diff({}, audit.snapshot(guideline, AUDITED)),
    )
    return guideline


def _locked(guideline: Guideline) -> Guideline:
    return Guideline.objects.select_for_update().get(pk=guideline.pk)


def _in_force_since(guideline: Guideline, values: Mapping[str, Any]) -> date:
    since: date = values.get("in_force_since") or timezone.localdate()
    if since < guideline.in_force_since:
        raise ValidationError(
            _("A new version cannot come into force before the current one (%(date)s).")
            % {"date": guideline.in_force_since.isoformat()}
        )
    return since


@transaction.atomic
def revise_guideline(*, guideline: Guideline, by: User, values: Mapping[str, Any]) -> Guideline:
    """A new version of a directive or guideline in force; the earlier ones stay readable."""
    guideline = _locked(guideline)
    if not permissions.can_edit_guideline(by, guideline):
        if not permissions.can_edit_standards(by):
            raise PermissionDenied
        raise ValidationError(_("A withdrawn directive or guideline is no longer revised."))
    before = audit.snapshot(guideline, AUDITED)
    texts_before = snapshot_of(guideline)
    apply(guideline, values, TEXT_COLUMNS)
    _check_texts(guideline)
    if snapshot_of(guideline) == texts_before:
        raise ValidationError(_("Nothing was changed, so no new version was made."))
    guideline.in_force_since = _in_force_since(guideline, values)
    guideline.version += 1
    guideline.updated_by = by
    guideline.save()
    _add_version(guideline, by)
    audit.record(
        actor=by,
        action="standards.guideline_revised",
        target=guideline,
        changes=audit.diff(before, audit.snapshot(guideline, AUDITED)),
    )
    return guideline


@transaction.atomic
def withdraw_guideline(*, guideline: Guideline, by: User) -> Guideline:
    """Take a directive or guideline out of force; its versions stay readable."""
    guideline = _locked(guideline)
    if not permissions.can_withdraw_guideline(by, guideline):
        if not permissions.can_edit_standards(by):
            raise PermissionDenied
        raise ValidationError(_("This directive or guideline is already withdrawn."))
    guideline.status = Guideline.Status.WITHDRAWN
    guideline.updated_by = by
    guideline.save(update_fields=["status", "updated_by", "updated_at"])
    audit.record(
        actor=by,
        action="standards.guideline_withdrawn",
        target=guideline,
        changes={"status": (Guideline.Status.IN_FORCE, Guideline.Status.WITHDRAWN)},
    )
    return guideline
