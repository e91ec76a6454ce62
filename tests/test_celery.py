"""Background work: in-process without a broker, through the real broker when one is configured."""

import pytest
from django.conf import settings
from django.core import mail

from cadre.accounts.models import Role, RoleAssignment
from cadre.accounts.services import assign_role
from cadre.accounts.tasks import notify_role_granted
from cadre.celery import app
from tests.factories import UserFactory


def granted_assignment() -> RoleAssignment:
    person = UserFactory(preferred_language="es")
    return assign_role(user=person, role=Role.objects.get(code="learner"), notify=False)


@pytest.mark.django_db
def test_without_a_broker_tasks_run_in_process() -> None:
    if settings.CELERY_BROKER_URL:
        pytest.skip("a broker is configured: tasks go through it")
    assert app.conf.task_always_eager
    result = notify_role_granted.delay(granted_assignment().pk)
    assert result.get() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_withdrawn_assignment_sends_nothing() -> None:
    assignment = granted_assignment()
    assignment_id = assignment.pk
    assignment.delete()
    assert notify_role_granted(assignment_id) == 0
    assert mail.outbox == []


@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
def test_a_task_goes_through_the_real_broker_and_returns_its_result() -> None:
    if not settings.CELERY_BROKER_URL or not settings.CELERY_RESULT_BACKEND:
        pytest.skip("set CELERY_BROKER_URL and REDIS_URL to run against the real broker")
    from celery.contrib.testing.worker import start_worker
    from django.core.management import call_command

    call_command("load_reference", verbosity=0)
    assert not app.conf.task_always_eager
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        result = notify_role_granted.delay(granted_assignment().pk)
        assert result.get(timeout=30) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject
