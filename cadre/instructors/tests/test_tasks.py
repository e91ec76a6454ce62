"""The daily review: lapsed certifications expire, and reminders go out before expiry, once each."""

from datetime import timedelta

import pytest
from django.conf import settings

from cadre.instructors import services, tasks
from cadre.instructors.models import Certification, CertificationReminder
from cadre.instructors.tests.conftest import days, give_certification, today

pytestmark = pytest.mark.django_db
Status = Certification.Status


@pytest.fixture
def managed(instructor, learner):
    """The instructor has a manager, reminded with them."""
    instructor.manager = learner
    instructor.save()
    return instructor


def recipients(mailoutbox) -> list[str]:
    return sorted(address for message in mailoutbox for address in message.to)


def test_the_review_expires_and_reminds_once_for_each_lead_time(
    managed, learner, certification_manager, mailoutbox, django_capture_on_commit_callbacks
):
    lapsed = give_certification(managed, issued_on=days(-800), expires_on=days(-1))
    soon = give_certification(managed, expires_on=days(80))
    give_certification(managed, expires_on=days(200))
    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.review_certifications()
    assert result == {"expired": 1, "reminded": 1}
    lapsed.refresh_from_db()
    assert lapsed.status == Status.EXPIRED
    expiry_mails = [message for message in mailoutbox if "expires soon" in message.subject]
    assert recipients(expiry_mails) == sorted(
        [managed.person.email, learner.email, certification_manager.email]
    )
    assert "in 80 days" in expiry_mails[0].body + expiry_mails[1].body + expiry_mails[2].body
    assert all(soon.code in message.body for message in expiry_mails)

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.review_certifications() == {"expired": 0, "reminded": 0}
    assert mailoutbox == []

    # Closer to the date, the shorter lead time's reminder goes out, once.
    later = today() + timedelta(days=55)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_of_expiry(today=later) == 1
        assert services.remind_of_expiry(today=later) == 0
    assert sorted(
        CertificationReminder.objects.filter(certification=soon).values_list("days_before", flat=True)
    ) == [30, 90]


def test_a_certification_renewed_is_reminded_again_before_its_new_expiry(managed, certification_manager):
    certification = give_certification(managed, expires_on=days(20))
    assert services.remind_of_expiry() == 1
    Certification.objects.filter(pk=certification.pk).update(expires_on=days(400))
    assert services.remind_of_expiry(today=days(400 - 25)) == 1


def test_no_reminder_for_a_certification_no_longer_active(managed, mailoutbox):
    certification = give_certification(managed, expires_on=days(20), status=Status.SUSPENDED)
    assert tasks.remind_expiry(certification.pk, 30) == 0
    assert tasks.remind_expiry(999_999, 30) == 0
    assert mailoutbox == []


def test_the_reminder_days_come_from_the_settings(settings, managed):
    settings.INSTRUCTORS_REMINDER_DAYS = [10]
    give_certification(managed, expires_on=days(20))
    assert services.remind_of_expiry() == 0
    settings.INSTRUCTORS_REMINDER_DAYS = []
    assert services.remind_of_expiry(today=days(15)) == 0


def test_the_review_is_scheduled_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["instructors-review-certifications"]
    assert entry == {"task": "cadre.instructors.tasks.review_certifications", "schedule": 24 * 60 * 60}


def test_the_instructor_is_told_of_a_suspension_in_their_language(
    instructor, certification_manager, mailoutbox, django_capture_on_commit_callbacks
):
    certification = give_certification(instructor)
    with django_capture_on_commit_callbacks(execute=True):
        services.suspend_certification(
            certification=certification, by=certification_manager, reason="Complaint received."
        )
    [message] = mailoutbox
    assert message.to == [instructor.person.email]
    assert "Complaint received." in message.body
    assert certification.code in message.body
