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
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from cadre.accounts import services as accounts_services
from cadre.accounts.models import Role, RoleAssignment, User
from cadre.accreditation.models import (
    AccreditationCase,
    CaseReviewer,
    Certificate,
    Comment,
    Evidence,
    Finding,
)
from cadre.accreditation.tests.factories import CountryAccreditation, accreditation_of
from cadre.assessments.models import EvaluationResponse, QuestionBank
from cadre.assessments.models import TestAttempt as EvaluationTestAttempt
from cadre.assessments.tests.isolation import CountryEvaluation, evaluation_of
from cadre.certificates import services as certificates_services
from cadre.certificates.models import Certificate as TrainingCertificate
from cadre.courses import services as courses_services
from cadre.courses.models import Course
from cadre.directory.models import Agency, Country, CourseType, DeliveryMode
from cadre.imports.files import COLUMN_CODES
from cadre.imports.models import ImportBatch, ImportRow
from cadre.imports.tests.conftest import official
from cadre.instructors import services as instructors_services
from cadre.instructors.models import (
    AvailabilityPeriod,
    Candidacy,
    Certification,
    Instructor,
    Level,
    StageCompletion,
)
from cadre.materials import services as materials_services
from cadre.materials.models import Material, MaterialVersion, Review
from cadre.materials.services.demo import pdf_file
from cadre.privacy import services as privacy_services
from cadre.privacy.models import DataRequest, InactivityReview
from cadre.standards import selectors as standards_selectors
from cadre.standards import services as standards_services
from cadre.standards.models import Edition, Guideline
from cadre.training_sessions.models import Attendance, CompletionRule, SessionDay
from cadre.training_sessions.models import Session as TrainingSession
from cadre.vetting import services as vetting_services
from cadre.vetting.models import AccessRequest, Decision, DomainRule, Invitation, PreauthorisationCode
from cadre.vetting.tests.conftest import make_request
from tests.factories import AgencyFactory, NominationFactory, SessionFactory, UserFactory
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


def instructor_of(data: CountryData) -> Instructor:
    """The country's approved person as an instructor, certified in English, on the pathway to a
    higher level with one stage's evidence in, and unavailable for a week (written directly: the
    instructors' own tests go through the pathway)."""
    found = Instructor.objects.filter(person=data.approved).first()
    if found is not None:
        return found
    instructor = instructors_services.create_instructor_profile(
        person=data.approved, by=None, values={"biography": "Trainer."}, check_permission=False
    )
    today = timezone.localdate()
    certification = Certification(
        instructor=instructor,
        level=Level.objects.get(code="associate"),
        name_on_certificate=data.approved.get_full_name(),
        issued_on=today,
        period_started_on=today,
        expires_on=today + timedelta(days=700),
        code=instructors_services.new_certification_code(),
    )
    certification.set_languages(["en"])
    certification.save()
    candidacy = Candidacy.objects.create(instructor=instructor, level=Level.objects.get(code="certified"))
    completion = StageCompletion(
        candidacy=candidacy, stage=candidacy.level.stages.get(position=1), evidence_name="course.pdf"
    )
    completion.evidence.save("course.pdf", ContentFile(b"%PDF-1.4 course result"), save=False)
    completion.save()
    AvailabilityPeriod.objects.create(
        instructor=instructor, kind="unavailable", starts_on=today, ends_on=today + timedelta(days=7)
    )
    return instructor


def certification_of(data: CountryData) -> Certification:
    return Certification.objects.get(instructor=instructor_of(data))


def instructor_state(data: CountryData) -> tuple[Any, ...]:
    instructor = Instructor.objects.get(pk=instructor_of(data).pk)
    return instructor.biography, instructor.availability.count(), certification_of(data).status


def candidacy_of(data: CountryData) -> Candidacy:
    return instructor_of(data).candidacies.get()


def stage_of(data: CountryData, position: int) -> int:
    return candidacy_of(data).level.stages.get(position=position).pk


def candidacy_state(data: CountryData) -> tuple[Any, ...]:
    candidacy = Candidacy.objects.get(pk=candidacy_of(data).pk)
    completions = candidacy.completions
    return (
        candidacy.status,
        completions.count(),
        completions.filter(confirmed_at__isnull=False).count(),
        candidacy.assessors.count(),
        candidacy.observations.count(),
        instructor_of(data).candidacies.count(),
    )


def material_reviewer() -> User:
    """A quality officer of the organisation (nobody's people: not one of the secrets)."""
    found = User.objects.filter(email="quality.officer@cadre.example").first()
    if found is None:
        found = UserFactory(email="quality.officer@cadre.example", family_name="Reviewer")
        accounts_services.assign_role(
            user=found, role=Role.objects.get(code="quality-officer"), scope=None, notify=False
        )
    return found


def material_of(data: CountryData, *, in_review: bool = False) -> Material:
    """Material for the country's course, submitted by its head of NCB (the course's owner), whose
    name shows on its pages; waiting for review, or in a quality officer's review."""
    title = f"Isolation material {data.country.iso2}{' (in review)' if in_review else ''}"
    found = Material.objects.filter(title=title).first()
    if found is None:
        course = Course.objects.get(pk=course_of(data).pk)
        found = materials_services.submit_material(
            by=data.head,
            course=course,
            title=title,
            kind="document",
            language="en",
            upload=SimpleUploadedFile("handbook.pdf", pdf_file("Isolation")),
        )
        if in_review:
            materials_services.start_review(by=material_reviewer(), version=found.versions.get())
    return found


def material_version_of(data: CountryData, *, in_review: bool = False) -> MaterialVersion:
    return MaterialVersion.objects.get(material=material_of(data, in_review=in_review), number=1)


def material_version_state(in_review: bool = False) -> Callable[[CountryData], str]:
    return lambda data: material_version_of(data, in_review=in_review).status


def material_review_of(data: CountryData) -> Review:
    return Review.objects.get(version=material_version_of(data, in_review=True))


def material_decision_form(data: CountryData) -> dict[str, Any]:
    ratings = {f"rating_{criterion.pk}": "meets" for criterion in material_review_of(data).criteria.all()}
    return {**ratings, "outcome": "returned", "comments": "Replace the real names.", "action": "decide"}


def material_form(data: CountryData) -> dict[str, Any]:
    return {
        "course": course_of(data).code,
        "title": "Isolation handout",
        "kind": "document",
        "language": "en",
        "file": SimpleUploadedFile("handout.pdf", pdf_file("Handout")),
    }


def material_count(data: CountryData) -> int:
    return Material.objects.filter(course=course_of(data)).count()


def acc(data: CountryData) -> CountryAccreditation:
    """The country's accreditation: a case in review, an institution's draft application and a
    certificate, for courses its head of NCB owns (whose name shows on the case's page)."""
    return accreditation_of(data.country, data.head)


def step_status(data: CountryData, step: str) -> str:
    return acc(data).case.steps.get(step=step).status


def guide_in_force(data: CountryData) -> Edition:
    edition = standards_selectors.edition_in_force()
    assert edition is not None
    return edition


def standards_draft(data: CountryData) -> Edition:
    """A draft edition of the Guide, opened without an actor (the Guide is the organisation's,
    nobody's people)."""
    found = Edition.objects.filter(status=Edition.Status.DRAFT).first()
    return found or standards_services.open_draft_edition(by=None, check_permission=False)


def editions_state(data: CountryData) -> tuple[Any, ...]:
    return tuple(Edition.objects.order_by("number").values_list("number", "status"))


def draft_state(data: CountryData) -> tuple[Any, ...]:
    """The editions, and the draft's id and criteria (a discarded draft is opened again, with
    another id, when the state is read after the request)."""
    draft = standards_draft(data)
    criteria = tuple(draft.criteria.order_by("key").values_list("key", "title_en"))
    return editions_state(data), draft.pk, criteria


def guideline_state(data: CountryData) -> tuple[Any, ...]:
    return tuple(Guideline.objects.order_by("code").values_list("code", "version", "status"))


# --- certificates of attendance and completion (helper "certificates") ----------------------


def training_certificate_of(data: CountryData) -> TrainingCertificate:
    """A completion certificate of the country's approved person, for a session of the country's
    course (which its head of NCB looks after); the holder's name shows on its pages."""
    found = TrainingCertificate.objects.filter(holder=data.approved).order_by("pk").first()
    if found is None:
        course = Course.objects.get(pk=course_of(data).pk)
        session = SessionFactory(course=course, manager=data.head)
        nomination = NominationFactory(session=session, person=data.approved, status="accepted")
        found = certificates_services.issue_certificate(
            holder=data.approved,
            kind=TrainingCertificate.Kind.COMPLETION,
            course=course,
            titles={"en": "Isolation course"},
            activity="In person",
            starts_on=session.starts_on,
            ends_on=session.ends_on,
            source=nomination,
            by=None,
        )
    return found


def training_certificate_state(data: CountryData) -> tuple[Any, ...]:
    first = training_certificate_of(data)
    return TrainingCertificate.objects.get(pk=first.pk).status, TrainingCertificate.objects.count()


def training_certificate_code(data: CountryData) -> list[str]:
    return [training_certificate_of(data).code]


# --- attendance, QR check-in and completion (helper "attendance") ---------------------------


def attendance_session_of(data: CountryData, *, completed: bool = False) -> TrainingSession:
    """A running session of the country's course (or a completed one), on yesterday and today,
    whose accepted participant is the country's approved person: their name shows on the
    attendance sheet and the grid."""
    code = f"attendance-{data.country.iso2.lower()}{'-done' if completed else ''}"
    found = TrainingSession.objects.filter(code=code).first()
    if found is None:
        today = timezone.localdate()
        found = SessionFactory(
            code=code,
            course=Course.objects.get(pk=course_of(data).pk),
            time_zone="UTC",
            starts_on=today - timedelta(days=1),
            ends_on=today,
            nominations_open_on=today - timedelta(days=60),
            nominations_close_on=today - timedelta(days=30),
            status="completed" if completed else "running",
            days=2,
        )
        NominationFactory(session=found, person=data.approved, status="accepted")
    return found


def attendance_today(data: CountryData) -> SessionDay:
    return attendance_session_of(data).days.order_by("date").last()  # type: ignore[return-value]


def attendance_state(data: CountryData) -> list[tuple[Any, ...]]:
    return list(
        Attendance.objects.filter(day__session=attendance_session_of(data))
        .order_by("pk")
        .values_list("day__date", "status", "method")
    )


def attendance_mark(data: CountryData) -> dict[str, Any]:
    nomination = attendance_session_of(data).nominations.get()
    return {"nomination": nomination.pk, "day": attendance_today(data).pk, "status": "present"}


