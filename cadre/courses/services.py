"""Every write to the catalogue: keyword-only, atomic, authorised, audited, re-indexed."""

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.courses import permissions, search_index
from cadre.courses.models import LANGUAGE_CODES, TRANSLATED_FIELDS, Course, CourseVersion
from cadre.directory.models import (
    CourseType,
    CrimeArea,
    DeliveryMode,
    GlobalProgramme,
    Institution,
    PolicingCapability,
)

M2M_FIELDS = ("prerequisites", "crime_areas", "capabilities")
TRANSLATED_COLUMNS = tuple(f"{field}_{code}" for field in TRANSLATED_FIELDS for code in LANGUAGE_CODES)
PLAIN_FIELDS = (
    "duration_value",
    "duration_unit",
    "course_type",
    "delivery_mode",
    "programme",
    "institution",
    "is_public",
    *(f"offered_in_{code}" for code in LANGUAGE_CODES),
)
AUDITED_FIELDS = ("code", "status", *TRANSLATED_COLUMNS, *PLAIN_FIELDS)
Status = Course.Status


def snapshot_of(course: Course) -> dict[str, Any]:
    """The translated texts and the metadata of a course, as plain JSON."""
    data: dict[str, Any] = {column: getattr(course, column) or "" for column in TRANSLATED_COLUMNS}
    data.update(
        {
            "code": course.code,
            "status": course.status,
            "duration_value": course.duration_value,
            "duration_unit": course.duration_unit,
            "course_type": course.course_type.code,
            "delivery_mode": course.delivery_mode.code,
            "programme": course.programme.code if course.programme else None,
            "institution": course.institution_id,
            "languages": course.languages,
            "is_public": course.is_public,
            "prerequisites": sorted(course.prerequisites.values_list("code", flat=True)),
            "crime_areas": sorted(course.crime_areas.values_list("code", flat=True)),
            "capabilities": sorted(course.capabilities.values_list("code", flat=True)),
        }
    )
    return data


def _check(course: Course) -> None:
    if not any((getattr(course, f"title_{code}") or "").strip() for code in LANGUAGE_CODES):
        raise ValidationError(_("Give the course a title in at least one language."))
    if not any(getattr(course, f"offered_in_{code}") for code in LANGUAGE_CODES):
        raise ValidationError(_("Choose at least one language the course is offered in."))


def _unique_code(wanted: str, values: Mapping[str, Any], exclude: int | None = None) -> str:
    base = slugify(wanted) or next(
        (
            slugify(values.get(f"title_{code}") or "")
            for code in ("en", "fr", "es")
            if values.get(f"title_{code}")
        ),
        "",
    )
    base = (base or "course")[:70].strip("-") or "course"
    if base == "new":  # /courses/new/ is the form
        base = "new-course"
    code, number = base, 1
    taken = Course.objects.all() if exclude is None else Course.objects.exclude(pk=exclude)
    while taken.filter(code=code).exists():
        number += 1
        code = f"{base}-{number}"
    return code


def _apply(course: Course, values: Mapping[str, Any]) -> None:
    for name in (*TRANSLATED_COLUMNS, *PLAIN_FIELDS):
        if name in values:
            setattr(course, name, values[name] if values[name] is not None or name in _NULLABLE else "")


_NULLABLE = {"programme", "institution", "duration_value"}


def _set_relations(course: Course, values: Mapping[str, Any]) -> None:
    for name in M2M_FIELDS:
        if name in values:
            related = [item for item in values[name] if getattr(item, "pk", None) != course.pk]
            getattr(course, name).set(related)


def _add_version(course: Course, by: User | None) -> CourseVersion:
    last = course.versions.aggregate(last=Max("number"))["last"] or 0
    return CourseVersion.objects.create(
        course=course, number=last + 1, snapshot=snapshot_of(course), created_by=by
    )


@transaction.atomic
def create_course(*, by: User | None, values: Mapping[str, Any], check_permission: bool = True) -> Course:
    if check_permission and not permissions.can_create_course(by):  # type: ignore[arg-type]
        raise PermissionDenied
    course = Course(owner=by, status=Status.DRAFT)
    _apply(course, values)
    _check(course)
    course.code = _unique_code(values.get("code") or "", values)
    course.full_clean(exclude=["owner"])
    course.save()
    _set_relations(course, values)
    search_index.reindex(course)
    audit.record(actor=by, action="courses.created", target=course, changes=_created_changes(course))
    return course


def _created_changes(course: Course) -> dict[str, tuple[Any, Any]]:
    return audit.diff({}, audit.snapshot(course, AUDITED_FIELDS))


def _locked(course: Course) -> Course:
    return Course.objects.select_for_update().get(pk=course.pk)


