"""Instructor profiles and their availability."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.courses.models import LANGUAGE_CODES
from cadre.instructors import permissions
from cadre.instructors.models import AvailabilityPeriod, Instructor, InstructorLanguage
from cadre.instructors.services._common import SUBJECT_FIELDS, set_subjects, subject_codes, subjects_in
from cadre.lib.uploads import CheckedUpload

OWN_FIELDS = ("biography", "kind", "organisation", "home_country", "institution")
MANAGED_FIELDS = ("manager", "is_active")
AUDITED_FIELDS = (*OWN_FIELDS, *MANAGED_FIELDS, "photo")
Proficiency = InstructorLanguage.Proficiency


def _languages_of(instructor: Instructor) -> dict[str, str]:
    return dict(instructor.languages.values_list("language", "proficiency"))


def _snapshot(instructor: Instructor) -> dict[str, Any]:
    values = audit.snapshot(instructor, AUDITED_FIELDS)
    values["photo"] = instructor.photo.name or ""
    values["languages"] = _languages_of(instructor)
    values.update(subject_codes(instructor))
    return values


def _check_languages(languages: Mapping[str, str]) -> dict[str, str]:
    cleaned = {code: level for code, level in languages.items() if level}
    if set(cleaned) - set(LANGUAGE_CODES) or set(cleaned.values()) - set(Proficiency.values):
        raise ValidationError(_("Choose a level among those offered for each language you teach in."))
    return cleaned


def _set_languages(instructor: Instructor, languages: Mapping[str, str]) -> None:
    wanted = _check_languages(languages)
    instructor.languages.exclude(language__in=list(wanted)).delete()
    for code, level in wanted.items():
        InstructorLanguage.objects.update_or_create(
            instructor=instructor, language=code, defaults={"proficiency": level}
        )


def _set_photo(instructor: Instructor, values: Mapping[str, Any]) -> str | None:
    """Keep a new photo (checked by content) or drop the old one; the file to delete once the
    change is committed."""
    photo: File | None = values.get("photo")
    old = instructor.photo.name or None
    if photo is not None:
        checked: CheckedUpload = photo.checked  # type: ignore[attr-defined]
        instructor.photo.save(checked.stored_name, photo, save=False)
        instructor.photo_type = checked.mime_type[:40]
        return old
    if values.get("remove_photo") and old:
        instructor.photo = ""
        instructor.photo_type = ""
        return old
    return None


def _delete_file_later(instructor: Instructor, name: str | None) -> None:
    if name:
        storage = instructor.photo.storage
        transaction.on_commit(lambda: storage.delete(name))


def _apply(instructor: Instructor, values: Mapping[str, Any], *, managed: bool) -> str | None:
    for name in (*OWN_FIELDS, *(MANAGED_FIELDS if managed else ())):
        if name in values:
            setattr(instructor, name, values[name] if values[name] is not None or name in _NULLABLE else "")
    instructor.biography = (instructor.biography or "").strip()
    if instructor.kind == Instructor.Kind.INTERNAL:
        instructor.organisation = ""
    return _set_photo(instructor, values)


_NULLABLE = {"home_country", "institution", "manager"}


def _relations(instructor: Instructor, values: Mapping[str, Any]) -> None:
    if any(name in values for name in SUBJECT_FIELDS):
        set_subjects(instructor, subjects_in(values))
    if "languages" in values:
        _set_languages(instructor, values["languages"])


def _may_create(by: User | None, *, own: bool) -> bool:
    if by is None:
        return False
    return permissions.can_create_instructor(by) or (own and permissions.can_have_own_profile(by))


@transaction.atomic
def create_instructor_profile(
    *, person: User, by: User | None, values: Mapping[str, Any], check_permission: bool = True
) -> Instructor:
    """A profile for `person`: made by a certification manager or an administrator, or by an
    instructor for themselves."""
    own = by is not None and person.pk == by.pk
    if check_permission and not _may_create(by, own=own):
        raise PermissionDenied
    if Instructor.objects.filter(person=person).exists():
        raise ValidationError(_("This person already has an instructor profile."))
    instructor = Instructor(person=person)
    _apply(instructor, values, managed=not own or not check_permission)
    instructor.full_clean(exclude=["person", "photo"])
    instructor.save()
    _relations(instructor, values)
    audit.record(
        actor=by,
        action="instructors.profile_created",
        target=instructor,
        changes=audit.diff({}, _snapshot(instructor)),
    )
    return instructor


@transaction.atomic
def update_instructor_profile(*, instructor: Instructor, by: User, values: Mapping[str, Any]) -> Instructor:
    instructor = (
        Instructor.objects.select_for_update(of=("self",)).select_related("person").get(pk=instructor.pk)
    )
    if not permissions.can_edit_instructor(by, instructor):
        raise PermissionDenied
    before = _snapshot(instructor)
    old_photo = _apply(instructor, values, managed=permissions.can_manage_instructor(by, instructor))
    instructor.full_clean(exclude=["person", "photo"])
    instructor.save()
    _relations(instructor, values)
    _delete_file_later(instructor, old_photo)
    audit.record(
        actor=by,
        action="instructors.profile_updated",
        target=instructor,
        changes=audit.diff(before, _snapshot(instructor)),
    )
    return instructor


@transaction.atomic
def add_availability(
    *, instructor: Instructor, by: User, kind: str, starts_on: date, ends_on: date, note: str = ""
) -> AvailabilityPeriod:
    if not permissions.can_edit_instructor(by, instructor):
        raise PermissionDenied
    if kind not in AvailabilityPeriod.Kind.values:
        raise ValidationError(_("Say whether the instructor is available or unavailable."))
    if ends_on < starts_on:
        raise ValidationError(_("The period ends before it starts: give an end on or after the start."))
    period = AvailabilityPeriod.objects.create(
        instructor=instructor, kind=kind, starts_on=starts_on, ends_on=ends_on, note=note.strip()[:200]
    )
    audit.record(
        actor=by,
        action="instructors.availability_added",
        target=instructor,
        changes={"availability": (None, f"{kind} {starts_on}–{ends_on} {period.note}".strip())},
    )
    return period


@transaction.atomic
def remove_availability(*, period: AvailabilityPeriod, by: User) -> None:
    instructor = period.instructor
    if not permissions.can_edit_instructor(by, instructor):
        raise PermissionDenied
    label = f"{period.kind} {period.starts_on}–{period.ends_on} {period.note}".strip()
    period.delete()
    audit.record(
        actor=by,
        action="instructors.availability_removed",
        target=instructor,
        changes={"availability": (label, None)},
    )
