from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.accounts.models import User
from cadre.audit.models import AuditEntry
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
session, kenyan, french, ncb_head_france = (
    fixtures.session,
    fixtures.kenyan,
    fixtures.french,
    fixtures.ncb_head_france,
)

Status = Nomination.Status


def nominate(session: Session, person: User, by: User, **values: Any) -> Nomination:
    values.setdefault("motivation", "Leads the cybercrime unit.")
    values.setdefault("criteria_confirmed", True)
    return services.nominate(session=session, person=person, by=by, **values)


def test_the_focal_point_nominates_an_eligible_official(
    session: Session, kenyan: User, ncb_officer: User, ncb_head: User
) -> None:
    nomination = nominate(session, kenyan, ncb_officer)
    assert (nomination.status, nomination.country_id, nomination.nominated_by) == (
        Status.NOMINATED,
        kenyan.country_id,
        ncb_officer,
    )
    assert nomination.eligible
    assert nomination.motivation == "Leads the cybercrime unit."
    assert all(check["ok"] for check in nomination.checks)
    event = NominationEvent.objects.get(nomination=nomination)
    assert (event.from_status, event.to_status, event.action, event.by) == (
        "",
        Status.NOMINATED,
        "nominated",
        ncb_officer,
    )
    entry = AuditEntry.objects.get(action="training_sessions.nominated")
    assert (entry.actor, entry.target_id, entry.country_id) == (
        ncb_officer,
        str(nomination.pk),
        kenyan.country_id,
    )


