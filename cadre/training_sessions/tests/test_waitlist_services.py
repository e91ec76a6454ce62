"""The waitlist: its order, promotion when a seat frees up (respecting reserved seats), withdrawal
and removal; and, on PostgreSQL, that two changes at once never give a seat twice."""

import io
import threading
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from cadre.accounts.models import User
from cadre.directory.models import Country
from cadre.training_sessions.models import Nomination, Session
from cadre.training_sessions.selectors import selection as selectors
from cadre.training_sessions.services import selection as services
from cadre.training_sessions.services import waitlist as waitlist_services
from cadre.training_sessions.tests.test_selection_fixtures import (
    FAILED,
    closed_window,
    fresh,
    managed_session,
    nomination,
    reserve,
    selecting_fixture,  # noqa: F401 — the fixture `selecting`
    waitlisted,
)
from conftest import person_with
from tests.concurrency import at_once, on_postgresql

Status = Nomination.Status


def accepted_count(session: Session) -> int:
    return Nomination.objects.filter(session=session, status=Status.ACCEPTED).count()


# --- Order --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_manager_moves_people_up_and_down(selecting, kenya, course_manager) -> None:
    first, second, third = (waitlisted(selecting, kenya, position) for position in (1, 2, 3))
    waitlist_services.move_on_waitlist(nomination=third, by=course_manager, direction="up")
    assert list(selectors.waitlist_of(selecting)) == [first, third, second]
    waitlist_services.move_on_waitlist(nomination=first, by=course_manager, direction="down")
    assert list(selectors.waitlist_of(selecting)) == [third, first, second]
    assert [row.waitlist_position for row in selectors.waitlist_of(selecting)] == [1, 2, 3]
    with pytest.raises(ValidationError, match="cannot move further"):
        waitlist_services.move_on_waitlist(nomination=third, by=course_manager, direction="up")
    with pytest.raises(PermissionDenied):
        waitlist_services.move_on_waitlist(nomination=second, by=person_with(None), direction="up")


@pytest.mark.django_db
def test_moving_someone_no_longer_waiting_is_refused(selecting, kenya, course_manager) -> None:
    row = nomination(selecting, kenya)
    with pytest.raises(ValidationError, match="not on the waitlist"):
        waitlist_services.move_on_waitlist(nomination=row, by=course_manager, direction="up")