def completion_state(completed: bool = False) -> Callable[[CountryData], tuple[Any, ...]]:
    def state(data: CountryData) -> tuple[Any, ...]:
        session = TrainingSession.objects.get(pk=attendance_session_of(data, completed=completed).pk)
        outcomes = tuple(session.nominations.values_list("outcome", "attendance_percent"))
        return session.status, outcomes

    return state


def completion_rule_state(data: CountryData) -> tuple[Any, ...]:
    return tuple(
        CompletionRule.objects.filter(course=course_of(data)).values_list(
            "min_attendance_percent", "pass_mark_percent"
        )
    )


# --- nominations: nominating, endorsing, an NCB's page, one's record (helper "nominations") ----


def nominations_session_of(data: CountryData) -> Any:
    """A session of the country's course taking nominations now."""
    from cadre.training_sessions.models import Session

    code = f"isolation-nominations-{data.country.iso2.lower()}"
    found = Session.objects.filter(code=code).first()
    if found is None:
        found = SessionFactory(code=code, course=Course.objects.get(pk=course_of(data).pk))
    return found


def nomination_of(data: CountryData) -> Any:
    """The country's approved person, nominated to that session by its focal point (the role
    holder): both names show on the NCB's pages."""
    from cadre.training_sessions.models import Nomination

    session = nominations_session_of(data)
    found = Nomination.objects.filter(session=session, person=data.approved).first()
    if found is None:
        found = NominationFactory(session=session, person=data.approved, nominated_by=data.role_holder)
    return found


def nomination_status(data: CountryData) -> str:
    from cadre.training_sessions.models import Nomination

    return Nomination.objects.get(pk=nomination_of(data).pk).status


def nominations_in_session(data: CountryData) -> int:
    from cadre.training_sessions.models import Nomination

    return Nomination.objects.filter(session=nominations_session_of(data)).count()


def with_nomination(**params: Any) -> Callable[[CountryData], dict[str, Any]]:
    """Query parameters of a page that lists the country's nominations, once there is one."""

    def made(data: CountryData) -> dict[str, Any]:
        nomination_of(data)
        return {name: value(data) if callable(value) else value for name, value in params.items()}

    return made


