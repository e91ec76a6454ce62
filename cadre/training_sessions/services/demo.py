"""Demo sessions (data/demo_sessions.json), loaded by `manage.py load_demo` after the demo
instructors: officials of twelve countries with their NCB focal points and heads, and ten
sessions — three held (attendance, outcomes, certificates, one revoked), one running, one
confirmed with a waitlist and country seats, one in selection with regional seats, two open for
nominations, one planned and one cancelled — in the four languages and several regions.

Sessions are built around the demo instructors' bookings and deliveries (their assignments are
linked, not made again). What lies in the past is written as the services would have left it,
with its history, without the e-mails that went with it; certificates go through the issuing
service. A session whose course already has one on the same first day is left alone, so loading
twice adds nothing."""

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from cadre.accounts import services as accounts_services
from cadre.accounts.models import Role, User
from cadre.assessments import selectors as assessments_selectors
from cadre.assessments.services import demo as assessments_demo
from cadre.audit import services as audit
from cadre.certificates.models import Certificate
from cadre.certificates.services.issuing import issue_certificate
from cadre.courses.models import Course
from cadre.directory.models import Agency, Country, Institution, Region, Sector
from cadre.instructors.models import Assignment, Instructor
from cadre.instructors.services.assignments import assign_instructor
from cadre.training_sessions import eligibility
from cadre.training_sessions.models import (
    Attendance,
    Nomination,
    NominationEvent,
    SeatQuota,
    Session,
    SessionDay,
    SessionEvent,
    SessionInstructor,
)
from cadre.training_sessions.selectors.attendance import percent_under, rule_for
from cadre.training_sessions.services.completion import activity_of, course_titles, decide_outcome, hours_of
from cadre.training_sessions.services.session_checks import next_code

DEMO_FILE = Path(__file__).resolve().parent.parent / "data" / "demo_sessions.json"
MANAGER_EMAIL = "nadia.benali@cadre.example"
HEAD_EMAILS = {"KE": "grace.muthoni@ncb.ke.example"}
FOCAL_POINT_EMAILS = {
    "KE": "david.otieno@ncb.ke.example",
    "FR": "julien.lefevre@ncb.fr.example",
    "MA": "youssef.amrani@ncb.ma.example",
}
Status = Session.Status
NominationStatus = Nomination.Status
Mark = Attendance.Status
# Attendance per day by the outcome a held session's participant reached.
ATTENDANCE = {
    "completed": [Mark.PRESENT, Mark.PRESENT, Mark.LATE, Mark.PRESENT, Mark.PRESENT],
    "attended": [Mark.PRESENT, Mark.PRESENT, Mark.PRESENT, Mark.PARTIAL, Mark.PRESENT],
    "not_completed": [Mark.PRESENT, Mark.ABSENT, Mark.ABSENT, Mark.EXCUSED, Mark.PRESENT],
}
# Pre- and post-test scores by outcome: those who only attended did not pass the post-test.
TEST_SCORES = {"completed": (40, 85), "attended": (40, 55), "not_completed": (20, 60)}
STAGES_AFTER_OPEN = {
    Status.SELECTION: [Status.SELECTION],
    Status.CONFIRMED: [Status.SELECTION, Status.CONFIRMED],
    Status.RUNNING: [Status.SELECTION, Status.CONFIRMED, Status.RUNNING],
    Status.COMPLETED: [Status.SELECTION, Status.CONFIRMED, Status.RUNNING, Status.COMPLETED],
}


@dataclass
class DemoSessions:
    sessions: int = 0
    focal_points: list[User] = field(default_factory=list)
    heads: list[User] = field(default_factory=list)

    @property
    def ncb_people(self) -> list[User]:
        return [*self.focal_points, *self.heads]


@dataclass
class _Context:
    today: date
    manager: User
    people: dict[str, User]
    focal_points: dict[str, User]
    heads: dict[str, User]

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def moment(self, offset: int, hour: int = 10) -> datetime:
        return timezone.make_aware(datetime.combine(self.day(offset), time(hour, 0)))


