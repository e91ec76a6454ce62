"""Preparing an instance: the demo data loaded by `manage.py load_demo`."""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import is_mfa_enabled
from django.db import models, transaction

from cadre.accounts import services as accounts_services
from cadre.accounts.models import Role, User
from cadre.accounts.permissions import must_use_mfa
from cadre.accreditation import services as accreditation_services
from cadre.courses import services as courses_services
from cadre.courses.models import Course
from cadre.directory import services as directory_services
from cadre.directory.models import Agency, Country, Institution, Region
from cadre.materials import services as materials_services
from cadre.privacy import services as privacy_services
from cadre.vetting import services as vetting_services

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo.json"
# The authenticator-app secret of every demo account whose role requires a second factor: add it
# by hand to an app (time-based, 6 digits). A demo instance only; real people set up their own.
DEMO_TOTP_SECRET = "CADREDEMOSECRETXCADREDEMOSECRETX"  # noqa: S105


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    roles: str
    created: bool
    totp: bool = False


def load_demo_data(*, password: str) -> list[DemoAccount]:
    demo: dict[str, Any] = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    countries = {country.iso2: country for country in Country.objects.all()}
    with transaction.atomic():
        agencies = {
            row["acronym"]: directory_services.ensure_agency(
                country=countries[row["country"]] if row["country"] else None,
                name=row["name"],
                acronym=row["acronym"],
                sector_code=row["sector"],
            )
            for row in demo["agencies"]
        }
        institutions = {
            row["acronym"]: directory_services.ensure_institution(
                country=countries[row["country"]],
                name=row["name"],
                acronym=row["acronym"],
                kind=row["kind"],
                city=row["city"],
            )
            for row in demo["institutions"]
        }
        courses_services.load_demo_courses(institutions=institutions)
        scopes = ScopeIndex(countries, institutions)
        people = [_load_person(row, password, agencies, scopes) for row in demo["people"]]
        courses_services.attach_demo_owners()
        materials_services.load_demo_materials()
        accreditation_services.load_demo_accreditation()
        requests = [
            _load_request(row, password, agencies, countries) for row in demo.get("vetting_requests", [])
        ]
        _load_privacy(demo.get("privacy", {}))
        return people + requests


@dataclass(frozen=True)
class ScopeIndex:
    countries: dict[str, Country]
    institutions: dict[str, Institution]

    def scope_for(self, row: dict[str, str]) -> models.Model | None:
        if "country" in row:
            return self.countries[row["country"]]
        if "region" in row:
            return Region.objects.get(code=row["region"])
        if "institution" in row:
            return self.institutions[row["institution"]]
        if "course" in row:
            return Course.objects.get(code=row["course"])
        return None


def _load_person(
    row: dict[str, Any], password: str, agencies: dict[str, Agency], scopes: ScopeIndex
) -> DemoAccount:
    user, created = accounts_services.ensure_person(
        email=row["email"],
        password=password,
        given_names=row["given_names"],
        family_name=row["family_name"],
        country=scopes.countries[row["country"]],
        agency=agencies.get(row.get("agency", "")),
        rank=row["rank"],
        gender=row["gender"],
        preferred_language=row["language"],
        is_staff=row.get("staff", False),
        is_superuser=row.get("staff", False),
    )
    roles = []
    for grant in row["roles"]:
        role = Role.objects.get(code=grant["role"])
        scope = scopes.scope_for(grant)
        accounts_services.assign_role(user=user, role=role, scope=scope, notify=False)
        roles.append(f"{role.name} ({scope})" if scope else str(role.name))
    totp = ensure_demo_totp(user)
    return DemoAccount(row["email"], user.display_name, ", ".join(roles), created, totp)


def ensure_demo_totp(user: User) -> bool:
    """Give a demo account that must use a second factor the demo secret, once."""
    user = User.objects.get(pk=user.pk)  # fresh, so its roles are read again
    if not must_use_mfa(user):
        return False
    if not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return True


def _load_request(
    row: dict[str, Any], password: str, agencies: dict[str, Agency], countries: dict[str, Country]
) -> DemoAccount:
    """A person who registered and the state their NCB's vetting has reached."""
    user, created = accounts_services.ensure_person(
        email=row["email"],
        password=password,
        given_names=row["given_names"],
        family_name=row["family_name"],
        country=countries[row["country"]],
        agency=agencies.get(row.get("agency", "")),
        rank=row["rank"],
        position=row["position"],
        gender=row["gender"],
        preferred_language=row["language"],
    )
    proposed = row.get("proposed_agency", {})
    record, _created = vetting_services.ensure_demo_request(
        person=user,
        status=row["status"],
        reason=row.get("reason", ""),
        days_left=row.get("days_left"),
        proposed_agency_name=proposed.get("name", ""),
        proposed_sector_code=proposed.get("sector", ""),
    )
    return DemoAccount(row["email"], user.display_name, str(record.get_status_display()), created)


def _load_privacy(privacy: dict[str, Any]) -> None:
    """Open requests to the data protection officer and an account flagged as inactive."""
    people = {person.email: person for person in User.objects.filter(email__in=_emails_in(privacy))}
    for row in privacy.get("data_requests", []):
        if row["email"] in people:
            privacy_services.ensure_demo_data_request(
                person=people[row["email"]], kind=row["kind"], reason=row["reason"]
            )
    for row in privacy.get("inactive", []):
        if row["email"] in people:
            privacy_services.ensure_demo_inactivity_flag(
                person=people[row["email"]], days_unseen=row["days_unseen"]
            )


def _emails_in(privacy: dict[str, Any]) -> list[str]:
    return [row["email"] for rows in privacy.values() for row in rows]
