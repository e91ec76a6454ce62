"""The daily review: reminders once each, conditions reminders, expiry."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cadre.accreditation import tasks
from cadre.accreditation.models import Certificate, Reminder
from cadre.courses.models import Course

pytestmark = pytest.mark.django_db


def ending_in(certificate: Certificate, days: int) -> Certificate:
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.localdate() + timedelta(days=days)
    )
    certificate.refresh_from_db()
    return certificate


def test_reminders_go_once_at_each_threshold(
    certificate, course_manager, quality_officer, django_capture_on_commit_callbacks, mailoutbox
):
    ending_in(certificate, 170)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.review_accreditations() == {"expired": 0, "reminded": 1, "conditions": 0}
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [course_manager.email, quality_officer.email]
    )
    assert "170" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.review_accreditations()["reminded"] == 0
    assert len(mailoutbox) == 2

    ending_in(certificate, 59)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.review_accreditations()["reminded"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.review_accreditations()["reminded"] == 0
    assert len(mailoutbox) == 4
    assert set(certificate.reminders.values_list("days", flat=True)) == {180, 60}


def test_thresholds_crossed_at_once_send_one_reminder(
    certificate, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.ACCREDITATION_REMINDER_DAYS = [180, 60]
    ending_in(certificate, 30)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.review_accreditations()["reminded"] == 1
    assert set(certificate.reminders.values_list("days", flat=True)) == {180, 60}
    assert len({message.to[0] for message in mailoutbox}) == len(mailoutbox)


def test_no_reminder_far_from_the_end_or_once_a_renewal_is_open(certificate, quality_officer):
    ending_in(certificate, 400)
    assert tasks.review_accreditations()["reminded"] == 0
    ending_in(certificate, 100)
    from cadre.accreditation import services

    services.open_reaccreditation(certificate=certificate, by=quality_officer)
    assert tasks.review_accreditations()["reminded"] == 0
    assert not Reminder.objects.exists()


def test_expiry_takes_the_mark_off_the_course(certificate, course_manager):
    course = Course.objects.get(owner=course_manager)
    assert course.is_accredited
    ending_in(certificate, -1)
    assert tasks.review_accreditations()["expired"] == 1
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.EXPIRED
    course.refresh_from_db()
    assert course.accredited_until is None
    assert not course.is_accredited
    assert tasks.review_accreditations()["expired"] == 0


def test_conditions_deadline_reminded_once(
    ready_case, quality_officer, course_manager, django_capture_on_commit_callbacks, mailoutbox
):
    from cadre.accreditation import services

    deadline = timezone.localdate() + timedelta(days=20)
    services.decide_case(
        case=ready_case,
        by=quality_officer,
        outcome="conditional",
        conditions="Publish the results.",
        conditions_deadline=deadline,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.review_accreditations()["conditions"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.review_accreditations()["conditions"] == 0
    assert any("Publish the results." in message.body for message in mailoutbox)
    assert {message.to[0] for message in mailoutbox} == {course_manager.email, quality_officer.email}


def test_reminders_are_in_the_recipients_language(
    certificate, course_manager, quality_officer, django_capture_on_commit_callbacks, monkeypatch
):
    type(course_manager).objects.filter(pk=course_manager.pk).update(preferred_language="fr")
    type(quality_officer).objects.filter(pk=quality_officer.pk).update(preferred_language="ar")
    sent = []
    monkeypatch.setattr(tasks, "send_in_language", lambda **kwargs: sent.append(kwargs) or 1)
    ending_in(certificate, 50)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.review_accreditations()
    assert {(item["to"], item["language"]) for item in sent} == {
        (course_manager.email, "fr"),
        (quality_officer.email, "ar"),
    }
    assert {item["template"] for item in sent} == {"accreditation/email/expiry"}


def test_the_review_is_scheduled_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["accreditation-review"]
    assert entry["task"] == "cadre.accreditation.tasks.review_accreditations"
    assert entry["schedule"] == 24 * 60 * 60
