"""Each person sees their sessions and ends the others; revoking access ends them all."""

import pytest
from allauth.usersessions.models import UserSession
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from cadre.accounts.tasks import end_sessions
from cadre.vetting import services as vetting_services

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def signed_in(learner) -> Client:
    client = Client()
    response = client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_signing_in_records_the_session(learner):
    signed_in(learner)
    assert UserSession.objects.filter(user=learner).count() == 1


def test_sign_out_everywhere_else_keeps_only_this_session(learner):
    here, elsewhere = signed_in(learner), signed_in(learner)

    listing = here.get(reverse("usersessions_list"))
    assert listing.status_code == 200
    here.post(reverse("usersessions_list"))

    assert UserSession.objects.filter(user=learner).count() == 1
    assert here.get(reverse("portal:dashboard")).status_code == 200
    assert elsewhere.get(reverse("portal:dashboard")).status_code == 302


def test_ending_sessions_ends_only_the_persons(learner, nobody):
    person_here, person_there, other = signed_in(learner), signed_in(learner), signed_in(nobody)

    assert end_sessions(learner.pk) == 2
    assert end_sessions(learner.pk) == 0

    for client in (person_here, person_there):
        assert client.get(reverse("portal:dashboard")).status_code == 302
    assert other.get(reverse("portal:dashboard")).status_code == 200


def test_the_dashboard_links_to_the_sessions(client, learner):
    client.force_login(learner)
    assert reverse("usersessions_list") in client.get(reverse("portal:dashboard")).content.decode()


def test_revoking_access_ends_every_session_of_the_person(
    learner, ncb_head, kenya, django_capture_on_commit_callbacks
):
    from cadre.vetting.models import AccessRequest
    from cadre.vetting.tests.conftest import make_request

    record = make_request(kenya, AccessRequest.Status.APPROVED)
    person = record.person
    person.set_password(PASSWORD)
    person.save()
    first, second = signed_in(person), signed_in(person)
    with django_capture_on_commit_callbacks(execute=True):
        vetting_services.revoke_access(person=person, by=ncb_head, reason="Left the service.")

    assert not UserSession.objects.filter(user=person).exists()
    for client in (first, second):
        assert client.get(reverse("portal:dashboard")).status_code == 302
