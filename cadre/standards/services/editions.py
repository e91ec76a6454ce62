"""Editions of the Guide: open a draft copied from the one in force, change its sections and
criteria, publish it (the previous edition is then superseded) or discard it."""

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.standards import permissions, selectors
from cadre.standards.models import Criterion, Edition, SatStep, Section
from cadre.standards.services._common import (
    CRITERION_TEXTS,
    EDITION_TEXTS,
    SECTION_TEXTS,
    apply,
    authorise_draft,
    columns,
    english,
    require_english,
)

Status = Edition.Status
NUMBER = re.compile(r"^(\d{1,2})\.(\d{1,2})$")
CRITERION_FIELDS = ("number", "sat_step", "applies_to_material")
CRITERION_AUDITED = ("key", "section", *CRITERION_FIELDS, *columns(CRITERION_TEXTS))


def _locked(edition: Edition) -> Edition:
    return Edition.objects.select_for_update().get(pk=edition.pk)


def _copy(source: Edition, edition: Edition) -> None:
    """The sections and criteria of `source`, with the same numbers and keys, into `edition`."""
    sections = {
        section.number: Section(
            edition=edition,
            number=section.number,
            **{column: getattr(section, column) for column in columns(SECTION_TEXTS)},
        )
        for section in source.sections.all()
    }
    Section.objects.bulk_create(sections.values())
    Criterion.objects.bulk_create(
        Criterion(
            edition=edition,
            section=sections[criterion.section.number],
            key=criterion.key,
            number=criterion.number,
            position=criterion.position,
            sat_step=criterion.sat_step,
            applies_to_material=criterion.applies_to_material,
            **{column: getattr(criterion, column) for column in columns(CRITERION_TEXTS)},
        )
        for criterion in source.criteria.select_related("section")
    )


@transaction.atomic
def open_draft_edition(*, by: User | None, check_permission: bool = True) -> Edition:
    """A new draft edition, numbered after the last, copied from the edition in force."""
    if check_permission and not permissions.can_open_edition(by):  # type: ignore[arg-type]
        raise PermissionDenied
    if Edition.objects.select_for_update().filter(status=Status.DRAFT).exists():
        raise ValidationError(_("A draft edition is already open: publish or discard it first."))
    source = selectors.edition_in_force()
    if source is None:
        raise ValidationError(_("There is no edition in force to copy from."))
    number = (Edition.objects.aggregate(last=Max("number"))["last"] or 0) + 1
    edition = Edition(number=number, status=Status.DRAFT, created_by=by)
    for column in columns(("title", "introduction")):
        setattr(edition, column, getattr(source, column))
    edition.save()
    _copy(source, edition)
    audit.record(
        actor=by,
        action="standards.edition_opened",
        target=edition,
        changes={"number": (None, number), "copied_from": (None, source.number)},
    )
    return edition


@transaction.atomic
def update_edition(*, edition: Edition, by: User, values: Mapping[str, Any]) -> Edition:
    """The draft's title, introduction and note of what changed, in the four languages."""
    edition = _locked(edition)
    authorise_draft(edition, by)
    if not str(values.get("title_en", english(edition, "title")) or "").strip():
        raise ValidationError(_("Give the edition a title in English at least."))
    fields = columns(EDITION_TEXTS)
    before = audit.snapshot(edition, fields)
    apply(edition, values, fields)
    edition.save()
    audit.record(
        actor=by,
        action="standards.edition_updated",
        target=edition,
        changes=audit.diff(before, audit.snapshot(edition, fields)),
    )
    return edition


@transaction.atomic
def update_section(*, section: Section, by: User, values: Mapping[str, Any]) -> Section:
    edition = _locked(section.edition)
    authorise_draft(edition, by)
    section = Section.objects.get(pk=section.pk)  # as stored, whatever a form did to the object
    if not str(values.get("title_en", english(section, "title")) or "").strip():
        raise ValidationError(_("Give the section a title in English at least."))
    fields = columns(SECTION_TEXTS)
    before = audit.snapshot(section, fields)
    apply(section, values, fields)
    section.save()
    audit.record(
        actor=by,
        action="standards.section_updated",
        target=section,
        changes=audit.diff(before, audit.snapshot(section, fields)),
    )
    return section


def _position(number: str, section: Section, criterion: Criterion | None = None) -> int:
    """The criterion's place in its section, from its number ("2.4" in section 2 -> 4)."""
    match = NUMBER.match(number.strip())
    if match is None or int(match.group(1)) != section.number:
        raise ValidationError(
            _("Number the criterion after its section, for example %(example)s.")
            % {"example": f"{section.number}.1"}
        )
    taken = Criterion.objects.filter(edition_id=section.edition_id, number=number.strip())
    if criterion is not None:
        taken = taken.exclude(pk=criterion.pk)
    if taken.exists():
        raise ValidationError(_("Another criterion of this edition already has this number."))
    return int(match.group(2))


def _check_step(values: Mapping[str, Any]) -> None:
    if values.get("sat_step") and values["sat_step"] not in SatStep.values:
        raise ValidationError(_("Choose a step of the systems approach from the list."))