def load_demo_sessions(*, password: str) -> DemoSessions:
    """Create what is not there yet. Nothing is loaded before the demo people and instructors."""
    demo: dict[str, Any] = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    manager = User.objects.filter(email=MANAGER_EMAIL).first()
    result = DemoSessions()
    if manager is None:
        return result
    _load_agencies(demo["agencies"])
    assessments_demo.load_demo_question_banks()
    focal_points = _load_ncb_people(demo["focal_points"], "ncb-focal-point", password)
    heads = _load_ncb_people(demo["heads"], "ncb-head", password)
    result.focal_points, result.heads = list(focal_points.values()), list(heads.values())
    people = _load_officials(demo["officials"], password)
    context = _Context(
        today=timezone.localdate(),
        manager=manager,
        people=people,
        focal_points={**_by_country(FOCAL_POINT_EMAILS), **focal_points},
        heads={**_by_country(HEAD_EMAILS), **heads},
    )
    for row in demo["sessions"]:
        result.sessions += _load_session(row, context)
    return result


def _by_country(emails: dict[str, str]) -> dict[str, User]:
    found = {user.email: user for user in User.objects.filter(email__in=emails.values())}
    return {iso2: found[email] for iso2, email in emails.items() if email in found}


def _load_agencies(rows: list[dict[str, str]]) -> None:
    for row in rows:
        Agency.objects.get_or_create(
            country=Country.objects.get(iso2=row["country"]),
            name=row["name"],
            defaults={"acronym": row["acronym"], "sector": Sector.objects.get(code=row["sector"])},
        )


def _person(row: dict[str, Any], password: str, **extra: Any) -> User:
    user, _created = accounts_services.ensure_person(
        email=row["email"],
        password=password,
        given_names=row["given_names"],
        family_name=row["family_name"],
        country=Country.objects.get(iso2=row["country"]),
        gender=row["gender"],
        preferred_language=row["language"],
        **extra,
    )
    return user


def _load_ncb_people(rows: list[dict[str, Any]], role_code: str, password: str) -> dict[str, User]:
    role = Role.objects.get(code=role_code)
    people = {}
    for row in rows:
        user = _person(row, password, rank="")
        accounts_services.assign_role(user=user, role=role, scope=user.country, notify=False)
        people[row["country"]] = user
    return people


def _load_officials(rows: list[dict[str, Any]], password: str) -> dict[str, User]:
    learner = Role.objects.get(code="learner")
    people = {}
    for row in rows:
        agency = Agency.objects.filter(country__iso2=row["country"], acronym=row["agency"]).first()
        user = _person(
            row,
            password,
            agency=agency,
            rank=row["rank"],
            supervisor_name=row.get("supervisor_name", ""),
            supervisor_email=row.get("supervisor_email", ""),
        )
        accounts_services.assign_role(user=user, role=learner, notify=False)
        people[row["email"]] = user
    return people


# --- A session --------------------------------------------------------------------------------


@transaction.atomic
def _load_session(row: dict[str, Any], context: _Context) -> int:
    course = Course.objects.get(code=row["course"])
    first_day = context.day(row["from"])
    if Session.objects.filter(course=course, starts_on=first_day).exists():
        return 0
    session = _create_session(row, course, context)
    _write_days(session, context.day(row["from"]), context.day(row["to"]))
    _write_quotas(session, row)
    _history(session, row, context)
    _book_instructor(session, row, context)
    for email, status, extra in row["nominations"]:
        _nominate(session, context.people[email], status, extra, context)
    if session.status == Status.COMPLETED:
        wanted = {
            context.people[email].pk: extra
            for email, status, extra in row["nominations"]
            if extra in ATTENDANCE
        }
        _settle(session, wanted, context)
        if row.get("revoke"):
            _revoke(session, context.people[row["revoke"]], context)
    if session.status == Status.RUNNING:
        _take_attendance_so_far(session, context)
    audit.record(actor=context.manager, action="training_sessions.demo_loaded", target=session, changes={})
    return 1


def _create_session(row: dict[str, Any], course: Course, context: _Context) -> Session:
    window = row["window"]
    session = Session.objects.create(
        code=next_code(course, context.day(row["from"])),
        course=course,
        language=row["language"],
        time_zone=_time_zone(row),
        venue=Institution.objects.filter(acronym=row["venue"]).first() if row.get("venue") else None,
        place=row.get("place", ""),
        city=row.get("city", ""),
        country=Country.objects.filter(iso2=row["country"]).first() if row.get("country") else None,
        meeting_url=row.get("online", ""),
        capacity=row["capacity"],
        seats_by=row.get("seats_by", Session.SeatsBy.NONE),
        starts_on=context.day(row["from"]),
        ends_on=context.day(row["to"]),
        nominations_open_on=context.day(window[0]),
        nominations_close_on=context.day(window[1]),
        respond_by=context.day(row["respond_by"]) if "respond_by" in row else None,
        follow_up_after_days=row.get("follow_up_after_days", 90),
        manager=context.manager,
        status=row["stage"],
        cancel_reason=row.get("cancel_reason", ""),
        created_by=context.manager,
    )
    Session.objects.filter(pk=session.pk).update(created_at=context.moment(window[0] - 14))
    return session


