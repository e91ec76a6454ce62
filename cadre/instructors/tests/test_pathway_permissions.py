"""Who may withdraw a candidacy and who has a "My candidates" page: a table of personas."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cadre.instructors import permissions, selectors, services

pytestmark = pytest.mark.django_db

PERSONAS = (
    "nobody",
    "learner",
    "ncb_officer",
    "course_manager",
    "administrator",
    "certification_manager",
    "assessor",  # assigned to the candidacy
    "other_assessor",  # assigned to no one
    "own",  # the candidate
    "other_instructor",
)


@pytest.fixture
def world(request, candidacy, other_instructor):
    people = {
        name: request.getfixturevalue(name) for name in PERSONAS if name not in {"own", "other_instructor"}
    }
    people["own"] = candidacy.instructor.person
    people["other_instructor"] = other_instructor.person
    return {"people": people, "candidacy": candidacy}


CHECKS = {
    "withdraw": (
        lambda user, world: permissions.can_withdraw_candidacy(user, world["candidacy"]),
        {"own", "certification_manager"},
    ),
    "my_candidates": (
        lambda user, world: permissions.can_view_assessed_candidacies(user),
        {"assessor", "other_assessor"},
    ),
    "listed_in_my_candidates": (
        lambda user, world: world["candidacy"] in selectors.candidacies_assessed_by(user),
        {"assessor"},
    ),
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


@pytest.mark.parametrize("persona", ["own", "certification_manager"])
def test_nobody_withdraws_a_closed_candidacy(world, persona, certification_manager):
    services.withdraw_candidacy(candidacy=world["candidacy"], by=certification_manager, reason="Left.")
    world["candidacy"].refresh_from_db()
    assert not permissions.can_withdraw_candidacy(world["people"][persona], world["candidacy"])
