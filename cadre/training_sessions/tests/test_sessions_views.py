"""The scheduling pages: the list and its filters, a session's page, scheduling and editing,
moving through the states, instructors, rescheduling and cancelling; in English and Arabic, in
a bounded number of queries."""

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from cadre.directory.models import Country
from cadre.instructors.models import Assignment
from cadre.training_sessions.models import Nomination, SeatQuota, Session, SessionEvent
from cadre.training_sessions.services import session_instructors
from cadre.training_sessions.tests import test_sessions_fixtures as fixtures
from cadre.training_sessions.tests.test_sessions_fixtures import certified, schedule, today
from tests.factories import NominationFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db
manager_course, planned, opened = fixtures.manager_course, fixtures.planned, fixtures.opened
Status = Session.Status


def page(client: Client, name: str, *args: Any, **params: Any) -> Any:
    return client.get(reverse(f"training_sessions:{name}", args=args), params)


def fresh(session: Session) -> Session:
    return Session.objects.get(pk=session.pk)


def plan_form(course: Any, first: date, **overrides: Any) -> dict[str, Any]:
    """What the scheduling form posts: the plan, two days and no reserved seats."""
    data: dict[str, Any] = {
        "course": course.pk,
        "language": "en",
        "title": "",
        "manager": "",
        "venue": "",
        "place": "Police College",
        "city": "Nairobi",
        "country": str(Country.objects.get(iso2="KE").pk),
        "meeting_url": "",
        "time_zone": "Africa/Nairobi",
        "region": "",
        "capacity": "18",
        "seats_by": "none",
        "nominations_open_on": today().isoformat(),
        "nominations_close_on": (first - timedelta(days=10)).isoformat(),
        "respond_by": "",
        "follow_up_after_days": "90",
        "joining_instructions": "",
        "days-TOTAL_FORMS": "3",
        "days-INITIAL_FORMS": "0",
        "days-0-date": first.isoformat(),
        "days-0-starts_at": "09:00",
        "days-0-ends_at": "17:00",
        "days-1-date": (first + timedelta(days=1)).isoformat(),
        "days-1-starts_at": "09:00",
        "days-1-ends_at": "13:00",
        "days-1-agenda": "Exercise",
        "days-2-date": "",
        "days-2-starts_at": "09:00",
        "days-2-ends_at": "17:00",
        "quotas-TOTAL_FORMS": "1",
        "quotas-INITIAL_FORMS": "0",
        "quotas-0-country": "",
        "quotas-0-region": "",
        "quotas-0-seats": "",
    }
    data.update(overrides)
    return data


# --- The list ------------------------------------------------------------------------------------


def test_the_list_shows_what_one_may_see_with_filters_and_the_schedule_button(
    client: Client, course_manager, manager_course, ncb_officer, kenya
) -> None:
    mine = schedule(course_manager, manager_course, title="Darknet investigations")
    elsewhere = SessionFactory(status=Status.OPEN, language="fr", title="Ouverte")
    hidden = SessionFactory(status=Status.PLANNED, title="Hidden plan")
    client.force_login(course_manager)
    body = page(client, "list").content.decode()
    assert "Darknet investigations" in body
    assert "Ouverte" not in body  # another course's session; the manager takes no part in it
    assert reverse("training_sessions:create") in body
    assert "Subscribe in your calendar" in body

    client.force_login(ncb_officer)
    response = page(client, "list")
    body = response.content.decode()
    assert "Ouverte" in body
    assert "Darknet investigations" not in body  # still planned
    assert hidden.title not in body
    assert reverse("training_sessions:create") not in body
    assert [row.pk for row in page(client, "list", language="fr").context["page"].object_list] == [
        elsewhere.pk
    ]
    assert page(client, "list", q=elsewhere.code).context["page"].paginator.count == 1
    assert page(client, "list", status="cancelled").context["page"].paginator.count == 0
    assert page(client, "list", starts_from="nonsense", status="bogus").status_code == 200
    assert mine.pk not in [row.pk for row in response.context["page"].object_list]


def test_the_list_stays_within_a_few_queries(
    client: Client, administrator, django_assert_max_num_queries
) -> None:
    for _ in range(50):
        session = SessionFactory(days=2)
        NominationFactory(session=session, status=Nomination.Status.ACCEPTED)
    client.force_login(administrator)
    with django_assert_max_num_queries(12):
        response = page(client, "list")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 50
    assert len(response.context["page"].object_list) == 25
    assert "1 of 20" in response.content.decode()


# --- One session ---------------------------------------------------------------------------------


