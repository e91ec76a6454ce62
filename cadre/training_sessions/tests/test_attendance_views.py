"""The attendance sheet, the room screen, the participant's check-in and the session's grid."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from cadre.directory.models import Country
from cadre.training_sessions.models import Attendance, Nomination, Session, SessionDay
from cadre.training_sessions.tests.test_attendance_fixtures import (
    book_instructor,
    day_of,
    instructor,
    manager,
    many_participants,
    nairobi_today,
    participant,
    running_session,
    session,
)
from tests.factories import UserFactory

__all__ = ["instructor", "manager", "session"]  # fixtures

pytestmark = pytest.mark.django_db
Mark = Attendance.Status
HTMX = {"HTTP_HX_REQUEST": "true"}


def signed_in(client: Client, user) -> Client:
    client.force_login(user)
    return client


def sheet_url(session: Session, day: SessionDay | None = None) -> str:
    url = reverse("training_sessions:attendance", args=[session.pk])
    return f"{url}?day={day.pk}" if day else url


def mark_form(
    nomination: Nomination, day: SessionDay, status: str = Mark.PRESENT, **extra: str
) -> dict[str, object]:
    return {"nomination": nomination.pk, "day": day.pk, "status": status, **extra}


def record_url(session: Session) -> str:
    return reverse("training_sessions:record_attendance", args=[session.pk])


# --- The sheet ------------------------------------------------------------------------------------


def test_the_sheet_lists_accepted_participants_with_their_buttons(
    client: Client, session: Session, instructor
) -> None:
    accepted = participant(session, UserFactory(family_name="Wanjiru"))
    participant(session, UserFactory(family_name="Otieno"), status=Nomination.Status.WAITLISTED)
    response = signed_in(client, instructor).get(sheet_url(session))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Wanjiru" in body
    assert "Otieno" not in body
    assert f'id="participant-{accepted.pk}"' in body
    for value in Mark.values:
        assert f'name="status" value="{value}"' in body
    assert f'hx-post="{record_url(session)}"' in body
    assert body.count('aria-current="page"') >= 1  # today's day is chosen
    assert 'id="att-counts"' in body


def test_the_sheet_of_a_later_day_says_it_cannot_be_recorded_yet(
    client: Client, session: Session, manager
) -> None:
    participant(session)
    body = signed_in(client, manager).get(sheet_url(session, day_of(session, 2))).content.decode()
    assert "can be recorded from that day on" in body
    assert "disabled" in body


def test_the_sheet_finds_a_participant_by_name(client: Client, session: Session, manager) -> None:
    participant(session, UserFactory(family_name="Wanjiru"))
    participant(session, UserFactory(family_name="Kiprop"))
    body = signed_in(client, manager).get(sheet_url(session), {"q": "wanj"}).content.decode()
    assert "Wanjiru" in body
    assert "Kiprop" not in body


def test_a_day_of_another_session_is_not_found(client: Client, session: Session, manager) -> None:
    other = running_session()
    assert signed_in(client, manager).get(sheet_url(session, day_of(other))).status_code == 404
    assert client.get(sheet_url(session) + "?day=abc").status_code == 404


def test_the_sheet_in_arabic_runs_right_to_left(client: Client, session: Session, manager) -> None:
    manager.preferred_language = "ar"
    manager.save()
    participant(session)
    body = signed_in(client, manager).get(sheet_url(session)).content.decode()
    assert 'dir="rtl"' in body


def test_the_sheet_of_500_participants_takes_a_bounded_number_of_queries(
    client: Client, session: Session, manager, kenya: Country, django_assert_max_num_queries
) -> None:
    nominations = many_participants(session, 500, kenya)
    day = day_of(session)
    Attendance.objects.bulk_create(
        Attendance(nomination=nomination, day=day, status=Mark.PRESENT, method=Attendance.Method.MANAGER)
        for nomination in nominations[:300]
    )
    signed_in(client, manager)
    with django_assert_max_num_queries(20):
        response = client.get(sheet_url(session, day))
    assert response.content.decode().count('class="att-row') == 500


# --- Recording --------------------------------------------------------------------------------------


def test_a_plain_form_post_saves_and_goes_back_to_the_row(
    client: Client, session: Session, instructor
) -> None:
    nomination = participant(session)
    day = day_of(session)
    response = signed_in(client, instructor).post(
        record_url(session), mark_form(nomination, day, Mark.LATE, arrived_at="09:40", note="Traffic")
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"?day={day.pk}#participant-{nomination.pk}")
    mark = Attendance.objects.get()
    assert (mark.status, f"{mark.arrived_at:%H:%M}", mark.note, mark.method) == (
        Mark.LATE,
        "09:40",
        "Traffic",
        Attendance.Method.INSTRUCTOR,
    )


def test_an_htmx_post_answers_with_the_row_and_the_day_s_counts(
    client: Client, session: Session, manager
) -> None:
    nomination = participant(session)
    participant(session)
    response = signed_in(client, manager).post(
        record_url(session), mark_form(nomination, day_of(session)), **HTMX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.strip().startswith(f'<li id="participant-{nomination.pk}"')
    assert 'name="status" value="present" class="att-choice att-choice--present" aria-pressed="true"' in body
    assert 'id="att-counts"' in body
    assert 'hx-swap-oob="true"' in body
    assert "Corrected by the course manager" in body


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("future day", "can be recorded from that day on"),
        ("bad status", "Choose present, late"),
        ("bad time", "Enter the arrival time"),
    ],
)
def test_bad_input_is_refused_with_a_message_in_the_row(
    client: Client, session: Session, manager, case: str, message: str
) -> None:
    nomination = participant(session)
    form = mark_form(nomination, day_of(session, 2 if case == "future day" else 0))
    if case == "bad status":
        form["status"] = "asleep"
    if case == "bad time":
        form |= {"status": Mark.LATE, "arrived_at": "quarter past nine"}
    response = signed_in(client, manager).post(record_url(session), form, **HTMX)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attendance.objects.exists()
    plain = client.post(record_url(session), form, follow=True)
    assert message in plain.content.decode()
    assert not Attendance.objects.exists()


def test_someone_not_a_participant_is_refused_without_showing_them(
    client: Client, session: Session, manager
) -> None:
    waitlisted = participant(session, UserFactory(family_name="Omondi"), status=Nomination.Status.WAITLISTED)
    response = signed_in(client, manager).post(
        record_url(session), mark_form(waitlisted, day_of(session)), **HTMX
    )
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(sheet_url(session))
    assert not Attendance.objects.exists()


def test_only_those_who_take_attendance_record_it(client: Client, session: Session, ncb_officer) -> None:
    nomination = participant(session)
    form = mark_form(nomination, day_of(session))
    assert signed_in(client, ncb_officer).post(record_url(session), form).status_code == 403
    assert signed_in(client, UserFactory()).post(record_url(session), form).status_code == 404
    assert signed_in(client, nomination.person).post(record_url(session), form).status_code == 403
    assert not Attendance.objects.exists()


# --- The room screen and the check-in -------------------------------------------------------------


def screen_url(session: Session, day: SessionDay) -> str:
    return reverse("training_sessions:checkin_screen", args=[session.pk, day.pk])


def check_in_url(day: SessionDay) -> str:
    return reverse("training_sessions:check_in", args=[day.checkin_key])


def test_the_room_screen_shows_the_day_s_code_and_address(
    client: Client, session: Session, instructor
) -> None:
    day = day_of(session)
    participant(session)
    response = signed_in(client, instructor).get(screen_url(session, day))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in body
    assert f"http://testserver{check_in_url(day)}" in body
    assert "Give the day a new code" not in body  # the manager's
    counts = client.get(screen_url(session, day), **HTMX).content.decode()
    assert "0 of 1 present" in counts
    assert "<svg" not in counts


def test_a_participant_checks_in_with_a_post_and_a_second_time_changes_nothing(
    client: Client, session: Session
) -> None:
    nomination = participant(session)
    day = day_of(session)
    page = signed_in(client, nomination.person).get(check_in_url(day))
    assert page.status_code == 200
    assert '<form method="post">' in page.content.decode()
    assert not Attendance.objects.exists()  # a link preview records nothing

    first = client.post(check_in_url(day))
    assert first.status_code == 200
    assert "You are checked in" in first.content.decode()
    assert Attendance.objects.get().status in (Mark.PRESENT, Mark.LATE)

    second = client.post(check_in_url(day))
    assert "Nothing was changed" in second.content.decode()
    assert Attendance.objects.count() == 1
    assert "Nothing was changed" in client.get(check_in_url(day)).content.decode()


def test_the_check_in_refuses_clearly(client: Client, session: Session) -> None:
    nomination = participant(session)
    tomorrow = day_of(session, 1)
    signed_in(client, nomination.person)
    wrong_day = client.post(check_in_url(tomorrow))
    assert wrong_day.status_code == 400
    assert "Nothing was recorded" in wrong_day.content.decode()
    signed_in(client, UserFactory())
    stranger = client.post(check_in_url(day_of(session)))
    assert stranger.status_code == 403
    assert session.display_title not in stranger.content.decode()
    assert client.post(reverse("training_sessions:check_in", args=["no-such-key"])).status_code == 404
    assert client.get(reverse("training_sessions:check_in", args=["no-such-key"])).status_code == 404
    assert not Attendance.objects.exists()


def test_the_check_in_asks_to_sign_in_first(client: Client, session: Session) -> None:
    response = client.get(check_in_url(day_of(session)))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_manager_rotates_the_code(client: Client, session: Session, manager) -> None:
    day = day_of(session)
    url = reverse("training_sessions:rotate_checkin", args=[session.pk, day.pk])
    assert signed_in(client, book_instructor(session)).post(url).status_code == 403
    assert SessionDay.objects.get(pk=day.pk).checkin_key == day.checkin_key
    response = signed_in(client, manager).post(url)
    assert response.status_code == 302
    assert SessionDay.objects.get(pk=day.pk).checkin_key != day.checkin_key
    assert client.get(check_in_url(day)).status_code == 404


# --- The grid --------------------------------------------------------------------------------------


def summary_url(session: Session) -> str:
    return reverse("training_sessions:attendance_summary", args=[session.pk])


def test_the_grid_shows_each_day_and_the_percentage_so_far(client: Client) -> None:
    session = running_session(days=3, first=nairobi_today() - timedelta(days=1))
    nomination = participant(session, UserFactory(family_name="Achieng"))
    Attendance.objects.create(
        nomination=nomination, day=day_of(session), status=Mark.PRESENT, method=Attendance.Method.MANAGER
    )
    Attendance.objects.create(
        nomination=nomination, day=day_of(session, 1), status=Mark.PARTIAL, method=Attendance.Method.MANAGER
    )
    body = signed_in(client, session.manager).get(summary_url(session)).content.decode()
    assert "Achieng" in body
    assert "Part of the day" in body
    assert "75%" in body  # over the two days recorded so far
    assert "Complete the session" in body


def test_the_grid_exports_csv_that_no_spreadsheet_runs(client: Client, session: Session, manager) -> None:
    nomination = participant(session, UserFactory(given_names="=HYPERLINK(1)"))
    Attendance.objects.create(
        nomination=nomination, day=day_of(session), status=Mark.LATE, method=Attendance.Method.MANAGER
    )
    response = signed_in(client, manager).get(summary_url(session), {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    header, row = text.splitlines()[:2]
    assert day_of(session).date.isoformat() in header
    assert "Late" in row
    assert ",=HYPERLINK" not in row
    assert "'=HYPERLINK" in row


def test_the_grid_of_500_participants_takes_a_bounded_number_of_queries(
    client: Client, session: Session, manager, kenya: Country, django_assert_max_num_queries
) -> None:
    nominations = many_participants(session, 500, kenya)
    Attendance.objects.bulk_create(
        Attendance(nomination=nomination, day=day, status=Mark.PRESENT, method=Attendance.Method.MANAGER)
        for nomination in nominations
        for day in session.days.all()
    )
    signed_in(client, manager)
    with django_assert_max_num_queries(25):
        response = client.get(summary_url(session))
    assert response.status_code == 200
    with django_assert_max_num_queries(25):
        csv = client.get(summary_url(session), {"export": "csv"})
        assert len(b"".join(csv.streaming_content).splitlines()) == 501
