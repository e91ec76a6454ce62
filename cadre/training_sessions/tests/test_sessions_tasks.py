"""Whom a session's change concerns, and the e-mails telling them, each in their language."""

import pytest
from django.core import mail
from django.utils import formats, translation

from cadre.directory.models import Country
from cadre.training_sessions.models import SessionEvent
from cadre.training_sessions.selectors.sessions import people_concerned
from cadre.training_sessions.services import session_instructors
from cadre.training_sessions.tasks import notifications
from cadre.training_sessions.tests import test_sessions_fixtures as fixtures
from cadre.training_sessions.tests.test_sessions_fixtures import certified
from conftest import person_with
from tests.factories import NominationFactory, UserFactory

pytestmark = pytest.mark.django_db
manager_course, planned, opened = fixtures.manager_course, fixtures.planned, fixtures.opened


def test_people_concerned_are_the_nominees_still_in_their_ncbs_and_the_instructors_once_each(
    course_manager, opened, kenya, france
) -> None:
    nigeria = Country.objects.get(iso2="NG")
    focal_ke = person_with("ncb-focal-point", kenya, country=kenya)
    both = person_with("ncb-focal-point", kenya, country=kenya)  # also nominated: told once
    person_with("ncb-focal-point", nigeria, country=nigeria)  # no nominee from Nigeria
    person_with("ncb-head", kenya, country=kenya)  # the head is not told here
    spanish = UserFactory(country=kenya, preferred_language="es")
    NominationFactory(session=opened, person=spanish, status="endorsed")
    NominationFactory(session=opened, person=both, status="accepted")
    NominationFactory(session=opened, person=UserFactory(country=france), status="withdrawn")
    NominationFactory(session=opened, person=UserFactory(country=kenya, is_active=False), status="accepted")
    instructor = certified(opened.course)
    session_instructors.add_instructor(session=opened, instructor=instructor, by=course_manager)
    released = UserFactory(preferred_language="ar")

    found = people_concerned(opened, also=[released.pk])

    emails = [row.email for row in found]
    assert sorted(emails) == sorted(
        [spanish.email, both.email, focal_ke.email, instructor.person.email, released.email]
    )
    by_email = {row.email: row for row in found}
    assert by_email[spanish.email].language == "es"
    assert by_email[released.email].language == "ar"
    assert by_email[spanish.email].name == spanish.get_short_name()


def test_a_cancellation_is_mailed_to_each_in_their_language(course_manager, opened, kenya) -> None:
    french = UserFactory(country=kenya, preferred_language="fr")
    NominationFactory(session=opened, person=french, status="accepted")
    event = SessionEvent.objects.create(
        session=opened, kind=SessionEvent.Kind.CANCELLED, by=course_manager, note="Budget withdrawn."
    )
    assert notifications.notify_session_event.delay(event.pk).get() == 1
    message = mail.outbox[0]
    assert message.to == [french.email]
    assert opened.code in message.subject
    assert "Budget withdrawn." in message.body
    with translation.override("fr"):
        assert formats.date_format(opened.starts_on, "DATE_FORMAT") in message.body


def test_other_events_send_nothing(course_manager, opened, kenya) -> None:
    NominationFactory(session=opened, person=UserFactory(country=kenya), status="accepted")
    event = opened.events.filter(kind=SessionEvent.Kind.STATUS).get()
    assert notifications.notify_session_event.delay(event.pk).get() == 0
    assert notifications.send_session_mail.delay(event.pk, "x@example.org", "en", "X").get() == 0
    assert mail.outbox == []


def test_the_history_keeps_days_the_e_mail_can_read_back() -> None:
    rows = [{"date": "2027-03-01", "starts_at": "09:00", "ends_at": "17:00"}, {"date": "bad"}, "nonsense"]
    days = notifications.stored_days(rows)
    assert [(day.date.isoformat(), day.starts_at.hour) for day in days] == [("2027-03-01", 9)]
    assert notifications.stored_days(None) == []