# --- Promotion ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_withdrawing_a_participant_promotes_the_first_who_may_take_the_seat(
    selecting, kenya, france, course_manager, ncb_officer, django_capture_on_commit_callbacks
) -> None:
    # One seat reserved for France: the Kenyan at the head of the waitlist may not take it.
    reserve(selecting, 1, country=france)
    participants = [nomination(selecting, kenya, Status.ACCEPTED) for _ in range(2)]
    french_participant = nomination(selecting, france, Status.ACCEPTED)
    ineligible = waitlisted(selecting, france, 1, eligible=False, checks=FAILED)
    kenyan = waitlisted(selecting, kenya, 2)
    french = waitlisted(selecting, france, 3)
    focal_point = person_with("ncb-focal-point", france, country=france, preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_nomination(
            nomination=french_participant, by=course_manager, reason="Cannot travel on these dates."
        )
    assert fresh(french_participant).status == Status.WITHDRAWN
    assert fresh(ineligible).status == Status.WAITLISTED  # does not meet the criteria: skipped
    assert fresh(kenyan).status == Status.WAITLISTED  # Kenya has no seat left: skipped
    promoted = fresh(french)
    assert promoted.status == Status.ACCEPTED
    assert promoted.promoted_at is not None
    assert promoted.decided_by is None  # promoted by the waitlist, not by a person
    assert promoted.events.get(action="promoted").by == course_manager
    assert accepted_count(selecting) == 3
    recipients = {tuple(message.to) for message in mail.outbox}
    assert (promoted.person.email,) in recipients  # the invitation
    assert (focal_point.email,) in recipients  # the NCB is told, in French
    ncb_mail = next(message for message in mail.outbox if message.to == [focal_point.email])
    assert promoted.person.get_full_name() in ncb_mail.body
    assert participants[0].person.email not in {address for message in mail.outbox for address in message.to}
    assert fresh(kenyan).status == Status.WAITLISTED


@pytest.mark.django_db
def test_the_ncb_withdraws_its_nomination_and_a_waiting_one_leaves_the_queue(
    selecting, kenya, ncb_officer, ncb_officer_elsewhere, course_manager, django_capture_on_commit_callbacks
) -> None:
    first = waitlisted(selecting, kenya, 1)
    second = waitlisted(selecting, kenya, 2)
    with pytest.raises(PermissionDenied):
        services.withdraw_nomination(nomination=first, by=ncb_officer_elsewhere, reason="Not ours.")
    with pytest.raises(ValidationError, match="reason"):
        services.withdraw_nomination(nomination=first, by=ncb_officer, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_nomination(nomination=first, by=ncb_officer, reason="Left the service.")
    (told,) = mail.outbox
    assert told.to == [first.person.email]
    assert "was withdrawn" in told.subject
    assert "Left the service." in told.body
    first = fresh(first)
    assert (first.status, first.waitlist_position, first.withdrawn_by) == (
        Status.WITHDRAWN,
        None,
        ncb_officer,
    )
    assert first.events.get(action="withdrawn").note == "Left the service."
    assert list(selectors.waitlist_of(selecting)) == [second]
    assert fresh(second).status == Status.WAITLISTED  # nobody held a seat: nothing to promote


@pytest.mark.django_db
def test_removing_a_participant_promotes(selecting, kenya, course_manager, ncb_head) -> None:
    participant = nomination(selecting, kenya, Status.ACCEPTED)
    waiting = waitlisted(selecting, kenya, 1)
    with pytest.raises(PermissionDenied):
        services.remove_participant(nomination=participant, by=ncb_head, reason="No.")
    services.remove_participant(nomination=participant, by=course_manager, reason="Did not follow the rules.")
    assert fresh(participant).status == Status.WITHDRAWN
    assert fresh(participant).events.get().action == "removed"
    assert fresh(waiting).status == Status.ACCEPTED


@pytest.mark.django_db
def test_a_running_session_promotes_nobody(selecting, kenya, course_manager) -> None:
    waiting = waitlisted(selecting, kenya, 1)
    Session.objects.filter(pk=selecting.pk).update(status=Session.Status.RUNNING)
    assert waitlist_services.promote_from_waitlist(session=selecting, by=None) == []
    assert fresh(waiting).status == Status.WAITLISTED


@pytest.mark.django_db
def test_filling_from_the_waitlist_gives_every_free_seat_in_order(selecting, kenya, course_manager) -> None:
    rows = [waitlisted(selecting, kenya, position) for position in (1, 2, 3, 4)]
    closed_window(selecting)
    promoted = waitlist_services.fill_from_waitlist(session=selecting, by=course_manager)
    assert [row.pk for row in promoted] == [row.pk for row in rows[:3]]
    assert fresh(rows[3]).status == Status.WAITLISTED
    assert waitlist_services.fill_from_waitlist(session=selecting, by=course_manager) == []


# --- Two changes at once (PostgreSQL) -----------------------------------------------------------


@pytest.fixture
def overlapping_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the first count of seats wait until a second count starts, or a second passes: with
    the session's lock, the second cannot start until the first change is committed (the wait
    times out); without it, both would count the same free seat."""
    entered = threading.Event()
    lock = threading.Lock()
    calls = {"count": 0}
    count_seats = selectors.seat_book

    def slow_count(session: Session, quotas: Any = None) -> Any:
        book = count_seats(session, quotas)
        with lock:
            calls["count"] += 1
            first = calls["count"] == 1
        if first:
            entered.wait(timeout=1.5)
        else:
            entered.set()
        return book

    monkeypatch.setattr(selectors, "seat_book", slow_count)


def _reference_and_manager() -> tuple[User, Country]:
    """A transactional test starts from empty tables: load the reference data again."""
    call_command("load_reference", verbosity=0, stdout=io.StringIO())
    kenya = Country.objects.get(iso2="KE")
    return person_with("administrator", country=kenya), kenya


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_withdrawals_at_once_promote_the_one_waiting_person_once(overlapping_counts) -> None:
    course_manager, kenya = _reference_and_manager()
    session = managed_session(course_manager, capacity=2)
    leaving = [nomination(session, kenya, Status.ACCEPTED) for _ in range(2)]
    waiting = waitlisted(session, kenya, 1)
    results = at_once(
        [
            lambda row=row: services.withdraw_nomination(nomination=row, by=course_manager, reason="Ill.")
            for row in leaving
        ]
    )
    assert not [result for result in results if isinstance(result, Exception)]
    assert fresh(waiting).status == Status.ACCEPTED
    assert fresh(waiting).events.filter(action="promoted").count() == 1
    assert accepted_count(session) == 1


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_acceptances_into_the_last_seat_give_it_once(overlapping_counts) -> None:
    course_manager, kenya = _reference_and_manager()
    session = managed_session(course_manager, capacity=1)
    rivals = [nomination(session, kenya) for _ in range(2)]
    results = at_once(
        [lambda row=row: services.accept_nomination(nomination=row, by=course_manager) for row in rivals]
    )
    refusals = [result for result in results if isinstance(result, ValidationError)]
    assert len(refusals) == 1
    assert "No seat left" in refusals[0].messages[0]
    assert accepted_count(session) == 1