HUMAN_RIGHTS = "human-rights-in-police-training"


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
    # accreditation: cases, steps, evidence and certificates of a course the head of NCB owns
    "accreditation:cases": Action("accreditation:cases"),
    "accreditation:cases/search": Action(
        "accreditation:cases", params=lambda data: {"q": acc(data).case.reference}
    ),
    "accreditation:open_case": Action("accreditation:open_case"),
    "accreditation:apply": Action("accreditation:apply"),
    "accreditation:case": Action("accreditation:case", args=lambda data: [acc(data).case.reference]),
    "accreditation:case_step": Action(
        "accreditation:case_step", args=lambda data: [acc(data).case.reference, "analysis"]
    ),
    "accreditation:edit_application": Action(
        "accreditation:edit_application", args=lambda data: [acc(data).application.reference]
    ),
    "accreditation:submit_application": Action(
        "accreditation:submit_application",
        args=lambda data: [acc(data).application.reference],
        state=lambda data: AccreditationCase.objects.get(pk=acc(data).application.pk).status,
    ),
    "accreditation:withdraw": Action(
        "accreditation:withdraw",
        args=lambda data: [acc(data).case.reference],
        state=lambda data: AccreditationCase.objects.get(pk=acc(data).case.pk).status,
    ),
    "accreditation:assign_reviewer": Action(
        "accreditation:assign_reviewer",
        args=lambda data: [acc(data).case.reference],
        params=lambda data: {"reviewer": data.head.pk, "kind": "panel"},
        state=lambda data: CaseReviewer.objects.filter(case=acc(data).case).count(),
    ),
    "accreditation:remove_reviewer": Action(
        "accreditation:remove_reviewer",
        args=lambda data: [acc(data).case.reference, acc(data).reviewer.pk],
        state=lambda data: CaseReviewer.objects.filter(case=acc(data).case, kind="panel").exists(),
    ),
    "accreditation:decide": Action("accreditation:decide", args=lambda data: [acc(data).case.reference]),
    "accreditation:upload_evidence": Action(
        "accreditation:upload_evidence",
        args=lambda data: [acc(data).case.reference, "design"],
        params=lambda data: {"title": "Plan", "file": SimpleUploadedFile("plan.txt", b"Design plan\n")},
        state=lambda data: Evidence.objects.filter(step__case=acc(data).case).count(),
    ),
    "accreditation:submit_step": Action(
        "accreditation:submit_step",
        args=lambda data: [acc(data).case.reference, "design"],
        state=lambda data: step_status(data, "design"),
    ),
    "accreditation:record_findings": Action(
        "accreditation:record_findings",
        args=lambda data: [acc(data).case.reference, "analysis"],
        state=lambda data: Finding.objects.filter(step__case=acc(data).case).count(),
    ),
    "accreditation:comment": Action(
        "accreditation:comment",
        args=lambda data: [acc(data).case.reference, "analysis"],
        params=lambda data: {"body": "The survey covers the region."},
        state=lambda data: Comment.objects.filter(step__case=acc(data).case).count(),
    ),
    "accreditation:mark_reviewed": Action(
        "accreditation:mark_reviewed",
        args=lambda data: [acc(data).case.reference, "analysis"],
        state=lambda data: step_status(data, "analysis"),
    ),
    "accreditation:return_step": Action(
        "accreditation:return_step",
        args=lambda data: [acc(data).case.reference, "analysis"],
        params=lambda data: {"body": "Add the survey data."},
        state=lambda data: step_status(data, "analysis"),
    ),
    "accreditation:evidence": Action("accreditation:evidence", args=lambda data: [acc(data).evidence.pk]),
    "accreditation:delete_evidence": Action(
        "accreditation:delete_evidence",
        args=lambda data: [acc(data).evidence.pk],
        state=lambda data: Evidence.objects.filter(step__case=acc(data).case, step__step="design").exists(),
    ),
    "accreditation:certificates": Action("accreditation:certificates"),
    "accreditation:certificate": Action(
        "accreditation:certificate", args=lambda data: [acc(data).certificate.code]
    ),
    "accreditation:certificate_pdf": Action(
        "accreditation:certificate_pdf", args=lambda data: [acc(data).certificate.code]
    ),
    "accreditation:revoke": Action(
        "accreditation:revoke",
        args=lambda data: [acc(data).certificate.code],
        params=lambda data: {"reason": "Materials copied."},
        state=lambda data: Certificate.objects.get(pk=acc(data).certificate.pk).status,
    ),
    "accreditation:reaccredit": Action(
        "accreditation:reaccredit",
        args=lambda data: [acc(data).certificate.code],
        state=lambda data: AccreditationCase.objects.filter(
            previous_certificate=acc(data).certificate
        ).count(),
    ),
    "accreditation_public:lookup": Action(
        "accreditation_public:lookup", params=lambda data: {"code": acc(data).certificate.code}
    ),
    "accreditation_public:verify": Action(
        "accreditation_public:verify", args=lambda data: [acc(data).certificate.code]
    ),
    "api-1:verify_certificate": Action(
        "api-1:verify_certificate", args=lambda data: [acc(data).certificate.code]
    ),
    "api-1:list_cases": Action("api-1:list_cases"),
    # instructors: the registry, profiles, certifications, the public verification
    "instructors:list": Action("instructors:list"),
    "instructors:list/search": Action(
        "instructors:list", params=lambda data: {"q": instructor_of(data).person.family_name}
    ),
    "instructors:create": Action("instructors:create"),
    "instructors:my_profile": Action("instructors:my_profile"),
    "instructors:profile": Action("instructors:profile", args=lambda data: [instructor_of(data).pk]),
    "instructors:edit": Action("instructors:edit", args=lambda data: [instructor_of(data).pk]),
    "instructors:edit/save": Action(
        "instructors:edit",
        args=lambda data: [instructor_of(data).pk],
        params=lambda data: {"kind": "internal", "biography": "Changed.", "is_active": "on"},
        state=instructor_state,
    ),
    "instructors:photo": Action("instructors:photo", args=lambda data: [instructor_of(data).pk]),
    "instructors:add_availability": Action(
        "instructors:add_availability",
        args=lambda data: [instructor_of(data).pk],
        params=lambda data: {
            "kind": "unavailable",
            "starts_on": timezone.localdate().isoformat(),
            "ends_on": timezone.localdate().isoformat(),
        },
        state=instructor_state,
    ),
    "instructors:remove_availability": Action(
        "instructors:remove_availability",
        args=lambda data: [instructor_of(data).availability.get().pk],
        state=instructor_state,
    ),
    "instructors:evidence": Action(
        "instructors:evidence",
        args=lambda data: [StageCompletion.objects.get(candidacy__instructor=instructor_of(data)).pk],
    ),
    "instructors:certify": Action(
        "instructors:certify", args=lambda data: [instructor_of(data).candidacies.get().pk]
    ),
    "instructors:certificate_pdf": Action(
        "instructors:certificate_pdf", args=lambda data: [certification_of(data).pk]
    ),
    "instructors:certification_action/suspend": Action(
        "instructors:certification_action",
        args=lambda data: [certification_of(data).pk, "suspend"],
        params=lambda data: {"reason": "Complaint received."},
        state=instructor_state,
    ),
    "instructors_public:lookup": Action("instructors_public:lookup"),
    "instructors_public:verify": Action(
        "instructors_public:verify", args=lambda data: [certification_of(data).code]
    ),
    # instructors: the pool search and the dashboard
    "instructors:pool": Action("instructors:pool"),
    "instructors:pool/search": Action(
        "instructors:pool",
        params=lambda data: {"start": timezone.localdate().isoformat(), "instructor": instructor_of(data).pk},
    ),
    "instructors:dashboard": Action("instructors:dashboard"),
    # instructors: the certification pathway
    "instructors:start_candidacy": Action(
        "instructors:start_candidacy", args=lambda data: [instructor_of(data).pk]
    ),
    "instructors:start_candidacy/save": Action(
        "instructors:start_candidacy",
        args=lambda data: [instructor_of(data).pk],
        params=lambda data: {"level": Level.objects.get(code="senior").pk, "languages": ["en"]},
        state=candidacy_state,
    ),
    "instructors:candidacy": Action("instructors:candidacy", args=lambda data: [candidacy_of(data).pk]),
    "instructors:submit_evidence": Action(
        "instructors:submit_evidence",
        args=lambda data: [candidacy_of(data).pk, stage_of(data, 2)],
        params=lambda data: {f"submit-{stage_of(data, 2)}-note": "Co-delivered in Nairobi."},
        state=candidacy_state,
    ),
    "instructors:confirm_stage": Action(
        "instructors:confirm_stage",
        args=lambda data: [candidacy_of(data).pk, stage_of(data, 1)],
        params=lambda data: {f"confirm-{stage_of(data, 1)}-note": "Seen."},
        state=candidacy_state,
    ),
    "instructors:candidacy_assessors": Action(
        "instructors:candidacy_assessors", args=lambda data: [candidacy_of(data).pk], state=candidacy_state
    ),
    "instructors:withdraw_candidacy": Action(
        "instructors:withdraw_candidacy",
        args=lambda data: [candidacy_of(data).pk],
        params=lambda data: {"reason": "Left the service."},
        state=candidacy_state,
    ),
    "instructors:observe": Action("instructors:observe", args=lambda data: [candidacy_of(data).pk]),
    "instructors:my_candidates": Action("instructors:my_candidates"),
    # materials: the repository, submissions and reviews
    "materials:repository": Action(
        "materials:repository", params=lambda data: {"q": material_of(data).title}
    ),
    "materials:mine": Action("materials:mine"),
    "materials:queue": Action("materials:queue", params=lambda data: {"q": material_of(data).title}),
    "materials:submit": Action("materials:submit"),
    "materials:submit/save": Action("materials:submit", params=material_form, state=material_count),
    "materials:material": Action("materials:material", args=lambda data: [material_of(data).pk]),
    "materials:add_version": Action("materials:add_version", args=lambda data: [material_of(data).pk]),
    "materials:download": Action("materials:download", args=lambda data: [material_version_of(data).pk]),
    "materials:withdraw": Action(
        "materials:withdraw", args=lambda data: [material_version_of(data).pk], state=material_version_state()
    ),
    "materials:start_review": Action(
        "materials:start_review",
        args=lambda data: [material_version_of(data).pk],
        state=material_version_state(),
    ),
    "materials:review": Action("materials:review", args=lambda data: [material_review_of(data).pk]),
    "materials:review/decide": Action(
        "materials:review",
        args=lambda data: [material_review_of(data).pk],
        params=material_decision_form,
        state=material_version_state(in_review=True),
    ),
    "materials:review_criteria": Action(
        "materials:review_criteria",
        args=lambda data: [material_review_of(data).pk],
        params=lambda data: {"criteria": []},
        state=lambda data: sorted(material_review_of(data).criteria.values_list("pk", flat=True)),
    ),
    # standards: the Guide, its editions, the directives and guidelines
    "standards:guide": Action("standards:guide", params=lambda data: {"step": "design"}),
    "standards:editions": Action("standards:editions"),
    "standards:edition": Action("standards:edition", args=lambda data: [guide_in_force(data).number]),
    "standards:edition/draft": Action("standards:edition", args=lambda data: [standards_draft(data).number]),
    "standards:compare": Action("standards:compare", args=lambda data: [guide_in_force(data).number]),
    "standards:open_edition": Action("standards:open_edition", state=editions_state),
    "standards:edit_edition": Action(
        "standards:edit_edition", args=lambda data: [standards_draft(data).number]
    ),
    "standards:edit_edition/in_force": Action(
        "standards:edit_edition", args=lambda data: [guide_in_force(data).number]
    ),
    "standards:publish_edition": Action(
        "standards:publish_edition", args=lambda data: [standards_draft(data).number], state=draft_state
    ),
    "standards:discard_edition": Action(
        "standards:discard_edition", args=lambda data: [standards_draft(data).number], state=draft_state
    ),
    "standards:edit_section": Action(
        "standards:edit_section", args=lambda data: [standards_draft(data).number, 1]
    ),
    "standards:add_criterion": Action(
        "standards:add_criterion",
        args=lambda data: [standards_draft(data).number, 4],
        params=lambda data: {
            "number": "4.9",
            "sat_step": "delivery",
            "title_en": "Isolation criterion",
            "requirement_en": "Stays where it belongs.",
        },
        state=draft_state,
    ),
    "standards:edit_criterion": Action(
        "standards:edit_criterion", args=lambda data: [standards_draft(data).number, "delivery-records"]
    ),
    "standards:remove_criterion": Action(
        "standards:remove_criterion",
        args=lambda data: [standards_draft(data).number, "delivery-records"],
        state=draft_state,
    ),
    "standards:create_guideline": Action("standards:create_guideline"),
    "standards:guideline": Action("standards:guideline", args=lambda data: [HUMAN_RIGHTS]),
    "standards:guideline_version": Action("standards:guideline_version", args=lambda data: [HUMAN_RIGHTS, 1]),
    "standards:edit_guideline": Action("standards:edit_guideline", args=lambda data: [HUMAN_RIGHTS]),
    "standards:edit_guideline/save": Action(
        "standards:edit_guideline",
        args=lambda data: [HUMAN_RIGHTS],
        params=lambda data: {"title_en": "Renamed guideline", "body_en": "New text."},
        state=guideline_state,
    ),
    "standards:withdraw_guideline": Action(
        "standards:withdraw_guideline", args=lambda data: [HUMAN_RIGHTS], state=guideline_state
    ),
    "api-1:list_standard_criteria": Action(
        "api-1:list_standard_criteria", params=lambda data: {"step": "design"}
    ),
    # certificates of attendance and completion: the holder's, the course's and the NCB's
    "certificates:mine": Action("certificates:mine"),
    "certificates:detail": Action("certificates:detail", args=training_certificate_code),
    "certificates:pdf": Action("certificates:pdf", args=training_certificate_code),
    "certificates:revoke": Action(
        "certificates:revoke",
        args=training_certificate_code,
        params=lambda data: {"reason": "Attendance sheet forged."},
        state=training_certificate_state,
    ),
    "certificates:reissue": Action(
        "certificates:reissue",
        args=training_certificate_code,
        params=lambda data: {"reason": "Name corrected."},
        state=training_certificate_state,
    ),
    "certificates_public:lookup": Action(
        "certificates_public:lookup", params=lambda data: {"code": training_certificate_of(data).code.lower()}
    ),
    "certificates_public:verify": Action("certificates_public:verify", args=training_certificate_code),
    "api-1:verify_training_certificate": Action(
        "api-1:verify_training_certificate", args=training_certificate_code
    ),
    # attendance, QR check-in and completion of a session of the country's course
    "training_sessions:attendance": Action(
        "training_sessions:attendance", args=lambda data: [attendance_session_of(data).pk]
    ),
    "training_sessions:record_attendance": Action(
        "training_sessions:record_attendance",
        args=lambda data: [attendance_session_of(data).pk],
        params=attendance_mark,
        state=attendance_state,
    ),
    "training_sessions:attendance_summary": Action(
        "training_sessions:attendance_summary", args=lambda data: [attendance_session_of(data).pk]
    ),
    "training_sessions:attendance_summary/csv": Action(
        "training_sessions:attendance_summary",
        args=lambda data: [attendance_session_of(data).pk],
        params=lambda data: {"export": "csv"},
    ),
    "training_sessions:checkin_screen": Action(
        "training_sessions:checkin_screen",
        args=lambda data: [attendance_session_of(data).pk, attendance_today(data).pk],
    ),
    "training_sessions:rotate_checkin": Action(
        "training_sessions:rotate_checkin",
        args=lambda data: [attendance_session_of(data).pk, attendance_today(data).pk],
        state=lambda data: attendance_today(data).checkin_key,
    ),
    "training_sessions:check_in": Action(
        "training_sessions:check_in", args=lambda data: [attendance_today(data).checkin_key]
    ),
    "training_sessions:check_in/post": Action(
        "training_sessions:check_in",
        args=lambda data: [attendance_today(data).checkin_key],
        state=attendance_state,
    ),
    "training_sessions:complete": Action(
        "training_sessions:complete",
        args=lambda data: [attendance_session_of(data).pk],
        state=completion_state(),
    ),
    "training_sessions:recompute_outcomes": Action(
        "training_sessions:recompute_outcomes",
        args=lambda data: [attendance_session_of(data, completed=True).pk],
        state=completion_state(completed=True),
    ),
    "training_sessions:completion_rule": Action(
        "training_sessions:completion_rule", args=lambda data: [course_of(data).pk]
    ),
    "training_sessions:completion_rule/save": Action(
        "training_sessions:completion_rule",
        args=lambda data: [course_of(data).pk],
        params=lambda data: {"min_attendance_percent": 90, "pass_mark_percent": 60, "partial_day_share": 50},
        state=completion_rule_state,
    ),
    # nominations: nominating, endorsing, an NCB's page and CSV export, one's own record
    "training_sessions:nominate": Action(
        "training_sessions:nominate",
        args=lambda data: [nominations_session_of(data).pk],
        params=lambda data: {"country": data.country.iso2},
    ),
    "training_sessions:nominate/own": Action(
        "training_sessions:nominate", args=lambda data: [nominations_session_of(data).pk]
    ),
    "training_sessions:nominate/save": Action(
        "training_sessions:nominate",
        args=lambda data: [nominations_session_of(data).pk],
        params=lambda data: {"selected": [data.role_holder.pk], "motivation": "Trains the unit."},
        state=nominations_in_session,
    ),
    "training_sessions:nomination": Action(
        "training_sessions:nomination", args=lambda data: [nomination_of(data).pk]
    ),
    "training_sessions:endorse": Action(
        "training_sessions:endorse",
        params=lambda data: {"selected": [nomination_of(data).pk]},
        state=nomination_status,
    ),
    "training_sessions:ncb": Action("training_sessions:ncb", params=with_nomination()),
    "training_sessions:ncb/country": Action(
        "training_sessions:ncb", params=with_nomination(country=lambda data: data.country.iso2)
    ),
    "training_sessions:ncb/search": Action(
        "training_sessions:ncb", params=with_nomination(q=lambda data: data.approved.family_name)
    ),
    "training_sessions:ncb_export": Action("training_sessions:ncb_export", params=with_nomination()),
    "training_sessions:ncb_export/country": Action(
        "training_sessions:ncb_export", params=with_nomination(country=lambda data: data.country.iso2)
    ),
    "training_sessions:record": Action("training_sessions:record", params=with_nomination()),
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
    # --- accreditation: a case is seen by its course's people, its reviewers and the quality
    # officers; the public verification shows a course, never a person ---------------------------
    Row(FR_OFFICER, "accreditation:cases", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "accreditation:open_case", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "accreditation:apply", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "accreditation:certificates", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "accreditation:case", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "accreditation:case_step", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "accreditation:edit_application", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "accreditation:submit_application", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "accreditation:withdraw", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "accreditation:assign_reviewer", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "accreditation:remove_reviewer", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "accreditation:decide", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "accreditation:upload_evidence", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "accreditation:submit_step", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "accreditation:record_findings", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "accreditation:comment", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "accreditation:mark_reviewed", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "accreditation:return_step", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "accreditation:evidence", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "accreditation:delete_evidence", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "accreditation:certificate", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "accreditation:certificate_pdf", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "accreditation:revoke", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "accreditation:reaccredit", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "accreditation_public:lookup", "KE", "GET", 302, HIDES),  # to the code's page
    Row(FR_OFFICER, "accreditation_public:verify", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "api-1:verify_certificate", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "api-1:list_cases", "KE", "GET", 200, HIDES),
    Row(FR_HEAD, "accreditation:case", "KE", "GET", 404, HIDES),
    Row(FR_HEAD, "accreditation:cases/search", "KE", "GET", 403, HIDES),  # no accreditation role
    Row(FR_HEAD, "accreditation:comment", "KE", "POST", 404, UNCHANGED),
    Row(FR_HEAD, "accreditation:upload_evidence", "KE", "POST", 404, UNCHANGED),
    Row(FR_HEAD, "accreditation:evidence", "KE", "GET", 404, HIDES),
    Row(FR_HEAD, "accreditation:case", "FR", "GET", 200, SHOWS),  # the courses' owner
    Row(FR_HEAD, "accreditation:comment", "FR", "POST", 302, CHANGES),
    Row(FR_HEAD, "accreditation:upload_evidence", "FR", "POST", 302, CHANGES),
    Row(FR_HEAD, "accreditation:submit_step", "FR", "POST", 302, CHANGES),
    Row(FR_HEAD, "accreditation:evidence", "FR", "GET", 200, HIDES),
    Row(KE_HEAD, "accreditation:case", "KE", "GET", 404, HIDES),  # owns none of the courses
    Row(KE_HEAD, "accreditation:case", "FR", "GET", 404, HIDES),
    Row(KE_HEAD, "accreditation:cases/search", "KE", "GET", 403, HIDES),
    Row(KE_OFFICER, "accreditation:cases", "KE", "GET", 403, HIDES),
    Row(KE_OFFICER, "accreditation:case", "KE", "GET", 404, HIDES),
    Row(INSTITUTION, "accreditation:cases", "KE", "GET", 200, HIDES),  # only their institution's
    Row(INSTITUTION, "accreditation:edit_application", "KE", "GET", 404, HIDES),
    Row(INSTITUTION, "accreditation:submit_application", "KE", "POST", 404, UNCHANGED),
    Row(AFRICA, "accreditation:case", "KE", "GET", 404, HIDES),
    Row("learner", "accreditation:cases", "KE", "GET", 403, HIDES),
    Row("learner", "accreditation:case", "KE", "GET", 404, HIDES),
    Row("learner", "accreditation:evidence", "KE", "GET", 404, HIDES),
    Row("nobody", "accreditation:case", "KE", "GET", 404, HIDES),
    Row("dpo", "accreditation:certificate", "KE", "GET", 404, HIDES),
    Row("administrator", "accreditation:case", "KE", "GET", 200, SHOWS),
    Row("administrator", "accreditation:decide", "KE", "GET", 200, HIDES),
    Row("administrator", "accreditation:mark_reviewed", "KE", "POST", 302, CHANGES),
    Row("administrator", "accreditation:return_step", "KE", "POST", 302, CHANGES),
    Row("administrator", "accreditation:withdraw", "KE", "POST", 302, CHANGES),
    Row("administrator", "accreditation:remove_reviewer", "KE", "POST", 302, CHANGES),
    Row("administrator", "accreditation:delete_evidence", "KE", "POST", 302, CHANGES),
    Row("administrator", "accreditation:submit_application", "KE", "POST", 302, CHANGES),
    Row("administrator", "accreditation:revoke", "KE", "POST", 302, CHANGES),
    Row("administrator", "accreditation:reaccredit", "KE", "POST", 302, CHANGES),
    Row(ANONYMOUS, "accreditation:case", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "accreditation:revoke", "KE", "POST", 302, UNCHANGED),
    Row(ANONYMOUS, "accreditation_public:verify", "KE", "GET", 200, HIDES),
    Row(ANONYMOUS, "api-1:verify_certificate", "KE", "GET", 200, HIDES),
    Row(ANONYMOUS, "api-1:list_cases", "KE", "GET", 401, HIDES),
    # --- instructors: the pool is the organisation's; NCBs neither see nor change it -------------
    Row(FR_OFFICER, "instructors:list", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "instructors:list/search", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "instructors:create", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "instructors:my_profile", "KE", "GET", 403, HIDES),  # not an instructor
    Row(FR_OFFICER, "instructors:profile", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "instructors:edit", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "instructors:edit/save", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "instructors:photo", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "instructors:add_availability", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "instructors:remove_availability", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "instructors:evidence", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "instructors:certify", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "instructors:certificate_pdf", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "instructors:certification_action/suspend", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "instructors_public:lookup", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "instructors_public:verify", "KE", "GET", 200, SHOWS),  # public to whoever holds the code
    Row(KE_OFFICER, "instructors:list/search", "KE", "GET", 403, HIDES),
    Row(KE_OFFICER, "instructors:profile", "KE", "GET", 404, HIDES),
    Row(KE_HEAD, "instructors:edit/save", "KE", "POST", 404, UNCHANGED),
    Row(AFRICA, "instructors:profile", "KE", "GET", 404, HIDES),
    Row("learner", "instructors:list", "KE", "GET", 403, HIDES),
    Row("learner", "instructors:profile", "KE", "GET", 404, HIDES),
    Row("learner", "instructors:certification_action/suspend", "KE", "POST", 404, UNCHANGED),
    Row("dpo", "instructors:list/search", "KE", "GET", 403, HIDES),
    Row("nobody", "instructors:add_availability", "KE", "POST", 404, UNCHANGED),
    Row("administrator", "instructors:list/search", "KE", "GET", 200, SHOWS),
    Row("administrator", "instructors:profile", "KE", "GET", 200, SHOWS),
    Row("administrator", "instructors:edit/save", "KE", "POST", 302, CHANGES),
    Row("administrator", "instructors:add_availability", "KE", "POST", 302, CHANGES),
    Row("administrator", "instructors:remove_availability", "KE", "POST", 302, CHANGES),
    Row("administrator", "instructors:certify", "KE", "GET", 403, HIDES),  # certifying is not theirs
    Row("administrator", "instructors:certification_action/suspend", "KE", "POST", 403, UNCHANGED),
    Row(ANONYMOUS, "instructors:list", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "instructors:profile", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "instructors_public:verify", "KE", "GET", 200, SHOWS),
    # --- instructors: the pool search and the dashboard are the organisation's, not an NCB's ---
    Row(FR_OFFICER, "instructors:pool", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "instructors:pool/search", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "instructors:dashboard", "KE", "GET", 403, HIDES),
    Row(KE_OFFICER, "instructors:pool/search", "KE", "GET", 403, HIDES),
    Row(KE_HEAD, "instructors:dashboard", "KE", "GET", 403, HIDES),
    Row(AFRICA, "instructors:pool/search", "KE", "GET", 403, HIDES),
    Row(INSTITUTION, "instructors:dashboard", "KE", "GET", 403, HIDES),
    Row("learner", "instructors:pool/search", "KE", "GET", 403, HIDES),
    Row("dpo", "instructors:dashboard", "KE", "GET", 403, HIDES),
    Row("nobody", "instructors:pool/search", "KE", "GET", 403, HIDES),
    Row("administrator", "instructors:pool/search", "KE", "GET", 200, SHOWS),  # unavailable today: excluded
    Row("administrator", "instructors:dashboard", "KE", "GET", 200, HIDES),  # counts; nobody expires soon
    Row(ANONYMOUS, "instructors:pool", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "instructors:dashboard", "KE", "GET", 302, HIDES),
    # --- instructors: a candidacy is its candidate's, assessors' and certification managers' ----
    Row(FR_OFFICER, "instructors:start_candidacy", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "instructors:start_candidacy/save", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "instructors:candidacy", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "instructors:submit_evidence", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "instructors:confirm_stage", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "instructors:candidacy_assessors", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "instructors:withdraw_candidacy", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "instructors:observe", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "instructors:my_candidates", "KE", "GET", 403, HIDES),
    Row(KE_OFFICER, "instructors:candidacy", "KE", "GET", 404, HIDES),
    Row(KE_HEAD, "instructors:withdraw_candidacy", "KE", "POST", 404, UNCHANGED),
    Row(AFRICA, "instructors:observe", "KE", "GET", 404, HIDES),
    Row("learner", "instructors:candidacy", "KE", "GET", 404, HIDES),
    Row("learner", "instructors:confirm_stage", "KE", "POST", 404, UNCHANGED),
    Row("nobody", "instructors:submit_evidence", "KE", "POST", 404, UNCHANGED),
    Row("dpo", "instructors:my_candidates", "KE", "GET", 403, HIDES),
    Row("administrator", "instructors:candidacy", "KE", "GET", 200, SHOWS),
    Row("administrator", "instructors:start_candidacy", "KE", "GET", 403, HIDES),  # certification managers'
    Row("administrator", "instructors:start_candidacy/save", "KE", "POST", 403, UNCHANGED),
    Row("administrator", "instructors:confirm_stage", "KE", "POST", 403, UNCHANGED),  # assessors'
    Row("administrator", "instructors:withdraw_candidacy", "KE", "POST", 403, UNCHANGED),
    Row("administrator", "instructors:observe", "KE", "GET", 403, HIDES),
    Row(ANONYMOUS, "instructors:candidacy", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "instructors:my_candidates", "KE", "GET", 302, HIDES),
    # --- materials: the repository is for trainers and reviewers; material is its submitter's --
    Row(FR_OFFICER, "materials:repository", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "materials:mine", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "materials:queue", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "materials:submit", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "materials:submit/save", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "materials:material", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "materials:add_version", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "materials:download", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "materials:withdraw", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "materials:start_review", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "materials:review", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "materials:review/decide", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "materials:review_criteria", "KE", "POST", 404, UNCHANGED),
    Row(FR_HEAD, "materials:material", "FR", "GET", 200, SHOWS),  # their own submission
    Row(FR_HEAD, "materials:material", "KE", "GET", 404, HIDES),
    Row(FR_HEAD, "materials:download", "KE", "GET", 404, HIDES),
    Row(FR_HEAD, "materials:submit/save", "KE", "POST", 403, UNCHANGED),  # looks after no course yet
    Row(FR_HEAD, "materials:submit/save", "FR", "POST", 302, CHANGES),
    Row(FR_HEAD, "materials:withdraw", "KE", "POST", 404, UNCHANGED),
    Row(FR_HEAD, "materials:withdraw", "FR", "POST", 302, CHANGES),
    Row(KE_OFFICER, "materials:material", "KE", "GET", 404, HIDES),
    Row("learner", "materials:repository", "KE", "GET", 403, HIDES),
    Row("learner", "materials:download", "KE", "GET", 404, HIDES),
    Row("learner", "materials:review/decide", "KE", "POST", 404, UNCHANGED),
    Row("administrator", "materials:repository", "KE", "GET", 200, HIDES),  # not approved yet
    Row("administrator", "materials:queue", "KE", "GET", 200, SHOWS),
    Row("administrator", "materials:material", "KE", "GET", 200, SHOWS),
    Row("administrator", "materials:start_review", "KE", "POST", 302, CHANGES),
    Row("administrator", "materials:review/decide", "KE", "POST", 302, CHANGES),
    Row(ANONYMOUS, "materials:repository", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "materials:download", "KE", "GET", 302, HIDES),
    # --- standards: the Guide is everyone's to read; quality officers and admins change it ------
    Row(FR_OFFICER, "standards:guide", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "standards:editions", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "standards:edition", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "standards:edition/draft", "KE", "GET", 404, HIDES),  # drafts: editors only
    Row(FR_OFFICER, "standards:compare", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "standards:open_edition", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "standards:edit_edition", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "standards:edit_edition/in_force", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "standards:publish_edition", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "standards:discard_edition", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "standards:edit_section", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "standards:add_criterion", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "standards:edit_criterion", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "standards:remove_criterion", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "standards:create_guideline", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "standards:guideline", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "standards:guideline_version", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "standards:edit_guideline", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "standards:edit_guideline/save", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "standards:withdraw_guideline", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "api-1:list_standard_criteria", "KE", "GET", 200, HIDES),
    Row(KE_OFFICER, "standards:guide", "KE", "GET", 200, HIDES),
    Row("learner", "standards:edition/draft", "KE", "GET", 404, HIDES),
    Row("learner", "standards:remove_criterion", "KE", "POST", 404, UNCHANGED),
    Row("learner", "standards:edit_guideline/save", "KE", "POST", 403, UNCHANGED),
    Row("quality_officer", "standards:edition/draft", "KE", "GET", 200, HIDES),
    Row("quality_officer", "standards:edit_edition/in_force", "KE", "GET", 403, HIDES),  # never in place
    Row("quality_officer", "standards:add_criterion", "KE", "POST", 302, CHANGES),
    Row("quality_officer", "standards:remove_criterion", "KE", "POST", 302, CHANGES),
    Row("quality_officer", "standards:publish_edition", "KE", "POST", 302, CHANGES),
    Row("quality_officer", "standards:edit_guideline/save", "KE", "POST", 302, CHANGES),
    Row("administrator", "standards:open_edition", "KE", "POST", 302, CHANGES),
    Row("administrator", "standards:discard_edition", "KE", "POST", 302, CHANGES),
    Row("administrator", "standards:withdraw_guideline", "KE", "POST", 302, CHANGES),
    Row(ANONYMOUS, "standards:guide", "KE", "GET", 302, HIDES),
    # --- certificates: the holder, those who look after the course, the holder's NCB; the public
    # verification shows the holder's name to whoever holds the code ------------------------------
    Row(FR_OFFICER, "certificates:mine", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "certificates:detail", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "certificates:pdf", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "certificates:revoke", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "certificates:reissue", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "certificates_public:lookup", "KE", "GET", 302, HIDES),  # to the code's page
    Row(
        FR_OFFICER, "certificates_public:verify", "KE", "GET", 200, SHOWS
    ),  # public to whoever holds the code
    Row(FR_OFFICER, "api-1:verify_training_certificate", "KE", "GET", 200, SHOWS),
    Row(FR_HEAD, "certificates:detail", "KE", "GET", 404, HIDES),
    Row(FR_HEAD, "certificates:revoke", "KE", "POST", 404, UNCHANGED),
    Row(FR_HEAD, "certificates:detail", "FR", "GET", 200, SHOWS),  # looks after the course
    Row(FR_HEAD, "certificates:reissue", "FR", "POST", 302, CHANGES),
    Row(KE_OFFICER, "certificates:detail", "KE", "GET", 200, SHOWS),  # the holder's NCB
    Row(KE_OFFICER, "certificates:detail", "FR", "GET", 404, HIDES),
    Row(KE_OFFICER, "certificates:revoke", "KE", "POST", 403, UNCHANGED),
    Row(KE_HEAD, "certificates:reissue", "KE", "POST", 403, UNCHANGED),
    Row(KE_HEAD, "certificates:pdf", "FR", "GET", 404, HIDES),
    Row(AFRICA, "certificates:detail", "KE", "GET", 404, HIDES),
    Row(INSTITUTION, "certificates:detail", "KE", "GET", 404, HIDES),
    Row("learner", "certificates:mine", "KE", "GET", 200, HIDES),
    Row("learner", "certificates:detail", "KE", "GET", 404, HIDES),
    Row("learner", "certificates:revoke", "KE", "POST", 404, UNCHANGED),
    Row("nobody", "certificates:pdf", "KE", "GET", 404, HIDES),
    Row("dpo", "certificates:detail", "KE", "GET", 404, HIDES),
    Row("administrator", "certificates:detail", "KE", "GET", 200, SHOWS),
    Row("administrator", "certificates:revoke", "KE", "POST", 302, CHANGES),
    Row("administrator", "certificates:reissue", "KE", "POST", 302, CHANGES),
    Row(ANONYMOUS, "certificates:mine", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "certificates:detail", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "certificates:pdf", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "certificates:revoke", "KE", "POST", 302, UNCHANGED),
    Row(ANONYMOUS, "certificates_public:lookup", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "certificates_public:verify", "KE", "GET", 200, SHOWS),
    Row(ANONYMOUS, "api-1:verify_training_certificate", "KE", "GET", 200, SHOWS),
    # --- attendance, QR check-in and completion: managers and booked instructors; the check-in
    # is the participant's own -----------------------------------------------------------------
    Row(FR_OFFICER, "training_sessions:attendance", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "training_sessions:record_attendance", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:attendance_summary", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "training_sessions:attendance_summary/csv", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "training_sessions:checkin_screen", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "training_sessions:rotate_checkin", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:check_in", "KE", "GET", 200, HIDES),  # "not a participant"
    Row(FR_OFFICER, "training_sessions:check_in/post", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:complete", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:recompute_outcomes", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:completion_rule", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "training_sessions:completion_rule/save", "KE", "POST", 403, UNCHANGED),
    Row(FR_HEAD, "training_sessions:attendance", "KE", "GET", 403, HIDES),
    Row(FR_HEAD, "training_sessions:attendance", "FR", "GET", 200, SHOWS),  # looks after the course
    Row(FR_HEAD, "training_sessions:record_attendance", "KE", "POST", 403, UNCHANGED),
    Row(FR_HEAD, "training_sessions:attendance_summary/csv", "KE", "GET", 403, HIDES),
    Row(KE_OFFICER, "training_sessions:attendance", "KE", "GET", 403, HIDES),
    Row(KE_OFFICER, "training_sessions:attendance_summary", "KE", "GET", 403, HIDES),
    Row(KE_HEAD, "training_sessions:record_attendance", "KE", "POST", 403, UNCHANGED),
    Row(KE_HEAD, "training_sessions:attendance_summary/csv", "KE", "GET", 403, HIDES),
    Row(AFRICA, "training_sessions:attendance", "KE", "GET", 404, HIDES),
    Row(INSTITUTION, "training_sessions:attendance_summary", "KE", "GET", 404, HIDES),
    Row("learner", "training_sessions:attendance", "KE", "GET", 404, HIDES),
    Row("learner", "training_sessions:check_in", "KE", "GET", 200, HIDES),
    Row("learner", "training_sessions:check_in/post", "KE", "POST", 403, UNCHANGED),
    Row("nobody", "training_sessions:record_attendance", "KE", "POST", 404, UNCHANGED),
    Row("dpo", "training_sessions:attendance_summary", "KE", "GET", 404, HIDES),
    Row("administrator", "training_sessions:attendance", "KE", "GET", 200, SHOWS),
    Row("administrator", "training_sessions:record_attendance", "KE", "POST", 302, CHANGES),
    Row("administrator", "training_sessions:attendance_summary", "KE", "GET", 200, SHOWS),
    Row("administrator", "training_sessions:attendance_summary/csv", "KE", "GET", 200, SHOWS),
    Row("administrator", "training_sessions:checkin_screen", "KE", "GET", 200, HIDES),
    Row("administrator", "training_sessions:rotate_checkin", "KE", "POST", 302, CHANGES),
    Row("administrator", "training_sessions:complete", "KE", "POST", 302, CHANGES),
    Row("administrator", "training_sessions:recompute_outcomes", "KE", "POST", 302, CHANGES),
    Row("administrator", "training_sessions:completion_rule/save", "KE", "POST", 302, CHANGES),
    Row(ANONYMOUS, "training_sessions:attendance", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "training_sessions:check_in", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "training_sessions:check_in/post", "KE", "POST", 302, UNCHANGED),
    Row(ANONYMOUS, "training_sessions:complete", "KE", "POST", 302, UNCHANGED),
    # --- nominations: an NCB nominates, endorses, lists and exports its own country's officials
    # only; anyone else's are 404 or absent; one's record is one's own -------------------------
    Row(FR_OFFICER, "training_sessions:nominate", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "training_sessions:nominate/own", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "training_sessions:nominate/save", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:nomination", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "training_sessions:endorse", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:ncb", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "training_sessions:ncb/country", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "training_sessions:ncb/search", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "training_sessions:ncb_export", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "training_sessions:ncb_export/country", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "training_sessions:record", "KE", "GET", 200, HIDES),
    Row(FR_HEAD, "training_sessions:nomination", "KE", "GET", 404, HIDES),
    Row(FR_HEAD, "training_sessions:endorse", "KE", "POST", 404, UNCHANGED),
    Row(FR_HEAD, "training_sessions:ncb/country", "KE", "GET", 404, HIDES),
    Row(FR_HEAD, "training_sessions:ncb", "FR", "GET", 200, SHOWS),
    Row(FR_HEAD, "training_sessions:endorse", "FR", "POST", 302, CHANGES),
    Row(KE_OFFICER, "training_sessions:nominate", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "training_sessions:nominate", "FR", "GET", 404, HIDES),
    Row(KE_OFFICER, "training_sessions:nominate/save", "KE", "POST", 302, CHANGES),
    Row(KE_OFFICER, "training_sessions:nominate/save", "FR", "POST", 404, UNCHANGED),
    Row(KE_OFFICER, "training_sessions:nomination", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "training_sessions:nomination", "FR", "GET", 404, HIDES),
    Row(KE_OFFICER, "training_sessions:endorse", "KE", "POST", 403, UNCHANGED),  # heads endorse
    Row(KE_OFFICER, "training_sessions:ncb", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "training_sessions:ncb/search", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "training_sessions:ncb/search", "FR", "GET", 200, HIDES),
    Row(KE_OFFICER, "training_sessions:ncb_export", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "training_sessions:ncb_export/country", "FR", "GET", 404, HIDES),
    Row(KE_OFFICER, "training_sessions:record", "KE", "GET", 200, HIDES),
    Row(KE_HEAD, "training_sessions:endorse", "KE", "POST", 302, CHANGES),
    Row(KE_HEAD, "training_sessions:endorse", "FR", "POST", 404, UNCHANGED),
    Row(KE_HEAD, "training_sessions:nominate/save", "KE", "POST", 403, UNCHANGED),  # focal points nominate
    Row(KE_HEAD, "training_sessions:ncb", "KE", "GET", 200, SHOWS),
    Row(AFRICA, "training_sessions:ncb", "KE", "GET", 403, HIDES),
    Row(AFRICA, "training_sessions:nomination", "KE", "GET", 404, HIDES),
    Row(AFRICA, "training_sessions:nominate", "KE", "GET", 404, HIDES),
    Row(INSTITUTION, "training_sessions:ncb", "KE", "GET", 403, HIDES),
    Row("learner", "training_sessions:ncb", "KE", "GET", 403, HIDES),
    Row("learner", "training_sessions:ncb_export", "KE", "GET", 403, HIDES),
    Row("learner", "training_sessions:nomination", "KE", "GET", 404, HIDES),
    Row("learner", "training_sessions:endorse", "KE", "POST", 403, UNCHANGED),
    Row("learner", "training_sessions:nominate", "KE", "GET", 404, HIDES),
    Row("learner", "training_sessions:record", "KE", "GET", 200, HIDES),
    Row("nobody", "training_sessions:nominate/save", "KE", "POST", 404, UNCHANGED),
    Row("dpo", "training_sessions:ncb", "KE", "GET", 403, HIDES),
    Row("administrator", "training_sessions:ncb/country", "KE", "GET", 200, SHOWS),
    Row("administrator", "training_sessions:ncb_export/country", "KE", "GET", 200, SHOWS),
    Row("administrator", "training_sessions:nomination", "KE", "GET", 200, SHOWS),
    Row("administrator", "training_sessions:endorse", "KE", "POST", 403, UNCHANGED),
    Row("administrator", "training_sessions:nominate", "KE", "GET", 403, HIDES),
    Row("administrator", "training_sessions:nominate/save", "KE", "POST", 403, UNCHANGED),
    Row(ANONYMOUS, "training_sessions:ncb", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "training_sessions:ncb_export", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "training_sessions:nominate", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "training_sessions:nomination", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "training_sessions:endorse", "KE", "POST", 302, UNCHANGED),
    Row(ANONYMOUS, "training_sessions:record", "KE", "GET", 302, HIDES),
]

