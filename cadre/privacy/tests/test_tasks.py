"""Scheduled and background work: the daily review, e-mails, sessions, and the demo data."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cadre.accounts.models import User
from cadre.privacy import tasks
from cadre.privacy.models import DataRequest, InactivityReview
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_review_is_scheduled():
    entry = django_settings.CELERY_BEAT_SCHEDULE["privacy-review-inactive-accounts"]
    assert entry["task"] == "cadre.privacy.tasks.review_inactive_accounts"


def test_the_daily_review_flags_once_and_closes_returned_flags(
    kenya, settings, django_capture_on_commit_callbacks
):
    settings.PRIVACY_INACTIVE_DAYS = 100
    person = UserFactory(country=kenya)
    User.objects.filter(pk=person.pk).update(date_joined=timezone.now() - timedelta(days=200))
    with django_capture_on_commit_callbacks(execute=True):
        first = tasks.review_inactive_accounts.delay().get()
    assert first["flagged"] >= 1
    assert tasks.review_inactive_accounts() == {"returned": 0, "anonymised": 0, "flagged": 0}
    assert [message.to for message in mail.outbox].count([person.email]) == 1
    User.objects.filter(pk=person.pk).update(last_login=timezone.now())
    assert tasks.review_inactive_accounts()["returned"] == 1
    review = InactivityReview.objects.get(person=person)
    assert review.status == InactivityReview.Status.RETURNED


def test_e_mails_are_not_sent_for_what_changed_meanwhile(someone):
    open_request = DataRequest.objects.create(person=someone, kind="erasure", reason="x")
    assert tasks.notify_data_request(open_request.pk) == 0
    assert tasks.notify_data_request(0) == 0
    kept = InactivityReview.objects.create(
        person=someone, last_seen=timezone.now(), status=InactivityReview.Status.KEPT
    )
    assert tasks.notify_flagged(kept.pk) == 0
    assert not mail.outbox


def test_demo_requests_and_flag_load_once(db):
    call_command("load_demo", password="demo-password-2026", stdout=StringIO())
    assert DataRequest.objects.filter(status=DataRequest.Status.OPEN).count() == 2
    assert InactivityReview.objects.filter(status=InactivityReview.Status.FLAGGED).count() == 1
    call_command("load_demo", password="demo-password-2026", stdout=StringIO())
    assert DataRequest.objects.count() == 2
    assert InactivityReview.objects.count() == 1
