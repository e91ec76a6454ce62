"""The participant's invitation page and the letter of invitation (PDF, in four languages)."""

import io
import unicodedata
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cadre.directory.models import Country
from cadre.training_sessions.models import Nomination, Session
from cadre.training_sessions.tests.test_selection_fixtures import (
    fresh,
    managed_session,
    nomination,
    official,
    waitlisted,
)
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db
Status = Nomination.Status
ARABIC_GIVEN, ARABIC_FAMILY = "ليلى", "الحداد"


@pytest.fixture
def invited(course_manager) -> Nomination:
    """An accepted Egyptian participant of a three-day session at an academy in Nairobi."""
    venue = InstitutionFactory(name="Kenya Police College", city="Nairobi")
    session = managed_session(
        course_manager,
        days=3,
        venue=venue,
        country=Country.objects.get(iso2="KE"),
        joining_instructions="Bring your passport and badge.",
    )
    session.days.filter(date=session.starts_on).update(agenda="Opening and case study")
    egypt = Country.objects.get(iso2="EG")
    person = official(egypt, position="Criminal analyst", rank="Captain", family_name="Haddad")
    return nomination(session, egypt, Status.ACCEPTED, person=person)


def respond_url(row: Nomination) -> str:
    return reverse("training_sessions:respond", args=[row.pk])


# --- The invitation page ------------------------------------------------------------------------


def test_the_participant_sees_the_essentials_and_confirms(client: Client, invited) -> None:
    client.force_login(invited.person)
    body = client.get(respond_url(invited)).content.decode()
    assert "Kenya Police College" in body
    assert "Bring your passport and badge." in body
    assert "Opening and case study" in body
    assert reverse("training_sessions:letter", args=[invited.pk]) in body
    assert client.post(respond_url(invited), {"answer": "confirm"}).status_code == 302
    assert fresh(invited).response == Nomination.Response.CONFIRMED
    assert "You confirmed your place" in client.get(respond_url(invited)).content.decode()


def test_declining_frees_the_place(client: Client, invited) -> None:
    waiting = waitlisted(invited.session, invited.country, 1)
    client.force_login(invited.person)
    response = client.post(respond_url(invited), {"answer": "decline", "reason": "Operational duties."})
    assert response.status_code == 302
    assert fresh(invited).status == Status.WITHDRAWN
    assert fresh(waiting).status == Status.ACCEPTED
    assert client.get(respond_url(invited)).status_code == 200  # still readable: "you declined"


def test_a_bad_answer_changes_nothing(client: Client, invited) -> None:
    client.force_login(invited.person)
    response = client.post(respond_url(invited), {"answer": "maybe"})
    assert response.status_code == 400
    assert fresh(invited).response == Nomination.Response.PENDING


def test_after_the_deadline_the_answer_is_refused(client: Client, invited) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    Session.objects.filter(pk=invited.session_id).update(respond_by=yesterday)
    Nomination.objects.filter(pk=invited.pk).update(decided_at=timezone.now() - timedelta(days=30))
    client.force_login(invited.person)
    body = client.get(respond_url(invited)).content.decode()
    assert "The deadline to answer was" in body
    assert 'name="answer"' not in body
    response = client.post(respond_url(invited), {"answer": "confirm"})
    assert response.status_code == 400
    assert "The deadline to answer was" in response.content.decode()
    assert fresh(invited).response == Nomination.Response.PENDING


def test_only_the_participant_answers(client: Client, invited, course_manager, ncb_officer_elsewhere) -> None:
    client.force_login(course_manager)
    assert client.get(respond_url(invited)).status_code == 403
    assert client.post(respond_url(invited), {"answer": "decline"}).status_code == 403
    client.force_login(ncb_officer_elsewhere)
    assert client.get(respond_url(invited)).status_code == 404
    assert fresh(invited).status == Status.ACCEPTED


def test_the_invitation_page_works_in_arabic(client: Client, invited) -> None:
    type(invited.person).objects.filter(pk=invited.person_id).update(preferred_language="ar")
    client.force_login(invited.person)
    response = client.get(respond_url(invited))
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


# --- The letter ---------------------------------------------------------------------------------


def letter_text(client: Client, row: Nomination, **query: str) -> str:
    response = client.get(reverse("training_sessions:letter", args=[row.pk]), query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    return unicodedata.normalize("NFKC", text)


@pytest.mark.parametrize(
    ("language", "nationality"), [("en", "Egypt"), ("fr", "Égypte"), ("es", "Egipto"), ("ar", "مصر")]
)
def test_the_letter_is_in_the_participants_language(client: Client, invited, language, nationality) -> None:
    person = invited.person
    type(person).objects.filter(pk=person.pk).update(preferred_language=language)
    client.force_login(person)
    text = letter_text(client, invited)
    assert nationality in text
    assert f"{invited.session.code.upper()}/{invited.pk}" in text
    assert "HADDAD" in text
    assert "Kenya Police College" in text
    assert "Criminal analyst" in text


def test_the_letter_sets_an_arabic_name_and_asks_for_the_visa(client: Client, invited) -> None:
    type(invited.person).objects.filter(pk=invited.person_id).update(
        given_names=ARABIC_GIVEN, family_name=ARABIC_FAMILY, preferred_language="ar"
    )
    client.force_login(invited.person)
    text = letter_text(client, invited)
    assert ARABIC_GIVEN in text
    assert ARABIC_FAMILY in text
    english = letter_text(client, invited, language="en")
    assert "facilitate the issuance of any visa" in english
    assert "Capacity Building and Training Directorate" in english  # the letterhead


def test_the_ncb_and_manager_get_the_letter_others_do_not(
    client: Client, invited, course_manager, kenya, ncb_officer_elsewhere
) -> None:
    from conftest import person_with

    egypt_ncb = person_with("ncb-focal-point", invited.country, country=invited.country)
    for person in (egypt_ncb, course_manager):
        client.force_login(person)
        assert client.get(reverse("training_sessions:letter", args=[invited.pk])).status_code == 200
    client.force_login(ncb_officer_elsewhere)
    assert client.get(reverse("training_sessions:letter", args=[invited.pk])).status_code == 404
    waiting = waitlisted(invited.session, kenya, 1)
    client.force_login(waiting.person)
    assert client.get(reverse("training_sessions:letter", args=[waiting.pk])).status_code == 403