# --- evaluation: level 1, tests, level 3, the question bank and the session report -----------
# (helper "evaluation")


def evaluation(data: CountryData) -> CountryEvaluation:
    """The country's session that ended yesterday, of the country's course (whose bank has two
    questions), with its approved official as participant: level 1 answered, both tests taken,
    a follow-up whose supervisor's link is public."""
    return evaluation_of(Course.objects.get(pk=course_of(data).pk), data.head, data.approved)


def evaluation_session(data: CountryData) -> list[Any]:
    return [evaluation(data).session.pk]


def evaluation_answers(data: CountryData) -> tuple[int, int]:
    session = evaluation(data).session
    return (
        EvaluationResponse.objects.filter(session=session).count(),
        EvaluationTestAttempt.objects.filter(session=session).count(),
    )


def evaluation_bank(data: CountryData) -> int:
    return QuestionBank.objects.get(course_id=evaluation(data).session.course_id).questions_per_test


def evaluation_test_answers(data: CountryData) -> dict[str, Any]:
    question = evaluation(data).question
    return {str(question.pk): question.choices.get(is_correct=True).pk}


ACTIONS.update(
    {
        "assessments:l1": Action("assessments:l1", args=evaluation_session),
        "assessments:l1/answer": Action(
            "assessments:l1",
            args=evaluation_session,
            params=lambda data: {"overall": "5"},
            state=evaluation_answers,
        ),
        "assessments:test": Action("assessments:test", args=lambda data: [*evaluation_session(data), "post"]),
        "assessments:test/answer": Action(
            "assessments:test",
            args=lambda data: [*evaluation_session(data), "post"],
            params=evaluation_test_answers,
            state=evaluation_answers,
        ),
        "assessments:results": Action("assessments:results", args=evaluation_session),
        "assessments:l3": Action("assessments:l3", args=evaluation_session),
        "assessments:l3/answer": Action(
            "assessments:l3",
            args=evaluation_session,
            params=lambda data: {"use": "4"},
            state=evaluation_answers,
        ),
        "assessments:l3_supervisor": Action(
            "assessments:l3_supervisor", args=lambda data: [evaluation(data).follow_up.supervisor_key]
        ),
        "assessments:report": Action("assessments:report", args=evaluation_session),
        "assessments:bank": Action(
            "assessments:bank", args=lambda data: [evaluation(data).session.course_id]
        ),
        "assessments:bank/save": Action(
            "assessments:bank",
            args=lambda data: [evaluation(data).session.course_id],
            params=lambda data: {"questions_per_test": "7"},
            state=evaluation_bank,
        ),
        "assessments:bank_add_question": Action(
            "assessments:bank_add_question", args=lambda data: [evaluation(data).session.course_id]
        ),
        "assessments:bank_question": Action(
            "assessments:bank_question", args=lambda data: [evaluation(data).question.pk]
        ),
    }
)

