"""Who may do what with instructors, candidacies and certifications: a table of personas."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cadre.instructors import permissions, selectors
from cadre.instructors.tests.conftest import give_certification, make_instructor

pytestmark = pytest.mark.django_db

PERSONAS = (
    "nobody",
    "learner",
    "ncb_officer",
    "ncb_officer_elsewhere",
    "course_manager",
    "administrator",
    "certification_manager",
    "assessor",  # assigned to the instructor's candidacy
    "other_assessor",  # assigned to no one
    "own",  # the instructor themselves
    "other_instructor",  # another instructor
)
POOL = {"course_manager", "administrator", "certification_manager"}


@pytest.fixture
def world(request, instructor, candidacy, other_instructor):
    """The personas, and the instructor's candidacy (assessed by `assessor`) and certification."""
    people = {
        name: request.getfixturevalue(name) for name in PERSONAS if name not in {"own", "other_instructor"}
    }
    people["own"] = instructor.person
    people["other_instructor"] = other_instructor.person
    return {
        "people": people,
        "instructor": instructor,
        "candidacy": candidacy,
        "certification": give_certification(instructor),
    }


def _course_of(world):
    return world["people"]["course_manager"].courses_owned.get()


CHECKS = {
    "browse": (
        lambda user, world: permissions.can_browse_instructors(user),
        POOL | {"assessor", "other_assessor"},
    ),
    "search_pool": (lambda user, world: permissions.can_search_pool(user), POOL),
    "open_nav": (
        lambda user, world: permissions.can_open_instructors(user),
        POOL | {"assessor", "other_assessor", "own", "other_instructor"},
    ),
    "create": (
        lambda user, world: permissions.can_create_instructor(user),
        {"administrator", "certification_manager"},
    ),
    "view_profile": (
        lambda user, world: permissions.can_view_instructor(user, world["instructor"]),
        POOL | {"own", "assessor"},
    ),
    "edit_profile": (
        lambda user, world: permissions.can_edit_instructor(user, world["instructor"]),
        {"own", "administrator", "certification_manager"},
    ),
    "manage_profile": (
        lambda user, world: permissions.can_manage_instructor(user, world["instructor"]),
        {"administrator", "certification_manager"},
    ),
    "start_candidacy": (
        lambda user, world: permissions.can_start_candidacy(user, world["instructor"]),
        {"certification_manager"},
    ),
    "view_candidacy": (
        lambda user, world: permissions.can_view_candidacy(user, world["candidacy"]),
        {"own", "assessor", "administrator", "certification_manager"},
    ),
    "submit_evidence": (
        lambda user, world: permissions.can_submit_evidence(user, world["candidacy"]),
        {"own", "assessor", "certification_manager"},
    ),
    "confirm_stage": (
        lambda user, world: permissions.can_confirm_stage(user, world["candidacy"]),
        {"assessor", "certification_manager"},
    ),
    "observe": (
        lambda user, world: permissions.can_record_observation(user, world["instructor"], world["candidacy"]),
        {"assessor"},
    ),
    "certify": (
        lambda user, world: permissions.can_certify(user, world["candidacy"]),
        {"certification_manager"},
    ),
    "change_certification": (
        lambda user, world: permissions.can_change_certification(user, world["certification"]),
        {"certification_manager"},
    ),
    "assign": (
        lambda user, world: permissions.can_assign_instructor(user, _course_of(world)),
        {"course_manager", "administrator"},
    ),
    "override": (lambda user, world: permissions.can_override_rule(user), {"administrator"}),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("check", CHECKS)
def test_permissions(world, persona, check):
    function, allowed = CHECKS[check]
    assert function(world["people"][persona], world) is (persona in allowed)


@pytest.mark.parametrize("check", CHECKS)
def test_visitors_may_nothing(world, check):
    function, _allowed = CHECKS[check]
    assert function(AnonymousUser(), world) is False


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list_shows_the_pool_or_the_assigned_candidates(world, persona):
    seen = set(selectors.instructors_for(world["people"][persona]).values_list("pk", flat=True))
    everyone = {world["instructor"].pk, world["people"]["other_instructor"].instructor_profile.pk}
    expected = everyone if persona in POOL else {world["instructor"].pk} if persona == "assessor" else set()
    assert seen == expected


def test_get_instructor_for_answers_404_then_403(world):
    people, instructor = world["people"], world["instructor"]
    with pytest.raises(Http404):
        permissions.get_instructor_for(people["learner"], instructor.pk)
    with pytest.raises(Http404):
        permissions.get_instructor_for(people["other_assessor"], instructor.pk)
    with pytest.raises(Http404):
        permissions.get_instructor_for(people["own"], 999_999)
    with pytest.raises(PermissionDenied):
        permissions.get_instructor_for(people["course_manager"], instructor.pk, write=True)
    assert permissions.get_instructor_for(people["own"], instructor.pk, write=True) == instructor


def test_get_certification_for_answers_404_then_403(world):
    people, certification = world["people"], world["certification"]
    with pytest.raises(Http404):
        permissions.get_certification_for(people["ncb_officer_elsewhere"], certification.pk)
    with pytest.raises(PermissionDenied):
        permissions.get_certification_for(people["own"], certification.pk, write=True)
    assert (
        permissions.get_certification_for(people["certification_manager"], certification.pk, write=True)
        == certification
    )


def test_nobody_changes_their_own_certification(world, kenya):
    from conftest import person_with

    manager = person_with("certification-manager", country=kenya)
    profile = make_instructor(manager)
    assert not permissions.can_change_certification(manager, give_certification(profile))
    assert not permissions.can_manage_instructor(manager, profile)
