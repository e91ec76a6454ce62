from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from cadre.directory import selectors
from cadre.directory.models import CrimeArea, GlobalProgramme, PolicingCapability

router = Router(tags=["directory"])


class RegionOut(Schema):
    code: str
    name: str


class CountryOut(Schema):
    iso2: str
    iso3: str
    name: str
    region: str
    ncb_city: str | None

    @staticmethod
    def resolve_region(obj: object) -> str:
        return obj.region.code  # type: ignore[attr-defined]

    @staticmethod
    def resolve_ncb_city(obj: object) -> str | None:
        ncb = getattr(obj, "ncb", None)
        return ncb.city if ncb else None


class TermOut(Schema):
    code: str
    name: str


class CrimeAreaOut(TermOut):
    programme: str | None

    @staticmethod
    def resolve_programme(obj: CrimeArea) -> str | None:
        return obj.programme.code if obj.programme else None


@router.get("/regions", response=list[RegionOut])
def list_regions(request: HttpRequest) -> object:
    return selectors.regions()


@router.get("/countries", response=list[CountryOut])
@paginate
def list_countries(request: HttpRequest, region: str = "", q: str = "") -> object:
    return selectors.search_countries(query=q.strip(), region_code=region)


@router.get("/programmes", response=list[TermOut])
def list_programmes(request: HttpRequest) -> object:
    return GlobalProgramme.objects.filter(is_active=True)


@router.get("/crime-areas", response=list[CrimeAreaOut])
def list_crime_areas(request: HttpRequest) -> object:
    return CrimeArea.objects.filter(is_active=True).select_related("programme")


@router.get("/capabilities", response=list[TermOut])
def list_capabilities(request: HttpRequest) -> object:
    return PolicingCapability.objects.filter(is_active=True)
