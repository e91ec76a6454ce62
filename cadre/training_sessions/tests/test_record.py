from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from cadre.accounts.models import User
from cadre.directory.models import Country
from cadre.training_sessions.models import Nomination, Session
from cadre.training_sessions.tests import test_nominations_fixtures as fixtures
from cadre.training_sessions.tests.test_nominations_fixtures import (
    completion_certificate,
    official,
    open_session,
)
from tests.factories import NominationFactory, SessionFactory

pytestmark = pytest.mark.django_db
kenyan, french = fixtures.kenyan, fixtures.french
RECORD = reverse("training_sessions:record")


def past_session(**values: Any) -> Session:
    return SessionFactory(
        starts_on=date(2024, 6, 3),
        ends_on=date(2024, 6, 5),
        nominations_open_on=date(2024, 4, 1),
        nominations_close_on=date(2024, 5, 1),
        status=Session.Status.COMPLETED,
        **values,
    )


def test_the_record_splits_upcoming_and_past(client: Client, kenyan: User) -> None:
    upcoming = NominationFactory(session=open_session(), person=kenyan, status=Nomination.Status.ENDORSED)
    past = NominationFactory(
        session=past_session(),
        person=kenyan,
        status=Nomination.Status.ACCEPTED,
        attendance_percent=100,
        outcome=Nomination.Outcome.COMPLETED,
    )
    certificate = completion_certificate(kenyan, past.session.course, source=past)
    client.force_login(kenyan)
    response = client.get(RECORD)
    assert response.status_code == 200
    assert [row["nomination"] for row in response.context["upcoming"]] == [upcoming]
    assert [row["nomination"] for row in response.context["past"]] == [past]
    body = response.content.decode()
    assert "Endorsed by the head of NCB" in body
    assert "100 %" in body
    assert reverse("certificates:detail", args=[certificate.code]) in body


def test_a_cancelled_session_goes_with_the_past(client: Client, kenyan: User) -> None:
    cancelled = NominationFactory(session=open_session(status=Session.Status.CANCELLED), person=kenyan)
    client.force_login(kenyan)
    response = client.get(RECORD)
    assert [row["nomination"] for row in response.context["past"]] == [cancelled]
    assert response.context["upcoming"] == []


def test_an_accepted_participant_is_offered_to_answer(client: Client, kenyan: User) -> None:
    nomination = NominationFactory(session=open_session(), person=kenyan, status=Nomination.Status.ACCEPTED)
    client.force_login(kenyan)
    body = client.get(RECORD).content.decode()
    assert reverse("training_sessions:respond", args=[nomination.pk]) in body


def test_only_ones_own_record(client: Client, kenyan: User, kenya: Country) -> None:
    someone = official(kenya, family_name="Someone")
    NominationFactory(session=open_session(), person=someone)
    client.force_login(kenyan)
    response = client.get(RECORD)
    assert "Someone" not in response.content.decode()
    assert response.context["upcoming"] == []
    assert response.context["past"] == []
    assert "No upcoming session." in response.content.decode()


def test_the_record_is_bounded_in_queries(
    client: Client, kenyan: User, django_assert_max_num_queries: Any
) -> None:
    for _ in range(15):
        nomination = NominationFactory(
            session=past_session(), person=kenyan, status=Nomination.Status.ACCEPTED
        )
        completion_certificate(kenyan, nomination.session.course, source=nomination)
    client.force_login(kenyan)
    with django_assert_max_num_queries(15):
        response = client.get(RECORD)
    assert len(response.context["past"]) == 15


def test_the_record_in_arabic(client: Client, kenyan: User) -> None:
    NominationFactory(session=open_session(), person=kenyan)
    kenyan.preferred_language = "ar"
    kenyan.save()
    client.force_login(kenyan)
    response = client.get(RECORD)
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_visitors_sign_in_first(client: Client) -> None:
    assert client.get(RECORD).status_code == 302
