"""Demo instructors (data/demo_instructors.json), loaded by `manage.py load_demo` once the demo
people exist: about twenty instructors across the regions and the four languages, internal and
external, with certifications in every status, candidacies at every stage of the pathway,
availability, past deliveries with their ratings and upcoming bookings.

Candidacies, stages, observations, availability and upcoming bookings go through the services,
so their rules and audit trail apply. What lies in the past — certifications issued months ago,
their suspension, revocation, renewal or expiry, and deliveries already made — is written as the
services would have left it, with its history, without sending the e-mails that go with it.
An instructor whose person already has a profile is left alone: loading twice adds nothing.
"""

import json
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.courses.models import Course
from cadre.directory.models import CrimeArea, Institution, PolicingCapability
from cadre.instructors.models import (
    Assignment,
    Candidacy,
    Certification,
    CertificationEvent,
    Instructor,
    Level,
    PathwayStage,
    StageCompletion,
)
from cadre.instructors.services._common import add_months, new_certification_code
from cadre.instructors.services.assignments import assign_instructor, record_assignment_rating
from cadre.instructors.services.pathway import (
    confirm_stage,
    record_observation,
    start_candidacy,
    submit_stage_evidence,
    withdraw_candidacy,
)
from cadre.instructors.services.profiles import add_availability, create_instructor_profile
from cadre.lib.uploads import DOCUMENT, check_upload

DEMO_FILE = Path(__file__).resolve().parent.parent / "data" / "demo_instructors.json"
Status = Certification.Status
Kind = CertificationEvent.Kind
# A one-page PDF, the evidence the demo candidates hand in.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


def load_demo_instructors() -> int:
    """Create the demo instructors not there yet; return how many were created. Nothing is
    loaded before the pathway's levels (load_reference) and the demo people (load_demo)."""
    demo: dict[str, Any] = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    people = _people(demo)
    manager = people.get(demo["certification_manager"])
    if manager is None or not Level.objects.exists():
        return 0
    created = 0
    for row in demo["instructors"]:
        person = people.get(row["email"])
        if person is not None and not Instructor.objects.filter(person=person).exists():
            _load_instructor(row, person, _Context(people, manager, timezone.localdate()))
            created += 1
    return created


class _Context:
    def __init__(self, people: dict[str, User], manager: User, today: date) -> None:
        self.people = people
        self.manager = manager
        self.today = today

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def moment(self, offset: int) -> datetime:
        return timezone.make_aware(datetime.combine(self.day(offset), time(10, 0)))


def _people(demo: dict[str, Any]) -> dict[str, User]:
    emails = {demo["certification_manager"]}
    for row in demo["instructors"]:
        emails.add(row["email"])
        candidacy = row.get("candidacy", {})
        emails.update(candidacy.get("assessors", []))
        emails.update(item["by"] for item in candidacy.get("observations", []))
    return {person.email: person for person in User.objects.filter(email__in=emails)}


def _subjects(row: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        "crime_areas": list(CrimeArea.objects.filter(code__in=row.get("crime_areas", []))),
        "capabilities": list(PolicingCapability.objects.filter(code__in=row.get("capabilities", []))),
        "courses": list(Course.objects.filter(code__in=row.get("courses", []))),
    }


@transaction.atomic
def _load_instructor(row: dict[str, Any], person: User, context: _Context) -> Instructor:
    institution = Institution.objects.filter(acronym=row.get("institution") or "-").first()
    values = {
        "biography": row.get("biography", ""),
        "kind": row["kind"],
        "organisation": row.get("organisation", ""),
        "home_country": person.country,
        "institution": institution,
        "languages": row.get("languages", {}),
        **_subjects(row),
    }
    instructor = create_instructor_profile(person=person, by=None, values=values, check_permission=False)
    certifications = [_certification(instructor, item, context) for item in row.get("certifications", [])]
    if "candidacy" in row:
        _candidacy(instructor, row["candidacy"], context)
    for item in row.get("deliveries", []):
        _delivery(instructor, item, context)
    for item in row.get("availability", []):
        add_availability(
            instructor=instructor,
            by=person,
            kind=item["kind"],
            starts_on=context.day(item["from"]),
            ends_on=context.day(item["to"]),
            note=item.get("note", ""),
        )
    for item in row.get("bookings", []):
        _booking(instructor, item, context)
    for certification, item in zip(certifications, row.get("certifications", []), strict=True):
        _later_history(certification, item, context)
    return instructor