def test_the_heads_of_ncb_are_told_in_their_language(
    session: Session,
    kenyan: User,
    ncb_officer: User,
    ncb_head: User,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    ncb_head.preferred_language = "fr"
    ncb_head.save()
    with django_capture_on_commit_callbacks(execute=True):
        nominate(session, kenyan, ncb_officer)
    assert [message.to for message in mailoutbox] == [[ncb_head.email]]
    body = mailoutbox[0].body
    assert kenyan.get_full_name() in body
    assert "/sessions/ncb/?country=KE&status=nominated" in body


def test_several_at_once_make_one_email_per_head(
    session: Session,
    kenya: Country,
    ncb_officer: User,
    ncb_head: User,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    people = [official(kenya), official(kenya)]
    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.nominate_many(
            session=session, people=people, by=ncb_officer, motivation="", criteria_confirmed=True
        )
    assert len(outcome.created) == 2
    assert len(mailoutbox) == 1
    assert "2 nominations wait" in mailoutbox[0].subject
    assert all(person.get_full_name() in mailoutbox[0].body for person in people)


def test_an_ineligible_official_is_refused_with_the_reasons(
    session: Session, kenyan: User, ncb_officer: User
) -> None:
    completion_certificate(kenyan, session.course)
    with pytest.raises(services.NotEligible) as refused:
        nominate(session, kenyan, ncb_officer)
    assert "Already completed this course." in refused.value.messages[0]
    assert kenyan.get_full_name() in refused.value.messages[0]
    assert not Nomination.objects.filter(session=session).exists()
    assert not AuditEntry.objects.filter(action="training_sessions.nominated").exists()


def test_in_a_batch_the_eligible_are_nominated_and_the_others_refused(
    session: Session, kenya: Country, ncb_officer: User
) -> None:
    eligible, inactive = official(kenya), official(kenya, is_active=False)
    outcome = services.nominate_many(
        session=session, people=[eligible, inactive], by=ncb_officer, motivation="", criteria_confirmed=True
    )
    assert [item.person for item in outcome.created] == [eligible]
    assert [refusal.person for refusal in outcome.refused] == [inactive]
    assert "The account is inactive." in outcome.refused[0].messages[0]


def test_nominating_twice_is_refused(session: Session, kenyan: User, ncb_officer: User) -> None:
    nominate(session, kenyan, ncb_officer)
    with pytest.raises(services.NotEligible):
        nominate(session, kenyan, ncb_officer)
    assert Nomination.objects.filter(session=session).count() == 1


def test_another_countrys_official_is_refused(session: Session, french: User, ncb_officer: User) -> None:
    with pytest.raises(PermissionDenied):
        nominate(session, french, ncb_officer)
    assert not Nomination.objects.exists()


def test_a_batch_with_one_foreign_official_changes_nothing(
    session: Session, kenyan: User, french: User, ncb_officer: User
) -> None:
    with pytest.raises(PermissionDenied):
        services.nominate_many(
            session=session, people=[kenyan, french], by=ncb_officer, motivation="", criteria_confirmed=True
        )
    assert not Nomination.objects.exists()


@pytest.mark.parametrize("persona", ["ncb_head", "learner", "course_manager", "administrator"])
def test_only_a_focal_point_nominates(
    request: pytest.FixtureRequest, session: Session, kenyan: User, persona: str
) -> None:
    with pytest.raises(PermissionDenied):
        nominate(session, kenyan, request.getfixturevalue(persona))


def test_outside_the_window_nothing_is_nominated(kenyan: User, ncb_officer: User) -> None:
    with pytest.raises(ValidationError, match="not open"):
        nominate(closed_session(), kenyan, ncb_officer)
    assert not Nomination.objects.exists()


def test_a_session_not_open_takes_no_nomination(kenyan: User, ncb_officer: User) -> None:
    with pytest.raises(ValidationError):
        nominate(open_session(status=Session.Status.SELECTION), kenyan, ncb_officer)


def test_admission_criteria_must_be_confirmed(session: Session, kenyan: User, ncb_officer: User) -> None:
    session.course.admission_criteria_en = "Serving officers with two years in an investigative unit."
    session.course.save()
    with pytest.raises(ValidationError, match="admission criteria"):
        nominate(session, kenyan, ncb_officer, criteria_confirmed=False)
    nomination = nominate(session, kenyan, ncb_officer, criteria_confirmed=True)
    assert nomination.checks[-1] == services.CRITERIA_CHECK


def test_without_criteria_no_confirmation_is_asked(session: Session, kenyan: User, ncb_officer: User) -> None:
    nomination = nominate(session, kenyan, ncb_officer, criteria_confirmed=False)
    assert "criteria" not in [check["code"] for check in nomination.checks]


def test_a_long_motivation_is_refused(session: Session, kenyan: User, ncb_officer: User) -> None:
    with pytest.raises(ValidationError):
        nominate(session, kenyan, ncb_officer, motivation="x" * 2001)
    assert not Nomination.objects.exists()


# --- Endorsement ------------------------------------------------------------------------------


def test_the_head_of_ncb_endorses(session: Session, kenyan: User, ncb_head: User) -> None:
    nomination = NominationFactory(session=session, person=kenyan)
    endorsed = services.endorse_nomination(nomination=nomination, by=ncb_head)
    assert (endorsed.status, endorsed.endorsed_by, endorsed.endorsed_at is not None) == (
        Status.ENDORSED,
        ncb_head,
        True,
    )
    event = NominationEvent.objects.get(nomination=nomination)
    assert (event.from_status, event.to_status, event.by) == (Status.NOMINATED, Status.ENDORSED, ncb_head)
    assert AuditEntry.objects.filter(
        action="training_sessions.endorsed", target_id=str(nomination.pk)
    ).exists()


@pytest.mark.parametrize("persona", ["ncb_officer", "ncb_head_france", "learner", "administrator"])
def test_only_the_head_of_that_country_endorses(
    request: pytest.FixtureRequest, session: Session, kenyan: User, persona: str
) -> None:
    nomination = NominationFactory(session=session, person=kenyan)
    with pytest.raises(PermissionDenied):
        services.endorse_nomination(nomination=nomination, by=request.getfixturevalue(persona))
    nomination.refresh_from_db()
    assert nomination.status == Status.NOMINATED


def test_an_endorsed_nomination_is_not_endorsed_again(session: Session, kenyan: User, ncb_head: User) -> None:
    nomination = NominationFactory(session=session, person=kenyan, status=Status.ENDORSED)
    with pytest.raises(PermissionDenied):
        services.endorse_nomination(nomination=nomination, by=ncb_head)


def test_bulk_endorsement_counts_those_waiting(session: Session, kenya: Country, ncb_head: User) -> None:
    waiting = [NominationFactory(session=session, person=official(kenya)) for _ in range(3)]
    accepted = NominationFactory(session=session, person=official(kenya), status=Status.ACCEPTED)
    assert services.endorse_nominations(nominations=[*waiting, accepted], by=ncb_head) == 3
    assert set(Nomination.objects.values_list("status", flat=True)) == {Status.ENDORSED, Status.ACCEPTED}
    assert NominationEvent.objects.filter(action="endorsed").count() == 3


def test_bulk_endorsement_with_a_foreign_nomination_changes_nothing(
    session: Session, kenyan: User, french: User, ncb_head: User
) -> None:
    mine = NominationFactory(session=session, person=kenyan)
    foreign = NominationFactory(session=session, person=french)
    with pytest.raises(PermissionDenied):
        services.endorse_nominations(nominations=[mine, foreign], by=ncb_head)
    assert set(Nomination.objects.values_list("status", flat=True)) == {Status.NOMINATED}
