"""Accreditation's personas and cases, made through the services."""

from typing import Any

import pytest

from cadre.accounts.models import User
from cadre.accreditation import services
from cadre.accreditation.models import AccreditationCase
from cadre.accreditation.tests.factories import (
    APPLICATION,
    course_of,
    ensure_guide,
    make_ready,
    open_org_case,
)
from cadre.courses.models import Course
from cadre.directory.models import Country, Institution
from cadre.standards.models import Edition
from conftest import person_with
from tests.factories import CourseFactory, InstitutionFactory


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def guide(db: None) -> Edition:
    return ensure_guide()


@pytest.fixture
def quality_officer(france: Country) -> User:
    return person_with("quality-officer", country=france)


def reviewer_person(**profile: Any) -> User:
    return person_with("accreditation-reviewer", CourseFactory(), **profile)


@pytest.fixture
def reviewer(kenya: Country) -> User:
    """The lead reviewer of the cases below."""
    return reviewer_person(country=kenya)


@pytest.fixture
def external(france: Country) -> User:
    """An external partner reviewing the cases below."""
    return reviewer_person(country=france, preferred_language="fr")


@pytest.fixture
def unassigned_reviewer(kenya: Country) -> User:
    return reviewer_person(country=kenya)


@pytest.fixture
def other_course_manager(kenya: Country) -> User:
    course = CourseFactory()
    user = person_with("course-manager", course, country=kenya)
    Course.objects.filter(pk=course.pk).update(owner=user)
    return user


@pytest.fixture
def other_institution_admin(kenya: Country) -> User:
    return person_with("institution-administrator", InstitutionFactory(country=kenya), country=kenya)


@pytest.fixture
def org_case(
    guide: Edition, course_manager: User, quality_officer: User, reviewer: User, external: User
) -> AccreditationCase:
    """A case for the course manager's course, in review, with a lead reviewer and an
    external partner."""
    return open_org_case(course_of(course_manager), quality_officer, reviewer, external)


@pytest.fixture
def application(guide: Edition, institution_admin: User, academy: Institution) -> AccreditationCase:
    """The academy's application, still a draft."""
    return services.apply_for_accreditation(institution=academy, by=institution_admin, values=APPLICATION)


@pytest.fixture
def ready_case(org_case: AccreditationCase, course_manager: User, reviewer: User) -> AccreditationCase:
    return make_ready(org_case, course_manager, reviewer)


@pytest.fixture
def certificate(ready_case: AccreditationCase, quality_officer: User) -> Any:
    services.decide_case(case=ready_case, by=quality_officer, outcome="accredited")
    return ready_case.certificate
