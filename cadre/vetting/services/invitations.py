"""What an NCB hands out ahead of registration: invitations, pre-authorisation codes, and the
rules on the e-mail domains of its country."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.directory.models import Agency, Country
from cadre.vetting import tasks
from cadre.vetting.models import DomainRule, Invitation, PreauthorisationCode


@transaction.atomic
def invite_person(*, country: Country, email: str, agency: Agency | None, invited_by: User) -> Invitation:
    email = email.strip().lower()
    if User.objects.filter(email=email).exists():
        raise ValidationError(_("%(email)s already has an account.") % {"email": email})
    if agency is not None and agency.country_id != country.pk:
        raise ValidationError(_("Choose an agency of %(country)s.") % {"country": country.name})
    invitation = Invitation.objects.create(
        country=country,
        email=email,
        agency=agency,
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.VETTING_INVITATION_DAYS),
    )
    audit.record(
        actor=invited_by,
        action="vetting.invited",
        target=invitation,
        changes={"email": (None, email), "agency": (None, agency.pk if agency else None)},
        country=country,
    )
    transaction.on_commit(lambda: tasks.send_invitation.delay(invitation.pk))
    return invitation


@transaction.atomic
def withdraw_invitation(*, invitation: Invitation, by: User) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != Invitation.Status.PENDING:
        raise ValidationError(_("This invitation has already been used or withdrawn."))
    invitation.status = Invitation.Status.REVOKED
    invitation.save(update_fields=["status"])
    audit.record(
        actor=by,
        action="vetting.invitation_withdrawn",
        target=invitation,
        changes={"status": (Invitation.Status.PENDING, Invitation.Status.REVOKED)},
        country=invitation.country,
    )
    return invitation


@transaction.atomic
def issue_code(
    *, country: Country, agency: Agency, max_uses: int, expires_on: date, issued_by: User
) -> PreauthorisationCode:
    if agency.country_id != country.pk:
        raise ValidationError(_("Choose an agency of %(country)s.") % {"country": country.name})
    if max_uses < 1:
        raise ValidationError(_("A code is used at least once."))
    if expires_on < timezone.localdate():
        raise ValidationError(_("Choose an expiry date that is not in the past."))
    expires_at = timezone.make_aware(datetime.combine(expires_on, time.max))
    code = PreauthorisationCode.objects.create(
        country=country, agency=agency, max_uses=max_uses, expires_at=expires_at, issued_by=issued_by
    )
    audit.record(
        actor=issued_by,
        action="vetting.code_issued",
        target=code,
        changes={"agency": (None, agency.pk), "max_uses": (None, max_uses), "expires_on": (None, expires_on)},
        country=country,
    )
    return code


@transaction.atomic
def revoke_code(*, code: PreauthorisationCode, by: User) -> PreauthorisationCode:
    code = PreauthorisationCode.objects.select_for_update().get(pk=code.pk)
    if code.revoked_at is not None:
        raise ValidationError(_("This code has already been revoked."))
    code.revoked_at = timezone.now()
    code.save(update_fields=["revoked_at"])
    audit.record(
        actor=by,
        action="vetting.code_revoked",
        target=code,
        changes={"revoked_at": (None, code.revoked_at), "uses": (code.uses, code.uses)},
        country=code.country,
    )
    return code


def normalised_domain(domain: str) -> str:
    domain = domain.strip().lower().lstrip("@").rstrip(".")
    labels = domain.split(".")
    if len(labels) < 2 or not all(label and label.replace("-", "").isalnum() for label in labels):  # noqa: PLR2004
        raise ValidationError(_("Enter a domain such as police.example.org, without the @."))
    return domain


@transaction.atomic
def add_domain_rule(*, country: Country, domain: str, kind: str, added_by: User) -> DomainRule:
    domain = normalised_domain(domain)
    if DomainRule.objects.filter(country=country, domain=domain).exists():
        raise ValidationError(_("%(domain)s already has a rule.") % {"domain": domain})
    rule = DomainRule.objects.create(country=country, domain=domain, kind=kind, created_by=added_by)
    audit.record(
        actor=added_by,
        action="vetting.domain_rule_added",
        target=rule,
        changes={"domain": (None, domain), "kind": (None, kind)},
        country=country,
    )
    return rule


@transaction.atomic
def remove_domain_rule(*, rule: DomainRule, removed_by: User) -> None:
    audit.record(
        actor=removed_by,
        action="vetting.domain_rule_removed",
        target=rule,
        changes={"domain": (rule.domain, None), "kind": (rule.kind, None)},
        country=rule.country,
    )
    rule.delete()
