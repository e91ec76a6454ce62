"""The sessions' part of the JSON API, read-only: the sessions the signed-in person may see, one
session, an NCB's nominations and the person's own training record. Every read goes through the
app's selectors and permissions, as the pages do."""

from datetime import date, datetime, time
from typing import Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from cadre.directory import selectors as directory_selectors
from cadre.training_sessions import permissions
from cadre.training_sessions.models import Nomination, SeatQuota, Session, SessionDay, SessionInstructor
from cadre.training_sessions.selectors import attendance as attendance_selectors
from cadre.training_sessions.selectors import nominations as nomination_selectors
from cadre.training_sessions.selectors import selection as selection_selectors
from cadre.training_sessions.selectors import sessions as selectors

router = Router(tags=["sessions"])

# The values a filter takes, spelt out so that OpenAPI lists them (the tests hold them to the models').
Language = Literal["ar", "en", "fr", "es"]
SessionStatus = Literal["planned", "open", "selection", "confirmed", "running", "completed", "cancelled"]
NominationStatus = Literal["nominated", "endorsed", "accepted", "waitlisted", "rejected", "withdrawn"]


# --- Sessions ----------------------------------------------------------------------------------


class VenueOut(Schema):
    """Where the session takes place: its host institution, or a place in a city and country."""

    institution: str | None
    place: str
    city: str
    country: str | None = Field(description="ISO 3166-1 alpha-2 code")


def venue_of(session: Session) -> dict[str, object] | None:
    if session.venue is not None:
        country = session.country or session.venue.country
        return {
            "institution": session.venue.name,
            "place": session.place,
            "city": session.city or session.venue.city,
            "country": country.iso2,
        }
    if session.place or session.city or session.country is not None:
        return {
            "institution": None,
            "place": session.place,
            "city": session.city,
            "country": session.country.iso2 if session.country is not None else None,
        }
    return None


class SessionOut(Schema):
    reference: str
    title: str
    course: str
    course_title: str = Field(
        description="In the language of the request, else English, French, Spanish or Arabic"
    )
    language: str
    status: str
    starts_on: date
    ends_on: date
    time_zone: str
    online: bool = Field(description="Held online only, with no venue")
    venue: VenueOut | None
    capacity: int
    accepted: int = Field(description="Nominations accepted: the seats taken")
    nominations_open_on: date
    nominations_close_on: date

    @staticmethod
    def resolve_reference(obj: Session) -> str:
        return obj.code

    @staticmethod
    def resolve_title(obj: Session) -> str:
        return obj.display_title

    @staticmethod
    def resolve_course(obj: Session) -> str:
        return obj.course.code

    @staticmethod
    def resolve_course_title(obj: Session) -> str:
        return str(obj.course)

    @staticmethod
    def resolve_online(obj: Session) -> bool:
        return obj.is_online

    @staticmethod
    def resolve_venue(obj: Session) -> dict[str, object] | None:
        return venue_of(obj)

    @staticmethod
    def resolve_accepted(obj: Session) -> int:
        taken: int | None = getattr(obj, "seats_taken", None)  # counted by the list's query
        return selectors.seats_taken(obj) if taken is None else taken


class DayOut(Schema):
    date: date
    starts_at: time
    ends_at: time


class InstructorOut(Schema):
    name: str
    role: str

    @staticmethod
    def resolve_name(obj: SessionInstructor) -> str:
        return obj.assignment.instructor.person.display_name

    @staticmethod
    def resolve_role(obj: SessionInstructor) -> str:
        return obj.assignment.role


class ReservedSeatsOut(Schema):
    country: str | None = Field(description="ISO 3166-1 alpha-2 code, when seats are reserved per country")
    region: str | None = Field(description="Region code, when seats are reserved per region")
    seats: int

    @staticmethod
    def resolve_country(obj: SeatQuota) -> str | None:
        return obj.country.iso2 if obj.country is not None else None

    @staticmethod
    def resolve_region(obj: SeatQuota) -> str | None:
        return obj.region.code if obj.region is not None else None


class SessionDetailOut(SessionOut):
    days: list[DayOut]
    instructors: list[InstructorOut]
    seats_by: str
    reserved_seats: list[ReservedSeatsOut]
    waitlisted: int

    @staticmethod
    def resolve_days(obj: Session) -> list[SessionDay]:
        return attendance_selectors.days_of(obj)

    @staticmethod
    def resolve_instructors(obj: Session) -> list[SessionInstructor]:
        return selectors.instructor_links(obj)

    @staticmethod
    def resolve_reserved_seats(obj: Session) -> list[SeatQuota]:
        return list(selection_selectors.quotas_of(obj))

    @staticmethod
    def resolve_waitlisted(obj: Session) -> int:
        return selection_selectors.waitlist_of(obj).count()


class SessionQuery(Schema):
    status: SessionStatus | None = None
    course: str = Field("", description="The course's code")
    language: Language | None = None
    region: str = Field("", description="The region's code: sessions serving it or held in it")
    starts_after: date | None = Field(None, description="Starting on or after this day")
    starts_before: date | None = Field(None, description="Starting on or before this day")
    q: str = Field("", max_length=100, description="Words of the title or reference")