def test_the_session_page_stays_within_a_few_queries_with_many_instructors_and_nominations(
    client: Client, course_manager, opened, django_assert_max_num_queries
) -> None:
    for _ in range(10):
        session_instructors.add_instructor(
            session=opened, instructor=certified(opened.course), by=course_manager
        )
    people = UserFactory.create_batch(200)
    Nomination.objects.bulk_create(
        [
            Nomination(
                session=opened,
                person=person,
                country=person.country,
                status="accepted" if n < 15 else "nominated",
            )
            for n, person in enumerate(people)
        ]
    )
    client.force_login(course_manager)
    with django_assert_max_num_queries(25):
        response = page(client, "detail", opened.pk)
    assert response.status_code == 200
    body = response.content.decode()
    assert "15 accepted, 5 free" in body
    assert len(re.findall(rf"/sessions/{opened.pk}/instructors/\d+/remove/", body)) == 10


def test_the_session_page_shows_the_plan_days_and_history_in_arabic(
    client: Client, course_manager, opened
) -> None:
    type(course_manager).objects.filter(pk=course_manager.pk).update(preferred_language="ar")
    client.force_login(course_manager)
    response = client.get(reverse("training_sessions:detail", args=[opened.pk]))
    body = response.content.decode()
    assert 'dir="rtl"' in body
    assert opened.code in body
    assert "Africa/Nairobi" in body
    assert reverse("training_sessions:ics", args=[opened.pk]) in body


@pytest.mark.parametrize("seats_by", ["country", "region"])
def test_the_session_page_names_the_reserved_seats(client: Client, course_manager, opened, seats_by) -> None:
    kenya = Country.objects.get(iso2="KE")
    place = {"country": kenya} if seats_by == "country" else {"region": kenya.region}
    Session.objects.filter(pk=opened.pk).update(seats_by=seats_by)
    SeatQuota.objects.create(session=opened, seats=3, **place)
    client.force_login(course_manager)
    response = client.get(reverse("training_sessions:detail", args=[opened.pk]))
    assert response.status_code == 200
    assert f"{(kenya if seats_by == 'country' else kenya.region).name}: 3 seats" in response.content.decode()


def test_a_viewer_who_may_not_change_sees_no_actions(client: Client, ncb_officer, opened) -> None:
    client.force_login(ncb_officer)
    body = page(client, "detail", opened.pk).content.decode()
    assert reverse("training_sessions:edit", args=[opened.pk]) not in body
    assert reverse("training_sessions:cancel", args=[opened.pk]) not in body
    assert page(client, "edit", opened.pk).status_code == 403


# --- Scheduling and editing ----------------------------------------------------------------------------


