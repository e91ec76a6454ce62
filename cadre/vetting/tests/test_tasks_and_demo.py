from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cadre.accounts.models import User
from cadre.vetting import tasks
from cadre.vetting.models import AccessRequest
from cadre.vetting.tests.conftest import make_request

pytestmark = pytest.mark.django_db

Status = AccessRequest.Status


def test_the_periodic_review_lapses_and_reminds_once(kenya, ncb_officer, django_capture_on_commit_callbacks):
    ended = make_request(kenya, Status.APPROVED)
    ending = make_request(kenya, Status.APPROVED)
    today = timezone.localdate()
    AccessRequest.objects.filter(pk=ended.pk).update(approved_until=today - timedelta(days=1))
    AccessRequest.objects.filter(pk=ending.pk).update(approved_until=today + timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.review_access_periods() == {"lapsed": 1, "reminded": 1}
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.review_access_periods() == {"lapsed": 0, "reminded": 0}
    ended.refresh_from_db()
    assert ended.status == Status.LAPSED
    told = {address for message in mail.outbox for address in message.to}
    assert told == {ended.person.email, ending.person.email, ncb_officer.email}


def test_the_reminder_task_sends_nothing_for_a_request_decided_meanwhile(kenya):
    record = make_request(kenya, Status.SUSPENDED)
    assert tasks.remind_access_ending(record.pk) == 0
    assert tasks.notify_decision(0) == 0


def test_demo_requests_load_once(db):
    call_command("load_demo", password="demo-password-2026", stdout=StringIO())
    counts = dict.fromkeys(Status.values, 0)
    for status in AccessRequest.objects.values_list("status", flat=True):
        counts[status] += 1
    assert counts[Status.PENDING] >= 2
    assert counts[Status.INFO_REQUESTED] >= 1
    assert counts[Status.REJECTED] >= 1
    lapsing = AccessRequest.objects.filter(
        status=Status.APPROVED, approved_until__lte=timezone.localdate() + timedelta(days=30)
    )
    assert {record.country.iso2 for record in lapsing} == {"KE", "FR"}
    total, people = AccessRequest.objects.count(), User.objects.count()
    call_command("load_demo", password="demo-password-2026", stdout=StringIO())
    assert (AccessRequest.objects.count(), User.objects.count()) == (total, people)
