"""Instructors' personas and data: profiles made through the services, certifications made
either through the whole pathway or, for the rule's tests, directly."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cadre.accounts.models import User
from cadre.courses.models import Course
from cadre.directory.models import Country, CrimeArea, PolicingCapability
from cadre.instructors import services
from cadre.instructors.models import (
    Candidacy,
    Certification,
    CertificationEvent,
    Instructor,
    Level,
    Observation,
)
from cadre.lib.tests import samples
from cadre.lib.uploads import DOCUMENT, IMAGE, check_upload
from conftest import person_with
from tests.factories import CourseFactory, UserFactory

Status = Certification.Status


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def area(code: str) -> CrimeArea:
    return CrimeArea.objects.get(code=code)


def capability(code: str) -> PolicingCapability:
    return PolicingCapability.objects.get(code=code)


def level(code: str = "certified") -> Level:
    return Level.objects.get(code=code)


def today() -> date:
    return timezone.localdate()


def days(number: int) -> date:
    return today() + timedelta(days=number)


def make_course(
    *, areas: tuple[str, ...] = ("cybercrime",), languages: tuple[str, ...] = ("en", "es"), **values: Any
) -> Course:
    course = CourseFactory(status=Course.Status.PUBLISHED, offered_in_en=False, **values)
    for code in languages:
        setattr(course, f"offered_in_{code}", True)
    course.save()
    course.crime_areas.set([area(code) for code in areas])
    return course


def make_instructor(person: User | None = None, **values: Any) -> Instructor:
    person = person or UserFactory()
    return services.create_instructor_profile(person=person, by=None, values=values, check_permission=False)


def give_certification(
    instructor: Instructor,
    *,
    level_code: str = "certified",
    areas: tuple[str, ...] = ("cybercrime",),
    capabilities: tuple[str, ...] = (),
    courses: tuple[Course, ...] = (),
    languages: tuple[str, ...] = ("en",),
    issued_on: date | None = None,
    expires_on: date | None = None,
    status: str = Status.ACTIVE,
    reason: str = "",
) -> Certification:
    """A certification written directly, for the rule's tests (the services check the pathway)."""
    certification = Certification(
        instructor=instructor,
        level=level(level_code),
        name_on_certificate=instructor.person.get_full_name(),
        issued_on=issued_on or days(-30),
        period_started_on=issued_on or days(-30),
        expires_on=expires_on or days(700),
        status=status,
        status_reason=reason,
        code=services.new_certification_code(),
    )
    certification.set_languages(languages)
    certification.save()
    certification.crime_areas.set([area(code) for code in areas])
    certification.capabilities.set([capability(code) for code in capabilities])
    certification.courses.set(courses)
    CertificationEvent.objects.create(
        certification=certification, kind="issued", expires_after=certification.expires_on
    )
    return certification


def evidence_upload(name: str = "certificate.pdf") -> SimpleUploadedFile:
    upload = SimpleUploadedFile(name, samples.pdf(), content_type="application/pdf")
    upload.checked = check_upload(upload, allowed=[DOCUMENT])  # type: ignore[attr-defined]
    return upload


def photo_upload(name: str = "me.png") -> SimpleUploadedFile:
    upload = SimpleUploadedFile(name, samples.png(), content_type="image/png")
    upload.checked = check_upload(upload, allowed=[IMAGE])  # type: ignore[attr-defined]
    return upload


def scores_for(candidacy: Candidacy, score: int = 3) -> dict[int, tuple[int, str]]:
    rubric = candidacy.level.rubric
    assert rubric is not None
    return {criterion.pk: (score, "Seen in the session.") for criterion in rubric.criteria.all()}


def start(
    instructor: Instructor,
    manager: User,
    assessor: User,
    *,
    level_code: str = "associate",
    languages: tuple[str, ...] = ("es",),
) -> Candidacy:
    return services.start_candidacy(
        instructor=instructor,
        level=level(level_code),
        by=manager,
        values={"crime_areas": [area("cybercrime")], "languages": list(languages)},
        assessors=[assessor],
    )


def complete_pathway(
    candidacy: Candidacy, assessor: User, *, recommendation: str = Observation.Recommendation.CERTIFY
) -> Candidacy:
    """Every stage confirmed with evidence by the assessor, then an observation."""
    for stage in candidacy.level.stages.order_by("position"):
        services.confirm_stage(
            candidacy=candidacy, stage=stage, by=assessor, file=evidence_upload(), note="Done."
        )
    services.record_observation(
        instructor=candidacy.instructor,
        candidacy=candidacy,
        by=assessor,
        observed_on=today(),
        scores=scores_for(candidacy),
        recommendation=recommendation,
        comment="Clear and engaging.",
    )
    return Candidacy.objects.get(pk=candidacy.pk)


@pytest.fixture
def certification_manager(france: Country) -> User:
    return person_with("certification-manager", country=france)


@pytest.fixture
def assessor(kenya: Country) -> User:
    return person_with("instructor-assessor", country=kenya)


@pytest.fixture
def other_assessor(kenya: Country) -> User:
    return person_with("instructor-assessor", country=kenya)


@pytest.fixture
def instructor_person(kenya: Country) -> User:
    return person_with("instructor", country=kenya, preferred_language="en")


@pytest.fixture
def instructor(instructor_person: User) -> Instructor:
    """An instructor with a profile of their own, teaching cybercrime in English and Spanish."""
    return make_instructor(
        instructor_person,
        biography="Twenty years of cybercrime investigations.",
        crime_areas=[area("cybercrime")],
        languages={"en": "C2", "es": "native"},
    )


@pytest.fixture
def other_instructor(kenya: Country) -> Instructor:
    return make_instructor(person_with("instructor", country=kenya), crime_areas=[area("drug-trafficking")])


@pytest.fixture
def candidacy(instructor: Instructor, certification_manager: User, assessor: User) -> Candidacy:
    return start(instructor, certification_manager, assessor)


@pytest.fixture
def cyber_course(db: None) -> Course:
    return make_course(areas=("cybercrime",), languages=("en", "es"))