def test_a_course_manager_schedules_a_session_through_the_form(
    client: Client, course_manager, manager_course
) -> None:
    client.force_login(course_manager)
    assert page(client, "create").status_code == 200
    first = today() + timedelta(days=30)
    response = client.post(reverse("training_sessions:create"), plan_form(manager_course, first))
    session = Session.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("training_sessions:detail", args=[session.pk])
    assert (session.starts_on, session.ends_on, session.capacity) == (first, first + timedelta(days=1), 18)
    assert session.days.last().agenda == "Exercise"
    assert session.manager == course_manager


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"language": "ar"}, "not offered in Arabic"),
        ({"time_zone": "Nowhere/Else"}, "is not a time zone Cadre knows"),
        ({"place": "", "city": "", "country": ""}, "Say where the session takes place"),
        ({"country": ""}, "Give the place, the city and the country together"),
        ({"days-TOTAL_FORMS": "0"}, "Give at least one day"),
        ({"days-1-date": ""}, "This field is required."),
        ({"days-1-ends_at": "08:00"}, "The day ends after it starts"),
        ({"seats_by": "country", "quotas-0-seats": "40"}, "Choose a country or a region"),
        ({"capacity": "0"}, "greater than or equal to 1"),
    ],
)
def test_a_wrong_plan_comes_back_with_what_to_fix_and_nothing_saved(
    client: Client, course_manager, manager_course, overrides, message
) -> None:
    client.force_login(course_manager)
    first = today() + timedelta(days=30)
    response = client.post(reverse("training_sessions:create"), plan_form(manager_course, first, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Session.objects.exists()


def test_the_window_is_checked_against_the_first_day_given(
    client: Client, course_manager, manager_course
) -> None:
    client.force_login(course_manager)
    first = today() + timedelta(days=30)
    data = plan_form(manager_course, first, nominations_close_on=(first + timedelta(days=1)).isoformat())
    response = client.post(reverse("training_sessions:create"), data)
    assert response.status_code == 400
    assert "Nominations must close before the first day" in response.content.decode()


def test_asking_for_more_rows_keeps_what_was_typed_and_saves_nothing(
    client: Client, course_manager, manager_course
) -> None:
    client.force_login(course_manager)
    first = today() + timedelta(days=30)
    response = client.post(
        reverse("training_sessions:create"),
        {**plan_form(manager_course, first, capacity=""), "more_days": "1"},
    )
    assert response.status_code == 200
    assert not Session.objects.exists()
    days = response.context["days"]
    assert len(days.forms) == 5  # the two days typed and three empty rows
    body = response.content.decode()
    assert first.isoformat() in body
    assert "Police College" in body
    assert "field__error" not in body


def test_those_who_look_after_no_course_cannot_schedule(client: Client, ncb_officer, learner) -> None:
    for person in (ncb_officer, learner):
        client.force_login(person)
        assert page(client, "create").status_code == 403


def test_editing_a_planned_session_changes_its_days(client: Client, course_manager, planned) -> None:
    client.force_login(course_manager)
    response = page(client, "edit", planned.pk)
    assert response.status_code == 200
    first = planned.starts_on + timedelta(days=2)
    data = plan_form(planned.course, first, manager=str(course_manager.pk), capacity="25")
    data.update({"days-INITIAL_FORMS": "3", "days-2-DELETE": "on"})  # the third day removed
    response = client.post(reverse("training_sessions:edit", args=[planned.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    session = fresh(planned)
    assert (session.capacity, session.starts_on, session.days.count()) == (25, first, 2)


def test_editing_an_open_session_leaves_its_days_to_rescheduling(
    client: Client, course_manager, opened
) -> None:
    client.force_login(course_manager)
    body = page(client, "edit", opened.pk).content.decode()
    assert reverse("training_sessions:reschedule", args=[opened.pk]) in body
    data = plan_form(opened.course, opened.starts_on, manager=str(course_manager.pk), capacity="9")
    data["days-0-date"] = (opened.starts_on + timedelta(days=20)).isoformat()
    response = client.post(reverse("training_sessions:edit", args=[opened.pk]), data)
    assert response.status_code == 302
    session = fresh(opened)
    assert session.capacity == 9
    assert session.starts_on == opened.starts_on


# --- States ----------------------------------------------------------------------------------------


def test_the_next_state_is_one_button_away(client: Client, course_manager, planned) -> None:
    client.force_login(course_manager)
    body = page(client, "detail", planned.pk).content.decode()
    assert "Open nominations" in body
    response = client.post(reverse("training_sessions:change_status", args=[planned.pk]), {"to": "open"})
    assert response.status_code == 302
    assert fresh(planned).status == Status.OPEN
    client.post(reverse("training_sessions:change_status", args=[planned.pk]), {"to": "running"})
    assert fresh(planned).status == Status.OPEN
    messages = [str(message) for message in client.get(reverse("training_sessions:list")).context["messages"]]
    assert any("cannot move" in message for message in messages)
    client.post(reverse("training_sessions:change_status", args=[planned.pk]), {"to": "bogus"})
    assert fresh(planned).status == Status.OPEN


# --- Instructors ------------------------------------------------------------------------------------


def test_the_candidates_show_who_may_deliver_and_why_others_may_not(
    client: Client, course_manager, planned, django_assert_max_num_queries
) -> None:
    allowed = certified(planned.course)
    french_only = certified(planned.course, languages=("fr",))
    for _ in range(20):
        certified(planned.course)
    client.force_login(course_manager)
    with django_assert_max_num_queries(25):
        response = page(client, "instructors", planned.pk)
    body = response.content.decode()
    assert allowed.person.display_name in body
    assert "Not certified to teach in English" in body
    assert response.context["allowed_count"] == 21
    found = page(client, "instructors", planned.pk, q=french_only.person.family_name)
    assert french_only.person.pk in [row.instructor.person_id for row in found.context["page"].object_list]


def test_booking_a_refused_instructor_shows_every_reason_and_no_override_for_a_manager(
    client: Client, course_manager, planned
) -> None:
    refused = certified(planned.course, languages=("fr",))
    client.force_login(course_manager)
    url = reverse("training_sessions:add_instructor", args=[planned.pk])
    response = client.post(url, {"instructor": refused.pk, "role": "lead"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Not certified to teach in English" in body
    assert "Only an administrator may override the rule" in body
    response = client.post(
        url, {"instructor": refused.pk, "role": "lead", "override": "True", "override_reason": "Trust me."}
    )
    assert response.status_code == 400
    assert not Assignment.objects.filter(instructor=refused).exists()


def test_an_administrator_overrides_the_rule_only_with_a_justification(
    client: Client, administrator, planned
) -> None:
    refused = certified(planned.course, languages=("fr",))
    client.force_login(administrator)
    url = reverse("training_sessions:add_instructor", args=[planned.pk])
    response = client.post(
        url, {"instructor": refused.pk, "role": "lead", "override": "True", "override_reason": " "}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Give the justification for overriding the rule." in body
    assert "Not certified to teach in English" in body
    response = client.post(
        url,
        {
            "instructor": refused.pk,
            "role": "co_instructor",
            "override": "True",
            "override_reason": "Interpreter.",
        },
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get(instructor=refused)
    assert (assignment.override_reason, assignment.role) == ("Interpreter.", "co_instructor")
    body = page(client, "detail", planned.pk).content.decode()
    assert "Booked overriding the rule" in body
    assert "Interpreter." in body


def test_booking_and_removing_an_instructor(client: Client, course_manager, planned) -> None:
    instructor = certified(planned.course)
    client.force_login(course_manager)
    response = client.post(
        reverse("training_sessions:add_instructor", args=[planned.pk]),
        {"instructor": instructor.pk, "role": "lead"},
    )
    assert response.status_code == 302
    link = planned.instructor_links.get()
    response = client.post(
        reverse("training_sessions:remove_instructor", args=[planned.pk, link.pk]), {"reason": "Ill."}
    )
    assert response.status_code == 302
    assert Assignment.objects.get(pk=link.assignment_id).is_cancelled
    other = schedule(course_manager, planned.course, first_day=planned.starts_on + timedelta(days=30))
    assert (
        client.post(reverse("training_sessions:remove_instructor", args=[other.pk, link.pk])).status_code
        == 404
    )


# --- Rescheduling and cancelling ----------------------------------------------------------------------


def reschedule_form(session: Session, first: date, **overrides: Any) -> dict[str, Any]:
    data = {
        "reason": "Venue flooded.",
        "nominations_open_on": session.nominations_open_on.isoformat(),
        "nominations_close_on": session.nominations_close_on.isoformat(),
        "respond_by": "",
        "days-TOTAL_FORMS": "1",
        "days-INITIAL_FORMS": "0",
        "days-0-date": first.isoformat(),
        "days-0-starts_at": "10:00",
        "days-0-ends_at": "16:00",
    }
    data.update(overrides)
    return data


def test_rescheduling_through_the_page_reports_an_instructor_now_refused(
    client: Client, course_manager, opened, django_capture_on_commit_callbacks
) -> None:
    instructor = certified(opened.course, expires_on=opened.ends_on + timedelta(days=3))
    session_instructors.add_instructor(session=opened, instructor=instructor, by=course_manager)
    client.force_login(course_manager)
    assert page(client, "reschedule", opened.pk).status_code == 200
    new_first = opened.ends_on + timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("training_sessions:reschedule", args=[opened.pk]),
            reschedule_form(opened, new_first),
            follow=True,
        )
    assert response.status_code == 200
    body = response.content.decode()
    assert "is no longer booked" in body
    assert "Certification expires on" in body
    assert fresh(opened).starts_on == new_first
    assert instructor.person.email in [message.to[0] for message in mail.outbox]
    assert SessionEvent.objects.filter(session=opened, kind="rescheduled").count() == 1


def test_rescheduling_without_a_reason_changes_nothing(client: Client, course_manager, opened) -> None:
    client.force_login(course_manager)
    new_first = opened.starts_on + timedelta(days=10)
    response = client.post(
        reverse("training_sessions:reschedule", args=[opened.pk]),
        reschedule_form(opened, new_first, reason=""),
    )
    assert response.status_code == 400
    assert "Say why the session is rescheduled." in response.content.decode()
    assert fresh(opened).starts_on == opened.starts_on


def test_cancelling_through_the_page(client: Client, course_manager, opened, ncb_officer) -> None:
    client.force_login(ncb_officer)
    assert page(client, "cancel", opened.pk).status_code == 403
    client.force_login(course_manager)
    assert page(client, "cancel", opened.pk).status_code == 200
    response = client.post(reverse("training_sessions:cancel", args=[opened.pk]), {"reason": ""})
    assert response.status_code == 400
    response = client.post(
        reverse("training_sessions:cancel", args=[opened.pk]), {"reason": "No budget."}, follow=True
    )
    body = response.content.decode()
    assert fresh(opened).status == Status.CANCELLED
    assert "This session is cancelled." in body
    assert "No budget." in body
    assert page(client, "cancel", opened.pk).status_code == 403
    assert page(client, "reschedule", opened.pk).status_code == 403


@pytest.mark.parametrize("name", ["list", "create", "form"])
def test_the_pages_work_in_arabic(client: Client, course_manager, planned, name) -> None:
    type(course_manager).objects.filter(pk=course_manager.pk).update(preferred_language="ar")
    client.force_login(course_manager)
    target = {
        "list": reverse("training_sessions:list"),
        "create": reverse("training_sessions:create"),
        "form": reverse("training_sessions:reschedule", args=[planned.pk]),
    }[name]
    response = client.get(target)
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()
