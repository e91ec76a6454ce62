"""The figures of the instructors' dashboard, each in a fixed number of queries:

- the certification pipeline: open candidacies by level and by the stage they are at;
- certifications expiring soon, counted by month;
- certified instructors by subject (crime area, policing capability) and language, with the gaps:
  a subject no active instructor holds a current certification for in a language.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import formats, timezone

from cadre.courses.models import LANGUAGE_CODES
from cadre.directory.models import CrimeArea, PolicingCapability
from cadre.instructors import selectors
from cadre.instructors.models import Certification, Level, PathwayStage

EXPIRY_HORIZON_DAYS = 90

# --- The pipeline --------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageCount:
    stage: PathwayStage
    candidates: int


@dataclass(frozen=True)
class LevelPipeline:
    level: Level
    stages: list[StageCount]
    finished: int  # every stage done, waiting for the certification decision

    @property
    def total(self) -> int:
        return sum(item.candidates for item in self.stages) + self.finished


def pipeline() -> list[LevelPipeline]:
    """Each active level with its open candidacies counted at the stage they are at: the stage
    after the ones confirmed done, or "finished" when all are."""
    levels = list(Level.objects.filter(is_active=True).prefetch_related("stages").order_by("rank"))
    done: dict[int, list[int]] = defaultdict(list)
    open_candidacies: Any = selectors.pipeline()  # annotated with stages_done
    for level_id, stages_done in open_candidacies.values_list("level_id", "stages_done"):
        done[level_id].append(stages_done)
    result = []
    for level in levels:
        stages = sorted(level.stages.all(), key=lambda stage: stage.position)
        at = [0] * len(stages)
        finished = 0
        for number in done.get(level.pk, []):
            if number >= len(stages):
                finished += 1
            else:
                at[number] += 1
        result.append(
            LevelPipeline(level, [StageCount(s, n) for s, n in zip(stages, at, strict=True)], finished)
        )
    return result


# --- Expiring certifications ---------------------------------------------------------------------


@dataclass(frozen=True)
class MonthCount:
    month: date
    certifications: int

    @property
    def label(self) -> str:
        return formats.date_format(self.month, "YEAR_MONTH_FORMAT")


def expiring(*, days: int = EXPIRY_HORIZON_DAYS, today: date | None = None) -> QuerySet[Certification]:
    """Active certifications expiring within `days`, soonest first, with their holder and level."""
    return selectors.expiring_within(days, today=today)


def _month(value: Any) -> date:
    return date(value.year, value.month, 1)


def expiring_by_month(*, days: int = EXPIRY_HORIZON_DAYS, today: date | None = None) -> list[MonthCount]:
    """How many expire in each month from this one to the horizon's (months without any too)."""
    today = today or timezone.localdate()
    counted = (
        expiring(days=days, today=today)
        .select_related(None)
        .annotate(month=TruncMonth("expires_on"))
        .order_by()
        .values("month")
        .annotate(number=Count("pk"))
    )
    by_month = {_month(row["month"]): row["number"] for row in counted}
    months = []
    month, last = _month(today), _month(today + timedelta(days=days))
    while month <= last:
        months.append(MonthCount(month, by_month.get(month, 0)))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


# --- Coverage: instructors by subject and language -----------------------------------------------


@dataclass
class SubjectCoverage:
    kind: str  # "crime_area" or "capability"
    subject: CrimeArea | PolicingCapability
    by_language: dict[str, set[int]] = field(default_factory=dict)

    @property
    def cells(self) -> list[tuple[str, int]]:
        return [(code, len(self.by_language.get(code, ()))) for code in LANGUAGE_CODES]

    @property
    def total(self) -> int:
        return len(set().union(*self.by_language.values())) if self.by_language else 0

    @property
    def gaps(self) -> list[str]:
        return [code for code, number in self.cells if number == 0]


@dataclass(frozen=True)
class Coverage:
    rows: list[SubjectCoverage]
    by_language: dict[str, int]  # instructors certified in each language, whatever the subject

    @property
    def languages(self) -> tuple[str, ...]:
        return LANGUAGE_CODES

    @property
    def gaps(self) -> list[tuple[SubjectCoverage, str]]:
        return [(row, code) for row in self.rows for code in row.gaps]


def current_certifications(today: date | None = None) -> QuerySet[Certification]:
    """Certifications in force today, of active instructors."""
    today = today or timezone.localdate()
    return Certification.objects.filter(
        status=Certification.Status.ACTIVE,
        issued_on__lte=today,
        expires_on__gte=today,
        instructor__is_active=True,
    )


def _holders(
    link: Any, subject_field: str, current: QuerySet[Certification]
) -> dict[int, dict[str, set[int]]]:
    """For each subject, the instructors certified for it in each language (one query)."""
    flags = [f"certification__in_{code}" for code in LANGUAGE_CODES]
    found: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    rows = link.objects.filter(certification__in=current.values("pk")).values_list(
        subject_field, "certification__instructor_id", *flags
    )
    for subject_id, instructor_id, *covered in rows:
        for code, yes in zip(LANGUAGE_CODES, covered, strict=True):
            if yes:
                found[subject_id][code].add(instructor_id)
    return found


def coverage(today: date | None = None) -> Coverage:
    """Every active crime area and capability, with the active instructors holding a current
    certification for it (named on the certification itself) in each language."""
    current = current_certifications(today)
    areas = _holders(Certification.crime_areas.through, "crimearea_id", current)
    capabilities = _holders(Certification.capabilities.through, "policingcapability_id", current)
    rows = [
        SubjectCoverage("crime_area", area, dict(areas.get(area.pk, {})))
        for area in CrimeArea.objects.filter(is_active=True)
    ]
    rows += [
        SubjectCoverage("capability", capability, dict(capabilities.get(capability.pk, {})))
        for capability in PolicingCapability.objects.filter(is_active=True)
    ]
    per_language: dict[str, set[int]] = defaultdict(set)
    flags = [f"in_{code}" for code in LANGUAGE_CODES]
    for instructor_id, *covered in current.values_list("instructor_id", *flags):
        for code, yes in zip(LANGUAGE_CODES, covered, strict=True):
            if yes:
                per_language[code].add(instructor_id)
    return Coverage(rows, {code: len(per_language[code]) for code in LANGUAGE_CODES})
