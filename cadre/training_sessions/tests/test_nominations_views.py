from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from cadre.accounts.models import User
from cadre.directory.models import Country
from cadre.training_sessions.models import Nomination, NominationEvent, Session
from cadre.training_sessions.services import nominations as services
from cadre.training_sessions.tests import test_nominations_fixtures as fixtures
from cadre.training_sessions.tests.test_nominations_fixtures import (
    closed_session,
    completion_certificate,
    official,
    open_session,
)
from tests.factories import NominationFactory

pytestmark = pytest.mark.django_db
session, kenyan, french = fixtures.session, fixtures.kenyan, fixtures.french
two_countries, ncb_head_france = fixtures.focal_point_two_countries, fixtures.ncb_head_france


def nominate_url(session: Session, country: str = "") -> str:
    url = reverse("training_sessions:nominate", args=[session.pk])
    return f"{url}?country={country}" if country else url


# --- The nominate page -------------------------------------------------------------------------


def test_the_page_lists_only_the_focal_points_countrys_officials(
    client: Client, session: Session, ncb_officer: User, kenyan: User, french: User
) -> None:
    client.force_login(ncb_officer)
    response = client.get(nominate_url(session))
    body = response.content.decode()
    assert response.status_code == 200
    assert kenyan.family_name in body
    assert french.family_name not in body
    assert "Eligible" in body
    assert f'value="{kenyan.pk}"' in body


def test_the_page_shows_why_an_official_is_not_eligible(
    client: Client, session: Session, ncb_officer: User, kenyan: User
) -> None:
    completion_certificate(kenyan, session.course)
    client.force_login(ncb_officer)
    body = client.get(nominate_url(session)).content.decode()
    assert "Not eligible" in body
    assert "Already completed this course." in body
    assert f'value="{kenyan.pk}"' not in body  # no box to tick


def test_the_page_shows_the_criteria_and_the_seats(
    client: Client, kenya: Country, ncb_officer: User, kenyan: User
) -> None:
    session = open_session(capacity=10, seats_by=Session.SeatsBy.COUNTRY)
    session.quotas.create(country=kenya, seats=3)
    session.course.admission_criteria_en = "Investigators with two years in a cybercrime unit."
    session.course.save()
    client.force_login(ncb_officer)
    body = client.get(nominate_url(session)).content.decode()
    assert body.count("Investigators with two years in a cybercrime unit.") == 2  # card and confirmation
    assert "Reserved for Kenya: 3. Reserved for nobody: 7. Capacity: 10." in body
    assert 'name="criteria_confirmed"' in body


def test_the_search_finds_by_name_email_or_agency(
    client: Client, session: Session, ncb_officer: User, kenya: Country
) -> None:
    wanjiru = official(kenya, family_name="Wanjiru")
    other = official(kenya, family_name="Kiprono")
    client.force_login(ncb_officer)
    body = client.get(nominate_url(session), {"q": "wanj"}).content.decode()
    assert wanjiru.family_name in body
    assert other.family_name not in body
    body = client.get(nominate_url(session), {"q": wanjiru.agency.acronym}).content.decode()
    assert wanjiru.family_name in body
    assert other.family_name not in body


def test_the_page_is_paginated_with_bounded_queries(
    client: Client, session: Session, ncb_officer: User, kenya: Country, django_assert_max_num_queries: Any
) -> None:
    for _ in range(30):
        official(kenya)
    client.force_login(ncb_officer)
    with django_assert_max_num_queries(30):
        response = client.get(nominate_url(session))
    assert len(response.context["rows"]) == 25
    assert response.context["page"].has_next()


