"""Sessions in calendars: a session's .ics, and a person's feed behind its signed key."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from cadre.training_sessions import ical
from cadre.training_sessions.models import Nomination, Session
from cadre.training_sessions.services import session_instructors
from cadre.training_sessions.services import sessions as services
from cadre.training_sessions.tests import test_sessions_fixtures as fixtures
from cadre.training_sessions.tests.test_sessions_fixtures import certified, days_from, schedule
from tests.factories import NominationFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db
manager_course, planned, opened = fixtures.manager_course, fixtures.planned, fixtures.opened


def events_of(body: bytes) -> list:
    return [item for item in Calendar.from_ical(body).walk() if item.name == "VEVENT"]


def ics(client: Client, session: Session) -> bytes:
    response = client.get(reverse("training_sessions:ics", args=[session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return response.content


def test_a_session_is_one_event_per_day_in_its_time_zone(client: Client, course_manager, opened) -> None:
    client.force_login(course_manager)
    events = events_of(ics(client, opened))
    assert len(events) == 3
    first = events[0]
    zone = ZoneInfo("Africa/Nairobi")
    assert first.decoded("dtstart") == datetime.combine(
        opened.starts_on, datetime.min.time().replace(hour=9), zone
    )
    assert "TZID=Africa/Nairobi" in first.to_ical().decode()
    assert "Police Training College" in str(first["location"])
    assert str(first["url"]).endswith(reverse("training_sessions:detail", args=[opened.pk]))
    assert str(first["status"]) == "TENTATIVE"
    assert "day 1 of 3" in str(first["summary"])
    assert b"BEGIN:VTIMEZONE" in ics(client, opened)


def test_rescheduling_keeps_each_days_uid_and_raises_its_sequence(
    client: Client, course_manager, opened
) -> None:
    client.force_login(course_manager)
    before = {str(event["uid"]): int(event["sequence"]) for event in events_of(ics(client, opened))}
    services.reschedule_session(
        session=opened,
        by=course_manager,
        days=days_from(opened.starts_on + timedelta(days=7)),
        reason="Moved.",
    )
    after = events_of(ics(client, opened))
    assert {str(event["uid"]) for event in after} == set(before)
    assert all(int(event["sequence"]) > before[str(event["uid"])] for event in after)
    assert after[0].decoded("dtstart").date() == opened.starts_on + timedelta(days=7)


def test_a_cancelled_session_tells_calendars_so(client: Client, course_manager, opened) -> None:
    services.cancel_session(session=opened, by=course_manager, reason="No budget.")
    client.force_login(course_manager)
    events = events_of(ics(client, opened))
    assert {str(event["status"]) for event in events} == {"CANCELLED"}
    assert "No budget." in str(events[0]["description"])


def test_only_those_who_may_see_the_session_download_it(
    client: Client, learner, ncb_officer, course_manager, manager_course, opened
) -> None:
    planned = schedule(course_manager, manager_course, first_day=opened.ends_on + timedelta(days=30))
    client.force_login(learner)
    assert client.get(reverse("training_sessions:ics", args=[opened.pk])).status_code == 404
    client.force_login(ncb_officer)
    assert client.get(reverse("training_sessions:ics", args=[planned.pk])).status_code == 404
    assert client.get(reverse("training_sessions:ics", args=[opened.pk])).status_code == 200


def test_the_feed_lists_the_sessions_one_is_accepted_to_and_teaches(
    client: Client, course_manager, manager_course, opened, django_assert_max_num_queries
) -> None:
    person = UserFactory(preferred_language="fr")
    NominationFactory(session=opened, person=person, status=Nomination.Status.ACCEPTED)
    waitlisted = SessionFactory(status="open", days=2)
    NominationFactory(session=waitlisted, person=person, status=Nomination.Status.WAITLISTED)
    teaching = schedule(course_manager, manager_course, first_day=opened.ends_on + timedelta(days=20))
    services.open_nominations(session=teaching, by=course_manager)
    session_instructors.add_instructor(
        session=teaching, instructor=certified(manager_course, person=person), by=course_manager
    )
    url = reverse("training_sessions:feed", args=[ical.feed_token(person.pk)])
    with django_assert_max_num_queries(6):
        response = client.get(url)  # no one signed in: calendar programs do not sign in
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    uids = {str(event["uid"]) for event in events_of(response.content)}
    assert {uid.split("-day-")[0] for uid in uids} == {f"session-{opened.pk}", f"session-{teaching.pk}"}
    assert len(uids) == 6


def test_a_feed_key_not_signed_by_cadre_or_of_a_closed_account_finds_nothing(client: Client) -> None:
    person = UserFactory()
    token = ical.feed_token(person.pk)
    assert client.get(reverse("training_sessions:feed", args=[token + "x"])).status_code == 404
    assert client.get(reverse("training_sessions:feed", args=["nonsense"])).status_code == 404
    forged = ical.signing.Signer(salt="another purpose").sign_object(person.pk)
    assert client.get(reverse("training_sessions:feed", args=[forged])).status_code == 404
    type(person).objects.filter(pk=person.pk).update(is_active=False)
    assert client.get(reverse("training_sessions:feed", args=[token])).status_code == 404


def test_the_list_offers_ones_own_feed_at_an_address_that_stays_the_same(client: Client, learner) -> None:
    client.force_login(learner)
    body = client.get(reverse("training_sessions:list")).content.decode()
    assert reverse("training_sessions:feed", args=[ical.feed_token(learner.pk)]) in body
    assert ical.feed_token(learner.pk) == ical.feed_token(learner.pk)
    assert ical.feed_owner_id(ical.feed_token(learner.pk)) == learner.pk
