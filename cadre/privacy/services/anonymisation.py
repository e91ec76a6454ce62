"""Erasing what identifies a person while keeping what the statistics count.

Country, agency, gender and every training record (they point at the person by key) stay, so
counts of who was trained where stay right. The audit trail keeps its entries: it is
tamper-evident and cannot be edited.
"""

from datetime import datetime

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from cadre.accounts import services as accounts_services
from cadre.accounts.models import User
from cadre.audit import services as audit

CLEARED_FIELDS = ("preferred_name", "rank", "position", "supervisor_name", "supervisor_email")
# Sign-in records other apps keep about a person, removed when the app is installed.
SIGN_IN_RECORDS = (
    ("account", "EmailAddress"),
    ("mfa", "Authenticator"),
    ("socialaccount", "SocialAccount"),
)


def anonymous_email(person: User) -> str:
    """Unique, and never deliverable: the .invalid domain is reserved (RFC 2606)."""
    return f"anonymised-{person.pk}@anonymised.invalid"


def _remove_sign_in_records(person: User) -> None:
    for app_label, model_name in SIGN_IN_RECORDS:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        model._default_manager.filter(user=person).delete()


def _end_roles(person: User, by: User | None) -> None:
    for assignment in person.role_assignments.select_related("role", "scope_type"):
        accounts_services.remove_role(assignment=assignment, removed_by=by)


def _erase_profile(person: User, now: datetime) -> None:
    person.given_names = "Anonymised"
    person.family_name = f"person {person.pk}"
    person.email = anonymous_email(person)
    for name in CLEARED_FIELDS:
        setattr(person, name, "")
    person.set_unusable_password()
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    person.anonymised_at = now
    person.save()


@transaction.atomic
def anonymise_person(*, person: User, by: User | None, through: str) -> bool:
    """Anonymise the person at once; False if they were already. `through` says why
    ("erasure request", "inactivity") and goes into the audit entry."""
    person = User.objects.select_for_update().get(pk=person.pk)
    if person.anonymised_at is not None:
        return False
    now = timezone.now()
    _erase_profile(person, now)  # first, so the entries ending the roles do not name the person
    _end_roles(person, by)
    _remove_sign_in_records(person)
    audit.record(
        actor=by,
        action="privacy.person_anonymised",
        target=person,
        # When and why, never the erased values: the trail must not keep them.
        changes={"anonymised_at": (None, now), "through": ("", through)},
        country=person.country,
    )
    accounts_services.sign_out_everywhere(person=person)
    return True
