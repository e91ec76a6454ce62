"""Isolation between countries: an NCB officer of one country never sees, through pages, the
API, exports or searches, a person, request or audit entry of another country, and never
changes one.

`TABLE` is the table of roles x actions: each row says who (a persona), does what (an action
on one of Cadre's URLs, with its method), to which country's data, and what must happen (the
status, and whether the body shows that country's people, or the data changes). The French
NCB officer has a row for every URL of Cadre's own apps: `test_every_cadre_url_has_an_isolation_row`
fails when a view is added without one.

"Secrets" are strings only those who may see a country's people may read: their family
names, the country's police e-mail domain and its pre-authorisation code.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, NamedTuple

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from cadre.accounts import services as accounts_services
from cadre.accounts.models import Role, RoleAssignment, User
from cadre.courses import services as courses_services
from cadre.courses.models import Course
from cadre.directory.models import Agency, Country, CourseType, DeliveryMode
from cadre.imports.files import COLUMN_CODES
from cadre.imports.models import ImportBatch, ImportRow
from cadre.imports.tests.conftest import official
from cadre.privacy import services as privacy_services
from cadre.privacy.models import DataRequest, InactivityReview
from cadre.vetting import services as vetting_services
from cadre.vetting.models import AccessRequest, Decision, DomainRule, Invitation, PreauthorisationCode
from cadre.vetting.tests.conftest import make_request
from tests.factories import AgencyFactory, UserFactory
from tests.mfa import give_totp

pytestmark = pytest.mark.django_db

# --- Each country's data --------------------------------------------------------------------

# Family names nobody else carries, so that finding one in a page means a leak.
PEOPLE = {
    "KE": {
        "domain": "police.ke.example",
        "head": "Mutua",
        "pending": "Kariuki",
        "approved": "Njoroge",
        "suspended": "Chebet",
        "role_holder": "Wambui",
        "recruit": "Kamau",
    },
    "FR": {
        "domain": "police.fr.example",
        "head": "Delorme",
        "pending": "Vautrin",
        "approved": "Arnoux",
        "suspended": "Sauvageot",
        "role_holder": "Marchetti",
        "recruit": "Lacombe",
    },
}


@dataclass(frozen=True)
class CountryData:
    country: Country
    head: User  # the head of NCB who decided on the requests below
    pending: AccessRequest  # a person waiting for the NCB's decision
    approved: User
    suspended: User
    role_holder: User
    assignment: RoleAssignment  # the role holder's focal point role within the country
    agency: Agency
    invitation: Invitation
    code: PreauthorisationCode
    rule: DomainRule
    batch: ImportBatch  # ready to import, one row about a recruit
    data_request: DataRequest  # of the approved person
    review: InactivityReview  # the suspended person's account, flagged as unused
    secrets: tuple[str, ...]


def _vetted_person(country: Country, family_name: str, domain: str, head: User) -> AccessRequest:
    record = make_request(country, family_name=family_name, email=f"{family_name.lower()}@{domain}")
    vetting_services.approve_request(record=record, by=head)
    return record


def build_country(iso2: str) -> CountryData:
    """One country's people, requests, handouts, batch and data requests, made through the
    services where they exist, so that the audit trail holds entries about them."""
    country = Country.objects.get(iso2=iso2)
    names = PEOPLE[iso2]
    domain = names["domain"]
    head = UserFactory(country=country, family_name=names["head"], email=f"head@{domain}")
    accounts_services.assign_role(
        user=head, role=Role.objects.get(code="ncb-head"), scope=country, notify=False
    )
    give_totp(head)

    pending = make_request(
        country, family_name=names["pending"], email=f"{names['pending'].lower()}@{domain}"
    )
    approved = _vetted_person(country, names["approved"], domain, head).person
    suspended = _vetted_person(country, names["suspended"], domain, head).person
    vetting_services.suspend_access(person=suspended, by=head, reason="Under investigation.")
    role_holder = UserFactory(
        country=country, family_name=names["role_holder"], email=f"{names['role_holder'].lower()}@{domain}"
    )
    assignment = accounts_services.assign_role(
        user=role_holder,
        role=Role.objects.get(code="ncb-focal-point"),
        scope=country,
        granted_by=head,
        notify=False,
    )

    agency = AgencyFactory(country=country)
    invitation = vetting_services.invite_person(
        country=country, email=f"invitee@{domain}", agency=agency, invited_by=head
    )
    code = vetting_services.issue_code(
        country=country,
        agency=agency,
        max_uses=5,
        expires_on=timezone.localdate() + timedelta(days=30),
        issued_by=head,
    )
    rule = vetting_services.add_domain_rule(
        country=country, domain=f"webmail.{domain}", kind=DomainRule.Kind.DENY, added_by=head
    )

    recruit = names["recruit"]
    batch = ImportBatch.objects.create(
        country=country,
        file_format="csv",
        original_name=f"{recruit.lower()}-intake.csv",
        status=ImportBatch.Status.READY,
        uploaded_by=head,
        total_rows=1,
        processed_rows=1,
        valid_rows=1,
    )
    ImportRow.objects.create(
        batch=batch,
        number=1,
        outcome=ImportRow.Outcome.VALID,
        agency=agency,
        values=dict(
            zip(
                COLUMN_CODES,
                official(1, email=f"{recruit.lower()}@{domain}", family_name=recruit),
                strict=True,
            )
        ),
    )

    data_request = privacy_services.submit_data_request(
        person=approved, kind=DataRequest.Kind.CORRECTION, reason="My rank is wrong."
    )
    review = InactivityReview.objects.create(person=suspended, last_seen=timezone.now() - timedelta(days=800))

    family_names = tuple(value for key, value in names.items() if key != "domain")
    return CountryData(
        country=country,
        head=head,
        pending=pending,
        approved=approved,
        suspended=suspended,
        role_holder=role_holder,
        assignment=assignment,
        agency=agency,
        invitation=invitation,
        code=code,
        rule=rule,
        batch=batch,
        data_request=data_request,
        review=review,
        secrets=(*family_names, domain, code.code),
    )


@pytest.fixture
def world(settings: Any, tmp_path: Any) -> dict[str, CountryData]:
    settings.MEDIA_ROOT = tmp_path
    return {"KE": build_country("KE"), "FR": build_country("FR")}


@pytest.fixture
def ncb_head_elsewhere(world: dict[str, CountryData]) -> User:
    """France's head of NCB, who gives roles within France."""
    return world["FR"].head