def session_filters(request: HttpRequest, params: SessionQuery) -> selectors.SessionFilters | None:
    """The list's filters; None when the course or region named is not one there is."""
    course = (
        selectors.filter_courses(request.user).filter(code=params.course).first() if params.course else None
    )
    region = directory_selectors.regions().filter(code=params.region).first() if params.region else None
    if (params.course and course is None) or (params.region and region is None):
        return None
    return selectors.SessionFilters(
        status=params.status or "",
        course=course,
        language=params.language or "",
        region=region,
        starts_on_or_after=params.starts_after,
        starts_on_or_before=params.starts_before,
        q=params.q,
    )


@router.get("/", response=list[SessionOut], url_name="list_training_sessions")
@paginate
def list_training_sessions(request: HttpRequest, params: Query[SessionQuery]) -> object:
    """The sessions the signed-in person may see, as the list of sessions shows them, by first day."""
    filters = session_filters(request, params)
    if filters is None:
        return Session.objects.none()
    return (
        selectors.session_list(request.user, filters)
        .select_related("venue__country")
        .order_by("starts_on", "pk")
    )


# --- Nominations -------------------------------------------------------------------------------


class NominationOut(Schema):
    id: int
    session: str = Field(description="The session's reference")
    course: str
    nominee: str
    country: str = Field(description="The nominee's country when nominated (ISO 3166-1 alpha-2)")
    status: str
    nominated_at: datetime
    status_changed_by: str | None = Field(description="Who brought the nomination to its present status")
    status_changed_at: datetime | None

    @staticmethod
    def resolve_session(obj: Nomination) -> str:
        return obj.session.code

    @staticmethod
    def resolve_course(obj: Nomination) -> str:
        return obj.session.course.code

    @staticmethod
    def resolve_nominee(obj: Nomination) -> str:
        return obj.person.get_full_name()

    @staticmethod
    def resolve_country(obj: Nomination) -> str:
        return obj.country.iso2

    @staticmethod
    def resolve_status_changed_by(obj: Nomination) -> str | None:
        by, _at = nomination_selectors.status_change(obj)
        return by.get_full_name() if by is not None else None

    @staticmethod
    def resolve_status_changed_at(obj: Nomination) -> datetime | None:
        return nomination_selectors.status_change(obj)[1]


class NominationQuery(Schema):
    country: str = Field("", description="ISO 3166-1 alpha-2 code, for those who follow several countries")
    session: str = Field("", description="The session's reference")
    status: NominationStatus | None = None
    year: int | None = Field(None, ge=1900, le=2100, description="The year the session starts")


@router.get("/nominations/", response=list[NominationOut], url_name="list_training_nominations")
@paginate
def list_training_nominations(request: HttpRequest, params: Query[NominationQuery]) -> object:
    """The nominations of one country's officials, for its NCB's focal points and head (and
    administrators): the country asked for among theirs, else their own. Others get 403."""
    countries = nomination_selectors.ncb_countries(request.user)
    if not countries.exists():
        raise HttpError(403, _("Only the staff of a National Central Bureau see its nominations."))
    country = nomination_selectors.chosen_country(countries, params.country, request.user)
    session = selectors.session_id(params.session) if params.session else None
    if params.session and session is None:
        return Nomination.objects.none()
    filters = nomination_selectors.NcbFilters(session=session, status=params.status or "", year=params.year)
    return nomination_selectors.ncb_nominations(request.user, country, filters).select_related("country")


# --- The signed-in person's own record ---------------------------------------------------------


class RecordOut(Schema):
    session: str = Field(description="The session's reference")
    course: str
    course_title: str
    starts_on: date
    ends_on: date
    status: str = Field(description="The nomination's status")
    outcome: str
    attendance_percent: int | None
    certificate: str | None = Field(description="The code of the certificate issued, if any")


@router.get("/record", response=list[RecordOut], url_name="my_training_record")
def my_training_record(request: HttpRequest) -> list[dict[str, object]]:
    """The signed-in person's own nominations, the latest session first."""
    nominations = nomination_selectors.record_of(request.user)
    certificates = nomination_selectors.certificates_of_nominations([item.pk for item in nominations])
    rows: list[dict[str, object]] = []
    for nomination in nominations:
        session = nomination.session
        certificate = certificates.get(nomination.pk)
        rows.append(
            {
                "session": session.code,
                "course": session.course.code,
                "course_title": str(session.course),
                "starts_on": session.starts_on,
                "ends_on": session.ends_on,
                "status": nomination.status,
                "outcome": nomination.outcome,
                "attendance_percent": nomination.attendance_percent,
                "certificate": certificate.code if certificate is not None else None,
            }
        )
    return rows


# --- One session (last: its reference would match the paths above) ------------------------------


@router.get("/{reference}", response=SessionDetailOut, url_name="get_training_session")
def get_training_session(request: HttpRequest, reference: str) -> Session:
    """One session the signed-in person may see; any other reference is 404."""
    pk = selectors.session_id(reference)
    if pk is None:
        raise Http404
    return permissions.get_session_for(request.user, pk)
