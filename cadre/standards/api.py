"""The Guide's criteria, read-only: /api/v1/standards/criteria?step=design."""

from django.http import HttpRequest
from ninja import Query, Router, Schema

from cadre.standards import selectors
from cadre.standards.models import Criterion, SatStep

router = Router(tags=["standards"])


class CriterionOut(Schema):
    key: str
    number: str
    section: int
    title: str
    requirement: str
    guidance: str
    sat_step: str
    applies_to_material: bool
    edition: int

    @staticmethod
    def resolve_section(obj: Criterion) -> int:
        return obj.section.number

    @staticmethod
    def resolve_edition(obj: Criterion) -> int:
        return obj.edition.number


class CriteriaQuery(Schema):
    step: str = ""
    material: bool = False


@router.get("/criteria", response=list[CriterionOut])
def list_standard_criteria(request: HttpRequest, params: Query[CriteriaQuery]) -> object:
    """The criteria of the edition in force, in the Guide's order: of one step of the systems
    approach with `step`, those a review of training material checks with `material=true`.
    An unknown step gives an empty list."""
    if params.step and params.step not in SatStep.values:
        return []
    criteria = selectors.criteria_of(step=params.step).select_related("edition")
    return criteria.filter(applies_to_material=True) if params.material else criteria