TIME_ZONES = {
    "GH": "Africa/Accra",
    "SN": "Africa/Dakar",
    "CO": "America/Bogota",
    "KE": "Africa/Nairobi",
    "UG": "Africa/Kampala",
    "EG": "Africa/Cairo",
    "CM": "Africa/Douala",
    "MX": "America/Mexico_City",
}


def _time_zone(row: dict[str, Any]) -> str:
    return TIME_ZONES.get(row.get("country", ""), "UTC")


def _write_days(session: Session, first: date, last: date) -> None:
    count = (last - first).days + 1
    for offset in range(count):
        closing = offset == count - 1 and count > 1
        SessionDay.objects.create(
            session=session,
            date=first + timedelta(days=offset),
            starts_at=time(9),
            ends_at=time(13) if closing else time(17),
        )


def _write_quotas(session: Session, row: dict[str, Any]) -> None:
    for scope, seats in row.get("quotas", []):
        if session.seats_by == Session.SeatsBy.REGION:
            SeatQuota.objects.create(session=session, region=Region.objects.get(code=scope), seats=seats)
        else:
            SeatQuota.objects.create(session=session, country=Country.objects.get(iso2=scope), seats=seats)


def _event(session: Session, kind: str, at: datetime, by: User, **values: Any) -> None:
    SessionEvent.objects.create(session=session, kind=kind, at=at, by=by, **values)


def _history(session: Session, row: dict[str, Any], context: _Context) -> None:
    window = row["window"]
    _event(session, SessionEvent.Kind.CREATED, context.moment(window[0] - 14), context.manager)
    if session.status == Status.PLANNED:
        return
    opened = context.moment(window[0])
    _event(
        session,
        SessionEvent.Kind.STATUS,
        opened,
        context.manager,
        before={"status": Status.PLANNED},
        after={"status": Status.OPEN},
    )
    later = STAGES_AFTER_OPEN.get(Status(session.status), [])
    previous = Status.OPEN
    moments = [window[1] + 1, window[1] + 5, row["from"], row["to"]]
    for stage, offset in zip(later, moments, strict=False):
        at = context.moment(min(offset, 0))
        _event(
            session,
            SessionEvent.Kind.STATUS,
            at,
            context.manager,
            before={"status": previous},
            after={"status": stage},
        )
        previous = stage
    if session.status == Status.CANCELLED:
        _event(
            session,
            SessionEvent.Kind.CANCELLED,
            context.moment(-3),
            context.manager,
            note=session.cancel_reason,
        )


def _book_instructor(session: Session, row: dict[str, Any], context: _Context) -> None:
    assignment = None
    if row.get("assignment"):
        assignment = Assignment.objects.filter(reference=row["assignment"], course=session.course).first()
    elif row.get("instructor"):
        instructor = Instructor.objects.filter(person__email=row["instructor"]).first()
        if instructor is not None:
            assignment = assign_instructor(
                instructor=instructor,
                course=session.course,
                language=session.language,
                start=session.starts_on,
                end=session.ends_on,
                by=context.manager,
                reference=session.code,
                check_permission=False,
            )
    if assignment is None or SessionInstructor.objects.filter(assignment=assignment).exists():
        return
    if session.status == Status.CANCELLED and assignment.cancelled_at is None:
        assignment.cancelled_at = context.moment(-3)
        assignment.cancelled_by = context.manager
        assignment.cancel_reason = session.cancel_reason
        assignment.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    SessionInstructor.objects.create(session=session, assignment=assignment)
    _event(
        session,
        SessionEvent.Kind.INSTRUCTOR_ADDED,
        context.moment(row["window"][0] - 10),
        context.manager,
        after={"instructor": str(assignment.instructor)},
    )


# --- Nominations ------------------------------------------------------------------------------


