"""Every write about personal data: requests, decisions, anonymisation, inactive accounts."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cadre.accounts.models import Role, RoleAssignment, User
from cadre.accounts.services import assign_role
from cadre.audit.models import AuditEntry
from cadre.privacy import services, tasks
from cadre.privacy.models import DataRequest, InactivityReview, ProcessingActivity
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"

Status = DataRequest.Status


def live_session_of(person: User) -> str:
    """Sign the person in through the login page, as allauth records their session then."""
    client = Client()
    response = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert response.status_code == 302
    return client.session.session_key or ""


# --- Requests -------------------------------------------------------------------------------


def test_a_person_asks_and_it_is_audited(someone):
    data_request = services.submit_data_request(person=someone, kind="correction", reason="  Wrong rank. ")
    assert (data_request.status, data_request.reason) == (Status.OPEN, "Wrong rank.")
    assert AuditEntry.objects.filter(action="privacy.request_submitted", actor=someone).count() == 1


@pytest.mark.parametrize(
    ("kind", "reason"), [("correction", "   "), ("deletion", "Because."), ("erasure", "")]
)
def test_a_bad_request_is_refused_and_changes_nothing(someone, kind, reason):
    with pytest.raises(ValidationError):
        services.submit_data_request(person=someone, kind=kind, reason=reason)
    assert not DataRequest.objects.exists()
    assert not AuditEntry.objects.filter(action="privacy.request_submitted").exists()


def test_one_open_request_of_a_kind_at_a_time(someone, correction):
    with pytest.raises(ValidationError):
        services.submit_data_request(person=someone, kind="correction", reason="Again.")
    services.submit_data_request(person=someone, kind="erasure", reason="I left.")
    assert DataRequest.objects.filter(person=someone).count() == 2


def test_completing_a_correction_tells_the_person_in_their_language(
    correction, dpo, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=correction.person_id).update(preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        services.complete_data_request(data_request=correction, by=dpo, response="Rank corrected.")
    correction.refresh_from_db()
    assert (correction.status, correction.decided_by, correction.response) == (
        Status.COMPLETED,
        dpo,
        "Rank corrected.",
    )
    assert correction.decided_at is not None
    assert correction.person.anonymised_at is None
    [message] = mail.outbox
    assert message.to == [correction.person.email]
    assert message.body.startswith("Bonjour Wanjiru,")
    assert "Rank corrected." in message.body
    assert AuditEntry.objects.filter(action="privacy.request_completed", actor=dpo).count() == 1


def test_refusing_needs_a_response_and_changes_nothing_without(correction, dpo):
    with pytest.raises(ValidationError):
        services.refuse_data_request(data_request=correction, by=dpo, response=" ")
    correction.refresh_from_db()
    assert correction.status == Status.OPEN
    services.refuse_data_request(data_request=correction, by=dpo, response="Your rank is as your NCB says.")
    correction.refresh_from_db()
    assert correction.status == Status.REFUSED


def test_a_decided_request_cannot_be_decided_again(correction, dpo, administrator):
    services.refuse_data_request(data_request=correction, by=dpo, response="No.")
    with pytest.raises(ValidationError):
        services.complete_data_request(data_request=correction, by=administrator, response="Yes.")
    correction.refresh_from_db()
    assert (correction.status, correction.decided_by) == (Status.REFUSED, dpo)


def test_only_an_officer_decides(correction, learner):
    with pytest.raises(ValidationError):
        services.complete_data_request(data_request=correction, by=learner, response="Done.")
    correction.refresh_from_db()
    assert correction.status == Status.OPEN


# --- Anonymisation --------------------------------------------------------------------------


def test_completing_an_erasure_anonymises_the_person(erasure, dpo, django_capture_on_commit_callbacks):
    person = erasure.person
    agency = AgencyFactory()
    User.objects.filter(pk=person.pk).update(
        agency=agency, position="Analyst", supervisor_name="Boss", supervisor_email="boss@police.ke.example"
    )
    assign_role(user=person, role=Role.objects.get(code="learner"), notify=False)
    session_key = live_session_of(person)
    entries_before = AuditEntry.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        services.complete_data_request(data_request=erasure, by=dpo, response="Erased.")

    person.refresh_from_db()
    assert person.anonymised_at is not None
    assert person.email == f"anonymised-{person.pk}@anonymised.invalid"
    assert "Wanjiru" not in person.get_full_name()
    assert "Odhiambo" not in str(person)
    assert (person.rank, person.position, person.supervisor_name, person.supervisor_email) == ("", "", "", "")
    assert not person.has_usable_password()
    assert person.is_active is False
    # What the statistics count stays.
    assert (person.country.iso2, person.agency, person.gender) == ("KE", agency, User.Gender.FEMALE)
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not RoleAssignment.objects.filter(user=person).exists()
    assert not Session.objects.filter(session_key=session_key).exists()
    # The trail keeps its entries and records the anonymisation, without the erased values.
    assert AuditEntry.objects.count() > entries_before
    anonymised = AuditEntry.objects.get(action="privacy.person_anonymised")
    assert "Odhiambo" not in AuditEntry.objects.get(action="accounts.role_removed").target_label
    assert "Wanjiru" not in str(anonymised.changes)
    assert "Wanjiru" not in anonymised.target_label
    # The person is told at the address they had.
    [message] = mail.outbox
    assert message.to == ["wanjiru@police.ke.example"]


def test_anonymising_twice_changes_nothing_more(someone, dpo):
    assert services.anonymise_person(person=someone, by=dpo, through="test") is True
    assert services.anonymise_person(person=someone, by=dpo, through="test") is False
    assert AuditEntry.objects.filter(action="privacy.person_anonymised").count() == 1


def test_anonymised_addresses_are_unique(kenya, dpo):
    first, second = UserFactory(country=kenya), UserFactory(country=kenya)
    services.anonymise_person(person=first, by=dpo, through="test")
    services.anonymise_person(person=second, by=dpo, through="test")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.email != second.email


# --- Inactive accounts ----------------------------------------------------------------------


def unseen(person: User, days: int) -> User:
    User.objects.filter(pk=person.pk).update(
        last_login=None, date_joined=timezone.now() - timedelta(days=days)
    )
    person.refresh_from_db()
    return person


def test_inactive_accounts_are_flagged_once_and_told(kenya, settings, django_capture_on_commit_callbacks):
    settings.PRIVACY_INACTIVE_DAYS = 100
    old = unseen(UserFactory(country=kenya, preferred_language="fr"), 150)
    recent = unseen(UserFactory(country=kenya), 50)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.flag_inactive_accounts() == 1
    assert services.flag_inactive_accounts() == 0
    review = InactivityReview.objects.get()
    assert (review.person, review.status) == (old, InactivityReview.Status.FLAGGED)
    assert not InactivityReview.objects.filter(person=recent).exists()
    [message] = mail.outbox
    assert message.to == [old.email]
    assert message.body.startswith("Bonjour")


def test_signing_in_clears_the_flag(kenya, settings, dpo):
    settings.PRIVACY_INACTIVE_DAYS = 100
    person = unseen(UserFactory(country=kenya), 150)
    services.flag_inactive_accounts()
    review = InactivityReview.objects.get(person=person)
    User.objects.filter(pk=person.pk).update(last_login=timezone.now())
    with pytest.raises(ValidationError):
        services.approve_anonymisation(review=review, by=dpo)
    assert services.close_returned_reviews() == 1
    review.refresh_from_db()
    assert review.status == InactivityReview.Status.RETURNED
    person.refresh_from_db()
    assert person.anonymised_at is None


def test_keeping_needs_a_reason_and_is_not_flagged_again_soon(kenya, settings, dpo):
    settings.PRIVACY_INACTIVE_DAYS = 100
    person = unseen(UserFactory(country=kenya), 150)
    services.flag_inactive_accounts()
    review = InactivityReview.objects.get(person=person)
    with pytest.raises(ValidationError):
        services.keep_account(review=review, by=dpo, reason="  ")
    services.keep_account(review=review, by=dpo, reason="On a long mission abroad.")
    review.refresh_from_db()
    assert (review.status, review.reason) == (InactivityReview.Status.KEPT, "On a long mission abroad.")
    assert services.flag_inactive_accounts() == 0
    later = timezone.now() + timedelta(days=101)
    services.flag_inactive_accounts(now=later)
    assert InactivityReview.objects.filter(person=person, status=InactivityReview.Status.FLAGGED).exists()


def test_an_approved_anonymisation_is_carried_out_by_the_scheduled_task(kenya, settings, dpo):
    settings.PRIVACY_INACTIVE_DAYS = 100
    person = unseen(UserFactory(country=kenya), 150)
    services.flag_inactive_accounts()
    review = services.approve_anonymisation(review=InactivityReview.objects.get(person=person), by=dpo)
    person.refresh_from_db()
    assert (review.status, person.anonymised_at) == (InactivityReview.Status.APPROVED, None)
    assert AuditEntry.objects.filter(action="privacy.inactivity_approved", actor=dpo).count() == 1

    assert tasks.review_inactive_accounts() == {"returned": 0, "anonymised": 1, "flagged": 0}

    review.refresh_from_db()
    person.refresh_from_db()
    assert review.status == InactivityReview.Status.ANONYMISED
    assert person.anonymised_at is not None
    assert tasks.review_inactive_accounts() == {"returned": 0, "anonymised": 0, "flagged": 0}


def test_signing_in_after_approval_keeps_the_account(kenya, settings, dpo):
    settings.PRIVACY_INACTIVE_DAYS = 100
    person = unseen(UserFactory(country=kenya), 150)
    services.flag_inactive_accounts()
    review = services.approve_anonymisation(review=InactivityReview.objects.get(person=person), by=dpo)
    User.objects.filter(pk=person.pk).update(last_login=timezone.now())

    assert tasks.review_inactive_accounts() == {"returned": 1, "anonymised": 0, "flagged": 0}

    review.refresh_from_db()
    person.refresh_from_db()
    assert (review.status, person.anonymised_at) == (InactivityReview.Status.RETURNED, None)


# --- The register ---------------------------------------------------------------------------


def test_the_register_loads_once_in_four_languages():
    # The session's reference data loaded it already.
    count = ProcessingActivity.objects.count()
    assert count >= 6
    assert services.load_processing_activities() == 0
    audit = ProcessingActivity.objects.get(code="audit-trail")
    assert all(getattr(audit, f"retention_{code}") for code in ("ar", "en", "fr", "es"))
    assert "tamper-evident" in audit.retention_en


def test_refreshing_the_register_undoes_admin_edits():
    ProcessingActivity.objects.filter(code="audit-trail").update(name_en="Edited")
    services.load_processing_activities()
    assert ProcessingActivity.objects.get(code="audit-trail").name_en == "Edited"
    services.load_processing_activities(refresh=True)
    assert ProcessingActivity.objects.get(code="audit-trail").name_en == "Audit trail"
