"""Who may answer, take, edit and read what: a table of personas for every can_* of the app,
then the windows and the "only once" rules."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from cadre.assessments import permissions, services
from cadre.assessments.models import FollowUp, Questionnaire
from cadre.assessments.tests.conftest import (
    add_instructor,
    add_participant,
    days,
    fill_bank,
    make_session,
    right_answers,
)
from cadre.training_sessions.models import Nomination, Session

pytestmark = pytest.mark.django_db

PERSONAS = (
    "anonymous",
    "nobody",
    "learner",
    "ncb_officer",
    "ncb_officer_elsewhere",
    "course_manager",
    "administrator",
    "participant",  # accepted on the session
    "instructor",  # booked on the session
    "cancelled_instructor",  # their booking was cancelled
    "waitlisted",
    "withdrawn",
    "elsewhere",  # a participant of another session of the same course
    "upcoming_participant",  # accepted on the confirmed session that starts next week
)


@pytest.fixture
def world(request, course, ended, upcoming):
    people = {
        name: request.getfixturevalue(name)
        for name in (
            "nobody",
            "learner",
            "ncb_officer",
            "ncb_officer_elsewhere",
            "course_manager",
            "administrator",
        )
    }
    people["anonymous"] = AnonymousUser()
    participant = add_participant(ended)
    people["participant"] = participant.person
    people["instructor"] = add_instructor(ended).assignment.instructor.person
    people["cancelled_instructor"] = add_instructor(
        ended, cancelled_at=ended.created_at
    ).assignment.instructor.person
    people["waitlisted"] = add_participant(ended, status=Nomination.Status.WAITLISTED).person
    people["withdrawn"] = add_participant(ended, status=Nomination.Status.WITHDRAWN).person
    other = make_session(course, status=Session.Status.RUNNING, starts=-3)
    people["elsewhere"] = add_participant(other).person
    people["upcoming_participant"] = add_participant(upcoming).person
    fill_bank(course)
    follow_up = FollowUp.objects.create(
        nomination=participant,
        due_on=days(0),
        supervisor_email="boss@police.example",
        supervisor_key="k" * 43,
    )
    return {"people": people, "ended": ended, "upcoming": upcoming, "course": course, "follow_up": follow_up}


CHECKS = {
    "answer_reaction": (
        lambda user, w: permissions.can_answer_reaction(user, w["ended"]),
        {"participant", "instructor"},
    ),
    "take_pre_test": (
        lambda user, w: permissions.can_take_test(user, w["upcoming"], "pre"),
        {"upcoming_participant"},
    ),
    "take_post_test": (
        lambda user, w: permissions.can_take_test(user, w["ended"], "post"),
        {"participant"},
    ),
    "view_results": (lambda user, w: permissions.can_view_results(user, w["ended"]), {"participant"}),
    "edit_bank": (
        lambda user, w: permissions.can_edit_bank(user, w["course"]),
        {"course_manager", "administrator"},
    ),
    "view_report": (
        lambda user, w: permissions.can_view_report(user, w["ended"]),
        {"course_manager", "administrator"},
    ),
    "view_reaction_results": (
        lambda user, w: permissions.can_view_reaction_results(user, w["ended"]),
        {"course_manager", "administrator", "instructor"},
    ),
    "answer_follow_up": (
        lambda user, w: permissions.can_answer_follow_up(user, w["follow_up"]),
        {"participant"},
    ),
}


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_permission_table(check, world):
    allowed_by, expected = CHECKS[check]
    allowed = {name for name, user in world["people"].items() if allowed_by(user, world)}
    assert allowed == expected


def test_the_supervisor_link_answers_once_and_only_when_there_is_a_supervisor(world):
    follow_up = world["follow_up"]
    assert permissions.can_answer_as_supervisor(follow_up)
    follow_up.supervisor_answered_at = timezone.now()
    assert not permissions.can_answer_as_supervisor(follow_up)
    follow_up.supervisor_answered_at = None
    follow_up.supervisor_email = ""
    assert not permissions.can_answer_as_supervisor(follow_up)


def test_a_participant_answers_the_follow_up_once(world):
    follow_up = world["follow_up"]
    follow_up.participant_answered_at = timezone.now()
    assert not permissions.can_answer_follow_up(world["people"]["participant"], follow_up)


@pytest.mark.parametrize(
    ("status", "starts", "length", "allowed"),
    [
        (Session.Status.CONFIRMED, -2, 3, False),  # never set running
        (Session.Status.RUNNING, -1, 3, False),  # the last day is tomorrow
        (Session.Status.RUNNING, -2, 3, True),  # the last day is today
        (Session.Status.RUNNING, -10, 3, True),
        (Session.Status.COMPLETED, -1, 3, True),  # completed sooner
        (Session.Status.CANCELLED, -10, 3, False),
    ],
)
def test_level_1_opens_on_the_last_day(course, status, starts, length, allowed):
    session = make_session(course, status=status, starts=starts, length=length)
    person = add_participant(session).person
    assert permissions.can_answer_reaction(person, session) is allowed


def test_level_1_is_answered_once(participant, ended):
    person = participant.person
    questionnaire = Questionnaire.objects.get(code="l1-participant")
    services.submit_evaluation(
        questionnaire=questionnaire,
        session=ended,
        respondent=person,
        answers={question.key: 4 for question in questionnaire.questions.filter(kind="rating")},
        language="en",
    )
    assert permissions.reaction_state(person, ended) == permissions.ANSWERED
    assert not permissions.can_answer_reaction(person, ended)


@pytest.mark.parametrize(
    ("status", "starts", "kind", "expected"),
    [
        (Session.Status.OPEN, 20, "pre", permissions.NOT_YET),
        (Session.Status.SELECTION, 20, "pre", permissions.NOT_YET),
        (Session.Status.CONFIRMED, 20, "pre", permissions.ANSWER),
        (Session.Status.RUNNING, 0, "pre", permissions.ANSWER),  # until the end of the first day
        (Session.Status.RUNNING, -1, "pre", permissions.CLOSED),
        (Session.Status.RUNNING, -1, "post", permissions.NOT_YET),  # the last day is tomorrow
        (Session.Status.RUNNING, -2, "post", permissions.ANSWER),
        (Session.Status.COMPLETED, -16, "post", permissions.ANSWER),  # 14 days after the last day
        (Session.Status.COMPLETED, -17, "post", permissions.CLOSED),
        (Session.Status.CANCELLED, 20, "pre", permissions.CLOSED),
    ],
)
def test_test_windows(course, status, starts, kind, expected):
    fill_bank(course)
    session = make_session(course, status=status, starts=starts, length=3)
    person = add_participant(session).person
    assert permissions.state_of_test(person, session, kind) == expected


def test_a_test_needs_a_bank_and_is_taken_once(course, upcoming):
    person = add_participant(upcoming).person
    assert permissions.state_of_test(person, upcoming, "pre") == permissions.NO_TEST
    bank = fill_bank(course)
    assert permissions.can_take_test(person, upcoming, "pre")
    services.submit_test(nomination=person.nominations.get(), kind="pre", answers=right_answers(bank))
    assert permissions.state_of_test(person, upcoming, "pre") == permissions.ANSWERED


def test_getting_a_session_hides_planned_sessions_from_others(course, learner, course_manager):
    planned = make_session(course, status=Session.Status.PLANNED, starts=40)
    with pytest.raises(Http404):
        permissions.get_session_for(learner, planned.pk)
    assert permissions.get_session_for(course_manager, planned.pk) == planned


def test_the_bank_is_404_for_a_draft_course_and_403_for_a_published_one(course, learner, course_manager):
    assert permissions.get_bank_course_for(course_manager, course.pk) == course
    with pytest.raises(PermissionDenied):
        permissions.get_bank_course_for(learner, course.pk)
    course.status = "draft"
    course.save(update_fields=["status"])
    with pytest.raises(Http404):
        permissions.get_bank_course_for(learner, course.pk)


def test_a_follow_up_belongs_to_its_participant(participant, ended, learner):
    follow_up = FollowUp.objects.create(nomination=participant, due_on=days(0), supervisor_key="x" * 43)
    assert permissions.get_follow_up_for(participant.person, ended) == follow_up
    with pytest.raises(PermissionDenied):
        permissions.get_follow_up_for(learner, ended)
    assert permissions.get_follow_up_by_key("x" * 43) == follow_up
    for key in ("", "y" * 43):
        with pytest.raises(Http404):
            permissions.get_follow_up_by_key(key)


def test_the_post_test_closes_two_weeks_after_the_last_day(ended):
    assert permissions.post_test_closes_on(ended) == ended.ends_on + timedelta(days=14)
