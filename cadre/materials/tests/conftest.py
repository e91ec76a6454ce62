"""Fixtures for training material: the people who review and use it, a Guide with criteria,
files that pass (and fail) the upload checks, and material in each state."""

import io
import zipfile
from collections.abc import Iterable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cadre.accounts.models import User
from cadre.courses.models import Course
from cadre.directory.models import Country
from cadre.materials import services
from cadre.materials.models import Material, MaterialVersion, Review, ReviewFinding
from cadre.materials.services.demo import pdf_file, scorm_package
from cadre.standards.models import Criterion, Edition, Section
from conftest import person_with
from tests.factories import CourseFactory

Rating = ReviewFinding.Rating


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def quality_officer(france: Country) -> User:
    return person_with("quality-officer", country=france, preferred_language="en")


@pytest.fixture
def instructor(kenya: Country) -> User:
    return person_with("instructor", country=kenya)


@pytest.fixture
def course(course_manager: User) -> Course:
    """The course the course manager persona owns and looks after."""
    return Course.objects.get(owner=course_manager)


@pytest.fixture
def other_course_manager(kenya: Country) -> User:
    """A course manager of another course."""
    other = CourseFactory()
    return person_with("course-manager", other, country=kenya)


@pytest.fixture
def guide(db: None) -> list[Criterion]:
    """Three criteria in the edition in force (made for the test when none is), the first two
    applying to training material."""
    edition = Edition.objects.filter(status=Edition.Status.PUBLISHED).first()
    if edition is None:
        edition = Edition.objects.create(
            number=90, title="Guide", status=Edition.Status.PUBLISHED, published_at=timezone.now()
        )
    section = Section.objects.create(edition=edition, number=90, title="Training material")
    return [
        Criterion.objects.create(
            edition=edition,
            section=section,
            key=f"material-test-{index}",
            number=f"90.{index}",
            title=f"Test criterion {index}",
            requirement="The material does what it says.",
            applies_to_material=index < 3,
        )
        for index in (1, 2, 3)
    ]


def pdf_upload(name: str = "handbook.pdf", text: str = "Handbook") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_file(text), content_type="application/pdf")


def exe_upload(name: str = "handbook.pdf") -> SimpleUploadedFile:
    """A Windows program renamed to look like a PDF."""
    program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" * 8
    return SimpleUploadedFile(name, program, content_type="application/pdf")


def zip_slip_upload(name: str = "module.zip") -> SimpleUploadedFile:
    """An e-learning package with an entry that would be written outside its folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", "<manifest/>")
        archive.writestr("../../../etc/cron.d/evil", "* * * * * root rm -rf /")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def package_upload(name: str = "module.zip") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, scorm_package("Module"), content_type="application/zip")


def stored_files(settings: Any) -> list[str]:
    root = settings.MEDIA_ROOT
    return (
        sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())
        if root.exists()
        else []
    )


def submit(
    by: User, course: Course, *, title: str = "Handbook", kind: str = Material.Kind.DOCUMENT, **values: Any
) -> Material:
    upload = values.pop("upload", None) or pdf_upload(text=title)
    return services.submit_material(
        by=by,
        course=course,
        title=title,
        kind=kind,
        language=values.pop("language", "en"),
        upload=upload,
        **values,
    )


def version_of(material: Material, number: int = 1) -> MaterialVersion:
    return MaterialVersion.objects.select_related("material").get(material=material, number=number)


def all_meet(review: Review, failing: Iterable[int] = ()) -> dict[int, services.Finding]:
    failing = set(failing)
    return {
        criterion.pk: services.Finding(Rating.DOES_NOT_MEET if criterion.pk in failing else Rating.MEETS)
        for criterion in review.criteria.all()
    }


def approve(version: MaterialVersion, reviewer: User) -> Review:
    review = services.start_review(by=reviewer, version=version)
    return services.decide_review(
        by=reviewer, review=review, outcome=Review.Outcome.APPROVED, findings=all_meet(review), notify=False
    )


def give_back(version: MaterialVersion, reviewer: User, comments: str = "Fix slide 3.") -> Review:
    review = services.start_review(by=reviewer, version=version)
    return services.decide_review(
        by=reviewer,
        review=review,
        outcome=Review.Outcome.RETURNED,
        comments=comments,
        findings=all_meet(review),
        notify=False,
    )


@pytest.fixture
def approved(course_manager: User, course: Course, quality_officer: User, guide: list[Criterion]) -> Material:
    material = submit(course_manager, course, title="Approved handbook")
    approve(version_of(material), quality_officer)
    material.refresh_from_db()
    return material


@pytest.fixture
def pending(course_manager: User, course: Course, guide: list[Criterion]) -> Material:
    return submit(course_manager, course, title="Pending slides", kind=Material.Kind.SLIDES)
