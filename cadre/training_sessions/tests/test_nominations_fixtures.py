"""Officials, sessions and nominations for the nomination, NCB and training record tests
(imported by them; this module holds no tests of its own)."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from cadre.accounts.models import User
from cadre.certificates.models import Certificate
from cadre.certificates.services import issue_certificate
from cadre.courses.models import Course
from cadre.directory.models import Country
from cadre.training_sessions.models import Nomination, Session
from conftest import person_with
from tests.factories import AgencyFactory, CourseFactory, NominationFactory, SessionFactory, UserFactory


def official(country: Country, **values: Any) -> User:
    """An official of `country` with an agency of that country (police sector)."""
    values.setdefault("agency", AgencyFactory(country=country))
    return UserFactory(country=country, **values)


def open_session(**values: Any) -> Session:
    """A session of a published course taking nominations now, a month ahead."""
    return SessionFactory(**values)


def closed_session(**values: Any) -> Session:
    today = timezone.localdate()
    return SessionFactory(
        nominations_open_on=today - timedelta(days=30),
        nominations_close_on=today - timedelta(days=1),
        **values,
    )


def completion_certificate(person: User, course: Course, *, source: Any = None) -> Certificate:
    """A valid completion certificate of `course` for `person`, issued for a past session."""
    if source is None:
        past = SessionFactory(
            course=course,
            starts_on=date(2024, 3, 4),
            ends_on=date(2024, 3, 6),
            nominations_open_on=date(2024, 1, 1),
            nominations_close_on=date(2024, 2, 1),
            status=Session.Status.COMPLETED,
        )
        source = NominationFactory(session=past, person=person, status=Nomination.Status.ACCEPTED)
    return issue_certificate(
        holder=person,
        kind=Certificate.Kind.COMPLETION,
        course=course,
        titles={"en": course.title_en or "Course"},
        activity="Classroom session",
        starts_on=source.session.starts_on,
        ends_on=source.session.ends_on,
        source=source,
        by=None,
    )


def published_course(**values: Any) -> Course:
    return CourseFactory(status=Course.Status.PUBLISHED, **values)


@pytest.fixture
def session(db: None) -> Session:
    return open_session()


@pytest.fixture
def kenyan(kenya: Country) -> User:
    return official(kenya, family_name="Otieno", email="otieno@police.ke.example")


@pytest.fixture
def french(france: Country) -> User:
    return official(france, family_name="Rousseau", email="rousseau@police.fr.example")


@pytest.fixture
def ncb_head_france(france: Country) -> User:
    return person_with("ncb-head", france, country=france, preferred_language="fr")


@pytest.fixture
def focal_point_two_countries(kenya: Country, france: Country) -> User:
    """A focal point for Kenya and France at once (a regional arrangement)."""
    from cadre.accounts.models import Role
    from cadre.accounts.services import assign_role

    user = person_with("ncb-focal-point", kenya, country=kenya)
    assign_role(user=user, role=Role.objects.get(code="ncb-focal-point"), scope=france, notify=False)
    return user
