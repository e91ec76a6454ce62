"""The services: profiles, the pathway, certifying and the certification's life, assignments."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from cadre.audit.models import AuditEntry
from cadre.instructors import services
from cadre.instructors.models import (
    Assignment,
    Candidacy,
    Certification,
    CertificationEvent,
    Instructor,
    Level,
    Observation,
    PathwayStage,
    Rubric,
)
from cadre.instructors.tests.conftest import (
    area,
    complete_pathway,
    days,
    evidence_upload,
    give_certification,
    level,
    make_course,
    make_instructor,
    photo_upload,
    scores_for,
    start,
    today,
)
from conftest import person_with

pytestmark = pytest.mark.django_db
Status = Certification.Status


def actions(target) -> list[str]:
    entries = AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    )
    return list(entries.order_by("pk").values_list("action", flat=True))


# --- Reference data -------------------------------------------------------------------------------


def test_the_shipped_pathway_is_loaded_in_four_languages_and_again_changes_nothing():
    assert list(Level.objects.values_list("code", "validity_months")) == [
        ("associate", 24),
        ("certified", 36),
        ("senior", 36),
        ("master", 48),
    ]
    assert all(stage.name_ar and stage.name_fr and stage.name_es for stage in PathwayStage.objects.all())
    assert Rubric.objects.get(code="delivery").criteria.count() == 6
    assert level("master").stages.count() == 4
    assert services.load_pathway() == 0
    call_command("load_reference", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Level.objects.count() == 4


# --- Profiles ------------------------------------------------------------------------------------


def test_an_instructor_creates_their_own_profile_with_languages_and_a_photo(instructor_person):
    created = services.create_instructor_profile(
        person=instructor_person,
        by=instructor_person,
        values={
            "biography": "  Trainer.  ",
            "crime_areas": [area("cybercrime")],
            "languages": {"es": "native", "en": "C1", "fr": ""},
            "photo": photo_upload(),
            "is_active": False,  # not theirs to set
        },
    )
    assert created.biography == "Trainer."
    assert created.is_active
    assert dict(created.languages.values_list("language", "proficiency")) == {"en": "C1", "es": "native"}
    assert created.photo.name.endswith(".png")
    assert created.photo_type == "image/png"
    assert actions(created) == ["instructors.profile_created"]
    with pytest.raises(ValidationError, match="already has an instructor profile"):
        services.create_instructor_profile(person=instructor_person, by=instructor_person, values={})


def test_only_instructors_create_their_own_profile(learner, certification_manager):
    with pytest.raises(PermissionDenied):
        services.create_instructor_profile(person=learner, by=learner, values={})
    made = services.create_instructor_profile(
        person=learner, by=certification_manager, values={"kind": "partner", "organisation": "UNODC"}
    )
    assert made.kind == "partner"
    assert made.organisation == "UNODC"


def test_updating_a_profile_is_audited_and_managed_fields_are_the_managers(
    instructor, certification_manager, learner
):
    services.update_instructor_profile(
        instructor=instructor, by=instructor.person, values={"is_active": False, "languages": {"ar": "B2"}}
    )
    instructor.refresh_from_db()
    assert instructor.is_active
    assert list(instructor.languages.values_list("language", flat=True)) == ["ar"]
    services.update_instructor_profile(
        instructor=instructor, by=certification_manager, values={"is_active": False, "manager": learner}
    )
    instructor.refresh_from_db()
    assert not instructor.is_active
    assert instructor.manager == learner
    entry = AuditEntry.objects.filter(action="instructors.profile_updated").first()
    assert entry is not None
    assert "is_active" in entry.changes
    with pytest.raises(PermissionDenied):
        services.update_instructor_profile(instructor=instructor, by=learner, values={"biography": "Hacked"})


def test_a_bad_language_level_is_refused(instructor):
    with pytest.raises(ValidationError, match="Choose a level"):
        services.update_instructor_profile(
            instructor=instructor, by=instructor.person, values={"languages": {"en": "Z9"}}
        )


def test_availability(instructor, learner):
    period = services.add_availability(
        instructor=instructor,
        by=instructor.person,
        kind="unavailable",
        starts_on=days(5),
        ends_on=days(9),
        note="Leave",
    )
    with pytest.raises(ValidationError, match="ends before it starts"):
        services.add_availability(
            instructor=instructor, by=instructor.person, kind="available", starts_on=days(9), ends_on=days(5)
        )
    with pytest.raises(PermissionDenied):
        services.remove_availability(period=period, by=learner)
    services.remove_availability(period=period, by=instructor.person)
    assert not instructor.availability.exists()
    assert actions(instructor)[-2:] == ["instructors.availability_added", "instructors.availability_removed"]


# --- The pathway ---------------------------------------------------------------------------------


def test_starting_a_candidacy_needs_subjects_languages_and_real_assessors(
    instructor, certification_manager, assessor, learner
):
    with pytest.raises(ValidationError, match="at least one subject"):
        services.start_candidacy(
            instructor=instructor, level=level(), by=certification_manager, values={"languages": ["en"]}
        )
    with pytest.raises(ValidationError, match="at least one language"):
        services.start_candidacy(
            instructor=instructor,
            level=level(),
            by=certification_manager,
            values={"crime_areas": [area("cybercrime")]},
        )
    with pytest.raises(ValidationError, match="instructor assessor role"):
        start(instructor, certification_manager, learner)
    with pytest.raises(PermissionDenied):
        start(instructor, assessor, assessor)
    candidacy = start(instructor, certification_manager, assessor)
    assert candidacy.languages == ["es"]
    assert list(candidacy.assessors.all()) == [assessor]
    with pytest.raises(ValidationError, match="already on the pathway"):
        start(instructor, certification_manager, assessor)


def test_stages_are_confirmed_in_order_with_evidence(candidacy, assessor, other_assessor):
    first, second, _third = candidacy.level.stages.order_by("position")
    with pytest.raises(ValidationError, match="first"):
        services.confirm_stage(candidacy=candidacy, stage=second, by=assessor, file=evidence_upload())
    with pytest.raises(ValidationError, match="needs evidence"):
        services.confirm_stage(candidacy=candidacy, stage=first, by=assessor)
    with pytest.raises(PermissionDenied):
        services.confirm_stage(candidacy=candidacy, stage=first, by=other_assessor, file=evidence_upload())
    with pytest.raises(PermissionDenied):  # the candidate does not confirm their own stages
        services.confirm_stage(
            candidacy=candidacy, stage=first, by=candidacy.instructor.person, file=evidence_upload()
        )
    done = services.confirm_stage(
        candidacy=candidacy, stage=first, by=assessor, file=evidence_upload("course.pdf")
    )
    assert done.is_confirmed
    assert done.evidence_name == "course.pdf"
    assert len(done.evidence_sha256) == 64
    with pytest.raises(ValidationError, match="already confirmed"):
        services.confirm_stage(candidacy=candidacy, stage=first, by=assessor, file=evidence_upload())
    with pytest.raises(ValidationError, match="another level"):
        services.confirm_stage(
            candidacy=candidacy, stage=level("master").stages.first(), by=assessor, file=evidence_upload()
        )


def test_the_candidate_submits_evidence_and_the_assessor_confirms_it(candidacy, assessor):
    first = candidacy.level.stages.order_by("position").first()
    person = candidacy.instructor.person
    with pytest.raises(ValidationError, match="Attach the evidence"):
        services.submit_stage_evidence(candidacy=candidacy, stage=first, by=person)
    submitted = services.submit_stage_evidence(
        candidacy=candidacy, stage=first, by=person, file=evidence_upload(), note="Passed in May."
    )
    assert not submitted.is_confirmed
    confirmed = services.confirm_stage(candidacy=candidacy, stage=first, by=assessor)
    assert confirmed.pk == submitted.pk
    assert confirmed.is_confirmed
    assert confirmed.note == "Passed in May."


def test_observations_score_every_criterion_and_set_the_recommendation(candidacy, assessor, other_assessor):
    scores = scores_for(candidacy)
    missing = dict(list(scores.items())[:-1])
    base = {
        "instructor": candidacy.instructor,
        "candidacy": candidacy,
        "by": assessor,
        "observed_on": today(),
    }
    with pytest.raises(ValidationError, match="Score every criterion"):
        services.record_observation(**base, scores=missing, recommendation="certify")
    with pytest.raises(ValidationError, match="future"):
        services.record_observation(
            **{**base, "observed_on": days(1)}, scores=scores, recommendation="certify"
        )
    with pytest.raises(PermissionDenied):
        services.record_observation(**{**base, "by": other_assessor}, scores=scores, recommendation="certify")
    observation = services.record_observation(
        **base, scores=scores, recommendation="certify", comment="Good."
    )
    assert observation.scores.count() == 6
    assert observation.stage
    assert observation.stage.kind == "observed"
    assert Candidacy.objects.get(pk=candidacy.pk).status == Candidacy.Status.RECOMMENDED
    services.record_observation(**base, scores=scores, recommendation="not_yet")
    assert Candidacy.objects.get(pk=candidacy.pk).status == Candidacy.Status.IN_PROGRESS


# --- Certifying ----------------------------------------------------------------------------------


def test_certifying_needs_every_stage_and_a_recommendation(candidacy, assessor, certification_manager):
    with pytest.raises(ValidationError) as refused:
        services.certify(candidacy=candidacy, by=certification_manager)
    assert len(refused.value.messages) == 4  # three stages, no observation
    complete_pathway(candidacy, assessor, recommendation=Observation.Recommendation.NOT_YET)
    with pytest.raises(ValidationError, match="latest observation recommends “Not yet”"):
        services.certify(candidacy=candidacy, by=certification_manager)


def test_only_a_certification_manager_certifies_and_never_themselves(candidacy, assessor, kenya):
    complete_pathway(candidacy, assessor)
    with pytest.raises(PermissionDenied):
        services.certify(candidacy=candidacy, by=assessor)
    own = person_with("certification-manager", country=kenya)
    own_profile = make_instructor(own)
    own_candidacy = start(own_profile, person_with("certification-manager", country=kenya), assessor)
    complete_pathway(own_candidacy, assessor)
    with pytest.raises(PermissionDenied):
        services.certify(candidacy=own_candidacy, by=own)


def test_certifying_issues_a_certification_with_its_history(
    candidacy, assessor, certification_manager, mailoutbox, django_capture_on_commit_callbacks
):
    complete_pathway(candidacy, assessor)
    with django_capture_on_commit_callbacks(execute=True):
        certification = services.certify(candidacy=candidacy, by=certification_manager)
    assert certification.status == Status.ACTIVE
    assert certification.languages == ["es"]
    assert list(certification.crime_areas.values_list("code", flat=True)) == ["cybercrime"]
    assert certification.issued_on == today()
    assert certification.expires_on == services.add_months(today(), 24)
    assert len(certification.code) == 12
    assert certification.issued_by == certification_manager
    assert certification.name_on_certificate == candidacy.instructor.person.get_full_name()
    assert list(certification.events.values_list("kind", flat=True)) == ["issued"]
    assert Candidacy.objects.get(pk=candidacy.pk).status == Candidacy.Status.CERTIFIED
    assert actions(certification) == ["instructors.certified"]
    assert [message.to for message in mailoutbox] == [[candidacy.instructor.person.email]]


def test_certifying_may_narrow_but_not_widen(candidacy, assessor, certification_manager):
    complete_pathway(candidacy, assessor)
    with pytest.raises(ValidationError, match="only for subjects and languages"):
        services.certify(candidacy=candidacy, by=certification_manager, values={"languages": ["es", "ar"]})
    with pytest.raises(ValidationError, match="at least one subject"):
        services.certify(
            candidacy=candidacy, by=certification_manager, values={"crime_areas": [], "languages": ["es"]}
        )


@pytest.fixture
def certification(instructor):
    return give_certification(instructor, issued_on=days(-400), expires_on=days(300))


def test_suspend_reinstate_revoke(certification, certification_manager, assessor):
    with pytest.raises(PermissionDenied):
        services.suspend_certification(certification=certification, by=assessor, reason="No.")
    with pytest.raises(ValidationError, match="reason"):
        services.suspend_certification(certification=certification, by=certification_manager, reason="  ")
    with pytest.raises(ValidationError, match="suspended certification"):
        services.reinstate_certification(
            certification=certification, by=certification_manager, reason="Cleared."
        )
    services.suspend_certification(
        certification=certification, by=certification_manager, reason="Complaint received."
    )
    certification.refresh_from_db()
    assert certification.status == Status.SUSPENDED
    assert certification.status_reason == "Complaint received."
    services.reinstate_certification(
        certification=certification, by=certification_manager, reason="Complaint dismissed."
    )
    services.revoke_certification(certification=certification, by=certification_manager, reason="Misconduct.")
    certification.refresh_from_db()
    assert certification.status == Status.REVOKED
    with pytest.raises(ValidationError, match="already revoked"):
        services.revoke_certification(certification=certification, by=certification_manager, reason="Again.")
    assert list(certification.events.values_list("kind", flat=True)) == [
        "issued",
        "suspended",
        "reinstated",
        "revoked",
    ]
    assert actions(certification) == [
        "instructors.certification_suspended",
        "instructors.certification_reinstated",
        "instructors.certification_revoked",
    ]


def _delivered(instructor, course, count):
    for number in range(count):
        Assignment.objects.create(
            instructor=instructor,
            course=course,
            language="en",
            starts_on=days(-100 + number * 10),
            ends_on=days(-98 + number * 10),
        )


def test_renewal_needs_deliveries_and_a_refresher_and_keeps_history(certification, certification_manager):
    course = make_course()
    with pytest.raises(ValidationError) as refused:
        services.renew_certification(certification=certification, by=certification_manager)
    assert "Renewing needs 3 deliveries" in refused.value.messages[0]
    assert "refresher" in refused.value.messages[1]
    _delivered(certification.instructor, course, 3)
    before = certification.expires_on
    renewed = services.renew_certification(
        certification=certification, by=certification_manager, refresher="Refresher workshop, March."
    )
    assert renewed.expires_on == services.add_months(before, 36)
    assert renewed.renewal_count == 1
    assert renewed.period_started_on == today()
    event = renewed.events.get(kind="renewed")
    assert (event.expires_before, event.expires_after, event.reason) == (
        before,
        renewed.expires_on,
        "Refresher workshop, March.",
    )
    assert services.renewal_blockers(renewed) == [
        f"Renewing needs 3 deliveries since {services.certifications.day(today())}; the instructor has made 0."
    ]


def test_an_expired_certification_is_not_renewed_nor_reinstated(instructor, certification_manager):
    lapsed = give_certification(
        instructor, issued_on=days(-800), expires_on=days(-1), status=Status.SUSPENDED
    )
    with pytest.raises(ValidationError, match="Only an active certification"):
        services.renew_certification(certification=lapsed, by=certification_manager, refresher="x")
    with pytest.raises(ValidationError, match="not expired"):
        services.reinstate_certification(certification=lapsed, by=certification_manager, reason="x")


def test_expiring_lapsed_certifications(instructor):
    lapsed = give_certification(instructor, issued_on=days(-800), expires_on=days(-1))
    current = give_certification(instructor, expires_on=days(0))
    assert services.expire_lapsed_certifications() == 1
    assert services.expire_lapsed_certifications() == 0
    lapsed.refresh_from_db()
    current.refresh_from_db()
    assert (lapsed.status, current.status) == (Status.EXPIRED, Status.ACTIVE)
    assert CertificationEvent.objects.filter(certification=lapsed, kind="expired", by=None).count() == 1


# --- Assignments ---------------------------------------------------------------------------------


def test_assigning_refuses_with_every_reason(instructor, cyber_course, course_manager):
    from cadre.courses.models import Course

    Course.objects.filter(pk=cyber_course.pk).update(owner=course_manager)
    cyber_course.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.assign_instructor(
            instructor=instructor,
            course=cyber_course,
            language="en",
            start=days(3),
            end=days(5),
            by=course_manager,
        )
    assert refused.value.messages == ["No active certification."]
    with pytest.raises(ValidationError) as not_admin:
        services.assign_instructor(
            instructor=instructor,
            course=cyber_course,
            language="en",
            start=days(3),
            end=days(5),
            by=course_manager,
            override_reason="Please.",
        )
    assert not_admin.value.messages[0].startswith("Only an administrator may override")
    give_certification(instructor)
    made = services.assign_instructor(
        instructor=instructor,
        course=cyber_course,
        language="en",
        start=days(3),
        end=days(5),
        by=course_manager,
        reference="Session 1",
    )
    assert not made.is_override
    assert actions(made) == ["instructors.assigned"]
    with pytest.raises(ValidationError, match="Already delivering Session 1"):
        services.assign_instructor(
            instructor=instructor,
            course=cyber_course,
            language="en",
            start=days(4),
            end=days(6),
            by=course_manager,
        )


def test_bad_requests_are_refused_before_the_rule(instructor, cyber_course, administrator):
    with pytest.raises(ValidationError, match="last day comes before"):
        services.assign_instructor(
            instructor=instructor,
            course=cyber_course,
            language="en",
            start=days(5),
            end=days(3),
            by=administrator,
        )
    with pytest.raises(ValidationError, match="not offered in French"):
        services.assign_instructor(
            instructor=instructor,
            course=cyber_course,
            language="fr",
            start=days(3),
            end=days(5),
            by=administrator,
        )


def test_people_who_do_not_look_after_the_course_assign_no_one(instructor, cyber_course, learner):
    with pytest.raises(PermissionDenied):
        services.assign_instructor(
            instructor=instructor, course=cyber_course, language="en", start=days(3), end=days(5), by=learner
        )


def test_an_administrator_overrides_with_a_justification(instructor, cyber_course, administrator):
    made = services.assign_instructor(
        instructor=instructor,
        course=cyber_course,
        language="en",
        start=days(3),
        end=days(5),
        by=administrator,
        override_reason="  The only Spanish-speaking expert; certification renewal pending.  ",
    )
    assert made.is_override
    assert made.override_reason.startswith("The only")
    assert made.overridden_refusals == ["No active certification."]
    entry = AuditEntry.objects.get(action="instructors.assignment_overridden")
    assert entry.changes["refusals_overridden"] == [None, ["No active certification."]]


def test_cancelling_frees_the_dates_and_ratings_make_the_average(instructor, cyber_course, administrator):
    give_certification(instructor)
    first = services.assign_instructor(
        instructor=instructor,
        course=cyber_course,
        language="en",
        start=days(3),
        end=days(5),
        by=administrator,
    )
    services.cancel_assignment(assignment=first, by=administrator, reason="Session postponed.")
    second = services.assign_instructor(
        instructor=instructor,
        course=cyber_course,
        language="en",
        start=days(3),
        end=days(5),
        by=administrator,
    )
    services.record_assignment_rating(assignment=second, rating=Decimal("4.5"), responses=10)
    past = Assignment.objects.create(
        instructor=instructor, course=cyber_course, language="en", starts_on=days(-9), ends_on=days(-8)
    )
    services.record_assignment_rating(assignment=past, rating=Decimal("3"), responses=30)
    instructor = Instructor.objects.get(pk=instructor.pk)
    assert (instructor.average_rating, instructor.rating_count) == (Decimal("3.38"), 40)
    with pytest.raises(ValidationError, match="between 1 and 5"):
        services.record_assignment_rating(assignment=past, rating=Decimal("6"), responses=1)