def test_nominating_from_the_page(
    client: Client,
    session: Session,
    ncb_officer: User,
    ncb_head: User,
    kenya: Country,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    first, second = official(kenya), official(kenya)
    client.force_login(ncb_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            nominate_url(session, "KE"),
            {"selected": [first.pk, second.pk], "motivation": "Both investigate."},
        )
    assert response.status_code == 302
    assert set(Nomination.objects.filter(session=session).values_list("person_id", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert len(mailoutbox) == 1
    followed = client.get(response["Location"]).content.decode()
    assert "2 officials nominated" in followed


def test_an_ineligible_official_is_refused_and_nothing_changes(
    client: Client, session: Session, ncb_officer: User, kenyan: User
) -> None:
    completion_certificate(kenyan, session.course)
    client.force_login(ncb_officer)
    response = client.post(nominate_url(session), {"selected": [kenyan.pk]})
    assert response.status_code == 400
    assert "cannot be nominated: Already completed this course." in response.content.decode()
    assert not Nomination.objects.filter(session=session).exists()


def test_nothing_selected_is_a_clear_error(client: Client, session: Session, ncb_officer: User) -> None:
    client.force_login(ncb_officer)
    response = client.post(nominate_url(session), {"selected": []})
    assert response.status_code == 400
    assert "Select at least one official to nominate." in response.content.decode()


def test_unticked_criteria_are_a_clear_error(
    client: Client, session: Session, ncb_officer: User, kenyan: User
) -> None:
    session.course.admission_criteria_en = "Serving officers only."
    session.course.save()
    client.force_login(ncb_officer)
    response = client.post(nominate_url(session), {"selected": [kenyan.pk]})
    assert response.status_code == 400
    assert "Confirm that the officials meet the admission criteria" in response.content.decode()
    assert not Nomination.objects.exists()


@pytest.mark.parametrize("bad", ["abc", "-1", ""])
def test_garbage_ids_are_a_clear_error(
    client: Client, session: Session, ncb_officer: User, kenyan: User, bad: str
) -> None:
    client.force_login(ncb_officer)
    response = client.post(nominate_url(session), {"selected": [bad]})
    assert response.status_code == 400
    assert not Nomination.objects.exists()


def test_a_foreign_official_is_not_found(
    client: Client, session: Session, ncb_officer: User, kenyan: User, french: User
) -> None:
    client.force_login(ncb_officer)
    response = client.post(nominate_url(session), {"selected": [kenyan.pk, french.pk]})
    assert response.status_code == 404
    assert not Nomination.objects.exists()


def test_a_foreign_country_is_not_found(client: Client, session: Session, ncb_officer: User) -> None:
    client.force_login(ncb_officer)
    assert client.get(nominate_url(session, "FR")).status_code == 404
    assert client.get(nominate_url(session, "ZZ")).status_code == 404


def test_a_focal_point_of_two_countries_picks_one(
    client: Client, session: Session, two_countries: User, kenyan: User, french: User
) -> None:
    client.force_login(two_countries)
    body = client.get(nominate_url(session)).content.decode()
    assert kenyan.family_name in body
    assert french.family_name not in body
    assert 'name="country"' in body
    body = client.get(nominate_url(session, "FR")).content.decode()
    assert french.family_name in body
    assert kenyan.family_name not in body
    response = client.post(nominate_url(session, "FR"), {"selected": [french.pk]})
    assert response.status_code == 302
    assert Nomination.objects.get().country.iso2 == "FR"


@pytest.mark.parametrize(
    ("persona", "status"),
    [("ncb_head", 403), ("learner", 404), ("course_manager", 404), ("administrator", 403)],
)
def test_only_focal_points_open_the_page(  # others: 404 when the session is not theirs to see
    client: Client, request: pytest.FixtureRequest, session: Session, persona: str, status: int
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(nominate_url(session)).status_code == status


def test_a_planned_session_is_not_found(client: Client, ncb_officer: User) -> None:
    client.force_login(ncb_officer)
    assert client.get(nominate_url(open_session(status=Session.Status.PLANNED))).status_code == 404


def test_outside_the_window_the_page_says_so_and_refuses(
    client: Client, ncb_officer: User, kenyan: User
) -> None:
    session = closed_session()
    client.force_login(ncb_officer)
    body = client.get(nominate_url(session)).content.decode()
    assert "Nominations for this session are not open" in body
    assert f'value="{kenyan.pk}"' not in body
    response = client.post(nominate_url(session), {"selected": [kenyan.pk]})
    assert response.status_code == 400
    assert not Nomination.objects.exists()


def test_the_page_works_in_arabic(client: Client, session: Session, ncb_officer: User, kenyan: User) -> None:
    ncb_officer.preferred_language = "ar"
    ncb_officer.save()
    client.force_login(ncb_officer)
    response = client.get(nominate_url(session))
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


# --- A nomination's page ---------------------------------------------------------------------


def make_nomination(session: Session, person: User, by: User) -> Nomination:
    return services.nominate(
        session=session, person=person, by=by, motivation="Fit.", criteria_confirmed=True
    )


def test_the_nomination_page_shows_checks_and_history(
    client: Client, session: Session, ncb_officer: User, ncb_head: User, kenyan: User
) -> None:
    nomination = make_nomination(session, kenyan, ncb_officer)
    services.endorse_nomination(nomination=nomination, by=ncb_head)
    client.force_login(ncb_officer)
    response = client.get(reverse("training_sessions:nomination", args=[nomination.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Access approved by the NCB." in body
    assert "Endorsed by the head of NCB" in body
    assert ncb_head.get_full_name() in body
    assert len(response.context["events"]) == 2


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("ncb_officer", 200),
        ("ncb_head", 200),
        ("kenyan", 200),
        ("ncb_officer_elsewhere", 404),
        ("ncb_head_france", 404),
        ("learner", 404),
        ("course_manager", 404),
        ("administrator", 200),
    ],
)
def test_who_sees_a_nomination(
    client: Client, request: pytest.FixtureRequest, session: Session, kenyan: User, persona: str, status: int
) -> None:
    nomination = NominationFactory(session=session, person=kenyan)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("training_sessions:nomination", args=[nomination.pk])).status_code == status


def test_the_head_sees_the_endorse_button_and_the_focal_point_does_not(
    client: Client, session: Session, ncb_officer: User, ncb_head: User, kenyan: User
) -> None:
    nomination = NominationFactory(session=session, person=kenyan)
    url = reverse("training_sessions:nomination", args=[nomination.pk])
    client.force_login(ncb_head)
    assert "Endorse this nomination" in client.get(url).content.decode()
    client.force_login(ncb_officer)
    assert "Endorse this nomination" not in client.get(url).content.decode()


def test_the_ncb_finds_how_to_withdraw_an_accepted_official_and_the_nominee_does_not(
    client: Client, session: Session, ncb_officer: User, kenyan: User
) -> None:
    nomination = NominationFactory(session=session, person=kenyan, status=Nomination.Status.ACCEPTED)
    url = reverse("training_sessions:nomination", args=[nomination.pk])
    withdraw = reverse("training_sessions:withdraw", args=[nomination.pk])
    client.force_login(ncb_officer)
    assert f'href="{withdraw}"' in client.get(url).content.decode()
    client.force_login(kenyan)  # the nominee declines on the invitation page instead
    assert f'href="{withdraw}"' not in client.get(url).content.decode()
    Nomination.objects.filter(pk=nomination.pk).update(status=Nomination.Status.WITHDRAWN)
    client.force_login(ncb_officer)
    assert f'href="{withdraw}"' not in client.get(url).content.decode()


# --- Endorsing -------------------------------------------------------------------------------


def test_the_head_endorses_one(client: Client, session: Session, ncb_head: User, kenyan: User) -> None:
    nomination = NominationFactory(session=session, person=kenyan)
    detail = reverse("training_sessions:nomination", args=[nomination.pk])
    client.force_login(ncb_head)
    response = client.post(
        reverse("training_sessions:endorse"), {"selected": [nomination.pk], "next": detail}
    )
    assert (response.status_code, response["Location"]) == (302, detail)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.ENDORSED


def test_the_head_endorses_several(client: Client, session: Session, ncb_head: User, kenya: Country) -> None:
    nominations = [NominationFactory(session=session, person=official(kenya)) for _ in range(3)]
    client.force_login(ncb_head)
    response = client.post(
        reverse("training_sessions:endorse"), {"selected": [item.pk for item in nominations]}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("training_sessions:ncb")
    assert NominationEvent.objects.filter(action="endorsed").count() == 3


def test_an_outside_next_is_ignored(client: Client, session: Session, ncb_head: User, kenyan: User) -> None:
    nomination = NominationFactory(session=session, person=kenyan)
    client.force_login(ncb_head)
    response = client.post(
        reverse("training_sessions:endorse"), {"selected": [nomination.pk], "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("training_sessions:ncb")


def test_a_foreign_nomination_is_not_found_and_unchanged(
    client: Client, session: Session, ncb_head_france: User, kenyan: User
) -> None:
    nomination = NominationFactory(session=session, person=kenyan)
    client.force_login(ncb_head_france)
    assert client.post(reverse("training_sessions:endorse"), {"selected": [nomination.pk]}).status_code == 404
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.NOMINATED


def test_the_focal_point_may_not_endorse(
    client: Client, session: Session, ncb_officer: User, kenyan: User
) -> None:
    nomination = NominationFactory(session=session, person=kenyan)
    client.force_login(ncb_officer)
    assert client.post(reverse("training_sessions:endorse"), {"selected": [nomination.pk]}).status_code == 403
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.NOMINATED


def test_nothing_to_endorse_says_so(client: Client, session: Session, ncb_head: User, kenyan: User) -> None:
    nomination = NominationFactory(session=session, person=kenyan, status=Nomination.Status.ENDORSED)
    client.force_login(ncb_head)
    response = client.post(reverse("training_sessions:endorse"), {"selected": [nomination.pk]}, follow=True)
    assert "Nothing was endorsed" in response.content.decode()


def test_endorsing_nothing_selected_says_so(client: Client, ncb_head: User) -> None:
    client.force_login(ncb_head)
    response = client.post(reverse("training_sessions:endorse"), {}, follow=True)
    assert "Select at least one nomination to endorse." in response.content.decode()
