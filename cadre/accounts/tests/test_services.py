import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from pytest_django import DjangoCaptureOnCommitCallbacks

from cadre.accounts import permissions, services
from cadre.accounts.models import Role, RoleAssignment, User
from cadre.directory.models import Country, Region
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def role(code: str) -> Role:
    return Role.objects.get(code=code)


def test_every_role_of_the_domain_is_loaded_and_translated() -> None:
    codes = set(Role.objects.values_list("code", flat=True))
    assert {
        "learner",
        "ncb-focal-point",
        "ncb-head",
        "course-manager",
        "donor-viewer",
        "administrator",
    } <= codes
    assert not Role.objects.filter(name_ar="").exists()


def test_roles_whose_scope_has_no_app_yet_are_not_assignable() -> None:
    assignable = set(Role.objects.assignable().values_list("scope_kind", flat=True))
    assert {"organisation", "region", "country", "institution", "course"} == assignable


def test_assigning_a_role_in_scope_tells_the_person_in_their_language(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks, kenya: Country
) -> None:
    person = UserFactory(preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        services.assign_role(user=person, role=role("ncb-head"), scope=kenya)
    assert permissions.has_role(person, "ncb-head", scope=kenya)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [person.email]
    assert "BCN" in mail.outbox[0].subject or "Chef" in mail.outbox[0].subject


def test_assigning_the_same_role_twice_changes_nothing(kenya: Country) -> None:
    person = UserFactory()
    first = services.assign_role(user=person, role=role("ncb-head"), scope=kenya, notify=False)
    again = services.assign_role(user=person, role=role("ncb-head"), scope=kenya, notify=False)
    assert first.pk == again.pk
    assert RoleAssignment.objects.filter(user=person).count() == 1


@pytest.mark.parametrize(
    ("code", "scope_name", "message"),
    [
        ("ncb-focal-point", None, "needs a scope"),
        ("ncb-focal-point", "africa", "must be of this kind"),
        ("learner", "kenya", "whole organisation"),
    ],
)
def test_a_scope_that_does_not_fit_the_role_is_refused(
    request: pytest.FixtureRequest, code: str, scope_name: str | None, message: str
) -> None:
    person = UserFactory()
    scope = request.getfixturevalue(scope_name) if scope_name else None
    with pytest.raises(ValidationError, match=message):
        services.assign_role(user=person, role=role(code), scope=scope, notify=False)
    assert not RoleAssignment.objects.filter(user=person).exists()


def test_removing_a_role_takes_it_away_at_once(ncb_officer: User, kenya: Country) -> None:
    assignment = RoleAssignment.objects.get(user=ncb_officer)
    assert permissions.has_role(ncb_officer, "ncb-focal-point", scope=kenya)
    services.remove_role(assignment=assignment)
    on_next_request = User.objects.get(pk=ncb_officer.pk)
    assert not permissions.has_role(on_next_request, "ncb-focal-point", scope=kenya)


def test_ensure_person_finds_an_existing_person_by_email(africa: Region) -> None:
    created, was_new = services.ensure_person(
        email="Officer@Police.Example", password="pw-1234567890", given_names="A", family_name="B"
    )
    found, again = services.ensure_person(email="officer@police.example", password="other", given_names="C")
    assert (was_new, again) == (True, False)
    assert found.pk == created.pk
    assert User.objects.filter(email="officer@police.example").count() == 1