# --- The actions: a URL, its arguments and data, and what a POST may change -----------------


def _nothing(data: CountryData) -> Any:
    return {}


@dataclass(frozen=True)
class Action:
    url: str  # the URL name
    args: Callable[[CountryData], list[Any]] = lambda data: []
    params: Callable[[CountryData], dict[str, Any]] = _nothing  # query string (GET) or form (POST)
    state: Callable[[CountryData], Any] | None = None  # what the action would change, from the database


def request_state(person: User) -> tuple[Any, ...]:
    record = AccessRequest.objects.get(person=person)
    return record.status, record.approved_until, Decision.objects.filter(request=record).count()


def person_action(action: str, person: Callable[[CountryData], User]) -> Action:
    return Action(
        "vetting:person_action",
        args=lambda data: [person(data).pk, action],
        params=lambda data: {"reason": "Because the NCB says so."},
        state=lambda data: request_state(person(data)),
    )


def pending_person(data: CountryData) -> User:
    return data.pending.person


def csv_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("officials.csv", (",".join(COLUMN_CODES) + "\n").encode())


def batch_status(data: CountryData) -> str:
    return ImportBatch.objects.get(pk=data.batch.pk).status


def country_count(model: type[Any]) -> Callable[[CountryData], int]:
    return lambda data: model.objects.filter(country=data.country).count()


def course_of(data: CountryData, *, draft: bool = False) -> Course:
    """A published, public course (or a draft) owned by the country's head of NCB; written
    without an actor, so that no one's name shows on its versions."""
    code = f"isolation-{'draft' if draft else 'course'}-{data.country.iso2.lower()}"
    found = Course.objects.filter(code=code).first()
    if found is None:
        values = {
            "code": code,
            "title_en": "Isolation course",
            "duration_value": 2,
            "course_type": CourseType.objects.get(code="webinar"),
            "delivery_mode": DeliveryMode.objects.get(code="online-live"),
            "offered_in_en": True,
            "is_public": True,
        }
        found = courses_services.create_course(by=None, values=values, check_permission=False)
        if not draft:
            found = courses_services.publish_course(course=found, by=None, check_permission=False)
        Course.objects.filter(pk=found.pk).update(owner=data.head)
    return found


def course_state(draft: bool = False) -> Callable[[CountryData], tuple[str, str]]:
    def state(data: CountryData) -> tuple[str, str]:
        course = Course.objects.get(pk=course_of(data, draft=draft).pk)
        return course.title_en or "", course.status

    return state


def course_form(data: CountryData) -> dict[str, Any]:
    return {
        "title_en": "Renamed course",
        "duration_value": 3,
        "duration_unit": "days",
        "course_type": CourseType.objects.get(code="webinar").pk,
        "delivery_mode": DeliveryMode.objects.get(code="online-live").pk,
        "languages": ["en"],
    }


