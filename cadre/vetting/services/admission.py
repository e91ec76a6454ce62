"""People the organisation admits without a request of their own (an NCB's import, for one)."""

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.directory.models import Agency, Country
from cadre.vetting import tasks
from cadre.vetting.models import AccessRequest, Decision
from cadre.vetting.services._steps import Action, Status, end_of_new_period

ADMITTED_FIELDS = ("email", "given_names", "family_name", "country", "agency", "rank", "position", "gender")


def admit_person(
    *,
    email: str,
    given_names: str,
    family_name: str,
    country: Country,
    agency: Agency | None,
    rank: str = "",
    position: str = "",
    gender: str = User.Gender.UNDISCLOSED,
    preferred_language: str = "en",
    admitted_by: User,
    via: str,
) -> User:
    """An approved account with a verified address and no password yet; the person is invited
    (on commit) to set one. A person already admitted in `country` is returned unchanged."""
    email = User.objects.normalize_email(email).strip().lower()
    with transaction.atomic():
        existing = User.objects.filter(email=email).first()
        if existing is not None:
            if existing.country_id != country.pk:
                raise ValidationError(
                    _("%(email)s already has an account in another country.") % {"email": email}
                )
            return existing
        person = User.objects.create_user(
            email,
            None,
            given_names=given_names,
            family_name=family_name,
            country=country,
            agency=agency,
            rank=rank,
            position=position,
            gender=gender,
            preferred_language=preferred_language,
        )
        EmailAddress.objects.create(user=person, email=email, primary=True, verified=True)
        _record_admission(person, admitted_by, via)
        transaction.on_commit(lambda: tasks.invite_to_set_password.delay(person.pk))
    return person


def _record_admission(person: User, admitted_by: User, via: str) -> None:
    now = timezone.now()
    record = AccessRequest.objects.create(
        person=person,
        country=person.country,
        status=Status.APPROVED,
        via=via,
        submitted_at=now,
        decided_at=now,
        approved_until=end_of_new_period(),
    )
    Decision.objects.create(
        request=record, action=Action.ADMITTED, actor=admitted_by, via=via, occurred_at=now
    )
    audit.record(
        actor=admitted_by,
        action="vetting.admitted",
        target=person,
        changes={
            **audit.diff({}, audit.snapshot(person, ADMITTED_FIELDS)),
            "status": (None, Status.APPROVED),
            "via": (None, via),
        },
        country=person.country,
    )
