"""Reads of the training standards. The Guide and the directives are the organisation's texts,
read by every signed-in person; only drafts are filtered out for those who do not edit them."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from cadre.accounts.permissions import AnyUser
from cadre.courses.models import LANGUAGE_CODES
from cadre.standards import permissions
from cadre.standards.models import Criterion, Edition, Guideline, GuidelineVersion, SatStep, Section

Status = Edition.Status
CRITERION_ORDER = ("section__number", "position", "number")
# What a comparison looks at, besides the texts in each language.
COMPARED_FIELDS = ("number", "sat_step", "applies_to_material")
COMPARED_TEXTS = ("title", "requirement", "guidance")


def edition_in_force() -> Edition | None:
    """The edition of the Guide in force, or None before one is published."""
    return Edition.objects.filter(status=Status.PUBLISHED).first()


def _criteria_of(edition: Edition | None) -> QuerySet[Criterion]:
    edition = edition if edition is not None else edition_in_force()
    if edition is None:
        return Criterion.objects.none()
    return Criterion.objects.filter(edition=edition).select_related("section").order_by(*CRITERION_ORDER)


def criteria_for_step(step: str, *, edition: Edition | None = None) -> QuerySet[Criterion]:
    """The criteria of one step of the systems approach, in the Guide's order (of the edition in
    force unless another is given)."""
    return _criteria_of(edition).filter(sat_step=step)


def criteria_for_material(*, edition: Edition | None = None) -> QuerySet[Criterion]:
    """The criteria a review of training material checks, in the Guide's order."""
    return _criteria_of(edition).filter(applies_to_material=True)


def criteria_of(edition: Edition | None = None, *, step: str = "") -> QuerySet[Criterion]:
    """Every criterion of the edition (the one in force by default), of one step if given."""
    criteria = _criteria_of(edition)
    return criteria.filter(sat_step=step) if step else criteria


def editions_for(user: AnyUser) -> QuerySet[Edition]:
    """Every edition, newest first; drafts only for those who edit the standards."""
    editions = Edition.objects.select_related("published_by")
    if not permissions.can_edit_standards(user):
        editions = editions.exclude(status=Status.DRAFT)
    return editions.order_by("-number")


def draft_edition() -> Edition | None:
    return Edition.objects.filter(status=Status.DRAFT).first()


def previous_edition(edition: Edition) -> Edition | None:
    """The edition before this one (never a draft)."""
    return (
        Edition.objects.filter(number__lt=edition.number)
        .exclude(status=Status.DRAFT)
        .order_by("-number")
        .first()
    )


def sections_of(edition: Edition, *, step: str = "") -> list[Section]:
    """The edition's sections with their criteria (of one step, if given), in three queries.
    With a step, sections that have no criterion of it are left out."""
    criteria = Criterion.objects.order_by("position", "number")
    if step:
        criteria = criteria.filter(sat_step=step)
    sections = list(
        edition.sections.order_by("number").prefetch_related(Prefetch("criteria", queryset=criteria))
    )
    if step:
        sections = [section for section in sections if section.criteria.all()]
    return sections


def section_of(edition: Edition, number: int) -> Section | None:
    return edition.sections.filter(number=number).first()


def criterion_of(edition: Edition, key: str) -> Criterion | None:
    return edition.criteria.select_related("section").filter(key=key).first()


def untranslated_criteria(edition: Edition) -> list[Criterion]:
    """The edition's criteria missing a title or requirement in one of the four languages."""
    return [
        criterion
        for criterion in _criteria_of(edition)
        if not all(
            (getattr(criterion, f"{name}_{code}") or "").strip()
            for name in ("title", "requirement")
            for code in LANGUAGE_CODES
        )
    ]


def step_choices() -> list[tuple[str, Any]]:
    return list(SatStep.choices)


# --- Guidelines ------------------------------------------------------------------------------


def guidelines_for(user: AnyUser) -> QuerySet[Guideline]:
    """The directives and guidelines: those in force first, withdrawn ones after."""
    if not permissions.can_view_standards(user):
        return Guideline.objects.none()
    return Guideline.objects.order_by("status", "kind", "code")


def versions_of(guideline: Guideline) -> QuerySet[GuidelineVersion]:
    return guideline.versions.select_related("created_by").order_by("-number")


def version_of(guideline: Guideline, number: int) -> GuidelineVersion | None:
    return versions_of(guideline).filter(number=number).first()


# --- Comparing two editions -----------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One criterion present in both editions, and what differs between them."""

    before: Criterion
    after: Criterion
    fields: tuple[str, ...]


@dataclass
class Comparison:
    edition: Edition
    previous: Edition | None
    added: list[Criterion] = field(default_factory=list)
    removed: list[Criterion] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def _differences(before: Criterion, after: Criterion) -> tuple[str, ...]:
    names = [name for name in COMPARED_FIELDS if getattr(before, name) != getattr(after, name)]
    if before.section.number != after.section.number:
        names.append("section")
    for name in COMPARED_TEXTS:
        columns = [f"{name}_{code}" for code in LANGUAGE_CODES]
        if any((getattr(before, column) or "") != (getattr(after, column) or "") for column in columns):
            names.append(name)
    return tuple(names)


def compare_editions(edition: Edition, previous: Edition | None = None) -> Comparison:
    """The criteria added, removed and changed (matched by key) from the previous edition to
    this one, in two queries."""
    previous = previous if previous is not None else previous_edition(edition)
    comparison = Comparison(edition=edition, previous=previous)
    after = {criterion.key: criterion for criterion in _criteria_of(edition)}
    before = {criterion.key: criterion for criterion in _criteria_of(previous)} if previous else {}
    for key, criterion in after.items():
        if key not in before:
            comparison.added.append(criterion)
            continue
        changed = _differences(before[key], criterion)
        if changed:
            comparison.changed.append(Change(before=before[key], after=criterion, fields=changed))
        else:
            comparison.unchanged += 1
    comparison.removed = [criterion for key, criterion in before.items() if key not in after]
    return comparison