ACTIONS: dict[str, Action] = {
    # vetting: requests and people
    "vetting:requests": Action("vetting:requests"),
    "vetting:requests/search": Action(
        "vetting:requests", params=lambda data: {"q": data.approved.family_name, "status": ""}
    ),
    "vetting:bulk/approve": Action(
        "vetting:bulk",
        params=lambda data: {"selected": [data.pending.pk], "action": "approve", "reason": ""},
        state=lambda data: request_state(pending_person(data)),
    ),
    "vetting:person": Action("vetting:person", args=lambda data: [data.pending.person_id]),
    "vetting:person_action/approve": person_action("approve", pending_person),
    "vetting:person_action/reject": person_action("reject", pending_person),
    "vetting:person_action/ask": person_action("ask", pending_person),
    "vetting:person_action/reconfirm": person_action("reconfirm", lambda data: data.approved),
    "vetting:person_action/suspend": person_action("suspend", lambda data: data.approved),
    "vetting:person_action/reinstate": person_action("reinstate", lambda data: data.suspended),
    "vetting:person_action/revoke": person_action("revoke", lambda data: data.approved),
    "vetting:my_request": Action("vetting:my_request"),
    "vetting:edit_my_request": Action("vetting:edit_my_request"),
    "vetting:agency_options": Action(
        "vetting:agency_options", params=lambda data: {"country": data.country.pk}
    ),
    "vetting:invited_signup": Action("vetting:invited_signup", args=lambda data: [data.invitation.token]),
    # vetting: what the NCB hands out
    "vetting:invitations": Action("vetting:invitations"),
    "vetting:invitations/create": Action(
        "vetting:invitations",
        params=lambda data: {"country": data.country.pk, "email": "new.person@example.org", "agency": ""},
        state=country_count(Invitation),
    ),
    "vetting:withdraw_invitation": Action(
        "vetting:withdraw_invitation",
        args=lambda data: [data.invitation.pk],
        state=lambda data: Invitation.objects.get(pk=data.invitation.pk).status,
    ),
    "vetting:codes": Action("vetting:codes"),
    "vetting:codes/create": Action(
        "vetting:codes",
        params=lambda data: {
            "country": data.country.pk,
            "agency": data.agency.pk,
            "max_uses": 1,
            "expires_on": (timezone.localdate() + timedelta(days=10)).isoformat(),
        },
        state=country_count(PreauthorisationCode),
    ),
    "vetting:revoke_code": Action(
        "vetting:revoke_code",
        args=lambda data: [data.code.pk],
        state=lambda data: PreauthorisationCode.objects.get(pk=data.code.pk).revoked_at,
    ),
    "vetting:domain_rules": Action("vetting:domain_rules"),
    "vetting:domain_rules/create": Action(
        "vetting:domain_rules",
        params=lambda data: {"country": data.country.pk, "domain": "other.example.org", "kind": "deny"},
        state=country_count(DomainRule),
    ),
    "vetting:remove_domain_rule": Action(
        "vetting:remove_domain_rule",
        args=lambda data: [data.rule.pk],
        state=lambda data: DomainRule.objects.filter(pk=data.rule.pk).exists(),
    ),
    # imports
    "imports:batches": Action("imports:batches"),
    "imports:batches/upload": Action(
        "imports:batches",
        params=lambda data: {"country": data.country.iso2, "file": csv_upload()},
        state=country_count(ImportBatch),
    ),
    "imports:template": Action("imports:template"),
    "imports:batch": Action("imports:batch", args=lambda data: [data.batch.pk]),
    "imports:progress": Action("imports:progress", args=lambda data: [data.batch.pk]),
    "imports:confirm": Action("imports:confirm", args=lambda data: [data.batch.pk], state=batch_status),
    "imports:check_again": Action(
        "imports:check_again", args=lambda data: [data.batch.pk], state=batch_status
    ),
    "imports:discard": Action("imports:discard", args=lambda data: [data.batch.pk], state=batch_status),
    # accounts: who holds which role
    "accounts:roles": Action("accounts:roles"),
    "accounts:roles/search": Action(
        "accounts:roles", params=lambda data: {"q": data.role_holder.family_name}
    ),
    "accounts:assign_role/search": Action(
        "accounts:assign_role", params=lambda data: {"q": data.approved.family_name}
    ),
    "accounts:assign_role/person": Action(
        "accounts:assign_role", params=lambda data: {"person": data.approved.pk}
    ),
    "accounts:assign_role": Action(
        "accounts:assign_role",
        params=lambda data: {
            "person": data.approved.pk,
            "role": Role.objects.get(code="ncb-focal-point").pk,
            "country": data.country.pk,
        },
        state=lambda data: RoleAssignment.objects.filter(user=data.approved).count(),
    ),
    "accounts:remove_role": Action(
        "accounts:remove_role",
        args=lambda data: [data.assignment.pk],
        state=lambda data: RoleAssignment.objects.filter(pk=data.assignment.pk).exists(),
    ),
    # audit
    "audit:entries": Action("audit:entries"),
    "audit:entries/search": Action(
        "audit:entries", params=lambda data: {"target": data.approved.family_name}
    ),
    "audit:entries/country": Action("audit:entries", params=lambda data: {"country": data.country.iso2}),
    "audit:export": Action("audit:export"),
    "audit:export/country": Action("audit:export", params=lambda data: {"country": data.country.iso2}),
    # privacy
    "privacy:notice": Action("privacy:notice"),
    "privacy:my_data": Action("privacy:my_data"),
    "privacy:my_data_json": Action("privacy:my_data_json"),
    "privacy:my_requests": Action("privacy:my_requests"),
    "privacy:request": Action("privacy:request", args=lambda data: [data.data_request.pk]),
    "privacy:decide/complete": Action(
        "privacy:decide",
        args=lambda data: [data.data_request.pk, "complete"],
        params=lambda data: {"response": "Corrected."},
        state=lambda data: DataRequest.objects.get(pk=data.data_request.pk).status,
    ),
    "privacy:queue/search": Action("privacy:queue", params=lambda data: {"q": data.approved.family_name}),
    "privacy:inactive": Action("privacy:inactive"),
    "privacy:review_decide/keep": Action(
        "privacy:review_decide",
        args=lambda data: [data.review.pk, "keep"],
        params=lambda data: {"reason": "Still serving."},
        state=lambda data: InactivityReview.objects.get(pk=data.review.pk).status,
    ),
    "privacy:review_decide/anonymise": Action(
        "privacy:review_decide",
        args=lambda data: [data.review.pk, "anonymise"],
        state=lambda data: InactivityReview.objects.get(pk=data.review.pk).status,
    ),
    # directory, the shell and the API: reference data, nobody's people
    "directory:countries": Action("directory:countries"),
    "directory:country": Action("directory:country", args=lambda data: [data.country.iso2]),
    "portal:home": Action("portal:home"),
    "portal:dashboard": Action("portal:dashboard"),
    "healthz": Action("healthz"),
    "api-1:api-root": Action("api-1:api-root"),
    "api-1:openapi-json": Action("api-1:openapi-json"),
    "api-1:openapi-view": Action("api-1:openapi-view"),
    "api-1:list_regions": Action("api-1:list_regions"),
    "api-1:list_countries": Action(
        "api-1:list_countries", params=lambda data: {"q": data.approved.family_name}
    ),
    "api-1:list_programmes": Action("api-1:list_programmes"),
    "api-1:list_crime_areas": Action("api-1:list_crime_areas"),
    "api-1:list_capabilities": Action("api-1:list_capabilities"),
    # courses: the catalogue (course content is the organisation's, nobody's people)
    "courses:catalogue": Action("courses:catalogue", params=lambda data: {"q": course_of(data).title_en}),
    "courses:public_catalogue": Action(
        "courses:public_catalogue", params=lambda data: {"q": course_of(data).title_en}
    ),
    "courses:public_course": Action("courses:public_course", args=lambda data: [course_of(data).code]),
    "courses:course": Action("courses:course", args=lambda data: [course_of(data).code]),
    "courses:version": Action("courses:version", args=lambda data: [course_of(data).code, 1]),
    "courses:create": Action("courses:create"),
    "courses:edit": Action("courses:edit", args=lambda data: [course_of(data).code]),
    "courses:edit/save": Action(
        "courses:edit", args=lambda data: [course_of(data).code], params=course_form, state=course_state()
    ),
    "courses:publish": Action(
        "courses:publish",
        args=lambda data: [course_of(data, draft=True).code],
        state=course_state(draft=True),
    ),
    "courses:archive": Action(
        "courses:archive", args=lambda data: [course_of(data).code], state=course_state()
    ),
    "api-1:list_courses": Action("api-1:list_courses", params=lambda data: {"q": course_of(data).title_en}),
    "api-1:get_course": Action("api-1:get_course", args=lambda data: [course_of(data).code]),
}

