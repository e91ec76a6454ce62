from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cadre.accounts.models import User
from cadre.audit.models import AuditEntry
from cadre.directory.models import Agency, Sector
from cadre.vetting import services
from cadre.vetting.models import AccessRequest, Decision, DomainRule, Invitation, PreauthorisationCode
from cadre.vetting.selectors import access_of, domain_refused
from cadre.vetting.tests.conftest import make_request
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = AccessRequest.Status


def admit(country, admitted_by, email="new.officer@police.ke.example", **extra):
    return services.admit_person(
        email=email,
        given_names="Achieng",
        family_name="Odhiambo",
        country=country,
        agency=extra.pop("agency", None),
        rank="Inspector",
        position="Investigator",
        preferred_language=extra.pop("preferred_language", "fr"),
        admitted_by=admitted_by,
        via="import",
        **extra,
    )


class TestAdmitPerson:
    def test_creates_an_approved_account_without_password(
        self, kenya, ncb_officer, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            person = admit(kenya, ncb_officer, email="New.Officer@Police.KE.example")
        assert person.email == "new.officer@police.ke.example"
        assert not person.has_usable_password()
        assert EmailAddress.objects.get(user=person).verified
        record = AccessRequest.objects.get(person=person)
        assert (record.status, record.via) == (Status.APPROVED, "import")
        assert record.approved_until == timezone.localdate() + timedelta(days=365)
        decision = Decision.objects.get(request=record)
        assert (decision.action, decision.actor, decision.via) == (
            Decision.Action.ADMITTED,
            ncb_officer,
            "import",
        )
        assert AuditEntry.objects.filter(action="vetting.admitted", target_id=str(person.pk)).exists()
        assert access_of(person)
        [message] = mail.outbox
        assert message.to == ["new.officer@police.ke.example"]
        assert (
            "Choisissez votre mot de passe" in message.subject
            or "/accounts/password/reset/key/" in message.body
        )

    def test_sends_nothing_before_commit_and_nothing_when_rolled_back(self, kenya, ncb_officer):
        class Abort(Exception):
            pass

        def import_two_then_fail():
            with transaction.atomic():
                admit(kenya, ncb_officer)
                admit(kenya, ncb_officer, email="second@police.ke.example")
                assert mail.outbox == []
                raise Abort

        with pytest.raises(Abort):
            import_two_then_fail()
        assert not User.objects.filter(email="new.officer@police.ke.example").exists()
        assert mail.outbox == []

    def test_returns_the_existing_person_of_the_same_country(self, kenya, ncb_officer, officer_ke):
        assert admit(kenya, ncb_officer, email=officer_ke.email.upper()) == officer_ke
        assert not AccessRequest.objects.filter(person=officer_ke).exists()

    def test_refuses_a_person_of_another_country(self, kenya, ncb_officer, officer_fr):
        with pytest.raises(ValidationError, match="another country"):
            admit(kenya, ncb_officer, email=officer_fr.email)


class TestDecisions:
    def test_approving_accepts_the_proposed_agency_and_tells_the_person(
        self, kenya, ncb_officer, django_capture_on_commit_callbacks
    ):
        record = make_request(kenya, preferred_language="fr")
        record.proposed_agency_name = "Kenya Wildlife Service"
        record.proposed_agency_sector = Sector.objects.get(code="police")
        record.save()
        with django_capture_on_commit_callbacks(execute=True):
            services.approve_request(record=record, by=ncb_officer)
        record.refresh_from_db()
        record.person.refresh_from_db()
        assert record.status == Status.APPROVED
        assert record.person.agency == Agency.objects.get(country=kenya, name="Kenya Wildlife Service")
        [message] = mail.outbox
        assert message.to == [record.person.email]
        assert message.body.startswith("Bonjour")  # the person's language
        assert AuditEntry.objects.filter(action="vetting.approved").count() == 1

    def test_rejecting_needs_a_reason_and_changes_nothing_without_one(self, pending_ke, ncb_officer):
        with pytest.raises(ValidationError):
            services.reject_request(record=pending_ke, by=ncb_officer, reason="  ")
        pending_ke.refresh_from_db()
        assert pending_ke.status == Status.PENDING
        assert not Decision.objects.filter(request=pending_ke).exists()

    def test_asking_for_information_then_resubmitting(self, pending_ke, ncb_officer):
        services.ask_for_information(record=pending_ke, by=ncb_officer, reason="Your supervisor, please.")
        pending_ke.refresh_from_db()
        assert (pending_ke.status, pending_ke.reason) == (Status.INFO_REQUESTED, "Your supervisor, please.")
        services.update_own_request(
            person=pending_ke.person,
            profile={"supervisor_name": "Chief Otieno", "supervisor_email": "otieno@police.ke.example"},
        )
        pending_ke.refresh_from_db()
        assert pending_ke.status == Status.PENDING
        assert pending_ke.person.supervisor_name == "Chief Otieno"
        assert list(pending_ke.decisions.values_list("action", flat=True)) == [
            "resubmitted",
            "info_requested",
        ]

    def test_a_decided_request_cannot_be_edited(self, kenya):
        record = make_request(kenya, Status.REJECTED)
        with pytest.raises(ValidationError):
            services.update_own_request(person=record.person, profile={"rank": "General"})

    def test_a_request_decided_meanwhile_is_not_decided_again(self, pending_ke, ncb_officer, ncb_head):
        stale = AccessRequest.objects.get(pk=pending_ke.pk)
        services.reject_request(record=pending_ke, by=ncb_head, reason="Not an official.")
        with pytest.raises(ValidationError, match="changed meanwhile"):
            services.ask_for_information(record=stale, by=ncb_officer, reason="?")

    def test_bulk_decides_what_fits_and_skips_the_rest(self, kenya, ncb_officer):
        first, second = make_request(kenya), make_request(kenya)
        approved = make_request(kenya, Status.APPROVED)
        outcome = services.decide_in_bulk(records=[first, second, approved], by=ncb_officer, action="approve")
        assert (outcome.decided, outcome.skipped) == (2, 1)
        assert set(AccessRequest.objects.filter(status=Status.APPROVED).values_list("pk", flat=True)) == {
            first.pk,
            second.pk,
            approved.pk,
        }

    def test_bulk_rejection_needs_a_reason(self, pending_ke, ncb_officer):
        with pytest.raises(ValidationError):
            services.decide_in_bulk(records=[pending_ke], by=ncb_officer, action="reject")
        with pytest.raises(ValidationError):
            services.decide_in_bulk(records=[pending_ke], by=ncb_officer, action="delete")


class TestLifecycle:
    def test_suspend_and_reinstate_an_officer_created_by_the_organisation(self, officer_ke, ncb_officer):
        services.suspend_access(person=officer_ke, by=ncb_officer, reason="Under investigation.")
        officer_ke.refresh_from_db()
        assert not access_of(User.objects.get(pk=officer_ke.pk))
        services.reinstate_access(person=officer_ke, by=ncb_officer, reason="Cleared.")
        assert access_of(User.objects.get(pk=officer_ke.pk))
        actions = list(Decision.objects.values_list("action", flat=True))
        assert actions == ["reinstated", "suspended"]

    def test_revoking_ends_every_session_of_the_person_only(
        self, officer_ke, officer_fr, ncb_head, django_capture_on_commit_callbacks
    ):
        keys = {}
        for person in (officer_ke, officer_ke, officer_fr):
            store = SessionStore()
            store[SESSION_KEY] = str(person.pk)
            store.create()
            # allauth records each session at sign-in; revoking ends the recorded ones.
            UserSession.objects.create(user=person, session_key=store.session_key, ip="192.0.2.1")
            keys.setdefault(person.pk, []).append(store.session_key)
        with django_capture_on_commit_callbacks(execute=True):
            services.revoke_access(person=officer_ke, by=ncb_head, reason="Left the service.")
        assert not Session.objects.filter(session_key__in=keys[officer_ke.pk]).exists()
        assert Session.objects.filter(session_key__in=keys[officer_fr.pk]).count() == 1
        assert list(UserSession.objects.values_list("user_id", flat=True)) == [officer_fr.pk]
        assert AccessRequest.objects.get(person=officer_ke).status == Status.REVOKED

    def test_a_focal_point_may_not_revoke(self, officer_ke, ncb_officer):
        with pytest.raises(ValidationError):
            services.revoke_access(person=officer_ke, by=ncb_officer, reason="Left.")
        assert not Decision.objects.exists()

    def test_lapsing_and_reconfirming(self, kenya, ncb_officer):
        record = make_request(kenya, Status.APPROVED)
        yesterday = timezone.localdate() - timedelta(days=1)
        AccessRequest.objects.filter(pk=record.pk).update(approved_until=yesterday)
        assert services.lapse_ended_access() == 1
        assert services.lapse_ended_access() == 0
        record.refresh_from_db()
        assert (record.status, record.approved_until) == (Status.LAPSED, yesterday)
        assert not access_of(User.objects.get(pk=record.person_id))
        services.reconfirm_access(record=record, by=ncb_officer)
        record.refresh_from_db()
        assert record.status == Status.APPROVED
        assert record.approved_until == timezone.localdate() + timedelta(days=365)

    def test_an_ended_period_shuts_the_gate_before_the_task_runs(self, kenya):
        record = make_request(kenya, Status.APPROVED)
        AccessRequest.objects.filter(pk=record.pk).update(
            approved_until=timezone.localdate() - timedelta(days=1)
        )
        assert not access_of(User.objects.get(pk=record.person_id))

    def test_reminders_go_once_per_period_to_the_person_and_the_ncb(
        self,
        kenya,
        ncb_officer,
        ncb_head,
        ncb_officer_elsewhere,
        django_capture_on_commit_callbacks,
        settings,
    ):
        settings.VETTING_REMINDER_DAYS = 30
        record = make_request(kenya, Status.APPROVED)
        AccessRequest.objects.filter(pk=record.pk).update(
            approved_until=timezone.localdate() + timedelta(days=10)
        )
        make_request(kenya, Status.APPROVED)  # 100 days left: no reminder yet
        with django_capture_on_commit_callbacks(execute=True):
            assert services.remind_of_ending_access() == 1
            assert services.remind_of_ending_access() == 0
        recipients = sorted(address for message in mail.outbox for address in message.to)
        assert recipients == sorted([record.person.email, ncb_officer.email, ncb_head.email])


class TestHandouts:
    def test_invitation_is_sent_and_audited(self, kenya, ncb_officer, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = services.invite_person(
                country=kenya, email="Invitee@Police.ke.example", agency=None, invited_by=ncb_officer
            )
        assert invitation.email == "invitee@police.ke.example"
        [message] = mail.outbox
        assert f"/vetting/invitation/{invitation.token}/" in message.body
        assert AuditEntry.objects.filter(action="vetting.invited").exists()

    def test_no_invitation_for_someone_who_has_an_account(self, officer_ke, kenya, ncb_officer):
        with pytest.raises(ValidationError):
            services.invite_person(country=kenya, email=officer_ke.email, agency=None, invited_by=ncb_officer)

    def test_codes_belong_to_an_agency_of_the_country(self, kenya, france, ncb_officer):
        french_agency = AgencyFactory(country=france)
        later = timezone.localdate() + timedelta(days=10)
        with pytest.raises(ValidationError):
            services.issue_code(
                country=kenya, agency=french_agency, max_uses=5, expires_on=later, issued_by=ncb_officer
            )
        code = services.issue_code(
            country=kenya, agency=AgencyFactory(), max_uses=5, expires_on=later, issued_by=ncb_officer
        )
        assert code.is_usable()
        services.revoke_code(code=code, by=ncb_officer)
        code.refresh_from_db()
        assert not code.is_usable()
        with pytest.raises(ValidationError):
            services.revoke_code(code=code, by=ncb_officer)
        actions = set(AuditEntry.objects.values_list("action", flat=True))
        assert {"vetting.code_issued", "vetting.code_revoked"} <= actions

    def test_domain_rules(self, kenya, ncb_officer):
        assert not domain_refused(kenya, "a@gmail.example")
        services.add_domain_rule(
            country=kenya, domain="@Mail.Example", kind=DomainRule.Kind.DENY, added_by=ncb_officer
        )
        assert domain_refused(kenya, "a@mail.example")
        assert domain_refused(kenya, "a@eu.mail.example")
        assert not domain_refused(kenya, "a@police.ke.example")
        services.add_domain_rule(
            country=kenya, domain="police.ke", kind=DomainRule.Kind.ALLOW, added_by=ncb_officer
        )
        assert domain_refused(kenya, "a@other.ke")
        assert not domain_refused(kenya, "a@nairobi.police.ke")
        with pytest.raises(ValidationError):
            services.add_domain_rule(country=kenya, domain="police.ke", kind="deny", added_by=ncb_officer)
        with pytest.raises(ValidationError):
            services.add_domain_rule(country=kenya, domain="not a domain", kind="deny", added_by=ncb_officer)


class TestRegistration:
    def test_a_code_approves_and_is_counted(self, kenya, ncb_officer):
        agency = AgencyFactory()
        code = PreauthorisationCode.objects.create(
            country=kenya,
            agency=agency,
            max_uses=1,
            expires_at=timezone.now() + timedelta(days=1),
            issued_by=ncb_officer,
        )
        person = UserFactory.build(country=None, email="coded@police.ke.example")
        person.save()
        record = services.register_person(
            person=person, profile={"country": kenya, "given_names": "A"}, code=code
        )
        code.refresh_from_db()
        assert (record.status, record.via, code.uses) == (Status.APPROVED, "code", 1)
        assert record.person.agency == agency
        assert not code.is_usable()

    def test_an_invitation_for_another_address_leaves_the_request_pending(self, kenya, ncb_officer):
        invitation = Invitation.objects.create(
            country=kenya,
            email="someone@police.ke.example",
            expires_at=timezone.now() + timedelta(days=1),
            invited_by=ncb_officer,
        )
        person = UserFactory.build(country=None, email="other@police.ke.example")
        person.save()
        record = services.register_person(person=person, profile={"country": kenya}, invitation=invitation)
        invitation.refresh_from_db()
        assert record.status == Status.PENDING
        assert invitation.status == Invitation.Status.PENDING
