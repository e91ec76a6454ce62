"""What the scheduling tests share: courses, certified instructors, a session's plan as the
services take it, and sessions made through the services."""

from datetime import date, time, timedelta
from typing import Any

import pytest
from django.utils import timezone

from cadre.accounts.models import User
from cadre.courses.models import Course
from cadre.instructors.models import Instructor
from cadre.instructors.tests.conftest import give_certification, make_instructor
from cadre.training_sessions.models import Session
from cadre.training_sessions.services import sessions as services
from cadre.training_sessions.services.session_checks import DayPlan
from conftest import person_with
from tests.factories import CourseFactory, UserFactory


def today() -> date:
    return timezone.localdate()


def days_from(start: date, count: int = 3, *, starts: int = 9, ends: int = 17) -> list[DayPlan]:
    return [DayPlan(start + timedelta(days=offset), time(starts), time(ends)) for offset in range(count)]


def published_course(
    owner: User | None = None, *, languages: tuple[str, ...] = ("en", "fr"), **values: Any
) -> Course:
    course = CourseFactory(status=Course.Status.PUBLISHED, offered_in_en=False, owner=owner, **values)
    for code in languages:
        setattr(course, f"offered_in_{code}", True)
    course.save()
    course.crime_areas.set([])
    from cadre.directory.models import CrimeArea

    course.crime_areas.add(CrimeArea.objects.get(code="cybercrime"))
    return course


def plan_values(course: Course, **overrides: Any) -> dict[str, Any]:
    first = overrides.pop("first_day", today() + timedelta(days=40))
    values: dict[str, Any] = {
        "course": course,
        "language": "en",
        "title": "",
        "time_zone": "Africa/Nairobi",
        "venue": None,
        "place": "Police Training College, Hall B",
        "city": "Nairobi",
        "country": None,
        "meeting_url": "",
        "region": None,
        "capacity": 20,
        "seats_by": Session.SeatsBy.NONE,
        "nominations_open_on": today(),
        "nominations_close_on": first - timedelta(days=10),
        "respond_by": first - timedelta(days=5),
        "joining_instructions": "Bring your badge.",
        "follow_up_after_days": 90,
        "manager": None,
        "sectors": [],
    }
    values.update(overrides)
    return values


def certified(
    course: Course, *, languages: tuple[str, ...] = ("en",), person: User | None = None, **values: Any
) -> Instructor:
    """An instructor certified for the course's crime area, in these languages, for two years."""
    instructor = make_instructor(person or UserFactory())
    give_certification(instructor, areas=("cybercrime",), languages=languages, **values)
    return instructor


def schedule(
    by: User, course: Course, *, count: int = 3, first_day: date | None = None, **overrides: Any
) -> Session:
    """A planned session made through the service."""
    first = first_day or today() + timedelta(days=40)
    from cadre.directory.models import Country

    overrides.setdefault("country", Country.objects.get(iso2="KE"))
    values = plan_values(course, first_day=first, **overrides)
    return services.create_session(by=by, values=values, days=days_from(first, count))


@pytest.fixture
def manager_course(course_manager: User) -> Course:
    """The course manager's own course, published, in English and French, about cybercrime."""
    course = Course.objects.get(owner=course_manager)
    course.status = Course.Status.PUBLISHED
    course.offered_in_fr = True
    course.save()
    from cadre.directory.models import CrimeArea

    course.crime_areas.add(CrimeArea.objects.get(code="cybercrime"))
    return course


@pytest.fixture
def other_course_manager(kenya: Any) -> User:
    """A course manager of another course only."""
    course = CourseFactory(status=Course.Status.PUBLISHED)
    return person_with("course-manager", course, country=kenya)


@pytest.fixture
def planned(course_manager: User, manager_course: Course) -> Session:
    return schedule(course_manager, manager_course)


@pytest.fixture
def opened(course_manager: User, planned: Session) -> Session:
    return services.open_nominations(session=planned, by=course_manager)