def _nominate(session: Session, person: User, status: str, extra: str, context: _Context) -> None:
    country = Country.objects.get(people=person)  # every demo official has one
    iso2 = country.iso2
    nominator = context.focal_points.get(iso2)
    checks = eligibility.check_person(session, person).checks
    nominated_at = context.moment(session.nominations_open_on.toordinal() - context.today.toordinal() + 2)
    nomination = Nomination.objects.create(
        session=session,
        person=person,
        country=country,
        status=NominationStatus.NOMINATED,
        motivation="Works on the cases this course covers and will pass on what they learn to their unit.",
        checks=checks,
        eligible=all(check["ok"] for check in checks),
        nominated_by=nominator,
        nominated_at=nominated_at,
    )
    _step(
        nomination,
        action="nominated",
        before="",
        after=NominationStatus.NOMINATED,
        by=nominator,
        at=nominated_at,
    )
    if status == NominationStatus.NOMINATED:
        return
    head = context.heads.get(iso2)
    endorsed_at = nominated_at + timedelta(days=2)
    _set(nomination, NominationStatus.ENDORSED, endorsed_by=head, endorsed_at=endorsed_at)
    _step(
        nomination,
        action="endorsed",
        before=NominationStatus.NOMINATED,
        after=NominationStatus.ENDORSED,
        by=head,
        at=endorsed_at,
    )
    if status == NominationStatus.ENDORSED:
        return
    _decide(nomination, status, extra, context)


def _decide(nomination: Nomination, status: str, extra: str, context: _Context) -> None:
    session = nomination.session
    decided_at = timezone.make_aware(
        datetime.combine(session.nominations_close_on + timedelta(days=1), time(11))
    )
    decided_at = min(decided_at, timezone.now())
    final = NominationStatus.ACCEPTED if status == NominationStatus.WITHDRAWN else status
    note = "Outside the profile this session is meant for." if status == NominationStatus.REJECTED else ""
    values: dict[str, Any] = {"decided_by": context.manager, "decided_at": decided_at, "decision_note": note}
    if final == NominationStatus.WAITLISTED:
        values["waitlist_position"] = (
            session.nominations.filter(status=NominationStatus.WAITLISTED).count() + 1
        )
    _set(nomination, final, **values)
    _step(
        nomination,
        action=final,
        before=NominationStatus.ENDORSED,
        after=final,
        by=context.manager,
        at=decided_at,
        note=note,
    )
    if final == NominationStatus.ACCEPTED:
        _answer(nomination, extra, decided_at + timedelta(days=3))
    if status == NominationStatus.WITHDRAWN:
        withdrawn_at = decided_at + timedelta(days=5)
        by = context.focal_points.get(nomination.country.iso2)
        _set(nomination, NominationStatus.WITHDRAWN, withdrawn_by=by, withdrawn_at=withdrawn_at)
        _step(
            nomination,
            action="withdrawn",
            before=final,
            after=NominationStatus.WITHDRAWN,
            by=by,
            at=withdrawn_at,
            note="Needed for an operation.",
        )


def _answer(nomination: Nomination, extra: str, at: datetime) -> None:
    held = nomination.session.status in (Status.RUNNING, Status.COMPLETED)
    response = Nomination.Response.CONFIRMED if held else extra
    if response not in (Nomination.Response.CONFIRMED, Nomination.Response.DECLINED):
        return
    at = min(at, timezone.now())
    if response == Nomination.Response.DECLINED:
        _set(
            nomination,
            NominationStatus.WITHDRAWN,
            response=response,
            responded_at=at,
            withdrawn_by=nomination.person,
            withdrawn_at=at,
        )
        _step(
            nomination,
            action="declined",
            before=NominationStatus.ACCEPTED,
            after=NominationStatus.WITHDRAWN,
            by=nomination.person,
            at=at,
        )
        return
    _set(nomination, nomination.status, response=response, responded_at=at)
    _step(
        nomination,
        action="confirmed",
        before=NominationStatus.ACCEPTED,
        after=NominationStatus.ACCEPTED,
        by=nomination.person,
        at=at,
    )


def _set(nomination: Nomination, status: str, **values: Any) -> None:
    nomination.status = status
    for name, value in values.items():
        setattr(nomination, name, value)
    nomination.save()


def _step(
    nomination: Nomination,
    *,
    action: str,
    before: str,
    after: str,
    by: User | None,
    at: datetime,
    note: str = "",
) -> None:
    NominationEvent.objects.create(
        nomination=nomination, action=action, from_status=before, to_status=after, by=by, at=at, note=note
    )


# --- Held sessions ----------------------------------------------------------------------------


