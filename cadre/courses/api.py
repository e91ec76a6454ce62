from datetime import date, datetime

from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from cadre.courses import permissions, selectors
from cadre.courses.models import Course

router = Router(tags=["courses"])


class CourseOut(Schema):
    code: str
    title: str
    summary: str
    course_type: str
    delivery_mode: str
    programme: str | None
    languages: list[str]
    duration_value: int
    duration_unit: str
    published_at: datetime | None
    accredited_until: date | None

    @staticmethod
    def resolve_course_type(obj: Course) -> str:
        return obj.course_type.code

    @staticmethod
    def resolve_delivery_mode(obj: Course) -> str:
        return obj.delivery_mode.code

    @staticmethod
    def resolve_programme(obj: Course) -> str | None:
        return obj.programme.code if obj.programme else None


class CourseDetailOut(CourseOut):
    objectives: str
    learning_outcomes: str
    target_audience: str | None
    admission_criteria: str | None
    assessment_methods: str | None
    crime_areas: list[str]
    capabilities: list[str]
    prerequisites: list[str]

    @staticmethod
    def resolve_crime_areas(obj: Course) -> list[str]:
        return [area.code for area in obj.crime_areas.all()]

    @staticmethod
    def resolve_capabilities(obj: Course) -> list[str]:
        return [capability.code for capability in obj.capabilities.all()]

    @staticmethod
    def resolve_prerequisites(obj: Course) -> list[str]:
        return [course.code for course in obj.prerequisites.all()]


class CatalogueQuery(Schema):
    q: str = ""
    programme: str = ""
    crime_area: str = ""
    capability: str = ""
    type: str = ""
    mode: str = ""
    language: str = ""
    region: str = ""
    accredited: bool = False
    sort: str = "relevance"


@router.get("/", response=list[CourseOut])
@paginate
def list_courses(request: HttpRequest, params: Query[CatalogueQuery]) -> object:
    filters = selectors.CourseFilters(
        programme=params.programme,
        crime_area=params.crime_area,
        capability=params.capability,
        course_type=params.type,
        delivery_mode=params.mode,
        language=params.language,
        region=params.region,
        accredited=params.accredited,
        sort=params.sort if params.sort in selectors.SORTS else "relevance",
    )
    language_code = (get_language() or "en").split("-")[0]
    return selectors.search_courses(request.user, params.q[:200], filters, language_code)


@router.get("/{code}", response=CourseDetailOut)
def get_course(request: HttpRequest, code: str) -> object:
    """A published course; anything else is 404."""
    found = permissions.get_course_for(request.user, code)
    if not found.is_published:
        raise Http404
    return found