@transaction.atomic
def update_course(*, course: Course, by: User, values: Mapping[str, Any]) -> Course:
    course = _locked(course)
    if not permissions.can_edit_course(by, course):
        raise PermissionDenied
    before = audit.snapshot(course, AUDITED_FIELDS)
    before_version = snapshot_of(course)
    _apply(course, values)
    _check(course)
    if values.get("code") and values["code"] != course.code:
        course.code = _unique_code(values["code"], values, exclude=course.pk)
    course.full_clean(exclude=["owner"])
    course.save()
    _set_relations(course, values)
    course.refresh_from_db()
    if course.is_published and snapshot_of(course) != before_version:
        _add_version(course, by)
    search_index.reindex(course)
    audit.record(
        actor=by,
        action="courses.updated",
        target=course,
        changes=audit.diff(before, audit.snapshot(course, AUDITED_FIELDS)),
    )
    return course


def _change_status(course: Course, by: User | None, status: str, action: str) -> Course:
    before = course.status
    course.status = status
    if status == Status.PUBLISHED:
        course.published_at = timezone.now()
    course.save(update_fields=["status", "published_at", "updated_at"])
    search_index.reindex(course)
    audit.record(actor=by, action=action, target=course, changes={"status": (before, status)})
    return course


@transaction.atomic
def publish_course(*, course: Course, by: User | None, check_permission: bool = True) -> Course:
    course = _locked(course)
    if check_permission and not permissions.can_publish_course(by, course):  # type: ignore[arg-type]
        raise ValidationError(_("Only a draft course can be published, by the people who look after it."))
    course = _change_status(course, by, Status.PUBLISHED, "courses.published")
    _add_version(course, by)
    return course


@transaction.atomic
def archive_course(*, course: Course, by: User) -> Course:
    course = _locked(course)
    if not permissions.can_archive_course(by, course):
        raise ValidationError(_("Only a published course can be archived, by the people who look after it."))
    return _change_status(course, by, Status.ARCHIVED, "courses.archived")


def set_accreditation(*, course: Course, valid_until: date | None) -> None:
    """Record (or, with None, take off) the course's accreditation mark. Called by the
    accreditation decision, which audits it; the catalogue reads the date."""
    Course.objects.filter(pk=course.pk).update(accredited_until=valid_until, updated_at=timezone.now())
    course.accredited_until = valid_until


# --- Demo data ----------------------------------------------------------------------------

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo_courses.json"


def _demo_values(row: dict[str, Any], institutions: Mapping[str, Institution]) -> dict[str, Any]:
    values: dict[str, Any] = {
        "code": row["code"],
        "course_type": CourseType.objects.get(code=row["type"]),
        "delivery_mode": DeliveryMode.objects.get(code=row["mode"]),
        "programme": GlobalProgramme.objects.get(code=row["programme"]) if row["programme"] else None,
        "institution": institutions.get(row["institution"] or ""),
        "duration_value": row["duration"][0],
        "duration_unit": row["duration"][1],
        "is_public": row["public"],
        "crime_areas": list(CrimeArea.objects.filter(code__in=row["crime_areas"])),
        "capabilities": list(PolicingCapability.objects.filter(code__in=row["capabilities"])),
    }
    for code in LANGUAGE_CODES:
        values[f"offered_in_{code}"] = code in row["languages"]
        for field in TRANSLATED_FIELDS:
            values[f"{field}_{code}"] = _demo_text(row.get(field, {}).get(code, ""))
    return values


def _demo_text(text: str | list[str]) -> str:
    """A text from the demo file; a list (the learning outcomes) becomes one line each."""
    return "\n".join(text) if isinstance(text, list) else text


@transaction.atomic
def load_demo_courses(*, institutions: Mapping[str, Institution]) -> int:
    """The demo catalogue from `data/demo_courses.json`; courses already there are left as they
    are, so loading twice adds nothing. Returns how many were created."""
    rows: list[dict[str, Any]] = json.loads(DEMO_FILE.read_text(encoding="utf-8"))["courses"]
    existing = set(
        Course.objects.filter(code__in=[row["code"] for row in rows]).values_list("code", flat=True)
    )
    created = {}
    for row in rows:
        if row["code"] not in existing:
            created[row["code"]] = create_course(
                by=None, values=_demo_values(row, institutions), check_permission=False
            )
    for row in rows:
        course = created.get(row["code"])
        if course is None:
            continue
        course.prerequisites.set(Course.objects.filter(code__in=row["prerequisites"]))
        if row["status"] in (Status.PUBLISHED, Status.ARCHIVED):
            course = publish_course(course=course, by=None, check_permission=False)
        if row["status"] == Status.ARCHIVED:
            _change_status(_locked(course), None, Status.ARCHIVED, "courses.archived")
    return len(created)


@transaction.atomic
def attach_demo_owners() -> None:
    """Give each demo course without an owner the course manager its data file names."""
    rows: list[dict[str, Any]] = json.loads(DEMO_FILE.read_text(encoding="utf-8"))["courses"]
    owners = {user.email: user for user in User.objects.filter(email__in={row["owner"] for row in rows})}
    for row in rows:
        owner = owners.get(row["owner"])
        if owner is not None:
            Course.objects.filter(code=row["code"], owner__isnull=True).update(owner=owner)
