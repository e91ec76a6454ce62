"""The session's evaluation report: what it counts, for whom, in a bounded number of queries."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cadre.accounts.models import User
from cadre.assessments import models, reports
from cadre.assessments.tests.conftest import add_instructor, add_participant, today
from cadre.directory.models import Country
from cadre.training_sessions.models import Nomination

pytestmark = pytest.mark.django_db


def questionnaire(code):
    return models.Questionnaire.objects.get(code=code)


def crowd(session, count):
    """`count` participants, written in bulk."""
    kenya = Country.objects.get(iso2="KE")
    people = User.objects.bulk_create(
        User(email=f"p{n}@police.example", given_names=f"Given{n}", family_name=f"Family{n}", country=kenya)
        for n in range(count)
    )
    outcomes = ["completed", "attended", "not_completed"]
    return Nomination.objects.bulk_create(
        Nomination(
            session=session,
            person=person,
            country=kenya,
            status="accepted",
            attendance_percent=100 - n % 3 * 20,
            outcome=outcomes[n % 3],
        )
        for n, person in enumerate(people)
    )


def answer_everything(session, nominations, links):
    l1 = questionnaire("l1-participant")
    l3 = questionnaire("l3-participant")
    supervisor = questionnaire("l3-supervisor")
    responses, attempts, follow_ups = [], [], []
    for n, nomination in enumerate(nominations):
        answers = {q.key: 3 + n % 3 for q in l1.questions.all() if q.kind == "rating"}
        answers.update({f"instructor-{link.assignment_id}": 4 + n % 2 for link in links})
        answers["improve"] = f"Comment {n}"
        responses.append(
            models.EvaluationResponse(
                questionnaire=l1,
                session=session,
                respondent_id=nomination.person_id,
                answers=answers,
                language="en",
            )
        )
        responses.append(
            models.EvaluationResponse(
                questionnaire=l3,
                session=session,
                respondent_id=nomination.person_id,
                about=nomination,
                answers={"use": 4},
                language="en",
            )
        )
        if n % 2:
            responses.append(
                models.EvaluationResponse(
                    questionnaire=supervisor,
                    session=session,
                    about=nomination,
                    answers={"change": 5},
                    language="fr",
                )
            )
        attempts += [
            models.TestAttempt(session=session, nomination=nomination, kind="pre", score_percent=40),
            models.TestAttempt(
                session=session, nomination=nomination, kind="post", score_percent=60 + n % 2 * 20
            ),
        ]
        follow_ups.append(
            models.FollowUp(
                nomination=nomination,
                due_on=today(),
                supervisor_key=f"key-{n}",
                sent_at=timezone.now(),
                supervisor_email="boss@police.example" if n % 2 else "",
                participant_answered_at=timezone.now(),
                supervisor_answered_at=timezone.now() if n % 2 else None,
            )
        )
    models.EvaluationResponse.objects.bulk_create(responses)
    models.TestAttempt.objects.bulk_create(attempts)
    models.FollowUp.objects.bulk_create(follow_ups)


def test_the_report_counts_everything(ended):
    links = [add_instructor(ended), add_instructor(ended)]
    nominations = crowd(ended, 6)
    add_participant(ended, status="withdrawn")
    answer_everything(ended, nominations, links)
    instructor = questionnaire("l1-instructor")
    models.EvaluationResponse.objects.create(
        questionnaire=instructor,
        session=ended,
        respondent=links[0].assignment.instructor.person,
        answers={q.key: 2 for q in instructor.questions.filter(kind="rating")} | {"comments": "Keen group."},
        language="en",
    )
    report = reports.session_report(ended)
    assert report.participants == 6
    assert report.outcomes == [("Completed", 2), ("Attended", 2), ("Did not complete", 2)]
    assert report.attendance_average == 80
    p = report.reaction_participants
    assert (p.expected, p.responded, p.rate) == (6, 6, 100)
    assert {line.label: line.average for line in p.dimensions}["Content"] == 4
    assert len(p.comments) == 6
    assert [(line.average, line.count) for line in report.instructor_ratings] == [(4.5, 6), (4.5, 6)]
    i = report.reaction_instructors
    assert (i.expected, i.responded, i.rate) == (2, 1, 50)
    assert [c.text for c in i.comments] == ["Keen group."]
    learning = report.learning
    assert (learning.pre_average, learning.post_average, learning.gain_average) == (40, 70, 30)
    assert sorted(row.gain for row in learning.rows) == [20, 20, 20, 40, 40, 40]
    f = report.follow_ups
    assert (f.created, f.sent, f.participants_answered, f.with_supervisor, f.supervisors_answered) == (
        6,
        6,
        6,
        3,
        3,
    )
    assert f.participant.questions[0].average == 4
    assert f.supervisor.questions[0].average == 5


def test_the_report_of_200_participants_in_a_bounded_number_of_queries(
    client, ended, course_manager, django_assert_max_num_queries
):
    links = [add_instructor(ended), add_instructor(ended)]
    answer_everything(ended, crowd(ended, 200), links)
    client.force_login(course_manager)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("assessments:report", args=[ended.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Family199" in body
    assert "<svg" in body
    assert "200 of 200 answered" in body


def test_instructors_see_level_1_and_their_own_rating_only(client, ended, learner, ncb_officer):
    links = [add_instructor(ended), add_instructor(ended)]
    answer_everything(ended, crowd(ended, 3), links)
    me, other = (link.assignment.instructor.person for link in links)
    client.force_login(me)
    body = client.get(reverse("assessments:report", args=[ended.pk])).content.decode()
    assert "Level 1: reaction" in body
    assert me.display_name in body
    assert other.display_name not in body
    assert "Family1" not in body  # no participant's name
    assert "Level 2" not in body
    client.force_login(ncb_officer)
    assert client.get(reverse("assessments:report", args=[ended.pk])).status_code == 403
    client.force_login(learner)
    assert client.get(reverse("assessments:report", args=[ended.pk])).status_code == 404


def test_an_empty_report_reads_well_in_arabic(client, ended, course_manager, settings):
    client.force_login(course_manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = client.get(reverse("assessments:report", args=[ended.pk]))
    assert page.status_code == 200
    assert 'dir="rtl"' in page.content.decode()
