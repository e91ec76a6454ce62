"""Reads: a person's own data, gathered in a bounded number of queries, and the officer's lists."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cadre.accounts.models import Role
from cadre.accounts.services import assign_role
from cadre.privacy import selectors, services
from cadre.privacy.models import DataRequest, InactivityReview
from cadre.vetting.models import AccessRequest, Decision
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def busy(person, ncb_officer, kenya, entries: int = 30):
    """A person with roles, a vetted request, data requests and many audit entries."""
    assign_role(user=person, role=Role.objects.get(code="learner"), notify=False)
    assign_role(user=person, role=Role.objects.get(code="ncb-focal-point"), scope=kenya, notify=False)
    record = AccessRequest.objects.create(person=person, country=kenya, status=AccessRequest.Status.APPROVED)
    Decision.objects.create(
        request=record, action=Decision.Action.APPROVED, actor=ncb_officer, reason="Checked."
    )
    services.submit_data_request(person=person, kind="correction", reason="Wrong rank.")
    for number in range(entries):
        other = UserFactory(country=kenya, given_names=f"Colleague{number}")
        assign_role(user=other, role=Role.objects.get(code="learner"), granted_by=person, notify=False)


def test_the_export_holds_everything_about_the_person(someone, ncb_officer, kenya):
    busy(someone, ncb_officer, kenya, entries=3)
    export = selectors.export_of(someone)
    assert export["profile"]["email"] == someone.email
    assert export["profile"]["country"] == "KE"
    assert {grant["code"] for grant in export["roles"]} == {"learner", "ncb-focal-point"}
    assert export["access_request"]["status"] == "approved"
    assert export["vetting_decisions"][0]["reason"] == "Checked."
    assert export["data_requests"][0]["reason"] == "Wrong rank."
    about = [entry for entry in export["audit_entries"] if entry["about_you"]]
    by = [entry for entry in export["audit_entries"] if entry["by_you"] and not entry["about_you"]]
    assert about
    assert all(entry["changes"] is not None for entry in about)
    # What they did about others is listed, without the others' changed values.
    assert len(by) == 3
    assert all(entry["changes"] is None for entry in by)


def test_the_export_costs_the_same_queries_however_much_there_is(
    someone, ncb_officer, kenya, django_assert_max_num_queries
):
    busy(someone, ncb_officer, kenya, entries=40)
    with django_assert_max_num_queries(10):
        export = selectors.export_of(someone)
    assert len(export["audit_entries"]) > 40


def test_nobody_elses_entries_are_in_the_export(someone, learner):
    assign_role(user=learner, role=Role.objects.get(code="learner"), notify=False)
    labels = {entry["target"] for entry in selectors.export_of(someone)["audit_entries"]}
    assert str(learner) not in labels


def test_the_officers_queue_filters(dpo, learner, someone, erasure, correction):
    found = selectors.data_requests_for(dpo)
    assert set(selectors.filter_data_requests(found, kind="erasure")) == {erasure}
    assert set(selectors.filter_data_requests(found, query="odhiambo")) == {erasure, correction}
    assert not selectors.filter_data_requests(found, status="refused").exists()
    assert selectors.request_counts_for(dpo) == {"open": 2, "completed": 0, "refused": 0}
    assert not selectors.data_requests_for(learner).exists()
    assert selectors.open_request_count_for(learner) is None
    assert selectors.open_request_count_for(dpo) == 2


def test_flagged_accounts_leave_the_list_once_the_person_signs_in(dpo, someone, learner):
    review = InactivityReview.objects.create(person=someone, last_seen=timezone.now() - timedelta(days=2000))
    assert list(selectors.flagged_reviews_for(dpo)) == [review]
    assert not selectors.flagged_reviews_for(learner).exists()
    someone.last_login = timezone.now()
    someone.save(update_fields=["last_login"])
    assert not selectors.flagged_reviews_for(dpo).exists()


def test_own_requests_are_only_ones_own(someone, learner, erasure):
    assert list(selectors.own_requests(someone)) == [erasure]
    assert not selectors.own_requests(learner).exists()
    DataRequest.objects.create(person=learner, kind="erasure", reason="Mine.")
    assert selectors.own_requests(someone).count() == 1