def _mark_days(
    nomination: Nomination, days: list[SessionDay], marks: Sequence[str], recorder: User
) -> list[str]:
    statuses = []
    for day, mark in zip(days, [*marks, *marks], strict=False):
        Attendance.objects.create(
            nomination=nomination,
            day=day,
            status=mark,
            arrived_at=time(9, 40) if mark == Mark.LATE else None,
            method=Attendance.Method.INSTRUCTOR,
            recorded_by=recorder,
            recorded_at=timezone.make_aware(datetime.combine(day.date, time(9, 15))),
        )
        statuses.append(mark)
    return statuses


def _settle(session: Session, wanted_outcomes: dict[int, str], context: _Context) -> None:
    """Attendance, tests, outcomes, certificates and evaluations of a held session."""
    days = list(session.days.order_by("date"))
    rule = rule_for(session.course)
    recorder = _recorder(session, context)
    participants = list(
        session.nominations.filter(status=NominationStatus.ACCEPTED).select_related("person__country")
    )
    wanted = {
        nomination.pk: wanted_outcomes.get(nomination.person_id, "completed") for nomination in participants
    }
    assessments_demo.write_demo_tests(session, {pk: TEST_SCORES[outcome] for pk, outcome in wanted.items()})
    scores = assessments_selectors.post_test_scores(session)
    needs_post_test = rule.requires_post_test and assessments_selectors.has_post_test(session)
    for nomination in participants:
        statuses = _mark_days(nomination, days, ATTENDANCE[wanted[nomination.pk]], recorder)
        percent = percent_under(rule, statuses)
        outcome = decide_outcome(
            percent=percent,
            min_percent=rule.min_attendance_percent,
            needs_post_test=needs_post_test,
            score=scores.get(nomination.pk),
            pass_mark=rule.pass_mark_percent,
        )
        nomination.attendance_percent = percent
        nomination.outcome = outcome
        nomination.save(update_fields=["attendance_percent", "outcome"])
        _certify(nomination, outcome=outcome, rule=rule, days=days, statuses=statuses, context=context)
    assessments_demo.write_demo_evaluations(session)


def _recorder(session: Session, context: _Context) -> User:
    link = session.instructor_links.select_related("assignment__instructor__person").first()
    return link.assignment.instructor.person if link else context.manager


def _certify(
    nomination: Nomination,
    *,
    outcome: str,
    rule: Any,
    days: list[SessionDay],
    statuses: list[str],
    context: _Context,
) -> None:
    kinds = {
        Nomination.Outcome.COMPLETED: Certificate.Kind.COMPLETION,
        Nomination.Outcome.ATTENDED: Certificate.Kind.ATTENDANCE,
    }
    kind = kinds.get(Nomination.Outcome(outcome))
    if kind is None:
        return
    session = nomination.session
    certificate = issue_certificate(
        holder=nomination.person,
        kind=kind,
        course=session.course,
        titles=course_titles(session.course),
        activity=activity_of(session, nomination.person.preferred_language),
        starts_on=session.starts_on,
        ends_on=session.ends_on,
        hours=hours_of(rule, days, list(statuses)),
        source=nomination,
        by=context.manager,
    )
    issued = timezone.make_aware(datetime.combine(session.ends_on + timedelta(days=1), time(12)))
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=issued)


def _revoke(session: Session, person: User, context: _Context) -> None:
    nomination = session.nominations.get(person=person)
    Certificate.objects.filter(
        source_id=nomination.pk, holder=person, status=Certificate.Status.VALID
    ).update(
        status=Certificate.Status.REVOKED,
        revoked_at=context.moment(-20),
        revoked_by=context.manager,
        revoked_reason="Issued in error: the participant left on the second day and the attendance sheet was corrected.",
    )


def _take_attendance_so_far(session: Session, context: _Context) -> None:
    days = [day for day in session.days.order_by("date") if day.date < context.today]
    recorder = _recorder(session, context)
    marks = [Mark.PRESENT, Mark.PRESENT, Mark.LATE, Mark.PRESENT, Mark.ABSENT, Mark.PARTIAL]
    participants = session.nominations.filter(status=NominationStatus.ACCEPTED).order_by("pk")
    for index, nomination in enumerate(participants):
        _mark_days(nomination, days, [marks[index % len(marks)]], recorder)
    # The post-test opens on the last day: so far, only the pre-test.
    assessments_demo.write_demo_tests(session, {nomination.pk: (40, None) for nomination in participants})