# --- Certifications -----------------------------------------------------------------------------------


def _certification(
    instructor: Instructor,
    row: dict[str, Any],
    context: _Context,
    *,
    candidacy: Candidacy | None = None,
) -> Certification:
    """A certification as `services.certify` issued it on the day given, with its first event."""
    level = Level.objects.get(code=row["level"])
    issued_on = context.day(row["issued"])
    expires_on = (
        context.day(row["expires"]) if "expires" in row else add_months(issued_on, level.validity_months)
    )
    certification = Certification(
        instructor=instructor,
        level=level,
        candidacy=candidacy,
        name_on_certificate=instructor.person.get_full_name()[:300],
        issued_on=issued_on,
        period_started_on=issued_on,
        expires_on=expires_on,
        issued_by=context.manager,
        code=new_certification_code(),
    )
    certification.set_languages(row["languages"])
    certification.save()
    for name, items in _subjects(row).items():
        getattr(certification, name).set(items)
    _event(
        certification, Kind.ISSUED, context.manager, context.moment(row["issued"]), expires_after=expires_on
    )
    audit.record(
        actor=context.manager,
        action="instructors.certified",
        target=certification,
        changes={"level": (None, level.code), "languages": (None, row["languages"]), "demo": (None, True)},
    )
    return certification


def _event(certification: Certification, kind: str, by: User | None, when: datetime, **values: Any) -> None:
    CertificationEvent.objects.create(
        certification=certification, kind=kind, by=by, occurred_at=when, **values
    )


def _later_history(certification: Certification, row: dict[str, Any], context: _Context) -> None:
    """What happened to the certification after it was issued: suspended, revoked, expired or
    renewed (after the deliveries and bookings that needed it active)."""
    status = row.get("status", Status.ACTIVE)
    if status in (Status.SUSPENDED, Status.REVOKED):
        kind = Kind.SUSPENDED if status == Status.SUSPENDED else Kind.REVOKED
        _set_status(certification, status, row["reason"], context.manager)
        _event(certification, kind, context.manager, context.moment(row["changed"]), reason=row["reason"])
    elif status == Status.EXPIRED:
        _set_status(certification, status, "", None)
        _event(certification, Kind.EXPIRED, None, context.moment(row["expires"] + 1))
    if "renewed" in row:
        _renewed(certification, row["renewed"], context)


def _set_status(certification: Certification, status: str, reason: str, by: User | None) -> None:
    before = certification.status
    certification.status = status
    certification.status_reason = reason
    certification.save(update_fields=["status", "status_reason"])
    audit.record(
        actor=by,
        action=f"instructors.certification_{status}",
        target=certification,
        changes={"status": (before, status), "reason": (None, reason)},
    )


def _renewed(certification: Certification, row: dict[str, Any], context: _Context) -> None:
    before = certification.expires_on
    certification.expires_on = add_months(before, certification.level.validity_months)
    certification.period_started_on = context.day(row["on"])
    certification.renewal_count += 1
    certification.save(update_fields=["expires_on", "period_started_on", "renewal_count"])
    _event(
        certification,
        Kind.RENEWED,
        context.manager,
        context.moment(row["on"]),
        reason=row["refresher"],
        expires_before=before,
        expires_after=certification.expires_on,
    )
    audit.record(
        actor=context.manager,
        action="instructors.certification_renewed",
        target=certification,
        changes={"expires_on": (before, certification.expires_on), "refresher": (None, row["refresher"])},
    )


# --- The pathway ------------------------------------------------------------------------------------------


def _evidence(name: str) -> SimpleUploadedFile:
    upload = SimpleUploadedFile(name, DEMO_PDF, content_type="application/pdf")
    upload.checked = check_upload(upload, allowed=[DOCUMENT])  # type: ignore[attr-defined]
    return upload


