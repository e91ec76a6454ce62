"""Level 3: a set time after a completed session, each participant (and their supervisor, by a
private link) is asked how they have used what they learned."""

import secrets
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from cadre.assessments import selectors
from cadre.assessments.models import FollowUp
from cadre.audit import services as audit
from cadre.training_sessions.models import Nomination, Session

SHORTEST_DELAY_DAYS = 30  # the least a session may set (Session.follow_up_after_days)
LONGEST_DELAY_DAYS = 365
# A follow-up found this long after it fell due is not sent: the session is too far back for
# the questions to mean much (and a first run must not write to everyone ever trained).
LATE_LIMIT_DAYS = 60


def new_supervisor_key() -> str:
    return secrets.token_urlsafe(32)


def _due_sessions(today: date) -> list[Session]:
    candidates = Session.objects.filter(
        status=Session.Status.COMPLETED,
        ends_on__lte=today - timedelta(days=SHORTEST_DELAY_DAYS),
        ends_on__gte=today - timedelta(days=LONGEST_DELAY_DAYS + LATE_LIMIT_DAYS),
    ).only("pk", "ends_on", "follow_up_after_days")
    earliest = today - timedelta(days=LATE_LIMIT_DAYS)
    return [
        session
        for session in candidates
        if earliest <= session.ends_on + timedelta(days=session.follow_up_after_days) <= today
    ]


def _create(nomination: Nomination, due_on: date) -> FollowUp | None:
    from cadre.assessments import tasks

    with transaction.atomic():
        follow_up, created = FollowUp.objects.get_or_create(
            nomination=nomination,
            defaults={
                "due_on": due_on,
                "supervisor_email": nomination.person.supervisor_email,
                "supervisor_key": new_supervisor_key(),
            },
        )
        if not created:
            return None
        audit.record(
            actor=None,
            action="assessments.follow_up_created",
            target=follow_up,
            changes={"due_on": (None, due_on)},
            country=nomination.country,
        )
        transaction.on_commit(lambda: tasks.send_follow_up.delay(follow_up.pk))
    return follow_up


def create_due_follow_ups(today: date | None = None) -> int:
    """Create the follow-up of each participant of every completed session whose follow-up
    falls due by `today`, and send it; return how many were created. Safe to run again."""
    today = today or timezone.localdate()
    sessions = {session.pk: session for session in _due_sessions(today)}
    if not sessions:
        return 0
    nominations = (
        Nomination.objects.filter(
            selectors.participant_filter(),
            session_id__in=list(sessions),
            follow_up__isnull=True,
            person__anonymised_at__isnull=True,
        )
        .exclude(attendance_percent=0)
        .select_related("person", "country")
    )
    created = 0
    for nomination in nominations:
        session = sessions[nomination.session_id]
        due_on = session.ends_on + timedelta(days=session.follow_up_after_days)
        created += _create(nomination, due_on) is not None
    return created


def unsent_follow_ups() -> list[int]:
    """Follow-ups whose message has not gone out yet (their sending failed for good)."""
    return list(
        FollowUp.objects.filter(sent_at__isnull=True, participant_answered_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