# --- The table ------------------------------------------------------------------------------

SHOWS = "shows"  # 200, and the body holds some of the target country's secrets
HIDES = "hides"  # the body holds none of them
CHANGES = "changes"  # the POST changed the target's state in the database
UNCHANGED = "unchanged"  # it did not


class Row(NamedTuple):
    persona: str
    action: str  # a key of ACTIONS
    target: str  # whose data: "KE" or "FR"
    method: str
    status: int
    effect: str


FR_OFFICER = "ncb_officer_elsewhere"
FR_HEAD = "ncb_head_elsewhere"
KE_OFFICER = "ncb_officer"
KE_HEAD = "ncb_head"
AFRICA = "regional_officer"
INSTITUTION = "institution_admin"
ANONYMOUS = "anonymous"

TABLE = [
    # --- vetting: the requests list, a search, bulk decisions --------------------------------
    Row(FR_OFFICER, "vetting:requests", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "vetting:requests/search", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "vetting:bulk/approve", "KE", "POST", 404, UNCHANGED),
    Row(KE_OFFICER, "vetting:requests", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "vetting:requests/search", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "vetting:requests/search", "FR", "GET", 200, HIDES),
    Row(KE_OFFICER, "vetting:bulk/approve", "KE", "POST", 302, CHANGES),
    Row(KE_OFFICER, "vetting:bulk/approve", "FR", "POST", 404, UNCHANGED),
    Row(KE_HEAD, "vetting:requests/search", "KE", "GET", 200, SHOWS),
    Row(AFRICA, "vetting:requests", "KE", "GET", 403, HIDES),
    Row(INSTITUTION, "vetting:requests", "KE", "GET", 403, HIDES),
    Row("dpo", "vetting:requests", "KE", "GET", 403, HIDES),
    Row("learner", "vetting:requests", "KE", "GET", 403, HIDES),
    Row("learner", "vetting:bulk/approve", "KE", "POST", 403, UNCHANGED),
    Row("nobody", "vetting:requests", "KE", "GET", 403, HIDES),
    Row(ANONYMOUS, "vetting:requests", "KE", "GET", 302, HIDES),
    Row("administrator", "vetting:requests/search", "KE", "GET", 200, SHOWS),
    Row("administrator", "vetting:bulk/approve", "KE", "POST", 302, CHANGES),
    # --- vetting: one person and the decisions on them ---------------------------------------
    Row(FR_OFFICER, "vetting:person", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "vetting:person_action/approve", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "vetting:person_action/reject", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "vetting:person_action/ask", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "vetting:person_action/reconfirm", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "vetting:person_action/suspend", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "vetting:person_action/reinstate", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "vetting:person_action/revoke", "KE", "POST", 404, UNCHANGED),
    Row(FR_HEAD, "vetting:person", "KE", "GET", 404, HIDES),
    Row(FR_HEAD, "vetting:person_action/revoke", "KE", "POST", 404, UNCHANGED),
    Row(KE_OFFICER, "vetting:person", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "vetting:person", "FR", "GET", 404, HIDES),
    Row(KE_OFFICER, "vetting:person_action/approve", "KE", "POST", 302, CHANGES),
    Row(KE_OFFICER, "vetting:person_action/ask", "KE", "POST", 302, CHANGES),
    Row(KE_OFFICER, "vetting:person_action/reconfirm", "KE", "POST", 302, CHANGES),
    Row(KE_OFFICER, "vetting:person_action/suspend", "KE", "POST", 302, CHANGES),
    Row(KE_OFFICER, "vetting:person_action/reinstate", "KE", "POST", 302, CHANGES),
    Row(KE_OFFICER, "vetting:person_action/revoke", "KE", "POST", 403, UNCHANGED),  # the head's decision
    Row(KE_OFFICER, "vetting:person_action/suspend", "FR", "POST", 404, UNCHANGED),
    Row(KE_HEAD, "vetting:person", "KE", "GET", 200, SHOWS),
    Row(KE_HEAD, "vetting:person_action/reject", "KE", "POST", 302, CHANGES),
    Row(KE_HEAD, "vetting:person_action/revoke", "KE", "POST", 302, CHANGES),
    Row(AFRICA, "vetting:person", "KE", "GET", 404, HIDES),
    Row(INSTITUTION, "vetting:person", "KE", "GET", 404, HIDES),
    Row("dpo", "vetting:person", "KE", "GET", 404, HIDES),
    Row("learner", "vetting:person", "KE", "GET", 404, HIDES),
    Row("learner", "vetting:person_action/approve", "KE", "POST", 404, UNCHANGED),
    Row("nobody", "vetting:person", "KE", "GET", 404, HIDES),
    Row("nobody", "vetting:person_action/suspend", "KE", "POST", 404, UNCHANGED),
    Row("administrator", "vetting:person", "KE", "GET", 200, SHOWS),
    Row("administrator", "vetting:person_action/revoke", "KE", "POST", 302, CHANGES),
    # --- vetting: one's own request, registration, invitations -------------------------------
    Row(FR_OFFICER, "vetting:my_request", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "vetting:edit_my_request", "KE", "GET", 302, HIDES),  # no request of their own
    Row(FR_OFFICER, "vetting:agency_options", "KE", "GET", 200, HIDES),  # agencies are reference data
    Row(FR_OFFICER, "vetting:invited_signup", "KE", "GET", 302, HIDES),  # signed in: no sign-up
    Row(ANONYMOUS, "vetting:invited_signup", "KE", "GET", 200, SHOWS),  # the invitee, holding the token
    # --- vetting: invitations, codes and domain rules ----------------------------------------
    Row(FR_OFFICER, "vetting:invitations", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "vetting:invitations/create", "KE", "POST", 200, UNCHANGED),  # Kenya not offered
    Row(FR_OFFICER, "vetting:withdraw_invitation", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "vetting:codes", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "vetting:codes/create", "KE", "POST", 200, UNCHANGED),
    Row(FR_OFFICER, "vetting:revoke_code", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "vetting:domain_rules", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "vetting:domain_rules/create", "KE", "POST", 200, UNCHANGED),
    Row(FR_OFFICER, "vetting:remove_domain_rule", "KE", "POST", 404, UNCHANGED),
    Row(KE_OFFICER, "vetting:invitations", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "vetting:invitations", "FR", "GET", 200, HIDES),
    Row(KE_OFFICER, "vetting:invitations/create", "KE", "POST", 302, CHANGES),
    Row(KE_OFFICER, "vetting:withdraw_invitation", "KE", "POST", 302, CHANGES),
    Row(KE_OFFICER, "vetting:withdraw_invitation", "FR", "POST", 404, UNCHANGED),
    Row(KE_OFFICER, "vetting:codes", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "vetting:codes/create", "KE", "POST", 302, CHANGES),
    Row(KE_OFFICER, "vetting:revoke_code", "KE", "POST", 302, CHANGES),
    Row(KE_OFFICER, "vetting:domain_rules", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "vetting:domain_rules/create", "KE", "POST", 302, CHANGES),
    Row(KE_OFFICER, "vetting:remove_domain_rule", "KE", "POST", 302, CHANGES),
    Row("learner", "vetting:invitations", "KE", "GET", 403, HIDES),
    Row("learner", "vetting:withdraw_invitation", "KE", "POST", 403, UNCHANGED),
    Row("nobody", "vetting:codes", "KE", "GET", 403, HIDES),
    Row("nobody", "vetting:revoke_code", "KE", "POST", 403, UNCHANGED),
    Row(AFRICA, "vetting:domain_rules", "KE", "GET", 403, HIDES),
    Row("administrator", "vetting:codes", "KE", "GET", 200, SHOWS),
    Row("administrator", "vetting:remove_domain_rule", "KE", "POST", 302, CHANGES),
    # --- imports -----------------------------------------------------------------------------
    Row(FR_OFFICER, "imports:batches", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "imports:batches/upload", "KE", "POST", 400, UNCHANGED),  # Kenya not offered
    Row(FR_OFFICER, "imports:template", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "imports:batch", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "imports:progress", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "imports:confirm", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "imports:check_again", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "imports:discard", "KE", "POST", 404, UNCHANGED),
    Row(KE_OFFICER, "imports:batches", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "imports:batches", "FR", "GET", 200, HIDES),
    Row(KE_OFFICER, "imports:batch", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "imports:batch", "FR", "GET", 404, HIDES),
    Row(KE_OFFICER, "imports:progress", "KE", "GET", 200, HIDES),
    Row(KE_OFFICER, "imports:confirm", "KE", "POST", 302, CHANGES),
    Row(KE_OFFICER, "imports:confirm", "FR", "POST", 404, UNCHANGED),
    Row(KE_HEAD, "imports:discard", "KE", "POST", 302, CHANGES),
    Row(AFRICA, "imports:batch", "KE", "GET", 403, HIDES),
    Row("learner", "imports:batches", "KE", "GET", 403, HIDES),
    Row("learner", "imports:template", "KE", "GET", 403, HIDES),
    Row("learner", "imports:batch", "KE", "GET", 403, HIDES),
    Row("nobody", "imports:discard", "KE", "POST", 403, UNCHANGED),
    Row("dpo", "imports:batches", "KE", "GET", 403, HIDES),
    Row("administrator", "imports:batch", "KE", "GET", 200, SHOWS),
    Row("administrator", "imports:discard", "KE", "POST", 302, CHANGES),
    # --- accounts: role holders, assigning and removing roles ---------------------------------
    Row(FR_OFFICER, "accounts:roles", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "accounts:roles/search", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "accounts:assign_role/search", "KE", "GET", 403, HIDES),  # a focal point gives no roles
    Row(FR_OFFICER, "accounts:assign_role", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "accounts:remove_role", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "accounts:remove_role", "KE", "POST", 404, UNCHANGED),
    Row(FR_HEAD, "accounts:roles/search", "KE", "GET", 200, HIDES),
    Row(FR_HEAD, "accounts:assign_role/search", "KE", "GET", 200, HIDES),
    Row(FR_HEAD, "accounts:assign_role/person", "KE", "GET", 404, HIDES),
    Row(FR_HEAD, "accounts:assign_role", "KE", "POST", 404, UNCHANGED),
    Row(FR_HEAD, "accounts:remove_role", "KE", "GET", 404, HIDES),
    Row(FR_HEAD, "accounts:remove_role", "KE", "POST", 404, UNCHANGED),
    Row(KE_OFFICER, "accounts:roles/search", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "accounts:roles/search", "FR", "GET", 200, HIDES),
    Row(KE_OFFICER, "accounts:remove_role", "KE", "GET", 403, HIDES),  # sees the holder, may not remove
    Row(KE_OFFICER, "accounts:remove_role", "KE", "POST", 403, UNCHANGED),
    Row(KE_HEAD, "accounts:assign_role/search", "KE", "GET", 200, SHOWS),
    Row(KE_HEAD, "accounts:assign_role/search", "FR", "GET", 200, HIDES),
    Row(KE_HEAD, "accounts:assign_role/person", "KE", "GET", 200, SHOWS),
    Row(KE_HEAD, "accounts:assign_role", "KE", "POST", 302, CHANGES),
    Row(KE_HEAD, "accounts:assign_role", "FR", "POST", 404, UNCHANGED),
    Row(KE_HEAD, "accounts:remove_role", "KE", "GET", 200, SHOWS),
    Row(KE_HEAD, "accounts:remove_role", "KE", "POST", 302, CHANGES),
    Row(KE_HEAD, "accounts:remove_role", "FR", "POST", 404, UNCHANGED),
    Row(AFRICA, "accounts:roles/search", "KE", "GET", 200, SHOWS),  # Kenya is in Africa
    Row(AFRICA, "accounts:roles/search", "FR", "GET", 200, HIDES),
    Row(AFRICA, "accounts:remove_role", "KE", "POST", 403, UNCHANGED),
    Row(INSTITUTION, "accounts:roles/search", "KE", "GET", 200, HIDES),  # only their institution's roles
    Row("learner", "accounts:roles", "KE", "GET", 403, HIDES),
    Row("learner", "accounts:assign_role", "KE", "POST", 403, UNCHANGED),
    Row("nobody", "accounts:roles", "KE", "GET", 403, HIDES),
    Row("nobody", "accounts:remove_role", "KE", "POST", 404, UNCHANGED),
    Row("dpo", "accounts:roles", "KE", "GET", 403, HIDES),
    Row("administrator", "accounts:roles/search", "KE", "GET", 200, SHOWS),
    Row("administrator", "accounts:assign_role", "KE", "POST", 302, CHANGES),
    Row("administrator", "accounts:remove_role", "KE", "POST", 302, CHANGES),
    # --- audit: the trail, a search, a country filter and the CSV export -----------------------
    Row(FR_OFFICER, "audit:entries", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "audit:entries/search", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "audit:entries/country", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "audit:export", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "audit:export/country", "KE", "GET", 200, HIDES),
    Row(FR_HEAD, "audit:export", "KE", "GET", 200, HIDES),
    Row(KE_OFFICER, "audit:entries/search", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "audit:entries/country", "FR", "GET", 200, HIDES),
    Row(KE_OFFICER, "audit:export", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "audit:export", "FR", "GET", 200, HIDES),
    Row(AFRICA, "audit:entries", "KE", "GET", 403, HIDES),
    Row(INSTITUTION, "audit:export", "KE", "GET", 403, HIDES),
    Row("learner", "audit:entries", "KE", "GET", 403, HIDES),
    Row("learner", "audit:export", "KE", "GET", 403, HIDES),
    Row("nobody", "audit:export", "KE", "GET", 403, HIDES),
    Row("dpo", "audit:export", "KE", "GET", 200, SHOWS),  # organisation-wide
    Row("administrator", "audit:entries/search", "KE", "GET", 200, SHOWS),
    # --- privacy: one's own data, and the data protection officer's work ----------------------
    Row(FR_OFFICER, "privacy:notice", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "privacy:my_data", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "privacy:my_data_json", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "privacy:my_requests", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "privacy:request", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "privacy:decide/complete", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "privacy:queue/search", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "privacy:inactive", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "privacy:review_decide/keep", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "privacy:review_decide/anonymise", "KE", "POST", 403, UNCHANGED),
    Row(KE_OFFICER, "privacy:request", "KE", "GET", 404, HIDES),  # the NCB does not handle data requests
    Row(KE_OFFICER, "privacy:decide/complete", "KE", "POST", 404, UNCHANGED),
    Row(KE_OFFICER, "privacy:queue/search", "KE", "GET", 403, HIDES),
    Row(KE_OFFICER, "privacy:review_decide/anonymise", "KE", "POST", 403, UNCHANGED),
    Row("learner", "privacy:my_data", "KE", "GET", 200, HIDES),
    Row("learner", "privacy:request", "KE", "GET", 404, HIDES),
    Row("learner", "privacy:inactive", "KE", "GET", 403, HIDES),
    Row("nobody", "privacy:queue/search", "KE", "GET", 403, HIDES),
    Row("dpo", "privacy:request", "KE", "GET", 200, SHOWS),
    Row("dpo", "privacy:decide/complete", "KE", "POST", 302, CHANGES),
    Row("dpo", "privacy:queue/search", "KE", "GET", 200, SHOWS),
    Row("dpo", "privacy:inactive", "KE", "GET", 200, SHOWS),
    Row("dpo", "privacy:review_decide/keep", "KE", "POST", 302, CHANGES),
    Row("administrator", "privacy:review_decide/anonymise", "KE", "POST", 302, CHANGES),
    # --- directory, the shell and the API: reference data only ---------------------------------
    Row(FR_OFFICER, "directory:countries", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "directory:country", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "portal:home", "KE", "GET", 302, HIDES),
    Row(FR_OFFICER, "portal:dashboard", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "healthz", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "api-1:api-root", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "api-1:openapi-json", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "api-1:openapi-view", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "api-1:list_regions", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "api-1:list_countries", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "api-1:list_programmes", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "api-1:list_crime_areas", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "api-1:list_capabilities", "KE", "GET", 200, HIDES),
    Row(KE_OFFICER, "portal:dashboard", "FR", "GET", 200, HIDES),
    Row("learner", "portal:dashboard", "KE", "GET", 200, HIDES),
    Row(ANONYMOUS, "portal:dashboard", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "api-1:list_countries", "KE", "GET", 401, HIDES),
    # --- courses: the catalogue is everyone's; a course is changed by its owner and admins ------
    Row(FR_OFFICER, "courses:catalogue", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "courses:public_catalogue", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "courses:public_course", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "courses:course", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "courses:version", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "courses:create", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "courses:edit", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "courses:edit/save", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "courses:publish", "KE", "POST", 404, UNCHANGED),  # a draft: not seen
    Row(FR_OFFICER, "courses:archive", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "api-1:list_courses", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "api-1:get_course", "KE", "GET", 200, HIDES),
    Row(FR_HEAD, "courses:edit/save", "FR", "POST", 302, CHANGES),  # the course's owner
    Row(FR_HEAD, "courses:edit/save", "KE", "POST", 403, UNCHANGED),
    Row(KE_OFFICER, "courses:edit/save", "KE", "POST", 403, UNCHANGED),
    Row("learner", "courses:catalogue", "KE", "GET", 200, HIDES),
    Row("learner", "courses:publish", "KE", "POST", 404, UNCHANGED),
    Row("administrator", "courses:edit/save", "KE", "POST", 302, CHANGES),
    Row("administrator", "courses:publish", "KE", "POST", 302, CHANGES),
    Row("administrator", "courses:archive", "KE", "POST", 302, CHANGES),
    Row(ANONYMOUS, "courses:public_catalogue", "KE", "GET", 200, HIDES),
    Row(ANONYMOUS, "courses:public_course", "KE", "GET", 200, HIDES),
    Row(ANONYMOUS, "courses:catalogue", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "courses:edit/save", "KE", "POST", 302, UNCHANGED),  # to the sign-in page
]

