"""Sessions and nominations for the selection, waitlist and invitation tests (imported by them;
this module holds no tests of its own)."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from cadre.accounts.models import User
from cadre.directory.models import Country
from cadre.training_sessions.models import Nomination, SeatQuota, Session
from tests.factories import AgencyFactory, NominationFactory, SessionFactory, UserFactory

Status = Nomination.Status
PASSED = [{"code": "active", "ok": True, "reason": "active", "params": {}}]
FAILED = [
    {"code": "active", "ok": True, "reason": "active", "params": {}},
    {"code": "sector", "ok": False, "reason": "other_sector", "params": {}},
]


def official(country: Country, **values: Any) -> User:
    """An official of `country` with an agency of that country (police sector)."""
    values.setdefault("agency", AgencyFactory(country=country))
    return UserFactory(country=country, **values)


def managed_session(manager: User, **values: Any) -> Session:
    """An open session (nominations close in a week) that `manager` manages."""
    values.setdefault("capacity", 3)
    return SessionFactory(manager=manager, **values)


def closed_window(session: Session) -> Session:
    """The same session with its nomination window closed (selection under way)."""
    today = timezone.localdate()
    Session.objects.filter(pk=session.pk).update(
        nominations_open_on=today - timedelta(days=20),
        nominations_close_on=today - timedelta(days=1),
        status=Session.Status.SELECTION,
    )
    session.refresh_from_db()
    return session


def nomination(
    session: Session, country: Country, status: str = Status.ENDORSED, **values: Any
) -> Nomination:
    """A nomination of a new official of `country`, endorsed (by default) and eligible."""
    person = values.pop("person", None) or official(country)
    now = timezone.now()
    values.setdefault("checks", PASSED)
    if status != Status.NOMINATED:
        values.setdefault("endorsed_at", now)
    if status in (Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED):
        values.setdefault("decided_at", now)
    return NominationFactory(session=session, person=person, country=country, status=status, **values)


def waitlisted(session: Session, country: Country, position: int, **values: Any) -> Nomination:
    return nomination(session, country, Status.WAITLISTED, waitlist_position=position, **values)


def reserve(session: Session, seats: int, *, country: Country | None = None, region: Any = None) -> SeatQuota:
    if country is not None and session.seats_by != Session.SeatsBy.COUNTRY:
        Session.objects.filter(pk=session.pk).update(seats_by=Session.SeatsBy.COUNTRY)
        session.seats_by = Session.SeatsBy.COUNTRY
    if region is not None and session.seats_by != Session.SeatsBy.REGION:
        Session.objects.filter(pk=session.pk).update(seats_by=Session.SeatsBy.REGION)
        session.seats_by = Session.SeatsBy.REGION
    return SeatQuota.objects.create(session=session, country=country, region=region, seats=seats)


def fresh(row: Nomination) -> Nomination:
    return Nomination.objects.get(pk=row.pk)


@pytest.fixture(name="selecting")
def selecting_fixture(course_manager: User) -> Session:
    """A session of three seats, open for nominations, that the course manager manages."""
    return managed_session(course_manager)
