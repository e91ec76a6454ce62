"""Issuing, revoking and re-issuing certificates."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.accounts.models import User
from cadre.audit.models import AuditEntry
from cadre.certificates import selectors
from cadre.certificates.models import Certificate
from cadre.certificates.services import reissue_certificate, revoke_certificate
from cadre.certificates.services.issuing import issue_certificate
from cadre.certificates.tests.conftest import TITLES, Issue
from cadre.courses.models import Course
from tests.factories import NominationFactory, SessionFactory

pytestmark = pytest.mark.django_db

Status, Kind = Certificate.Status, Certificate.Kind


def actions_on(certificate: Certificate) -> list[str]:
    return list(
        AuditEntry.objects.filter(target_id=str(certificate.pk), action__startswith="certificates.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


# --- issue_certificate --------------------------------------------------------------------


def test_issuing_records_the_course_as_it_stands_and_the_holders_language(issue: Issue, holder: User) -> None:
    holder.preferred_language = "ar"
    holder.save(update_fields=["preferred_language"])
    certificate = issue(holder)
    assert len(certificate.code) == 10
    assert certificate.status == Status.VALID
    assert certificate.holder_name == "Achieng Otieno"
    assert certificate.language == "ar"
    assert certificate.title_in("ar") == TITLES["ar"]
    assert actions_on(certificate) == ["certificates.issued"]
    entry = AuditEntry.objects.get(target_id=str(certificate.pk), action="certificates.issued")
    assert entry.country == holder.country


def test_issuing_twice_for_the_same_source_gives_the_same_certificate(issue: Issue, holder: User) -> None:
    first = issue(holder)
    again = issue(holder, source=first.source)
    assert again.pk == first.pk
    assert Certificate.objects.filter(holder=holder).count() == 1
    assert actions_on(first) == ["certificates.issued"]


def test_another_kind_replaces_the_current_certificate(issue: Issue, holder: User) -> None:
    attendance = issue(holder)
    completion = issue(holder, source=attendance.source, kind=Kind.COMPLETION)
    attendance.refresh_from_db()
    assert completion.pk != attendance.pk
    assert completion.replaces == attendance
    assert attendance.status == Status.REPLACED
    assert selectors.newer_certificate(attendance) == completion
    assert actions_on(attendance) == ["certificates.issued", "certificates.replaced"]
    # Issuing the completion certificate again changes nothing more.
    assert issue(holder, source=attendance.source, kind=Kind.COMPLETION).pk == completion.pk
    assert Certificate.objects.filter(holder=holder).count() == 2


def test_a_revoked_certificate_is_not_the_current_one(
    issue: Issue, holder: User, administrator: User
) -> None:
    first = issue(holder)
    revoke_certificate(certificate=first, by=administrator, reason="Issued by mistake.")
    second = issue(holder, source=first.source)
    assert second.pk != first.pk
    assert second.replaces is None
    first.refresh_from_db()
    assert first.status == Status.REVOKED


def test_different_sources_get_different_certificates(issue: Issue, holder: User) -> None:
    assert issue(holder).pk != issue(holder).pk


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "diploma"}, "kind"),
        ({"starts_on": date(2026, 3, 13), "ends_on": date(2026, 3, 9)}, "ends_on"),
    ],
)
def test_bad_data_issues_nothing(issue: Issue, holder: User, changes: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        issue(holder, **changes)
    assert field in error.value.message_dict
    assert not Certificate.objects.filter(holder=holder).exists()


def test_a_certificate_can_be_issued_without_a_course(holder: User, course: Course) -> None:
    source = NominationFactory(session=SessionFactory(course=course, manager=holder), person=holder)
    certificate = issue_certificate(
        holder=holder,
        kind=Kind.ATTENDANCE,
        course=None,
        titles={"en": "Regional workshop", "fr": ""},
        activity="x" * 300,
        starts_on=date(2026, 1, 5),
        ends_on=date(2026, 1, 5),
        source=source,
        by=None,
    )
    assert certificate.titles == {"en": "Regional workshop"}
    assert certificate.title_in("fr") == "Regional workshop"
    assert len(certificate.activity) == 200


# --- revoke_certificate -------------------------------------------------------------------


def test_revoking_records_who_when_why_and_tells_the_holder_in_their_language(
    certificate: Certificate, course_manager: User, django_capture_on_commit_callbacks: object
) -> None:
    holder = certificate.holder
    holder.preferred_language = "fr"
    holder.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        revoked = revoke_certificate(certificate=certificate, by=course_manager, reason="  Did not attend.  ")
    revoked.refresh_from_db()
    assert revoked.status == Status.REVOKED
    assert revoked.revoked_by == course_manager
    assert revoked.revoked_at is not None
    assert revoked.revoked_reason == "Did not attend."
    assert actions_on(revoked) == ["certificates.issued", "certificates.revoked"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [holder.email]
    assert certificate.code in message.subject
    assert message.body.startswith("Bonjour")  # in the holder's language
    assert "Did not attend." in message.body
    assert TITLES["fr"] in message.body


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_revoking_needs_a_reason(certificate: Certificate, administrator: User, reason: str) -> None:
    with pytest.raises(ValidationError) as error:
        revoke_certificate(certificate=certificate, by=administrator, reason=reason)
    assert "reason" in error.value.message_dict
    certificate.refresh_from_db()
    assert certificate.status == Status.VALID


def test_only_those_who_manage_it_revoke(certificate: Certificate, ncb_officer: User) -> None:
    with pytest.raises(PermissionDenied):
        revoke_certificate(certificate=certificate, by=ncb_officer, reason="No.")
    with pytest.raises(PermissionDenied):
        revoke_certificate(certificate=certificate, by=certificate.holder, reason="No.")
    certificate.refresh_from_db()
    assert certificate.status == Status.VALID


def test_a_certificate_is_revoked_once(certificate: Certificate, administrator: User) -> None:
    revoke_certificate(certificate=certificate, by=administrator, reason="Fraud.")
    with pytest.raises(ValidationError):
        revoke_certificate(certificate=certificate, by=administrator, reason="Again.")
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Fraud."


# --- reissue_certificate ------------------------------------------------------------------


def test_reissuing_makes_a_new_certificate_with_the_name_as_it_stands(
    certificate: Certificate, course_manager: User, django_capture_on_commit_callbacks: object
) -> None:
    holder = certificate.holder
    holder.family_name = "Otieno-Wanjiru"
    holder.save(update_fields=["family_name"])
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        new = reissue_certificate(certificate=certificate, by=course_manager, reason="Name corrected.")
    certificate.refresh_from_db()
    assert new.code != certificate.code
    assert new.holder_name == "Achieng Otieno-Wanjiru"
    assert certificate.holder_name == "Achieng Otieno"
    assert (new.kind, new.course, new.titles, new.activity) == (
        certificate.kind,
        certificate.course,
        certificate.titles,
        certificate.activity,
    )
    assert (new.starts_on, new.ends_on, new.hours) == (
        certificate.starts_on,
        certificate.ends_on,
        certificate.hours,
    )
    assert (new.source_type_id, new.source_id) == (certificate.source_type_id, certificate.source_id)
    assert new.replaces == certificate
    assert new.reissue_reason == "Name corrected."
    assert new.issued_by == course_manager
    assert certificate.status == Status.REPLACED
    assert actions_on(new) == ["certificates.reissued"]
    assert actions_on(certificate) == ["certificates.issued", "certificates.replaced"]
    assert [message.to for message in mail.outbox] == [[holder.email]]
    assert new.code in mail.outbox[0].subject
    assert certificate.code in mail.outbox[0].body


def test_the_history_runs_from_the_first_to_the_last(issue: Issue, holder: User, administrator: User) -> None:
    first = issue(holder)
    second = issue(holder, source=first.source, kind=Kind.COMPLETION)
    third = reissue_certificate(certificate=second, by=administrator, reason="Name corrected.")
    unrelated = issue(holder)  # same holder and course, another session
    for member in (first, second, third):
        assert [row.pk for row in selectors.history_of(member)] == [first.pk, second.pk, third.pk]
    assert [row.pk for row in selectors.history_of(unrelated)] == [unrelated.pk]


def test_issuing_after_a_reissue_keeps_the_reissued_certificate(
    certificate: Certificate, administrator: User
) -> None:
    new = reissue_certificate(certificate=certificate, by=administrator, reason="Name corrected.")
    again = issue_certificate(
        holder=certificate.holder,
        kind=certificate.kind,
        course=certificate.course,
        titles=certificate.titles,
        activity=certificate.activity,
        starts_on=certificate.starts_on,
        ends_on=certificate.ends_on,
        source=certificate.source,
        by=None,
    )
    assert again.pk == new.pk


def test_a_replaced_or_revoked_certificate_is_not_reissued(
    certificate: Certificate, administrator: User
) -> None:
    reissue_certificate(certificate=certificate, by=administrator, reason="Name corrected.")
    with pytest.raises(ValidationError):
        reissue_certificate(certificate=certificate, by=administrator, reason="Again.")
    assert Certificate.objects.filter(holder=certificate.holder).count() == 2


def test_reissuing_needs_a_reason_and_the_right(certificate: Certificate, administrator: User) -> None:
    with pytest.raises(ValidationError):
        reissue_certificate(certificate=certificate, by=administrator, reason=" ")
    with pytest.raises(PermissionDenied):
        reissue_certificate(certificate=certificate, by=certificate.holder, reason="My name.")
    assert Certificate.objects.filter(holder=certificate.holder).count() == 1