PERSONA_IDS = {
    FR_OFFICER: "fr-officer",
    FR_HEAD: "fr-head",
    KE_OFFICER: "ke-officer",
    KE_HEAD: "ke-head",
    AFRICA: "africa-officer",
    INSTITUTION: "ke-institution-admin",
    "learner": "learner",
    "nobody": "nobody",
    "dpo": "dpo",
    "administrator": "admin",
    ANONYMOUS: "anonymous",
}


def row_id(row: Row) -> str:
    return f"{PERSONA_IDS[row.persona]}-{row.method}-{row.action}-{row.target}-{row.status}"


# --- Sending a row's request and reading what came back --------------------------------------


def sign_in(client: Client, request: pytest.FixtureRequest, persona: str) -> None:
    if persona != ANONYMOUS:
        client.force_login(request.getfixturevalue(persona))


def send(client: Client, row: Row, params: dict[str, Any], data: CountryData) -> HttpResponse:
    action = ACTIONS[row.action]
    url = reverse(action.url, args=action.args(data))
    if row.method == "POST":
        return client.post(url, params)  # type: ignore[return-value]
    return client.get(url, params)  # type: ignore[return-value]


def body_of(response: HttpResponse, params: dict[str, Any]) -> str:
    """The response's text, less the search form echoing what was typed into it."""
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    else:
        body = response.content.decode()
    for value in params.values():
        # An attribute holding what was sent (the search box, the language switch's `next`).
        body = re.sub(rf'[\w-]+="[^"]*{re.escape(str(value))}[^"]*"', "", body)
    return body


