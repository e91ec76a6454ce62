"""Certificates issued the way the training that certifies them issues them: through
`issue_certificate`, for a session's nomination."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from cadre.accounts.models import User
from cadre.certificates.models import Certificate
from cadre.certificates.services.issuing import issue_certificate
from cadre.courses.models import Course
from cadre.directory.models import Country
from conftest import person_with
from tests.factories import NominationFactory, SessionFactory

TITLES = {
    "en": "Countering migrant smuggling",
    "fr": "Lutte contre le trafic de migrants",
    "es": "Lucha contra el tráfico ilícito de migrantes",
    "ar": "مكافحة تهريب المهاجرين",
}
ARABIC_NAME = ("ليلى", "حداد")

Issue = Callable[..., Certificate]


@pytest.fixture
def course(course_manager: User) -> Course:
    """The course the course manager looks after."""
    return Course.objects.get(owner=course_manager)


@pytest.fixture
def holder(kenya: Country) -> User:
    return person_with("learner", country=kenya, given_names="Achieng", family_name="Otieno")


def issue_for(holder: User, course: Course, **changes: Any) -> Certificate:
    """A certificate for `holder`, issued for a fresh nomination to a session of `course`."""
    source = changes.pop("source", None)
    if source is None:
        session = SessionFactory(course=course, manager=course.owner or holder)
        source = NominationFactory(session=session, person=holder, status="accepted")
    values: dict[str, Any] = {
        "kind": Certificate.Kind.ATTENDANCE,
        "titles": TITLES,
        "activity": "Nairobi, Kenya — in person",
        "starts_on": date(2026, 3, 9),
        "ends_on": date(2026, 3, 13),
        "hours": Decimal("30.0"),
        "by": None,
        **changes,
    }
    return issue_certificate(holder=holder, course=course, source=source, **values)


@pytest.fixture
def issue(course: Course) -> Issue:
    def make(holder: User, **changes: Any) -> Certificate:
        return issue_for(holder, changes.pop("course", course), **changes)

    return make


@pytest.fixture
def certificate(issue: Issue, holder: User) -> Certificate:
    return issue(holder)