TABLE += [
    # --- evaluation: the session's own people answer; its managers read the report; the
    # supervisor's private link is public to whoever holds it --------------------------------
    Row(FR_OFFICER, "assessments:l1", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "assessments:l1/answer", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "assessments:test", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "assessments:test/answer", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "assessments:results", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "assessments:l3", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "assessments:l3/answer", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "assessments:report", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "assessments:l3_supervisor", "KE", "GET", 200, SHOWS),  # whoever holds the key
    Row(FR_OFFICER, "assessments:bank", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "assessments:bank/save", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "assessments:bank_add_question", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "assessments:bank_question", "KE", "GET", 403, HIDES),
    Row(FR_HEAD, "assessments:report", "FR", "GET", 200, SHOWS),  # manages France's session
    Row(FR_HEAD, "assessments:report", "KE", "GET", 403, HIDES),
    Row(FR_HEAD, "assessments:bank/save", "FR", "POST", 302, CHANGES),  # owns France's course
    Row(FR_HEAD, "assessments:bank/save", "KE", "POST", 403, UNCHANGED),
    Row(KE_OFFICER, "assessments:report", "KE", "GET", 403, HIDES),
    Row(KE_OFFICER, "assessments:results", "KE", "GET", 403, HIDES),
    Row("learner", "assessments:report", "KE", "GET", 404, HIDES),  # does not see the session
    Row("learner", "assessments:l1/answer", "KE", "POST", 404, UNCHANGED),
    Row("administrator", "assessments:report", "KE", "GET", 200, SHOWS),
    Row("administrator", "assessments:l1/answer", "KE", "POST", 403, UNCHANGED),
    Row(ANONYMOUS, "assessments:report", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "assessments:l1", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "assessments:l3_supervisor", "KE", "GET", 200, SHOWS),
]