def leaked(body: str, data: CountryData) -> list[str]:
    return [secret for secret in data.secrets if secret.lower() in body.lower()]


@pytest.mark.parametrize("row", TABLE, ids=row_id)
def test_isolation(
    row: Row, client: Client, request: pytest.FixtureRequest, world: dict[str, CountryData]
) -> None:
    data = world[row.target]
    state = ACTIONS[row.action].state
    sign_in(client, request, row.persona)
    before = state(data) if state else None

    params = ACTIONS[row.action].params(data)
    response = send(client, row, params, data)
    body = body_of(response, params)

    assert response.status_code == row.status, body[:500]
    if row.effect == SHOWS:
        assert leaked(body, data), f"{row.action} should show {row.target}'s people"
    else:
        assert not leaked(body, data), f"{row.action} shows {row.target}'s {leaked(body, data)}"
    if row.effect in (CHANGES, UNCHANGED):
        assert state is not None, f"{row.action} has no state to compare"
        after = state(data)
        if row.effect == CHANGES:
            assert after != before, f"{row.action} left {row.target}'s data as it was"
        else:
            assert after == before, f"{row.action} changed {row.target}'s data: {before!r} -> {after!r}"


# --- Every URL of Cadre has a row ------------------------------------------------------------

CADRE_NAMESPACES = {"portal", "directory", "audit", "accounts", "imports", "vetting", "privacy", "api-1"}
FRAMEWORK_NAMESPACES = {"admin"}


def _patterns(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, inner)
        else:
            yield namespace, pattern


def cadre_url_names() -> set[str]:
    """Cadre's own URL names: those of its namespaces, and any other served by a view of
    Cadre's; allauth, the admin, the language switch and static files are the framework's."""
    names = set()
    for namespace, pattern in _patterns(get_resolver()):
        root = namespace.split(":", 1)[0]
        ours = root in CADRE_NAMESPACES or pattern.callback.__module__.startswith("cadre.")
        if ours and root not in FRAMEWORK_NAMESPACES and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_cadre_url_has_an_isolation_row() -> None:
    covered = {ACTIONS[row.action].url for row in TABLE if row.persona == FR_OFFICER}
    missing = sorted(cadre_url_names() - covered)
    assert not missing, (
        f"These URLs have no row for the officer of another country in tests/test_isolation.py: {missing}"
    )


def test_the_table_names_only_existing_urls_and_no_row_twice() -> None:
    unknown = {action.url for action in ACTIONS.values()} - cadre_url_names()
    assert not unknown
    ids = [row_id(row) for row in TABLE]
    assert len(ids) == len(set(ids))
