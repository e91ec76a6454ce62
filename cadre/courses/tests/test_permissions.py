"""Who may create, see, change, publish and archive which course: a table of personas."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cadre.courses import permissions
from cadre.courses.models import Course
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db

PERSONAS = (
    "nobody",
    "learner",
    "ncb_officer",
    "ncb_head",
    "institution_admin",
    "dpo",
    "course_manager",
    "administrator",
)
CREATORS = {"course_manager", "administrator"}
Status = Course.Status


@pytest.mark.parametrize("persona", PERSONAS)
def test_can_create_course(request, persona):
    assert permissions.can_create_course(request.getfixturevalue(persona)) is (persona in CREATORS)


def test_visitors_create_nothing():
    assert not permissions.can_create_course(AnonymousUser())


@pytest.mark.parametrize("persona", [*PERSONAS, "owner", "scoped_manager"])
@pytest.mark.parametrize(
    ("status", "check", "allowed"),
    [
        (Status.DRAFT, permissions.can_edit_course, {"owner", "scoped_manager", "administrator"}),
        (Status.PUBLISHED, permissions.can_edit_course, {"owner", "scoped_manager", "administrator"}),
        (Status.ARCHIVED, permissions.can_edit_course, set()),
        (Status.DRAFT, permissions.can_publish_course, {"owner", "scoped_manager", "administrator"}),
        (Status.PUBLISHED, permissions.can_publish_course, set()),
        (Status.PUBLISHED, permissions.can_archive_course, {"owner", "scoped_manager", "administrator"}),
        (Status.DRAFT, permissions.can_archive_course, set()),
        (Status.DRAFT, permissions.can_view_course, {"owner", "scoped_manager", "administrator"}),
        (Status.ARCHIVED, permissions.can_view_course, {"owner", "scoped_manager", "administrator"}),
        (Status.PUBLISHED, permissions.can_view_course, {*PERSONAS, "owner", "scoped_manager"}),
    ],
)
def test_course_permissions(request, persona, status, check, allowed, kenya):
    from conftest import person_with

    owner = person_with("course-manager", CourseFactory(), country=kenya)
    course = CourseFactory(owner=owner, status=status)
    if persona == "owner":
        user = owner
    elif persona == "scoped_manager":
        user = person_with("course-manager", course, country=kenya)
    else:
        user = request.getfixturevalue(persona)
    assert check(user, course) is (persona in allowed)


@pytest.mark.parametrize(("public", "visible"), [(True, True), (False, False)])
def test_visitors_see_only_public_published_courses(public, visible):
    course = CourseFactory(status=Status.PUBLISHED, is_public=public)
    assert permissions.can_view_course(AnonymousUser(), course) is visible
    assert not permissions.can_view_course(
        AnonymousUser(), CourseFactory(status=Status.DRAFT, is_public=True)
    )


def test_get_course_for(learner, course_manager):
    draft = CourseFactory(status=Status.DRAFT)
    published = CourseFactory(status=Status.PUBLISHED)
    assert permissions.get_course_for(learner, published.code) == published
    assert permissions.get_course_for(learner, published.pk) == published
    with pytest.raises(Http404):
        permissions.get_course_for(learner, draft.code)
    with pytest.raises(Http404):
        permissions.get_course_for(learner, "no-such-course")
    with pytest.raises(PermissionDenied):
        permissions.get_course_for(learner, published.code, write=True)
    own = course_manager.courses_owned.get()
    assert permissions.get_course_for(course_manager, own.code, write=True) == own