# --- selection, waitlist, withdrawal and the participant's invitation (helper "selection") ----


def selection_session_of(data: CountryData) -> Any:
    """A session of the country's course (its head of NCB looks after it) taking nominations,
    with five seats: the approved person accepted, the role holder endorsed, the suspended and
    the pending people on the waitlist. Their names show on the selection and waitlist pages."""
    from cadre.training_sessions.models import Nomination

    code = f"isolation-selection-{data.country.iso2.lower()}"
    found = TrainingSession.objects.filter(code=code).first()
    if found is None:
        found = SessionFactory(
            code=code, course=Course.objects.get(pk=course_of(data).pk), manager=data.head, capacity=5
        )
        now = timezone.now()
        for person, status, position in (
            (data.approved, Nomination.Status.ACCEPTED, None),
            (data.role_holder, Nomination.Status.ENDORSED, None),
            (data.suspended, Nomination.Status.WAITLISTED, 1),
            (data.pending.person, Nomination.Status.WAITLISTED, 2),
        ):
            NominationFactory(
                session=found, person=person, status=status, endorsed_at=now, waitlist_position=position
            )
    return found


def selection_nomination(data: CountryData, person: Callable[[CountryData], User]) -> Any:
    return selection_session_of(data).nominations.get(person=person(data))


def selection_state(data: CountryData) -> list[tuple[Any, ...]]:
    return list(
        selection_session_of(data)
        .nominations.order_by("pk")
        .values_list("person__family_name", "status", "waitlist_position", "response")
    )


def selection_args(person: Callable[[CountryData], User]) -> Callable[[CountryData], list[Any]]:
    return lambda data: [selection_nomination(data, person).pk]


def _participant(data: CountryData) -> User:
    return data.approved


def _endorsed(data: CountryData) -> User:
    return data.role_holder


def _second_waiting(data: CountryData) -> User:
    return data.pending.person


def _session_args(data: CountryData) -> list[Any]:
    return [selection_session_of(data).pk]


