"""The pages, through the test client: who sees what, the main flows, bad input."""

import json
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from cadre.accounts.models import Role, User
from cadre.accounts.services import assign_role
from cadre.privacy import tasks
from cadre.privacy.models import DataRequest, InactivityReview
from cadre.vetting.models import AccessRequest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PERSONAS = (
    "nobody",
    "learner",
    "ncb_officer",
    "ncb_officer_elsewhere",
    "regional_officer",
    "institution_admin",
    "dpo",
    "administrator",
)
OFFICERS = {"dpo", "administrator"}


def signed_in(client, request, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    return user


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- The notice -----------------------------------------------------------------------------


def test_the_notice_is_public_and_in_the_visitors_language(client):
    response = client.get(reverse("privacy:notice"), HTTP_ACCEPT_LANGUAGE="ar")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'dir="rtl"' in body
    assert "سجل التدقيق" in body  # the audit trail's entry, in Arabic
    assert (
        client.get(reverse("privacy:notice"), HTTP_ACCEPT_LANGUAGE="es")
        .content.decode()
        .count("Registro de auditoría")
    )


def test_the_footer_links_to_the_notice(client):
    assert f'href="{reverse("privacy:notice")}"' in client.get("/").content.decode()


def test_a_person_awaiting_approval_can_read_the_notice_but_not_more(client, kenya):
    person = UserFactory(country=kenya)
    AccessRequest.objects.create(person=person, country=kenya)
    client.force_login(person)
    assert client.get(reverse("privacy:notice")).status_code == 200
    assert client.get(reverse("privacy:my_data")).status_code == 302


def test_the_registration_form_links_to_the_notice(client):
    body = client.get(reverse("account_signup")).content.decode()
    assert f'href="{reverse("privacy:notice")}"' in body


def test_visitors_are_sent_to_sign_in(client):
    for name in ("privacy:my_data", "privacy:my_data_json", "privacy:my_requests", "privacy:queue"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


# --- A person's own data ----------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_downloads_only_their_own_data(client, request, persona, someone, erasure):
    user = signed_in(client, request, persona)
    response = client.get(reverse("privacy:my_data_json"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="cadre-my-data-')
    export = json.loads(response.content)
    assert export["profile"]["email"] == user.email
    assert someone.email not in response.content.decode()


def test_the_data_page_is_paginated_with_bounded_queries(
    client, someone, kenya, django_assert_max_num_queries
):
    learner_role = Role.objects.get(code="learner")
    for _number in range(30):
        assign_role(user=UserFactory(country=kenya), role=learner_role, granted_by=someone, notify=False)
    client.force_login(someone)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("privacy:my_data"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 25
    assert client.get(reverse("privacy:my_data"), {"page": 2}).status_code == 200


def test_a_person_sends_a_request(client, someone):
    client.force_login(someone)
    response = client.post(
        reverse("privacy:my_requests"), {"kind": "erasure", "reason": "I left the police."}
    )
    assert response.status_code == 302
    assert DataRequest.objects.filter(person=someone, kind="erasure").count() == 1
    assert someone.get_full_name() in client.get(reverse("privacy:my_data")).content.decode()


def test_a_bad_request_is_explained_in_the_persons_language_and_changes_nothing(client, someone):
    User.objects.filter(pk=someone.pk).update(preferred_language="fr")
    client.force_login(someone)
    response = client.post(reverse("privacy:my_requests"), {"kind": "forget-me", "reason": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in body
    assert 'lang="fr"' in body
    assert not DataRequest.objects.exists()


def test_a_second_open_request_of_a_kind_is_explained(client, someone, erasure):
    client.force_login(someone)
    response = client.post(reverse("privacy:my_requests"), {"kind": "erasure", "reason": "Again."})
    assert response.status_code == 400
    assert "already have an open request" in response.content.decode()
    assert DataRequest.objects.count() == 1


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_request_is_seen_by_its_author_and_the_officers(client, request, persona, erasure):
    signed_in(client, request, persona)
    expected = 200 if persona in OFFICERS else 404
    assert client.get(reverse("privacy:request", args=[erasure.pk])).status_code == expected


# --- The officer ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_queue_is_for_officers(client, request, persona, erasure):
    signed_in(client, request, persona)
    expected = 200 if persona in OFFICERS else 403
    assert client.get(reverse("privacy:queue")).status_code == expected
    assert client.get(reverse("privacy:inactive")).status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_officers_decide(client, request, persona, correction):
    signed_in(client, request, persona)
    url = reverse("privacy:decide", args=[correction.pk, "complete"])
    response = client.post(url, {"response": "Done."})
    correction.refresh_from_db()
    if persona in OFFICERS:
        assert response.status_code == 302
        assert correction.status == DataRequest.Status.COMPLETED
    else:
        assert response.status_code == 404
        assert correction.status == DataRequest.Status.OPEN


def test_the_queue_filters_and_is_bounded(client, dpo, kenya, django_assert_max_num_queries):
    for number in range(30):
        person = UserFactory(country=kenya, family_name=f"Person{number}")
        DataRequest.objects.create(person=person, kind="erasure" if number % 2 else "correction", reason="x")
    client.force_login(dpo)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("privacy:queue"))
    assert len(response.context["page"].object_list) == 25
    response = client.get(reverse("privacy:queue"), {"kind": "erasure", "status": "open", "q": ""})
    assert response.context["page"].paginator.count == 15


def test_an_erasure_completed_from_the_page(client, dpo, erasure):
    client.force_login(dpo)
    response = client.post(reverse("privacy:decide", args=[erasure.pk, "complete"]), {"response": "Erased."})
    assert response.status_code == 302
    body = client.get(reverse("privacy:queue"), {"status": "completed"}).content.decode()
    assert "Odhiambo" not in body
    assert "Anonymised person" in body


def test_deciding_without_a_response_changes_nothing(client, dpo, erasure):
    client.force_login(dpo)
    response = client.post(reverse("privacy:decide", args=[erasure.pk, "complete"]), {"response": " "})
    assert response.status_code == 302
    assert messages_of(response) == ["Write a response: the person will read it."]
    erasure.refresh_from_db()
    assert erasure.status == DataRequest.Status.OPEN
    assert erasure.person.anonymised_at is None


def test_an_unknown_decision_is_404(client, dpo, erasure):
    client.force_login(dpo)
    assert (
        client.post(reverse("privacy:decide", args=[erasure.pk, "shred"]), {"response": "x"}).status_code
        == 404
    )


def flagged(person: User) -> InactivityReview:
    return InactivityReview.objects.create(person=person, last_seen=timezone.now() - timedelta(days=2000))


def test_the_officer_keeps_or_anonymises_flagged_accounts(client, dpo, kenya):
    kept, gone = flagged(UserFactory(country=kenya)), flagged(UserFactory(country=kenya))
    client.force_login(dpo)
    assert len(client.get(reverse("privacy:inactive")).context["page"].object_list) == 2
    client.post(reverse("privacy:review_decide", args=[kept.pk, "keep"]), {"reason": "Seconded abroad."})
    client.post(reverse("privacy:review_decide", args=[gone.pk, "anonymise"]))
    kept.refresh_from_db()
    gone.refresh_from_db()
    assert kept.status == InactivityReview.Status.KEPT
    assert gone.status == InactivityReview.Status.APPROVED
    assert "daily review carries it out" in client.get(reverse("privacy:inactive")).content.decode()

    tasks.review_inactive_accounts()

    gone.person.refresh_from_db()
    assert gone.person.anonymised_at is not None
    assert not client.get(reverse("privacy:inactive")).context["page"].object_list


def test_keeping_without_a_reason_changes_nothing(client, dpo, someone):
    review = flagged(someone)
    client.force_login(dpo)
    response = client.post(reverse("privacy:review_decide", args=[review.pk, "keep"]), {"reason": ""})
    assert messages_of(response) == ["Say why the account is kept."]
    review.refresh_from_db()
    assert review.status == InactivityReview.Status.FLAGGED
