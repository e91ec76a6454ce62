"""The selection page, decisions through it, the waitlist page, withdrawal and removal."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cadre.accounts.models import User
from cadre.directory.models import Agency, Country, Sector
from cadre.training_sessions.models import Nomination, Session
from cadre.training_sessions.tests.test_selection_fixtures import (
    FAILED,
    PASSED,
    fresh,
    nomination,
    reserve,
    selecting_fixture,  # noqa: F401 — the fixture `selecting`
    waitlisted,
)

pytestmark = pytest.mark.django_db
Status = Nomination.Status


def page(session: Session) -> str:
    return reverse("training_sessions:selection", args=[session.pk])


def many_nominations(session: Session, count: int) -> None:
    """`count` nominations from four countries, both genders, two sectors, written in bulk."""
    countries = list(Country.objects.filter(iso2__in=["KE", "UG", "FR", "EG"]))
    sectors = [Sector.objects.get(code="police"), Sector.objects.exclude(code="police").first()]
    agencies = [
        Agency.objects.create(name=f"Agency {index}", country=countries[index % 4], sector=sectors[index % 2])
        for index in range(8)
    ]
    people = User.objects.bulk_create(
        User(
            email=f"bulk{index}@police.example",
            given_names=f"Given{index}",
            family_name=f"Family{index}",
            country=countries[index % 4],
            agency=agencies[index % 8],
            gender=User.Gender.FEMALE if index % 3 else User.Gender.MALE,
        )
        for index in range(count)
    )
    statuses = [Status.ENDORSED, Status.NOMINATED, Status.WAITLISTED, Status.REJECTED]
    now = timezone.now()
    Nomination.objects.bulk_create(
        Nomination(
            session=session,
            person=person,
            country_id=person.country_id,
            status=statuses[index % 4],
            eligible=index % 5 != 0,
            checks=PASSED if index % 5 else FAILED,
            endorsed_at=now if index % 4 != 1 else None,
            waitlist_position=index if index % 4 == 2 else None,
        )
        for index, person in enumerate(people)
    )


# --- The page -----------------------------------------------------------------------------------


def test_the_page_of_500_nominations_takes_a_fixed_number_of_queries(
    client: Client, selecting, course_manager, kenya, django_assert_max_num_queries
) -> None:
    reserve(selecting, 2, country=kenya)
    many_nominations(selecting, 500)
    client.force_login(course_manager)
    with django_assert_max_num_queries(20):
        response = client.get(page(selecting))
    assert response.status_code == 200
    assert len(response.context["rows"]) == 100
    balances = {balance.dimension.code: balance for balance in response.context["overview"].balances}
    assert balances["country"].nominated == 500
    assert sum(row.nominated for row in balances["gender"].rows) == 500
    kenya_row = next(row for row in balances["country"].rows if row.key == kenya.pk)
    assert (kenya_row.reserved, kenya_row.nominated, kenya_row.nominated_share) == (2, 125, 25)
    with django_assert_max_num_queries(20):
        assert client.get(page(selecting), {"page": 5, "gender": "male", "eligible": "no"}).status_code == 200


def test_endorsed_come_first_then_nominated(client: Client, selecting, course_manager, kenya) -> None:
    rejected = nomination(selecting, kenya, Status.REJECTED)
    nominated = nomination(selecting, kenya, Status.NOMINATED)
    endorsed = nomination(selecting, kenya)
    client.force_login(course_manager)
    rows = client.get(page(selecting)).context["rows"]
    assert [row.nomination.pk for row in rows] == [endorsed.pk, nominated.pk, rejected.pk]


def test_the_page_shows_checks_who_nominated_and_why_one_cannot_be_accepted(
    client: Client, selecting, course_manager, kenya, ncb_officer
) -> None:
    ineligible = nomination(selecting, kenya, eligible=False, checks=FAILED, nominated_by=ncb_officer)
    waiting = nomination(selecting, kenya, Status.NOMINATED)
    client.force_login(course_manager)
    body = client.get(page(selecting)).content.decode()
    assert "sector is not among those admitted" in body
    assert "nomination-check--failed" in body
    assert ncb_officer.get_full_name() in body
    assert "Not endorsed by the head of NCB yet" in body
    assert reverse("training_sessions:decide", args=[ineligible.pk]) in body  # it can still be rejected
    assert waiting.person.get_full_name() in body


def test_filters_and_search(client: Client, selecting, course_manager, kenya, france) -> None:
    kenyan = nomination(selecting, kenya, person=None)
    french = nomination(selecting, france)
    male = nomination(selecting, kenya)
    User.objects.filter(pk=male.person_id).update(gender=User.Gender.MALE, family_name="Wekesa")
    client.force_login(course_manager)

    def shown(**query: object) -> set[int]:
        return {row.nomination.pk for row in client.get(page(selecting), query).context["rows"]}

    assert shown(country=france.pk) == {french.pk}
    assert shown(gender="male") == {male.pk}
    assert shown(q="wekesa") == {male.pk}
    assert shown(region=kenya.region_id) == {kenyan.pk, male.pk}
    assert shown(status="endorsed", eligible="yes") == {kenyan.pk, french.pk, male.pk}
    response = client.get(page(selecting), {"country": "not a number"})
    assert response.status_code == 200
    assert "country" in response.context["form"].errors


def test_only_the_manager_sees_the_page(
    client: Client, selecting, ncb_officer, ncb_officer_elsewhere
) -> None:
    for person in (ncb_officer, ncb_officer_elsewhere):
        client.force_login(person)
        assert client.get(page(selecting)).status_code == 403


def test_the_page_works_in_arabic(client: Client, selecting, course_manager, kenya) -> None:
    nomination(selecting, kenya)
    User.objects.filter(pk=course_manager.pk).update(preferred_language="ar")
    client.force_login(course_manager)
    client.cookies["cadre_language"] = "ar"
    response = client.get(page(selecting))
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()
    # The balance names regions and sectors in the reader's language.
    assert "أفريقيا" in response.content.decode()


# --- Decisions ----------------------------------------------------------------------------------


def test_deciding_one_through_the_page(client: Client, selecting, course_manager, kenya) -> None:
    row = nomination(selecting, kenya)
    client.force_login(course_manager)
    url = reverse("training_sessions:decide", args=[row.pk])
    response = client.post(url, {"decision": "reject", "reason": ""}, follow=True)
    assert "Give the reason for rejecting." in response.content.decode()
    assert fresh(row).status == Status.ENDORSED
    response = client.post(url, {"decision": "accept", "next": page(selecting) + "?status=endorsed"})
    assert response.status_code == 302
    assert response["Location"].endswith("?status=endorsed")
    assert fresh(row).status == Status.ACCEPTED


def test_a_refusal_is_shown_and_changes_nothing(client: Client, selecting, course_manager, kenya) -> None:
    for _ in range(3):
        nomination(selecting, kenya, Status.ACCEPTED)
    row = nomination(selecting, kenya)
    client.force_login(course_manager)
    response = client.post(
        reverse("training_sessions:decide", args=[row.pk]), {"decision": "accept"}, follow=True
    )
    assert "No seat left: waitlist instead." in response.content.decode()
    assert fresh(row).status == Status.ENDORSED


def test_bulk_decisions_through_the_page(client: Client, selecting, course_manager, kenya) -> None:
    rows = [nomination(selecting, kenya) for _ in range(2)]
    blocked = nomination(selecting, kenya, Status.NOMINATED)
    client.force_login(course_manager)
    url = reverse("training_sessions:decide_bulk", args=[selecting.pk])
    response = client.post(
        url, {"decision": "waitlist", "nominations": [*[row.pk for row in rows], blocked.pk]}, follow=True
    )
    body = response.content.decode()
    assert "Nothing was decided." in body
    assert blocked.person.get_full_name() in body
    assert all(fresh(row).status == Status.ENDORSED for row in rows)
    response = client.post(url, {"decision": "waitlist", "nominations": [row.pk for row in rows]})
    assert response.status_code == 302
    assert all(fresh(row).status == Status.WAITLISTED for row in rows)
    response = client.post(url, {"decision": "accept"}, follow=True)
    assert "Tick at least one nomination." in response.content.decode()


def test_others_cannot_decide(client: Client, selecting, kenya, ncb_head, ncb_officer_elsewhere) -> None:
    row = nomination(selecting, kenya)
    client.force_login(ncb_head)
    assert (
        client.post(reverse("training_sessions:decide", args=[row.pk]), {"decision": "accept"}).status_code
        == 403
    )
    client.force_login(ncb_officer_elsewhere)
    assert (
        client.post(reverse("training_sessions:decide", args=[row.pk]), {"decision": "accept"}).status_code
        == 404
    )
    assert fresh(row).status == Status.ENDORSED


# --- The waitlist -------------------------------------------------------------------------------


def test_the_waitlist_page_orders_and_moves(
    client: Client, selecting, course_manager, kenya, django_assert_max_num_queries
) -> None:
    first, second = waitlisted(selecting, kenya, 1), waitlisted(selecting, kenya, 2)
    for position in range(3, 40):
        waitlisted(selecting, kenya, position)
    client.force_login(course_manager)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("training_sessions:waitlist", args=[selecting.pk]))
    assert [row.pk for row, _allowance in response.context["queue"]][:2] == [first.pk, second.pk]
    client.post(reverse("training_sessions:move_waitlisted", args=[second.pk]), {"direction": "up"})
    assert (fresh(second).waitlist_position, fresh(first).waitlist_position) == (1, 2)
    response = client.post(
        reverse("training_sessions:move_waitlisted", args=[second.pk]), {"direction": "sideways"}, follow=True
    )
    assert response.status_code == 200
    assert fresh(second).waitlist_position == 1


def test_filling_the_free_seats_from_the_waitlist_page(
    client: Client, selecting, course_manager, kenya
) -> None:
    rows = [waitlisted(selecting, kenya, position) for position in (1, 2)]
    client.force_login(course_manager)
    response = client.post(reverse("training_sessions:fill_waitlist", args=[selecting.pk]), follow=True)
    assert "Moved from the waitlist to a seat: 2." in response.content.decode()
    assert all(fresh(row).status == Status.ACCEPTED for row in rows)


# --- Withdrawal and removal ---------------------------------------------------------------------


def test_the_ncb_withdraws_through_its_page(client: Client, selecting, kenya, ncb_officer) -> None:
    row = nomination(selecting, kenya, Status.ACCEPTED)
    waiting = waitlisted(selecting, kenya, 1)
    client.force_login(ncb_officer)
    url = reverse("training_sessions:withdraw", args=[row.pk])
    assert "holds a seat" in client.get(url).content.decode()
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert fresh(row).status == Status.ACCEPTED
    response = client.post(url, {"reason": "Reassigned to another unit."})
    assert response.status_code == 302
    assert response["Location"] == reverse("training_sessions:nomination", args=[row.pk])
    assert fresh(row).status == Status.WITHDRAWN
    assert fresh(waiting).status == Status.ACCEPTED


def test_another_countrys_ncb_cannot_withdraw(
    client: Client, selecting, kenya, ncb_officer_elsewhere
) -> None:
    row = nomination(selecting, kenya)
    client.force_login(ncb_officer_elsewhere)
    assert (
        client.post(reverse("training_sessions:withdraw", args=[row.pk]), {"reason": "No."}).status_code
        == 404
    )
    assert fresh(row).status == Status.ENDORSED


def test_the_manager_removes_a_participant(client: Client, selecting, course_manager, kenya) -> None:
    row = nomination(selecting, kenya, Status.ACCEPTED)
    client.force_login(course_manager)
    url = reverse("training_sessions:remove_participant", args=[row.pk])
    client.post(url, {"reason": ""})
    assert fresh(row).status == Status.ACCEPTED
    assert client.post(url, {"reason": "Misconduct."}).status_code == 302
    assert fresh(row).status == Status.WITHDRAWN


def test_the_session_page_links_to_the_selection(
    client: Client, selecting, course_manager, ncb_officer
) -> None:
    client.force_login(course_manager)
    body = client.get(reverse("training_sessions:detail", args=[selecting.pk])).content.decode()
    assert page(selecting) in body
    client.force_login(ncb_officer)
    assert (
        page(selecting)
        not in client.get(reverse("training_sessions:detail", args=[selecting.pk])).content.decode()
    )