ACTIONS.update(
    {
        "training_sessions:selection": Action("training_sessions:selection", args=_session_args),
        "training_sessions:selection/search": Action(
            "training_sessions:selection",
            args=_session_args,
            params=lambda data: {"q": data.approved.family_name},
        ),
        "training_sessions:decide_bulk": Action(
            "training_sessions:decide_bulk",
            args=_session_args,
            params=lambda data: {
                "decision": "waitlist",
                "nominations": [selection_nomination(data, _endorsed).pk],
            },
            state=selection_state,
        ),
        "training_sessions:waitlist": Action("training_sessions:waitlist", args=_session_args),
        "training_sessions:fill_waitlist": Action(
            "training_sessions:fill_waitlist", args=_session_args, state=selection_state
        ),
        "training_sessions:decide": Action(
            "training_sessions:decide",
            args=selection_args(_endorsed),
            params=lambda data: {"decision": "waitlist"},
            state=selection_state,
        ),
        "training_sessions:move_waitlisted": Action(
            "training_sessions:move_waitlisted",
            args=selection_args(_second_waiting),
            params=lambda data: {"direction": "up"},
            state=selection_state,
        ),
        "training_sessions:withdraw": Action("training_sessions:withdraw", args=selection_args(_endorsed)),
        "training_sessions:withdraw/post": Action(
            "training_sessions:withdraw",
            args=selection_args(_endorsed),
            params=lambda data: {"reason": "Moved to another unit."},
            state=selection_state,
        ),
        "training_sessions:remove_participant": Action(
            "training_sessions:remove_participant",
            args=selection_args(_participant),
            params=lambda data: {"reason": "Did not follow the rules."},
            state=selection_state,
        ),
        "training_sessions:respond": Action("training_sessions:respond", args=selection_args(_participant)),
        "training_sessions:respond/answer": Action(
            "training_sessions:respond",
            args=selection_args(_participant),
            params=lambda data: {"answer": "decline"},
            state=selection_state,
        ),
        "training_sessions:letter": Action("training_sessions:letter", args=selection_args(_participant)),
    }
)