def _new_key(edition: Edition, values: Mapping[str, Any]) -> str:
    key = slugify(str(values.get("key") or "")) or slugify(str(values.get("title_en") or ""))[:50]
    if not key:
        raise ValidationError(_("Give the criterion a key: letters, digits and hyphens."))
    if Criterion.objects.filter(edition=edition, key=key).exists():
        raise ValidationError(_("Another criterion of this edition already has this key."))
    return key


@transaction.atomic
def add_criterion(*, section: Section, by: User, values: Mapping[str, Any]) -> Criterion:
    """A new criterion in a section of the draft; its key stays the same in later editions."""
    edition = _locked(section.edition)
    authorise_draft(edition, by)
    require_english(values, "title", "requirement")
    _check_step(values)
    criterion = Criterion(edition=edition, section=section, key=_new_key(edition, values))
    apply(criterion, values, (*CRITERION_FIELDS, *columns(CRITERION_TEXTS)))
    criterion.sat_step = criterion.sat_step or ""
    criterion.position = _position(criterion.number, section)
    criterion.save()
    audit.record(
        actor=by,
        action="standards.criterion_added",
        target=criterion,
        changes=audit.diff({}, audit.snapshot(criterion, CRITERION_AUDITED)),
    )
    return criterion


def _section_for(criterion: Criterion, values: Mapping[str, Any]) -> Section:
    section: Section = values.get("section") or criterion.section
    if section.edition_id != criterion.edition_id:
        raise ValidationError(_("Choose a section of the same edition."))
    return section


@transaction.atomic
def update_criterion(*, criterion: Criterion, by: User, values: Mapping[str, Any]) -> Criterion:
    """The draft criterion's texts, number, section, step and whether material reviews check
    it. Its key does not change."""
    edition = _locked(criterion.edition)
    authorise_draft(edition, by)
    criterion = Criterion.objects.select_related("section").get(pk=criterion.pk)
    merged = {**{column: getattr(criterion, column) for column in columns(CRITERION_TEXTS)}, **values}
    require_english(merged, "title", "requirement")
    _check_step(values)
    before = audit.snapshot(criterion, CRITERION_AUDITED)
    criterion.section = _section_for(criterion, values)
    apply(criterion, values, (*CRITERION_FIELDS, *columns(CRITERION_TEXTS)))
    criterion.sat_step = criterion.sat_step or ""
    criterion.position = _position(criterion.number, criterion.section, criterion)
    criterion.save()
    audit.record(
        actor=by,
        action="standards.criterion_updated",
        target=criterion,
        changes=audit.diff(before, audit.snapshot(criterion, CRITERION_AUDITED)),
    )
    return criterion


@transaction.atomic
def remove_criterion(*, criterion: Criterion, by: User) -> None:
    edition = _locked(criterion.edition)
    authorise_draft(edition, by)
    audit.record(
        actor=by,
        action="standards.criterion_removed",
        target=criterion,
        changes=audit.diff(audit.snapshot(criterion, CRITERION_AUDITED), {}),
    )
    _delete(criterion)


def _delete(obj: Criterion | Edition) -> None:
    try:
        obj.delete()
    except ProtectedError as error:
        raise ValidationError(_("Reviews already refer to it, so it cannot be removed.")) from error


def _check_publishable(edition: Edition) -> None:
    criteria = list(edition.criteria.all())
    if not criteria:
        raise ValidationError(_("An edition without criteria cannot be published."))
    if not english(edition, "title"):
        raise ValidationError(_("Give the edition a title in English at least."))
    if any(
        not english(criterion, "title") or not english(criterion, "requirement") for criterion in criteria
    ):
        raise ValidationError(_("Every criterion needs a title and a requirement in English."))


@transaction.atomic
def publish_edition(*, edition: Edition, by: User | None, check_permission: bool = True) -> Edition:
    """The draft comes into force and the edition in force until now is superseded, together.
    Earlier editions stay readable, and what was reviewed against them keeps its criteria."""
    edition = _locked(edition)
    authorise_draft(edition, by, check_permission=check_permission)
    _check_publishable(edition)
    for previous in Edition.objects.select_for_update().filter(status=Status.PUBLISHED):
        previous.status = Status.SUPERSEDED
        previous.save(update_fields=["status"])
        audit.record(
            actor=by,
            action="standards.edition_superseded",
            target=previous,
            changes={
                "status": (Status.PUBLISHED, Status.SUPERSEDED),
                "superseded_by": (None, edition.number),
            },
        )
    edition.status = Status.PUBLISHED
    edition.published_at = timezone.now()
    edition.published_by = by
    edition.save(update_fields=["status", "published_at", "published_by"])
    audit.record(
        actor=by,
        action="standards.edition_published",
        target=edition,
        changes={"status": (Status.DRAFT, Status.PUBLISHED)},
    )
    return edition


@transaction.atomic
def discard_draft_edition(*, edition: Edition, by: User) -> None:
    """Throw away a draft that will not be published."""
    edition = _locked(edition)
    authorise_draft(edition, by)
    audit.record(
        actor=by,
        action="standards.edition_discarded",
        target=edition,
        changes={"status": (Status.DRAFT, None), "number": (edition.number, None)},
    )
    _delete(edition)
