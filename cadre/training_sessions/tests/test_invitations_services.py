"""The participant's answer, the deadline, and the daily review that reminds and releases."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cadre.training_sessions.models import Nomination, Session
from cadre.training_sessions.services import invitations as services
from cadre.training_sessions.tasks import selection as tasks
from cadre.training_sessions.tests.test_selection_fixtures import (
    fresh,
    nomination,
    selecting_fixture,  # noqa: F401 — the fixture `selecting`
    waitlisted,
)
from conftest import person_with

pytestmark = pytest.mark.django_db
Status = Nomination.Status
Response = Nomination.Response


def today():
    return timezone.localdate()


def with_deadline(session: Session, days_from_today: int) -> Session:
    Session.objects.filter(pk=session.pk).update(respond_by=today() + timedelta(days=days_from_today))
    session.refresh_from_db()
    return session


def accepted_on(session: Session, country, days_ago: int) -> Nomination:
    return nomination(session, country, Status.ACCEPTED, decided_at=timezone.now() - timedelta(days=days_ago))


# --- The deadline -------------------------------------------------------------------------------


def test_the_deadline_is_the_sessions_unless_accepted_late(selecting, kenya) -> None:
    early = accepted_on(selecting, kenya, 10)
    assert services.answer_deadline(early, selecting) is None  # no deadline set
    with_deadline(selecting, 5)
    assert services.answer_deadline(early, selecting) == today() + timedelta(days=5)
    late = accepted_on(selecting, kenya, 0)
    assert services.answer_deadline(late, selecting) == today() + timedelta(days=services.LATE_ANSWER_DAYS)
    # Never later than the day before the session starts.
    Session.objects.filter(pk=selecting.pk).update(starts_on=today() + timedelta(days=6))
    selecting.refresh_from_db()
    assert services.answer_deadline(late, selecting) == today() + timedelta(days=5)


# --- Answering ----------------------------------------------------------------------------------


def test_the_participant_confirms_once(selecting, kenya) -> None:
    row = nomination(selecting, kenya, Status.ACCEPTED)
    services.respond_to_invitation(nomination=row, by=row.person, accept=True)
    row = fresh(row)
    assert (row.status, row.response) == (Status.ACCEPTED, Response.CONFIRMED)
    assert row.responded_at is not None
    assert row.events.get().action == "confirmed"
    with pytest.raises(ValidationError, match="already confirmed"):
        services.respond_to_invitation(nomination=row, by=row.person, accept=True)


def test_declining_frees_the_seat_for_the_waitlist(
    selecting, kenya, django_capture_on_commit_callbacks
) -> None:
    row = nomination(selecting, kenya, Status.ACCEPTED)
    waiting = waitlisted(selecting, kenya, 1)
    with django_capture_on_commit_callbacks(execute=True):
        services.respond_to_invitation(nomination=row, by=row.person, accept=False, reason="Family reasons.")
    row = fresh(row)
    assert (row.status, row.response, row.withdrawn_by) == (Status.WITHDRAWN, Response.DECLINED, row.person)
    assert row.events.get().note == "Family reasons."
    assert fresh(waiting).status == Status.ACCEPTED
    assert [message.to for message in mail.outbox] == [[waiting.person.email]]  # the invitation


def test_only_the_participant_answers(selecting, kenya, ncb_officer, course_manager) -> None:
    row = nomination(selecting, kenya, Status.ACCEPTED)
    for someone in (ncb_officer, course_manager):
        with pytest.raises(PermissionDenied):
            services.respond_to_invitation(nomination=row, by=someone, accept=False)
    waiting = nomination(selecting, kenya, Status.WAITLISTED)
    with pytest.raises(PermissionDenied):
        services.respond_to_invitation(nomination=waiting, by=waiting.person, accept=True)
    assert fresh(row).response == Response.PENDING


def test_an_answer_after_the_deadline_is_refused(selecting, kenya) -> None:
    row = accepted_on(selecting, kenya, 30)
    with_deadline(selecting, -1)
    with pytest.raises(ValidationError, match="The deadline to answer was"):
        services.respond_to_invitation(nomination=row, by=row.person, accept=True)
    assert fresh(row).response == Response.PENDING


# --- The daily review ---------------------------------------------------------------------------


def test_the_review_reminds_once_three_days_before(
    selecting, kenya, django_capture_on_commit_callbacks
) -> None:
    with_deadline(selecting, 3)
    row = accepted_on(selecting, kenya, 20)
    confirmed = nomination(selecting, kenya, Status.ACCEPTED, response=Response.CONFIRMED)
    assert services.review_invitations(today() - timedelta(days=1)).reminded == 0  # four days before
    with django_capture_on_commit_callbacks(execute=True):
        assert services.review_invitations() == services.Review(reminded=1, released=0)
    assert services.review_invitations() == services.Review(reminded=0, released=0)
    (message,) = mail.outbox
    assert message.to == [row.person.email]
    assert confirmed.person.email not in message.to
    assert fresh(row).events.filter(action="reminded").count() == 1


def test_the_review_releases_unanswered_places_the_day_after_the_deadline(
    selecting, kenya, django_capture_on_commit_callbacks
) -> None:
    with_deadline(selecting, 1)
    row = accepted_on(selecting, kenya, 20)
    confirmed = nomination(selecting, kenya, Status.ACCEPTED, response=Response.CONFIRMED)
    waiting = waitlisted(selecting, kenya, 1)
    focal_point = person_with("ncb-focal-point", kenya, country=kenya)
    assert services.review_invitations(today() + timedelta(days=1)).released == 0  # the deadline itself
    with django_capture_on_commit_callbacks(execute=True):
        assert services.review_invitations(today() + timedelta(days=2)).released == 1
    assert services.review_invitations(today() + timedelta(days=2)).released == 0  # idempotent
    row = fresh(row)
    assert (row.status, row.withdrawn_by) == (Status.WITHDRAWN, None)
    assert row.events.get(action="released").note == services.RELEASED_NOTE
    assert fresh(confirmed).status == Status.ACCEPTED
    assert fresh(waiting).status == Status.ACCEPTED
    told = {(message.to[0], message.subject) for message in mail.outbox}
    assert (row.person.email, f"Cadre: your place in {selecting.code} was released") in told
    released = f"Cadre: place released for {row.person.get_full_name()} ({selecting.code})"
    assert (focal_point.email, released) in told
    promoted = f"Cadre: {waiting.person.get_full_name()} has a place in {selecting.code}"
    assert (focal_point.email, promoted) in told
    assert waiting.person.email in {address for address, _subject in told}  # the invitation
    assert len(mail.outbox) == 4


def test_the_daily_task_runs_the_review(selecting, kenya) -> None:
    with_deadline(selecting, 3)
    accepted_on(selecting, kenya, 20)
    assert tasks.review_invitations.delay().get() == {"reminded": 1, "released": 0}
