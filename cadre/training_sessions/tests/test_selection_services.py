"""Deciding on nominations: who may, which nominations may be accepted, capacity and reserved
seats, bulk decisions (all or nothing), the trail and the e-mails."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.audit.models import AuditEntry
from cadre.directory.models import Country, Region
from cadre.training_sessions.models import Nomination
from cadre.training_sessions.services import selection as services
from cadre.training_sessions.tests.test_selection_fixtures import (
    FAILED,
    closed_window,
    fresh,
    nomination,
    reserve,
    selecting_fixture,  # noqa: F401 — the fixture `selecting`
    waitlisted,
)

pytestmark = pytest.mark.django_db
Status = Nomination.Status


def country(iso2: str) -> Country:
    return Country.objects.get(iso2=iso2)


# --- One decision -----------------------------------------------------------------------------


def test_accepting_gives_a_seat_records_it_and_sends_the_invitation(
    selecting, kenya, course_manager, django_capture_on_commit_callbacks
) -> None:
    row = nomination(selecting, kenya)
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_nomination(nomination=row, by=course_manager, note="Strong profile.")
    row = fresh(row)
    assert row.status == Status.ACCEPTED
    assert row.decided_by == course_manager
    assert row.decision_note == "Strong profile."
    assert row.response == Nomination.Response.PENDING
    event = row.events.get()
    assert (event.from_status, event.to_status, event.action, event.by) == (
        "endorsed",
        "accepted",
        "accepted",
        course_manager,
    )
    assert AuditEntry.objects.filter(
        action="training_sessions.nomination_accepted", target_id=str(row.pk)
    ).exists()
    (invitation,) = mail.outbox
    assert invitation.to == [row.person.email]
    assert selecting.code in invitation.subject
    assert invitation.attachments
    assert invitation.attachments[0][2] == "application/pdf"


def test_only_the_manager_decides(selecting, kenya, ncb_head, administrator) -> None:
    row = nomination(selecting, kenya)
    with pytest.raises(PermissionDenied):
        services.accept_nomination(nomination=row, by=ncb_head)
    assert fresh(row).status == Status.ENDORSED
    services.accept_nomination(nomination=row, by=administrator)  # administrators look after every course
    assert fresh(row).status == Status.ACCEPTED


def test_a_nomination_not_endorsed_cannot_be_accepted_and_says_why(selecting, kenya, course_manager) -> None:
    row = nomination(selecting, kenya, Status.NOMINATED)
    with pytest.raises(ValidationError, match="Not endorsed by the head of NCB yet"):
        services.accept_nomination(nomination=row, by=course_manager)
    with pytest.raises(ValidationError, match="Not endorsed"):
        services.waitlist_nomination(nomination=row, by=course_manager)
    assert fresh(row).status == Status.NOMINATED


def test_an_ineligible_nomination_cannot_be_accepted_and_the_failed_check_is_named(
    selecting, kenya, course_manager
) -> None:
    row = nomination(selecting, kenya, eligible=False, checks=FAILED)
    with pytest.raises(ValidationError) as refusal:
        services.accept_nomination(nomination=row, by=course_manager)
    assert "sector is not among those admitted" in " ".join(refusal.value.messages)
    assert fresh(row).status == Status.ENDORSED


def test_accepting_beyond_capacity_is_refused(selecting, kenya, course_manager) -> None:
    for _ in range(3):
        services.accept_nomination(nomination=nomination(selecting, kenya), by=course_manager)
    last = nomination(selecting, kenya)
    with pytest.raises(ValidationError, match=r"No seat left: waitlist instead\."):
        services.accept_nomination(nomination=last, by=course_manager)
    assert fresh(last).status == Status.ENDORSED
    assert Nomination.objects.filter(session=selecting, status=Status.ACCEPTED).count() == 3


def test_accepting_from_the_waitlist_marks_the_promotion(selecting, kenya, course_manager) -> None:
    row = waitlisted(selecting, kenya, 1)
    services.accept_nomination(nomination=row, by=course_manager)
    row = fresh(row)
    assert row.status == Status.ACCEPTED
    assert row.promoted_at is not None
    assert row.waitlist_position is None


def test_waitlisting_goes_to_the_end_and_tells_the_nominee(
    selecting, kenya, course_manager, django_capture_on_commit_callbacks
) -> None:
    waitlisted(selecting, kenya, 4)
    row = nomination(selecting, kenya)
    with django_capture_on_commit_callbacks(execute=True):
        services.waitlist_nomination(nomination=row, by=course_manager)
    assert fresh(row).waitlist_position == 5
    (message,) = mail.outbox
    assert message.to == [row.person.email]
    assert "waitlist" in message.subject


def test_rejecting_needs_a_reason_and_tells_the_nominee_in_their_language(
    selecting, france, course_manager, django_capture_on_commit_callbacks
) -> None:
    row = nomination(selecting, france, Status.NOMINATED)
    row.person.preferred_language = "fr"
    row.person.save()
    with pytest.raises(ValidationError, match="reason"):
        services.reject_nomination(nomination=row, by=course_manager, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_nomination(nomination=row, by=course_manager, reason="Profile does not fit.")
    row = fresh(row)
    assert row.status == Status.REJECTED
    assert row.decision_note == "Profile does not fit."
    (message,) = mail.outbox
    assert "Profile does not fit." in message.body
    assert message.body.startswith(f"Bonjour {row.person.get_short_name()},")


def test_an_accepted_participant_is_removed_not_rejected(selecting, kenya, course_manager) -> None:
    row = nomination(selecting, kenya, Status.ACCEPTED)
    with pytest.raises(ValidationError, match="remove the participant instead"):
        services.reject_nomination(nomination=row, by=course_manager, reason="Changed my mind.")


# --- Reserved seats ---------------------------------------------------------------------------


def test_a_country_takes_its_reserved_seats_and_the_open_ones_but_not_anothers(
    selecting, kenya, france, course_manager
) -> None:
    # Three seats: one for Kenya, one for France, one open to everybody.
    reserve(selecting, 1, country=kenya)
    reserve(selecting, 1, country=france)
    services.accept_nomination(nomination=nomination(selecting, kenya), by=course_manager)
    services.accept_nomination(nomination=nomination(selecting, kenya), by=course_manager)
    third = nomination(selecting, kenya)
    with pytest.raises(ValidationError) as refusal:
        services.accept_nomination(nomination=third, by=course_manager)
    assert "No seat left for Kenya" in refusal.value.messages[0]
    uganda = nomination(selecting, country("UG"))
    with pytest.raises(ValidationError, match="No seat left for Uganda"):
        services.accept_nomination(nomination=uganda, by=course_manager)
    services.accept_nomination(nomination=nomination(selecting, france), by=course_manager)
    assert Nomination.objects.filter(session=selecting, status=Status.ACCEPTED).count() == 3


def test_reserved_seats_are_released_once_the_countrys_nominations_are_decided(
    selecting, kenya, france, course_manager
) -> None:
    reserve(selecting, 1, country=kenya)
    reserve(selecting, 1, country=france)
    pending_french = nomination(selecting, france)
    for _ in range(2):
        services.accept_nomination(nomination=nomination(selecting, kenya), by=course_manager)
    third = nomination(selecting, kenya)
    closed_window(selecting)
    with pytest.raises(ValidationError, match="No seat left for Kenya"):
        services.accept_nomination(nomination=third, by=course_manager)  # France's is still pending
    services.reject_nomination(nomination=pending_french, by=course_manager, reason="Not the right profile.")
    services.accept_nomination(nomination=third, by=course_manager)
    assert fresh(third).status == Status.ACCEPTED


def test_seats_reserved_per_region(selecting, kenya, france, course_manager) -> None:
    africa = Region.objects.get(code="africa")
    reserve(selecting, 2, region=africa)  # two for Africa, one open
    services.accept_nomination(nomination=nomination(selecting, france), by=course_manager)
    with pytest.raises(ValidationError, match="No seat left for Europe"):
        services.accept_nomination(nomination=nomination(selecting, france), by=course_manager)
    services.accept_nomination(nomination=nomination(selecting, kenya), by=course_manager)
    services.accept_nomination(nomination=nomination(selecting, country("UG")), by=course_manager)
    assert Nomination.objects.filter(session=selecting, status=Status.ACCEPTED).count() == 3


# --- Bulk -------------------------------------------------------------------------------------


def test_bulk_accept_decides_all_in_the_page_order(selecting, kenya, course_manager) -> None:
    rows = [nomination(selecting, kenya) for _ in range(3)]
    decided = services.decide_nominations(
        session=selecting, by=course_manager, ids=[row.pk for row in rows], decision="accept"
    )
    assert {row.pk for row in decided} == {row.pk for row in rows}
    assert all(fresh(row).status == Status.ACCEPTED for row in rows)


def test_bulk_decides_none_when_one_cannot_be_decided(selecting, kenya, course_manager) -> None:
    ready = nomination(selecting, kenya)
    waiting = nomination(selecting, kenya, Status.NOMINATED)
    with pytest.raises(ValidationError) as refusal:
        services.decide_nominations(
            session=selecting, by=course_manager, ids=[ready.pk, waiting.pk], decision="accept"
        )
    messages = refusal.value.messages
    assert messages[0] == "Nothing was decided."
    assert any(waiting.person.get_full_name() in message for message in messages)
    assert fresh(ready).status == Status.ENDORSED
    assert not AuditEntry.objects.filter(action="training_sessions.nomination_accepted").exists()


def test_bulk_accept_beyond_capacity_decides_nothing(selecting, kenya, course_manager) -> None:
    rows = [nomination(selecting, kenya) for _ in range(4)]
    with pytest.raises(ValidationError) as refusal:
        services.decide_nominations(
            session=selecting, by=course_manager, ids=[row.pk for row in rows], decision="accept"
        )
    assert "No seat left: waitlist instead." in " ".join(refusal.value.messages)
    assert not Nomination.objects.filter(session=selecting, status=Status.ACCEPTED).exists()


def test_bulk_waitlist_numbers_in_order_and_bulk_reject_needs_a_reason(
    selecting, kenya, course_manager
) -> None:
    rows = [nomination(selecting, kenya) for _ in range(3)]
    ids = [row.pk for row in rows]
    services.decide_nominations(session=selecting, by=course_manager, ids=ids, decision="waitlist")
    assert sorted(fresh(row).waitlist_position for row in rows) == [1, 2, 3]
    with pytest.raises(ValidationError, match="reason"):
        services.decide_nominations(session=selecting, by=course_manager, ids=ids, decision="reject")
    services.decide_nominations(
        session=selecting, by=course_manager, ids=ids, decision="reject", reason="Full."
    )
    assert all(fresh(row).status == Status.REJECTED and fresh(row).waitlist_position is None for row in rows)


def test_bulk_refuses_nominations_of_another_session_and_bad_decisions(
    selecting, kenya, course_manager
) -> None:
    from tests.factories import SessionFactory

    elsewhere = nomination(SessionFactory(manager=course_manager), kenya)
    with pytest.raises(ValidationError, match="not in this session"):
        services.decide_nominations(
            session=selecting, by=course_manager, ids=[elsewhere.pk], decision="accept"
        )
    with pytest.raises(ValidationError, match="Choose accept, waitlist or reject"):
        services.decide_nominations(
            session=selecting, by=course_manager, ids=[elsewhere.pk], decision="promote"
        )
    with pytest.raises(ValidationError, match="Tick at least one"):
        services.decide_nominations(session=selecting, by=course_manager, ids=[], decision="accept")
    assert fresh(elsewhere).status == Status.ENDORSED
