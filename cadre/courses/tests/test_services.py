import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.accounts.models import User
from cadre.audit.models import AuditEntry
from cadre.courses import services
from cadre.courses.models import Course, CourseVersion
from cadre.courses.tests.conftest import make_course

pytestmark = pytest.mark.django_db
Status = Course.Status


def test_a_new_course_is_a_draft_with_a_code_from_its_title_and_is_audited(course_manager: User) -> None:
    course = make_course(by=course_manager, publish=False, title_en="Red Notices in practice")
    assert course.status == Status.DRAFT
    assert course.code == "red-notices-in-practice"
    assert course.owner == course_manager
    assert not course.versions.exists()
    assert AuditEntry.objects.filter(action="courses.created", target_id=str(course.pk)).exists()


def test_codes_stay_unique(course_manager: User) -> None:
    first = make_course(by=course_manager, title_en="Border management")
    second = make_course(by=course_manager, title_en="Border management")
    assert first.code != second.code


def test_an_arabic_only_title_still_gets_a_code() -> None:
    course = make_course(title_ar="أمن الحدود", offered_in_ar=True)
    assert course.code.startswith("course")


def test_publishing_takes_the_first_version(course_manager: User) -> None:
    course = make_course(by=course_manager, publish=False, title_en="Firearms tracing")
    course = services.publish_course(course=course, by=course_manager)
    assert course.status == Status.PUBLISHED
    assert course.published_at is not None
    version = course.versions.get()
    assert version.number == 1
    assert version.created_by == course_manager
    assert version.snapshot["title_en"] == "Firearms tracing"
    assert version.snapshot["languages"] == ["en"]


def test_changing_a_published_course_adds_a_version_and_keeps_the_old_one(course_manager: User) -> None:
    course = make_course(by=course_manager, title_en="Firearms tracing")
    services.update_course(
        course=course,
        by=course_manager,
        values={"title_en": "Firearms tracing", "title_fr": "Traçage des armes", "offered_in_en": True},
    )
    numbers = list(
        CourseVersion.objects.filter(course=course).order_by("number").values_list("number", flat=True)
    )
    assert numbers == [1, 2]
    latest = course.versions.get(number=2)
    assert latest.snapshot["title_fr"] == "Traçage des armes"
    assert course.versions.get(number=1).snapshot["title_fr"] == ""
    assert AuditEntry.objects.filter(action="courses.updated", target_id=str(course.pk)).exists()


def test_saving_a_published_course_unchanged_adds_no_version(course_manager: User) -> None:
    course = make_course(by=course_manager, title_en="Firearms tracing")
    services.update_course(
        course=course, by=course_manager, values={"title_en": "Firearms tracing", "offered_in_en": True}
    )
    assert course.versions.count() == 1


def test_a_draft_changes_without_versions(course_manager: User) -> None:
    course = make_course(by=course_manager, publish=False, title_en="Draft")
    services.update_course(
        course=course, by=course_manager, values={"title_en": "Draft 2", "offered_in_en": True}
    )
    assert not course.versions.exists()


def test_archiving_a_published_course(course_manager: User) -> None:
    course = make_course(by=course_manager, title_en="Old course")
    course = services.archive_course(course=course, by=course_manager)
    assert course.status == Status.ARCHIVED
    with pytest.raises(PermissionDenied):
        services.update_course(
            course=course, by=course_manager, values={"title_en": "New", "offered_in_en": True}
        )


def test_a_draft_cannot_be_archived_nor_published_twice(course_manager: User) -> None:
    course = make_course(by=course_manager, publish=False, title_en="Draft")
    with pytest.raises(ValidationError):
        services.archive_course(course=course, by=course_manager)
    services.publish_course(course=course, by=course_manager)
    with pytest.raises(ValidationError):
        services.publish_course(course=course, by=course_manager)
    assert course.versions.count() == 1


def test_a_course_needs_a_title_and_a_language(course_manager: User) -> None:
    with pytest.raises(ValidationError):
        make_course(by=course_manager, publish=False, title_en="  ")
    with pytest.raises(ValidationError):
        make_course(by=course_manager, publish=False, title_en="No language", offered_in_en=False)
    assert not Course.objects.filter(owner=course_manager).exclude(title_en__startswith="Course").exists()


def test_a_learner_cannot_create_or_change_a_course(learner: User, course_manager: User) -> None:
    with pytest.raises(PermissionDenied):
        services.create_course(by=learner, values={"title_en": "Mine", "offered_in_en": True})
    course = make_course(by=course_manager, title_en="Theirs")
    with pytest.raises(PermissionDenied):
        services.update_course(course=course, by=learner, values={"title_en": "Mine", "offered_in_en": True})
    with pytest.raises(ValidationError):
        services.archive_course(course=course, by=learner)
    course.refresh_from_db()
    assert course.title_en == "Theirs"
    assert course.status == Status.PUBLISHED
