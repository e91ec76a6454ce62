import csv
import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cadre.accounts.models import User
from cadre.certificates.models import Certificate
from cadre.directory.models import Country
from cadre.training_sessions.models import Nomination, SeatQuota, Session
from cadre.training_sessions.selectors import nominations as selectors
from cadre.training_sessions.tests import test_nominations_fixtures as fixtures
from cadre.training_sessions.tests.test_nominations_fixtures import (
    closed_session,
    completion_certificate,
    official,
    open_session,
)
from tests.factories import AgencyFactory, NominationFactory, SessionFactory

pytestmark = pytest.mark.django_db
session, kenyan, french = fixtures.session, fixtures.kenyan, fixtures.french
two_countries, ncb_head_france = fixtures.focal_point_two_countries, fixtures.ncb_head_france
NCB = reverse("training_sessions:ncb")
EXPORT = reverse("training_sessions:ncb_export")


def export_rows(response: StreamingHttpResponse) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode()  # type: ignore[arg-type]
    return list(csv.reader(io.StringIO(content)))


def test_the_ncb_sees_its_countrys_nominations_only(
    client: Client, session: Session, ncb_officer: User, kenyan: User, french: User
) -> None:
    NominationFactory(session=session, person=kenyan)
    NominationFactory(session=session, person=french)
    client.force_login(ncb_officer)
    response = client.get(NCB)
    body = response.content.decode()
    assert response.status_code == 200
    assert kenyan.family_name in body
    assert french.family_name not in body
    assert [row["nomination"].person for row in response.context["rows"]] == [kenyan]


def test_the_columns(
    client: Client, session: Session, ncb_officer: User, ncb_head: User, kenyan: User
) -> None:
    nomination = NominationFactory(
        session=session,
        person=kenyan,
        status=Nomination.Status.ENDORSED,
        endorsed_by=ncb_head,
        endorsed_at=timezone.now(),
        attendance_percent=90,
        outcome=Nomination.Outcome.COMPLETED,
        response=Nomination.Response.CONFIRMED,
    )
    certificate = completion_certificate(kenyan, session.course, source=nomination)
    client.force_login(ncb_officer)
    body = client.get(NCB).content.decode()
    for text in (
        kenyan.agency.name,
        session.course.title_en,
        "Endorsed by the head of NCB",
        ncb_head.get_full_name(),
        "Confirmed",
        "90 %",
        "Completed",
        reverse("certificates:detail", args=[certificate.code]),
    ):
        assert text in body, text


def test_heads_may_endorse_from_the_list(
    client: Client, session: Session, ncb_officer: User, ncb_head: User, kenyan: User
) -> None:
    NominationFactory(session=session, person=kenyan)
    client.force_login(ncb_head)
    assert "Endorse the selected nominations" in client.get(NCB).content.decode()
    client.force_login(ncb_officer)
    assert "Endorse the selected nominations" not in client.get(NCB).content.decode()


def test_filters(client: Client, ncb_officer: User, kenya: Country) -> None:
    first, second = open_session(), SessionFactory(starts_on=date(2025, 5, 5), ends_on=date(2025, 5, 7))
    alice = NominationFactory(session=first, person=official(kenya, family_name="Achieng"))
    bob = NominationFactory(
        session=second, person=official(kenya, family_name="Barasa"), status=Nomination.Status.ACCEPTED
    )
    client.force_login(ncb_officer)

    def shown(**params: Any) -> list[Nomination]:
        response = client.get(NCB, params)
        return [row["nomination"] for row in response.context["rows"]]

    assert set(shown()) == {alice, bob}
    assert shown(session=first.pk) == [alice]
    assert shown(status="accepted") == [bob]
    assert shown(course=second.course_id) == [bob]
    assert shown(year=2025) == [bob]
    assert shown(q="achi") == [alice]


