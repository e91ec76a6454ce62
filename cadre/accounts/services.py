"""Every write about people and their roles."""

import json
from pathlib import Path
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import models, transaction

from cadre.accounts.models import Role, RoleAssignment, User
from cadre.accounts.permissions import forget_grants
from cadre.accounts.scopes import scope_reference, validate_scope
from cadre.accounts.tasks import end_sessions, notify_role_granted
from cadre.audit import services as audit

PROFILE_FIELDS = ("email", "given_names", "family_name", "country", "agency", "rank", "gender")
ROLES_FILE = Path(__file__).resolve().parent / "data" / "roles.json"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def load_roles(*, refresh: bool = False) -> int:
    """Create the roles listed in data/roles.json; return how many were created."""
    rows: list[dict[str, Any]] = json.loads(ROLES_FILE.read_text(encoding="utf-8"))
    created_count = 0
    with transaction.atomic():
        for position, row in enumerate(rows, start=1):
            values: dict[str, Any] = {"scope_kind": row["scope"], "position": position}
            for code in LANGUAGE_CODES:
                values[f"name_{code}"] = row["name"][code]
                values[f"description_{code}"] = row["description"][code]
            manager = Role.objects
            if refresh:
                _role, created = manager.update_or_create(code=row["code"], defaults=values)
            else:
                _role, created = manager.get_or_create(code=row["code"], defaults=values)
            created_count += int(created)
    return created_count


@transaction.atomic
def assign_role(
    *,
    user: User,
    role: Role,
    scope: models.Model | None = None,
    granted_by: User | None = None,
    notify: bool = True,
) -> RoleAssignment:
    """Give `user` the `role` within `scope` and tell them by e-mail.

    Assigning a role the person already holds changes nothing and sends nothing.
    """
    scope_type, scope_id = scope_reference(scope)
    validate_scope(role, scope_type, scope_id)
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        scope_type=scope_type,
        scope_id=scope_id,
        defaults={"granted_by": granted_by},
    )
    forget_grants(user)
    if created:
        audit.record(
            actor=granted_by,
            action="accounts.role_assigned",
            target=user,
            changes={"role": (None, assignment_label(assignment))},
            country=user.country,
        )
    if created and notify:
        transaction.on_commit(lambda: notify_role_granted.delay(assignment.pk))
    return assignment


@transaction.atomic
def remove_role(*, assignment: RoleAssignment, removed_by: User | None = None) -> None:
    user = assignment.user
    label = assignment_label(assignment)
    assignment.delete()
    forget_grants(user)
    audit.record(
        actor=removed_by,
        action="accounts.role_removed",
        target=user,
        changes={"role": (label, None)},
        country=user.country,
    )


def assignment_label(assignment: RoleAssignment) -> str:
    """The role and its scope by their codes, stable whatever language reads the trail."""
    if assignment.scope_type is None:
        return assignment.role.code
    return f"{assignment.role.code}@{assignment.scope_type.model}:{assignment.scope_id}"


@transaction.atomic
def ensure_person(
    *, email: str, password: str, created_by: User | None = None, **profile: Any
) -> tuple[User, bool]:
    """Find the person with this e-mail, or create them with `profile` and `password`."""
    user = User.objects.filter(email=email.lower()).first()
    if user is not None:
        return user, False
    user = User.objects.create_user(email, password, **profile)
    # People entered by the organisation come with an address it has already checked.
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    audit.record(
        actor=created_by,
        action="accounts.person_created",
        target=user,
        changes=audit.diff({}, audit.snapshot(user, PROFILE_FIELDS)),
        country=user.country,
    )
    return user, True


def sign_out_everywhere(*, person: User) -> None:
    """End all of the person's sessions once the current transaction commits."""
    person_id = person.pk
    transaction.on_commit(lambda: end_sessions.delay(person_id))