def _candidacy(instructor: Instructor, row: dict[str, Any], context: _Context) -> Candidacy:
    assessors = [context.people[email] for email in row.get("assessors", []) if email in context.people]
    candidacy = start_candidacy(
        instructor=instructor,
        level=Level.objects.get(code=row["level"]),
        by=context.manager,
        values={**_subjects(row), "languages": row["languages"]},
        assessors=assessors,
        note=row.get("note", ""),
    )
    Candidacy.objects.filter(pk=candidacy.pk).update(started_at=context.moment(row["started"]))
    stages = list(candidacy.level.stages.order_by("position"))
    for stage, item in zip(stages, row.get("stages", []), strict=False):
        _stage(candidacy, stage, item, assessors[0] if assessors else context.manager, context)
    for item in row.get("observations", []):
        _observation(candidacy, item, context)
    if "withdrawn" in row:
        withdraw_candidacy(candidacy=candidacy, by=context.manager, reason=row["withdrawn"]["reason"])
        Candidacy.objects.filter(pk=candidacy.pk).update(closed_at=context.moment(row["withdrawn"]["on"]))
    if "certified" in row:
        _certified(candidacy, row, context)
    return candidacy


def _stage(
    candidacy: Candidacy, stage: PathwayStage, row: dict[str, Any], assessor: User, context: _Context
) -> StageCompletion:
    """The candidate hands in the evidence; an assessor confirms it, when it is confirmed."""
    submitted = row.get("submitted", row.get("confirmed", 0) - 2)
    completion = submit_stage_evidence(
        candidacy=candidacy,
        stage=stage,
        by=candidacy.instructor.person,
        file=_evidence(row["file"]),
        note=row.get("note", ""),
    )
    if "confirmed" in row:
        completion = confirm_stage(candidacy=candidacy, stage=stage, by=assessor)
    StageCompletion.objects.filter(pk=completion.pk).update(
        submitted_at=context.moment(submitted),
        confirmed_at=context.moment(row["confirmed"]) if "confirmed" in row else None,
    )
    return completion


def _observation(candidacy: Candidacy, row: dict[str, Any], context: _Context) -> None:
    rubric = candidacy.level.rubric
    criteria = list(rubric.criteria.order_by("position")) if rubric else []
    record_observation(
        instructor=candidacy.instructor,
        candidacy=candidacy,
        by=context.people[row["by"]],
        observed_on=context.day(row["on"]),
        scores={criterion.pk: (score, "") for criterion, score in zip(criteria, row["scores"], strict=False)},
        recommendation=row["recommendation"],
        comment=row.get("comment", ""),
        course=Course.objects.filter(code=row.get("course", "")).first(),
        delivery=row.get("delivery", ""),
        language=row.get("language", ""),
    )


def _certified(candidacy: Candidacy, row: dict[str, Any], context: _Context) -> Certification:
    """The certification the candidacy led to, issued on the day given (as `services.certify`)."""
    issued = {
        "level": row["level"],
        "issued": row["certified"],
        "languages": row["languages"],
        **{name: row.get(name, []) for name in ("crime_areas", "capabilities", "courses")},
    }
    certification = _certification(candidacy.instructor, issued, context, candidacy=candidacy)
    Candidacy.objects.filter(pk=candidacy.pk).update(
        status=Candidacy.Status.CERTIFIED, closed_at=context.moment(row["certified"])
    )
    return certification


# --- Deliveries and bookings -------------------------------------------------------------------------------


def _delivery(instructor: Instructor, row: dict[str, Any], context: _Context) -> Assignment:
    """A delivery already made (written as it was booked then), and its participants' rating."""
    assignment = Assignment.objects.create(
        instructor=instructor,
        course=Course.objects.get(code=row["course"]),
        role=row.get("role", Assignment.Role.LEAD),
        language=row["language"],
        starts_on=context.day(row["from"]),
        ends_on=context.day(row["to"]),
        reference=row.get("reference", ""),
        created_by=context.manager,
    )
    if row.get("rating"):
        record_assignment_rating(
            assignment=assignment, rating=Decimal(row["rating"]), responses=int(row["responses"])
        )
    return assignment


def _booking(instructor: Instructor, row: dict[str, Any], context: _Context) -> Assignment:
    """An upcoming delivery, booked through the rule like any other."""
    return assign_instructor(
        instructor=instructor,
        course=Course.objects.get(code=row["course"]),
        language=row["language"],
        start=context.day(row["from"]),
        end=context.day(row["to"]),
        by=context.manager,
        reference=row.get("reference", ""),
        check_permission=False,
    )