def test_a_bad_filter_is_shown_not_a_500(
    client: Client, ncb_officer: User, kenyan: User, session: Session
) -> None:
    NominationFactory(session=session, person=kenyan)
    client.force_login(ncb_officer)
    response = client.get(NCB, {"status": "nonsense", "year": "soon", "session": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_open_sessions_with_seats_for_the_country(
    client: Client, ncb_officer: User, kenya: Country, france: Country
) -> None:
    reserved = open_session(capacity=10, seats_by=Session.SeatsBy.COUNTRY)
    SeatQuota.objects.create(session=reserved, country=kenya, seats=4)
    SeatQuota.objects.create(session=reserved, country=france, seats=2)
    plain = open_session()
    closed = closed_session()
    elsewhere = open_session(region=france.region)
    NominationFactory(session=reserved, person=official(kenya))
    client.force_login(ncb_officer)
    sessions = client.get(NCB).context["open_sessions"]
    assert set(sessions) == {reserved, plain}
    assert closed not in sessions
    assert elsewhere not in sessions
    found = next(item for item in sessions if item == reserved)
    assert (found.seats_reserved, found.seats_reserved_all, found.nominated_here) == (4, 6, 1)


def test_an_officer_of_two_countries_picks_one(
    client: Client, session: Session, two_countries: User, kenyan: User, french: User
) -> None:
    NominationFactory(session=session, person=kenyan)
    NominationFactory(session=session, person=french)
    client.force_login(two_countries)
    body = client.get(NCB).content.decode()
    assert kenyan.family_name in body
    assert french.family_name not in body
    body = client.get(NCB, {"country": "FR"}).content.decode()
    assert french.family_name in body
    assert kenyan.family_name not in body


def test_another_country_cannot_be_picked(client: Client, ncb_officer: User) -> None:
    client.force_login(ncb_officer)
    assert client.get(NCB, {"country": "FR"}).status_code == 404
    assert client.get(EXPORT, {"country": "FR"}).status_code == 404


def test_an_administrator_picks_any_country(
    client: Client, session: Session, administrator: User, kenyan: User
) -> None:
    NominationFactory(session=session, person=kenyan)
    client.force_login(administrator)
    assert kenyan.family_name in client.get(NCB, {"country": "KE"}).content.decode()


@pytest.mark.parametrize("persona", ["learner", "nobody", "course_manager", "dpo", "regional_officer"])
def test_others_are_refused(client: Client, request: pytest.FixtureRequest, persona: str) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(NCB).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_the_selector_gives_nothing_of_a_country_not_followed(
    session: Session, ncb_officer: User, kenyan: User, france: Country, french: User
) -> None:
    NominationFactory(session=session, person=french)
    assert not selectors.ncb_nominations(ncb_officer, france, selectors.NcbFilters()).exists()


def test_the_export_streams_the_filtered_list_of_the_country_only(
    client: Client, session: Session, ncb_officer: User, kenya: Country, french: User
) -> None:
    mine = NominationFactory(session=session, person=official(kenya, family_name="Achieng"))
    NominationFactory(session=session, person=official(kenya, family_name="Barasa"), status="accepted")
    NominationFactory(session=session, person=french)
    certificate = completion_certificate(mine.person, session.course, source=mine)
    client.force_login(ncb_officer)
    response = client.get(EXPORT, {"status": "nominated"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = export_rows(response)
    assert rows[0][0] == "Official"
    assert [row[0] for row in rows[1:]] == [mine.person.get_full_name()]
    assert rows[1][-1] == certificate.code
    assert rows[1][3] == session.code


def test_the_export_is_in_the_readers_language_and_defuses_formulas(
    client: Client, session: Session, ncb_officer: User, kenya: Country
) -> None:
    NominationFactory(session=session, person=official(kenya, given_names="=HYPERLINK(1)"))
    ncb_officer.preferred_language = "fr"
    ncb_officer.save()
    client.force_login(ncb_officer)
    rows = export_rows(client.get(EXPORT, HTTP_ACCEPT_LANGUAGE="fr"))
    assert rows[1][0].startswith("'=")
    assert "Retirée" not in rows[1]  # the status is "nominated"
    assert rows[0][2] == "Organisme"  # "Agency", in French


def test_500_nominations_across_20_sessions_in_bounded_queries(
    client: Client, ncb_head: User, kenya: Country, django_assert_max_num_queries: Any
) -> None:
    agency = AgencyFactory(country=kenya)
    today = timezone.localdate()
    sessions = [
        SessionFactory(starts_on=today + timedelta(days=index), ends_on=today + timedelta(days=index + 1))
        for index in range(20)
    ]
    people = User.objects.bulk_create(
        User(
            email=f"bulk{index}@police.ke.example",
            given_names="Bulk",
            family_name=f"Officer{index:03d}",
            country=kenya,
            agency=agency,
        )
        for index in range(500)
    )
    nominations = Nomination.objects.bulk_create(
        Nomination(session=sessions[index % 20], person=person, country=kenya, nominated_by=ncb_head)
        for index, person in enumerate(people)
    )
    for nomination in nominations[:10]:
        completion_certificate(nomination.person, nomination.session.course, source=nomination)
    client.force_login(ncb_head)
    with django_assert_max_num_queries(25):
        response = client.get(NCB)
    assert response.status_code == 200
    assert len(response.context["rows"]) == 50
    assert response.context["page"].paginator.count == 500
    with django_assert_max_num_queries(25):
        page_five = client.get(NCB, {"page": 5, "q": "officer"})
    assert len(page_five.context["rows"]) == 50
    with django_assert_max_num_queries(15):
        rows = export_rows(client.get(EXPORT))
    assert len(rows) == 501
    assert sum(1 for row in rows[1:] if row[-1]) == 10
    assert Certificate.objects.count() == 10


def test_a_session_taking_nominations_may_be_picked_before_any_nomination(
    client: Client, session: Session, ncb_officer: User
) -> None:
    client.force_login(ncb_officer)
    response = client.get(NCB, {"session": session.pk})
    assert response.status_code == 200
    assert not response.context["form"].errors
    assert response.context["rows"] == []
