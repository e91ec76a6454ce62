"""Who may use the repository, submit, review, withdraw and download: tables of personas."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cadre.courses.models import Course
from cadre.materials import permissions, services
from cadre.materials.models import Material, MaterialVersion
from cadre.materials.tests.conftest import approve, give_back, pdf_upload, submit, version_of
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db

PERSONAS = (
    "nobody",
    "learner",
    "ncb_officer",
    "ncb_head",
    "institution_admin",
    "dpo",
    "instructor",
    "course_manager",
    "other_course_manager",
    "quality_officer",
    "administrator",
)
REPOSITORY_USERS = {
    "instructor",
    "course_manager",
    "other_course_manager",
    "quality_officer",
    "administrator",
}
REVIEWERS = {"quality_officer", "administrator"}
Status = MaterialVersion.Status


@pytest.mark.parametrize("persona", PERSONAS)
def test_can_use_repository(request, persona):
    user = request.getfixturevalue(persona)
    assert permissions.can_use_repository(user) is (persona in REPOSITORY_USERS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_can_review_material(request, persona):
    user = request.getfixturevalue(persona)
    assert permissions.can_review_material(user) is (persona in REVIEWERS)


def test_visitors_do_nothing(approved):
    visitor = AnonymousUser()
    assert not permissions.can_use_repository(visitor)
    assert not permissions.can_view_material(visitor, approved)
    assert not permissions.can_view_version(visitor, approved.approved_version)
    assert not permissions.can_submit_material(visitor, approved.course)


@pytest.mark.parametrize("persona", [*PERSONAS, "scoped_manager"])
@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (Course.Status.DRAFT, {"course_manager", "scoped_manager", "administrator"}),
        (Course.Status.PUBLISHED, {"course_manager", "scoped_manager", "administrator"}),
        (Course.Status.ARCHIVED, set()),
    ],
)
def test_can_submit_material(request, persona, status, allowed, course, kenya):
    """Those who look after the course: its owner, a course manager scoped to it, administrators;
    not course managers of other courses."""
    from conftest import person_with

    Course.objects.filter(pk=course.pk).update(status=status)
    course.refresh_from_db()
    if persona == "scoped_manager":
        user = person_with("course-manager", course, country=kenya)
    else:
        user = request.getfixturevalue(persona)
    assert permissions.can_submit_material(user, course) is (persona in allowed)


SUBMITTER_AND_REVIEWERS = {"course_manager", "quality_officer", "administrator"}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("state", "allowed"),
    [
        ("submitted", SUBMITTER_AND_REVIEWERS),
        ("in_review", SUBMITTER_AND_REVIEWERS),
        ("returned", SUBMITTER_AND_REVIEWERS),
        ("approved", REPOSITORY_USERS),
        ("superseded", REPOSITORY_USERS),
        ("withdrawn", SUBMITTER_AND_REVIEWERS),
    ],
)
def test_can_view_and_download_version(request, persona, state, allowed, course_manager, course, guide):
    """Approved versions (and those approved before) for repository users; the others only for
    their submitter, quality officers and administrators."""
    material = submit(course_manager, course)
    version = version_of(material)
    MaterialVersion.objects.filter(pk=version.pk).update(status=state)
    version.refresh_from_db()
    if state in ("approved", "superseded"):
        Material.objects.filter(pk=material.pk).update(approved_version=version)
    version = MaterialVersion.objects.select_related("material").get(pk=version.pk)
    user = request.getfixturevalue(persona)
    assert permissions.can_view_version(user, version) is (persona in allowed)
    if persona in allowed:
        assert permissions.get_version_for(user, version.pk) == version
    else:
        with pytest.raises(Http404):
            permissions.get_version_for(user, version.pk)


@pytest.mark.parametrize("persona", PERSONAS)
def test_can_start_and_decide_a_review(request, persona, pending, quality_officer):
    """Quality officers and administrators review; never the submitter (the course manager)."""
    version = version_of(pending)
    user = request.getfixturevalue(persona)
    assert permissions.can_start_review(user, version) is (persona in REVIEWERS)
    if persona in REVIEWERS:
        review = services.start_review(by=user, version=version)
        assert permissions.can_decide_review(user, review)
        assert not permissions.can_start_review(user, version_of(pending))


def test_a_reviewer_does_not_review_their_own_submission(administrator, course, quality_officer, guide):
    material = submit(administrator, course, title="The administrator's own")
    version = version_of(material)
    assert not permissions.can_start_review(administrator, version)
    assert permissions.can_start_review(quality_officer, version)


def test_only_the_reviewer_or_an_administrator_decides_an_open_review(
    pending, quality_officer, administrator, france
):
    from conftest import person_with

    colleague = person_with("quality-officer", country=france)
    review = services.start_review(by=quality_officer, version=version_of(pending))
    assert permissions.can_decide_review(quality_officer, review)
    assert permissions.can_decide_review(administrator, review)
    assert not permissions.can_decide_review(colleague, review)


@pytest.mark.parametrize("persona", [*PERSONAS, "submitter"])
@pytest.mark.parametrize("state", [Status.SUBMITTED, Status.IN_REVIEW, Status.RETURNED, Status.APPROVED])
def test_can_withdraw_version(request, persona, state, pending):
    version = version_of(pending)
    MaterialVersion.objects.filter(pk=version.pk).update(status=state)
    version.refresh_from_db()
    user = version.submitted_by if persona == "submitter" else request.getfixturevalue(persona)
    pending_state = state in (Status.SUBMITTED, Status.IN_REVIEW)
    allowed = {"submitter", "course_manager", "administrator"} if pending_state else set()
    assert permissions.can_withdraw_version(user, version) is (persona in allowed)


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_sees_material_and_adds_versions(request, persona, approved, pending, kenya):
    user = request.getfixturevalue(persona)
    assert permissions.can_view_material(user, approved) is (persona in REPOSITORY_USERS)
    assert permissions.can_view_material(user, pending) is (persona in SUBMITTER_AND_REVIEWERS)
    adders = {"course_manager", "administrator"}
    assert permissions.can_add_version(user, approved) is (persona in adders)
    if persona in REPOSITORY_USERS - adders:
        with pytest.raises(PermissionDenied):
            permissions.get_material_for(user, approved.pk, write=True)
    if persona not in SUBMITTER_AND_REVIEWERS:
        with pytest.raises(Http404):
            permissions.get_material_for(user, pending.pk)


def test_a_co_manager_of_the_course_adds_a_version_of_approved_material(approved, kenya):
    from conftest import person_with

    co_manager = person_with("course-manager", approved.course, country=kenya)
    assert permissions.can_add_version(co_manager, approved)
    elsewhere = person_with("course-manager", CourseFactory(), country=kenya)
    assert not permissions.can_add_version(elsewhere, approved)


def test_returned_versions_stay_with_the_submitter_and_reviewers(
    course_manager, course, quality_officer, instructor, guide
):
    material = submit(course_manager, course)
    give_back(version_of(material), quality_officer)
    version = version_of(material)
    assert permissions.can_view_version(course_manager, version)
    assert not permissions.can_view_version(instructor, version)
    services.submit_version(by=course_manager, material=material, upload=pdf_upload())
    approve(version_of(material, 2), quality_officer)
    material.refresh_from_db()
    assert permissions.can_view_version(instructor, version_of(material, 2))
    assert not permissions.can_view_version(instructor, version_of(material, 1))


def test_get_review_for(pending, quality_officer, course_manager, instructor):
    review = services.start_review(by=quality_officer, version=version_of(pending))
    assert permissions.get_review_for(quality_officer, review.pk) == review
    for outsider in (course_manager, instructor):
        with pytest.raises(Http404):
            permissions.get_review_for(outsider, review.pk)