TABLE += [
    # --- selection: the session's managers decide; the nominee's NCB withdraws; the invitation
    # is the participant's own; another country's NCB sees none of it -------------------------
    Row(FR_OFFICER, "training_sessions:selection", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "training_sessions:selection/search", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "training_sessions:decide_bulk", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:waitlist", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "training_sessions:fill_waitlist", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:decide", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:move_waitlisted", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:withdraw", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "training_sessions:withdraw/post", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:remove_participant", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:respond", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "training_sessions:respond/answer", "KE", "POST", 404, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:letter", "KE", "GET", 404, HIDES),
    Row(FR_HEAD, "training_sessions:selection", "FR", "GET", 200, SHOWS),  # looks after the course
    Row(FR_HEAD, "training_sessions:selection", "KE", "GET", 403, HIDES),
    Row(FR_HEAD, "training_sessions:waitlist", "FR", "GET", 200, SHOWS),
    Row(FR_HEAD, "training_sessions:decide", "FR", "POST", 302, CHANGES),
    Row(FR_HEAD, "training_sessions:decide", "KE", "POST", 404, UNCHANGED),
    Row(FR_HEAD, "training_sessions:decide_bulk", "KE", "POST", 403, UNCHANGED),
    Row(FR_HEAD, "training_sessions:withdraw/post", "KE", "POST", 404, UNCHANGED),
    Row(FR_HEAD, "training_sessions:letter", "KE", "GET", 404, HIDES),
    Row(KE_OFFICER, "training_sessions:selection", "KE", "GET", 403, HIDES),
    Row(KE_OFFICER, "training_sessions:decide", "KE", "POST", 403, UNCHANGED),
    Row(KE_OFFICER, "training_sessions:move_waitlisted", "KE", "POST", 403, UNCHANGED),
    Row(KE_OFFICER, "training_sessions:withdraw", "KE", "GET", 200, SHOWS),  # the nominee's NCB
    Row(KE_OFFICER, "training_sessions:withdraw", "FR", "GET", 404, HIDES),
    Row(KE_OFFICER, "training_sessions:withdraw/post", "KE", "POST", 302, CHANGES),
    Row(KE_OFFICER, "training_sessions:withdraw/post", "FR", "POST", 404, UNCHANGED),
    Row(KE_OFFICER, "training_sessions:remove_participant", "KE", "POST", 403, UNCHANGED),
    Row(KE_OFFICER, "training_sessions:respond", "KE", "GET", 403, HIDES),  # not theirs to answer
    Row(KE_OFFICER, "training_sessions:letter", "FR", "GET", 404, HIDES),
    Row(AFRICA, "training_sessions:selection", "KE", "GET", 404, HIDES),
    Row(AFRICA, "training_sessions:decide", "KE", "POST", 404, UNCHANGED),
    Row(AFRICA, "training_sessions:withdraw", "KE", "GET", 404, HIDES),
    Row(INSTITUTION, "training_sessions:waitlist", "KE", "GET", 404, HIDES),
    Row("learner", "training_sessions:selection", "KE", "GET", 404, HIDES),
    Row("learner", "training_sessions:respond", "KE", "GET", 404, HIDES),
    Row("learner", "training_sessions:respond/answer", "KE", "POST", 404, UNCHANGED),
    Row("learner", "training_sessions:letter", "KE", "GET", 404, HIDES),
    Row("nobody", "training_sessions:decide_bulk", "KE", "POST", 404, UNCHANGED),
    Row("dpo", "training_sessions:withdraw/post", "KE", "POST", 404, UNCHANGED),
    Row("administrator", "training_sessions:selection", "KE", "GET", 200, SHOWS),
    Row("administrator", "training_sessions:selection/search", "KE", "GET", 200, SHOWS),
    Row("administrator", "training_sessions:decide_bulk", "KE", "POST", 302, CHANGES),
    Row("administrator", "training_sessions:waitlist", "KE", "GET", 200, SHOWS),
    Row("administrator", "training_sessions:fill_waitlist", "KE", "POST", 302, CHANGES),
    Row("administrator", "training_sessions:decide", "KE", "POST", 302, CHANGES),
    Row("administrator", "training_sessions:move_waitlisted", "KE", "POST", 302, CHANGES),
    Row("administrator", "training_sessions:withdraw/post", "KE", "POST", 302, CHANGES),
    Row("administrator", "training_sessions:remove_participant", "KE", "POST", 302, CHANGES),
    Row("administrator", "training_sessions:respond", "KE", "GET", 403, HIDES),
    Row("administrator", "training_sessions:respond/answer", "KE", "POST", 403, UNCHANGED),
    Row(ANONYMOUS, "training_sessions:selection", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "training_sessions:decide", "KE", "POST", 302, UNCHANGED),
    Row(ANONYMOUS, "training_sessions:respond", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "training_sessions:letter", "KE", "GET", 302, HIDES),
]

# --- scheduling: the list, a session's page, its plan, states, instructors, calendars (helper
# "sessions"). The sessions are run by a planner of the organisation (nobody's people) and show no
# nominee's name; the country's approved person is accepted to the open one and is in the pool
# of instructors, where the candidates page (the session's managers only) shows them.


def scheduling_planner() -> User:
    found = User.objects.filter(email="session.planner@cadre.example").first()
    return found or UserFactory(email="session.planner@cadre.example", family_name="Planner")


def scheduling_session_of(data: CountryData, *, planned: bool = False) -> TrainingSession:
    """A session of the country's course, open (or still planned), with one instructor (nobody's
    people) booked on the open one."""
    from cadre.instructors.models import Assignment
    from cadre.training_sessions.models import Nomination, SessionInstructor

    code = f"isolation-sched-{'planned' if planned else 'open'}-{data.country.iso2.lower()}"
    found = TrainingSession.objects.filter(code=code).first()
    if found is not None:
        return found
    found = SessionFactory(
        code=code,
        course=Course.objects.get(pk=course_of(data).pk),
        manager=scheduling_planner(),
        status="planned" if planned else "open",
        country=data.country,
        place="Training hall",
        days=2,
    )
    if not planned:
        NominationFactory(session=found, person=data.approved, status=Nomination.Status.ACCEPTED)
        lecturer = instructors_services.create_instructor_profile(
            person=UserFactory(family_name="Lecturer"), by=None, values={}, check_permission=False
        )
        assignment = Assignment.objects.create(
            instructor=lecturer,
            course=found.course,
            language="en",
            starts_on=found.starts_on,
            ends_on=found.ends_on,
            reference=found.code,
        )
        SessionInstructor.objects.create(session=found, assignment=assignment)
    return found


def scheduling_args(data: CountryData) -> list[Any]:
    return [scheduling_session_of(data).pk]


def scheduling_with_pool(data: CountryData) -> list[Any]:
    """The open session, once the country's approved person is in the pool of instructors."""
    instructor_of(data)
    return scheduling_args(data)


def scheduling_link(data: CountryData) -> list[Any]:
    session = scheduling_session_of(data)
    return [session.pk, session.instructor_links.get().pk]


def scheduling_state(data: CountryData) -> tuple[Any, ...]:
    session = TrainingSession.objects.get(pk=scheduling_session_of(data).pk)
    booked = session.instructor_links.filter(assignment__cancelled_at__isnull=True).count()
    return session.status, session.starts_on, session.capacity, session.cancel_reason, booked


def scheduled_count(data: CountryData) -> int:
    return TrainingSession.objects.filter(course=course_of(data)).count()


def scheduling_plan_form(data: CountryData) -> dict[str, Any]:
    """The scheduling form, filled in for the country's course: two days in six weeks."""
    first = timezone.localdate() + timedelta(days=42)
    return {
        "course": course_of(data).pk,
        "language": "en",
        "manager": "",
        "place": "Training hall",
        "city": "Capital",
        "country": data.country.pk,
        "time_zone": "Europe/Paris",
        "capacity": "15",
        "seats_by": "none",
        "nominations_open_on": timezone.localdate().isoformat(),
        "nominations_close_on": (first - timedelta(days=14)).isoformat(),
        "follow_up_after_days": "90",
        "days-TOTAL_FORMS": "2",
        "days-INITIAL_FORMS": "0",
        "days-0-date": first.isoformat(),
        "days-0-starts_at": "09:00",
        "days-0-ends_at": "17:00",
        "days-1-date": (first + timedelta(days=1)).isoformat(),
        "days-1-starts_at": "09:00",
        "days-1-ends_at": "17:00",
        "quotas-TOTAL_FORMS": "0",
        "quotas-INITIAL_FORMS": "0",
    }


def scheduling_reschedule_form(data: CountryData) -> dict[str, Any]:
    session = scheduling_session_of(data)
    first = session.starts_on + timedelta(days=10)
    return {
        "reason": "The hall is closed.",
        "nominations_open_on": session.nominations_open_on.isoformat(),
        "nominations_close_on": session.nominations_close_on.isoformat(),
        "days-TOTAL_FORMS": "1",
        "days-INITIAL_FORMS": "0",
        "days-0-date": first.isoformat(),
        "days-0-starts_at": "09:00",
        "days-0-ends_at": "17:00",
    }


def scheduling_feed_args(data: CountryData) -> list[Any]:
    """The feed of the country's approved person, accepted to the open session."""
    from cadre.training_sessions import ical

    scheduling_session_of(data)
    return [ical.feed_token(data.approved.pk)]


ACTIONS.update(
    {
        "training_sessions:list": Action("training_sessions:list"),
        "training_sessions:list/search": Action(
            "training_sessions:list", params=lambda data: {"q": data.approved.family_name}
        ),
        "training_sessions:create": Action("training_sessions:create"),
        "training_sessions:create/save": Action(
            "training_sessions:create", params=scheduling_plan_form, state=scheduled_count
        ),
        "training_sessions:detail": Action("training_sessions:detail", args=scheduling_args),
        "training_sessions:detail/planned": Action(
            "training_sessions:detail", args=lambda data: [scheduling_session_of(data, planned=True).pk]
        ),
        "training_sessions:edit": Action("training_sessions:edit", args=scheduling_args),
        "training_sessions:edit/save": Action(
            "training_sessions:edit",
            args=scheduling_args,
            params=lambda data: {
                **scheduling_plan_form(data),
                "manager": scheduling_planner().pk,
                "capacity": "9",
            },
            state=scheduling_state,
        ),
        "training_sessions:change_status": Action(
            "training_sessions:change_status",
            args=scheduling_args,
            params=lambda data: {"to": "selection"},
            state=scheduling_state,
        ),
        "training_sessions:reschedule": Action("training_sessions:reschedule", args=scheduling_args),
        "training_sessions:reschedule/save": Action(
            "training_sessions:reschedule",
            args=scheduling_args,
            params=scheduling_reschedule_form,
            state=scheduling_state,
        ),
        "training_sessions:cancel": Action(
            "training_sessions:cancel",
            args=scheduling_args,
            params=lambda data: {"reason": "No budget."},
            state=scheduling_state,
        ),
        "training_sessions:instructors": Action("training_sessions:instructors", args=scheduling_with_pool),
        "training_sessions:add_instructor": Action(
            "training_sessions:add_instructor",
            args=scheduling_args,
            params=lambda data: {
                "instructor": instructor_of(data).pk,
                "role": "co_instructor",
                "override": "True",
                "override_reason": "Isolation check.",
            },
            state=scheduling_state,
        ),
        "training_sessions:remove_instructor": Action(
            "training_sessions:remove_instructor", args=scheduling_link, state=scheduling_state
        ),
        "training_sessions:ics": Action("training_sessions:ics", args=scheduling_args),
        "training_sessions:feed": Action("training_sessions:feed", args=scheduling_feed_args),
    }
)

TABLE += [
    # --- scheduling: NCBs see sessions past planning but never change them; the list and the
    # pages show no nominee; only the session's managers (and administrators) change it
    Row(FR_OFFICER, "training_sessions:list", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "training_sessions:list/search", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "training_sessions:create", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "training_sessions:create/save", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:detail", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "training_sessions:detail/planned", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "training_sessions:edit", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "training_sessions:edit/save", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:change_status", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:reschedule", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "training_sessions:reschedule/save", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:cancel", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:instructors", "KE", "GET", 403, HIDES),
    Row(FR_OFFICER, "training_sessions:add_instructor", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:remove_instructor", "KE", "POST", 403, UNCHANGED),
    Row(FR_OFFICER, "training_sessions:ics", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "training_sessions:feed", "KE", "GET", 200, HIDES),  # the key is the access
    Row(FR_HEAD, "training_sessions:edit/save", "KE", "POST", 403, UNCHANGED),
    Row(FR_HEAD, "training_sessions:edit/save", "FR", "POST", 302, CHANGES),  # owns France's course
    Row(FR_HEAD, "training_sessions:cancel", "KE", "POST", 403, UNCHANGED),
    Row(FR_HEAD, "training_sessions:cancel", "FR", "POST", 302, CHANGES),
    Row(FR_HEAD, "training_sessions:detail/planned", "KE", "GET", 404, HIDES),
    Row(KE_OFFICER, "training_sessions:list", "KE", "GET", 200, HIDES),
    Row(KE_OFFICER, "training_sessions:detail", "KE", "GET", 200, HIDES),
    Row(KE_OFFICER, "training_sessions:detail/planned", "KE", "GET", 404, HIDES),
    Row(KE_OFFICER, "training_sessions:change_status", "KE", "POST", 403, UNCHANGED),
    Row(KE_HEAD, "training_sessions:cancel", "KE", "POST", 403, UNCHANGED),
    Row(AFRICA, "training_sessions:detail", "KE", "GET", 404, HIDES),
    Row(INSTITUTION, "training_sessions:detail", "KE", "GET", 404, HIDES),
    Row("learner", "training_sessions:list", "KE", "GET", 200, HIDES),
    Row("learner", "training_sessions:detail", "KE", "GET", 404, HIDES),
    Row("learner", "training_sessions:ics", "KE", "GET", 404, HIDES),
    Row("learner", "training_sessions:create/save", "KE", "POST", 403, UNCHANGED),
    Row("nobody", "training_sessions:cancel", "KE", "POST", 404, UNCHANGED),
    Row("administrator", "training_sessions:list", "KE", "GET", 200, HIDES),
    Row("administrator", "training_sessions:create/save", "KE", "POST", 302, CHANGES),
    Row("administrator", "training_sessions:detail/planned", "KE", "GET", 200, HIDES),
    Row("administrator", "training_sessions:edit/save", "KE", "POST", 302, CHANGES),
    Row("administrator", "training_sessions:change_status", "KE", "POST", 302, CHANGES),
    Row("administrator", "training_sessions:reschedule/save", "KE", "POST", 302, CHANGES),
    Row("administrator", "training_sessions:cancel", "KE", "POST", 302, CHANGES),
    Row("administrator", "training_sessions:instructors", "KE", "GET", 200, SHOWS),  # the pool
    Row("administrator", "training_sessions:add_instructor", "KE", "POST", 302, CHANGES),
    Row("administrator", "training_sessions:remove_instructor", "KE", "POST", 302, CHANGES),
    Row(ANONYMOUS, "training_sessions:list", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "training_sessions:detail", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "training_sessions:ics", "KE", "GET", 302, HIDES),
    Row(ANONYMOUS, "training_sessions:feed", "KE", "GET", 200, HIDES),
]

# --- the sessions' API: the sessions one sees, one session, an NCB's nominations, one's record
# (helper "sessions API"). The sessions name no nominee; the nominations are the NCB's own country's.


def scheduling_reference(planned: bool = False) -> Callable[[CountryData], list[Any]]:
    return lambda data: [scheduling_session_of(data, planned=planned).code]


def with_sessions(data: CountryData) -> dict[str, Any]:
    """No filter, once the country's open and planned sessions exist."""
    scheduling_session_of(data)
    scheduling_session_of(data, planned=True)
    return {}


ACTIONS.update(
    {
        "api-1:list_training_sessions": Action("api-1:list_training_sessions", params=with_sessions),
        "api-1:get_training_session": Action("api-1:get_training_session", args=scheduling_reference()),
        "api-1:get_training_session/planned": Action(
            "api-1:get_training_session", args=scheduling_reference(planned=True)
        ),
        "api-1:list_training_nominations": Action(
            "api-1:list_training_nominations", params=with_nomination()
        ),
        "api-1:list_training_nominations/country": Action(
            "api-1:list_training_nominations", params=with_nomination(country=lambda data: data.country.iso2)
        ),
        "api-1:list_training_nominations/session": Action(
            "api-1:list_training_nominations",
            params=with_nomination(session=lambda data: nominations_session_of(data).code),
        ),
        "api-1:my_training_record": Action("api-1:my_training_record", params=with_nomination()),
    }
)

TABLE += [
    # --- the sessions' API: as the pages, an NCB reads its own country's nominations only --------
    Row(FR_OFFICER, "api-1:list_training_sessions", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "api-1:get_training_session", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "api-1:get_training_session/planned", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "api-1:list_training_nominations", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "api-1:list_training_nominations/country", "KE", "GET", 404, HIDES),
    Row(FR_OFFICER, "api-1:list_training_nominations/session", "KE", "GET", 200, HIDES),
    Row(FR_OFFICER, "api-1:my_training_record", "KE", "GET", 200, HIDES),
    Row(FR_HEAD, "api-1:list_training_nominations", "FR", "GET", 200, SHOWS),
    Row(FR_HEAD, "api-1:list_training_nominations/country", "KE", "GET", 404, HIDES),
    Row(FR_HEAD, "api-1:get_training_session/planned", "FR", "GET", 200, HIDES),  # looks after the course
    Row(KE_OFFICER, "api-1:list_training_nominations", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "api-1:list_training_nominations", "FR", "GET", 200, HIDES),
    Row(KE_OFFICER, "api-1:list_training_nominations/country", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "api-1:list_training_nominations/country", "FR", "GET", 404, HIDES),
    Row(KE_OFFICER, "api-1:list_training_nominations/session", "KE", "GET", 200, SHOWS),
    Row(KE_OFFICER, "api-1:list_training_nominations/session", "FR", "GET", 200, HIDES),
    Row(KE_OFFICER, "api-1:get_training_session/planned", "KE", "GET", 404, HIDES),
    Row(KE_HEAD, "api-1:list_training_nominations", "KE", "GET", 200, SHOWS),
    Row(AFRICA, "api-1:list_training_nominations", "KE", "GET", 403, HIDES),
    Row(AFRICA, "api-1:get_training_session", "KE", "GET", 404, HIDES),
    Row(INSTITUTION, "api-1:list_training_nominations", "KE", "GET", 403, HIDES),
    Row("learner", "api-1:list_training_sessions", "KE", "GET", 200, HIDES),
    Row("learner", "api-1:get_training_session", "KE", "GET", 404, HIDES),
    Row("learner", "api-1:list_training_nominations", "KE", "GET", 403, HIDES),
    Row("learner", "api-1:my_training_record", "KE", "GET", 200, HIDES),
    Row("dpo", "api-1:list_training_nominations", "KE", "GET", 403, HIDES),
    Row("administrator", "api-1:list_training_sessions", "KE", "GET", 200, HIDES),
    Row("administrator", "api-1:get_training_session/planned", "KE", "GET", 200, HIDES),
    Row("administrator", "api-1:list_training_nominations/country", "KE", "GET", 200, SHOWS),
    Row(ANONYMOUS, "api-1:list_training_sessions", "KE", "GET", 401, HIDES),
    Row(ANONYMOUS, "api-1:get_training_session", "KE", "GET", 401, HIDES),
    Row(ANONYMOUS, "api-1:list_training_nominations", "KE", "GET", 401, HIDES),
    Row(ANONYMOUS, "api-1:my_training_record", "KE", "GET", 401, HIDES),
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
    "quality_officer": "quality-officer",
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
