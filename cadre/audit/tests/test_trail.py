import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from cadre.accounts.models import Role, User
from cadre.accounts.services import assign_role
from cadre.audit import services
from cadre.audit.models import AppendOnlyError, AuditEntry
from cadre.audit.verification import GENESIS, verify_chain
from cadre.directory.models import Country
from cadre.lib.context import RequestContextMiddleware
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def record_change(target: User, actor: User | None = None) -> AuditEntry:
    with transaction.atomic():
        return services.record(
            actor=actor,
            action="tests.changed",
            target=target,
            changes={"rank": ("A", "B")},
            country=target.country,
        )


def test_entries_chain_each_to_the_one_before(kenya: Country) -> None:
    person = UserFactory()
    first = record_change(person)
    second = record_change(person, actor=person)
    assert second.previous_hash == first.entry_hash
    assert AuditEntry.objects.order_by("id").first().previous_hash == GENESIS  # type: ignore[union-attr]
    assert verify_chain().intact


def test_an_entry_keeps_actor_target_before_and_after_and_country(kenya: Country) -> None:
    actor, person = UserFactory(), UserFactory(country=kenya)
    entry = record_change(person, actor=actor)
    entry.refresh_from_db()
    assert (entry.actor, entry.target_id, entry.country) == (actor, str(person.pk), kenya)
    assert entry.changes == {"rank": ["A", "B"]}
    assert entry.compute_hash() == entry.entry_hash


@pytest.mark.django_db(transaction=True)
def test_entries_are_written_only_inside_the_changes_transaction() -> None:
    person = UserFactory(country=None)
    with pytest.raises(RuntimeError, match="transaction"):
        services.record(actor=None, action="tests.changed", target=person)


def test_entries_cannot_be_changed_or_deleted_through_the_model() -> None:
    entry = record_change(UserFactory())
    entry.action = "tests.rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_a_rolled_back_change_leaves_no_entry() -> None:
    person = UserFactory()
    before = AuditEntry.objects.count()
    learner = Role.objects.get(code="learner")

    def assign_then_fail() -> None:
        with transaction.atomic():
            assign_role(user=person, role=learner, notify=False)
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        assign_then_fail()
    assert AuditEntry.objects.count() == before


def test_assigning_a_role_is_audited(ncb_officer: User, kenya: Country) -> None:
    entry = AuditEntry.objects.filter(action="accounts.role_assigned", target_id=str(ncb_officer.pk)).get()
    assert entry.country == kenya
    assert entry.changes["role"][1].startswith("ncb-focal-point@country:")


def test_verify_audit_names_the_first_tampered_entry(capsys: pytest.CaptureFixture[str]) -> None:
    person = UserFactory()
    entries = [record_change(person) for _ in range(3)]
    call_command("verify_audit")
    assert "intact" in capsys.readouterr().out
    AuditEntry.objects.filter(pk=entries[1].pk).update(changes={"rank": ["A", "Z"]})
    with pytest.raises(CommandError, match=f"#{entries[1].pk} .*content does not match"):
        call_command("verify_audit")


def test_verify_audit_notices_a_removed_entry() -> None:
    person = UserFactory()
    entries = [record_change(person) for _ in range(3)]
    AuditEntry.objects.filter(pk=entries[1].pk)._raw_delete(AuditEntry.objects.db)  # type: ignore[attr-defined]
    report = verify_chain()
    assert report.first_broken == entries[2]
    assert "does not follow" in report.reason


def test_the_client_address_of_the_request_is_recorded() -> None:
    person = UserFactory()

    def view(request: HttpRequest) -> HttpResponse:
        record_change(person)
        return HttpResponse()

    request = HttpRequest()
    request.META["REMOTE_ADDR"] = "203.0.113.7"
    RequestContextMiddleware(view)(request)
    assert AuditEntry.objects.latest("id").ip_address == "203.0.113.7"
