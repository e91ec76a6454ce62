"""Submitting material and its later versions, and withdrawing a version from review."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.courses.models import Course
from cadre.directory.models import CrimeArea, PolicingCapability
from cadre.lib import uploads
from cadre.materials import permissions
from cadre.materials.models import LANGUAGE_CHOICES, PENDING, Material, MaterialVersion

Kind = Material.Kind
Status = MaterialVersion.Status

# What each kind of material may be, judged by the file's content.
FAMILIES: dict[str, tuple[uploads.Family, ...]] = {
    Kind.DOCUMENT: (uploads.DOCUMENT,),
    Kind.SLIDES: (uploads.DOCUMENT,),
    Kind.VIDEO: (uploads.VIDEO,),
    Kind.PACKAGE: (uploads.ARCHIVE,),
    Kind.OTHER: (uploads.DOCUMENT, uploads.IMAGE, uploads.AUDIO),
}


def families_for(kind: str) -> tuple[uploads.Family, ...]:
    return FAMILIES.get(kind, (uploads.DOCUMENT,))


def max_bytes_for(kind: str) -> int:
    """Videos and other material keep to the instance's upload limits; e-learning packages to
    MATERIAL_PACKAGE_MAX_BYTES."""
    if kind == Kind.PACKAGE:
        return int(settings.MATERIAL_PACKAGE_MAX_BYTES)
    return max(uploads.max_bytes_for(family) for family in families_for(kind))


def check_file(upload: File, kind: str) -> uploads.CheckedUpload:
    """The checks of `cadre.lib.uploads` for a file of this kind (content, size, and for
    packages the archive, before anything is stored): its facts, or ValidationError with the
    message to show. A file a form already checked for this kind is not read again."""
    checked: uploads.CheckedUpload | None = getattr(upload, "checked", None)
    allowed = families_for(kind)
    limit = max_bytes_for(kind)
    if checked is None or checked.family not in allowed or checked.size > limit:
        checked = uploads.check_upload(upload, allowed=allowed, max_bytes=limit)
    return checked


def _store(
    material: Material, number: int, upload: File, checked: uploads.CheckedUpload, *, by: User, note: str
) -> MaterialVersion:
    version = MaterialVersion(
        material=material,
        number=number,
        original_name=(checked.original_name or checked.stored_name)[:255],
        safe_name=checked.stored_name[:255],
        size=checked.size,
        mime=checked.mime_type,
        sha256=checked.sha256,
        submitted_by=by,
        submitted_at=timezone.now(),
        note=note.strip(),
        status=Status.SUBMITTED,
    )
    version.file.save(checked.stored_name, upload, save=False)
    try:
        version.save()
        audit.record(
            actor=by,
            action="materials.version_submitted",
            target=version,
            changes={"status": (None, version.status), "sha256": (None, version.sha256)},
        )
    except Exception:
        version.file.delete(save=False)
        raise
    return version


def _check_values(title: str, kind: str, language: str) -> None:
    if not title.strip():
        raise ValidationError(_("Give the material a title."))
    if kind not in Kind.values:
        raise ValidationError(_("Choose what kind of material this is."))
    if language not in dict(LANGUAGE_CHOICES):
        raise ValidationError(_("Choose the language of the material."))


@transaction.atomic
def submit_material(
    *,
    by: User,
    course: Course,
    title: str,
    kind: str,
    language: str,
    upload: File,
    description: str = "",
    crime_areas: Iterable[CrimeArea] = (),
    capabilities: Iterable[PolicingCapability] = (),
    note: str = "",
) -> Material:
    """New material for a course, with its first version, sent to the quality officers."""
    if not permissions.can_submit_material(by, course):
        raise PermissionDenied
    _check_values(title, kind, language)
    checked = check_file(upload, kind)
    material = Material.objects.create(
        course=course,
        title=title.strip(),
        description=description.strip(),
        kind=kind,
        language=language,
        submitted_by=by,
    )
    material.crime_areas.set(crime_areas)
    material.capabilities.set(capabilities)
    audit.record(
        actor=by,
        action="materials.submitted",
        target=material,
        changes=audit.diff({}, audit.snapshot(material, ("course", "title", "kind", "language"))),
    )
    _store(material, 1, upload, checked, by=by, note=note)
    return material


@transaction.atomic
def submit_version(*, by: User, material: Material, upload: File, note: str = "") -> MaterialVersion:
    """A new version of the material (after it was returned, or to replace the approved one)."""
    material = Material.objects.select_for_update(of=("self",)).select_related("course").get(pk=material.pk)
    if not permissions.can_add_version(by, material):
        raise PermissionDenied
    if material.versions.filter(status__in=PENDING).exists():
        raise ValidationError(
            _(
                "A version of this material is already waiting for review. Withdraw it first, or wait for the decision."
            )
        )
    checked = check_file(upload, material.kind)
    number = (material.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    return _store(material, number, upload, checked, by=by, note=note)


@transaction.atomic
def withdraw_version(*, by: User, version: MaterialVersion) -> MaterialVersion:
    version = (
        MaterialVersion.objects.select_for_update(of=("self",)).select_related("material").get(pk=version.pk)
    )
    if not permissions.can_withdraw_version(by, version):
        raise ValidationError(
            _("Only a version waiting for review can be withdrawn, by the person who submitted it.")
        )
    before = version.status
    version.status = Status.WITHDRAWN
    version.save(update_fields=["status"])
    audit.record(
        actor=by,
        action="materials.version_withdrawn",
        target=version,
        changes={"status": (before, version.status)},
    )
    return version
