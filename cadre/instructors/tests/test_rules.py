"""The rule: each reason it gives, and the bulk verdicts agreeing with the single ones in a fixed
number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats

from cadre.instructors import rules, services
from cadre.instructors.models import Assignment, AvailabilityPeriod, Instructor
from cadre.instructors.tests.conftest import (
    area,
    capability,
    days,
    give_certification,
    make_course,
    make_instructor,
    start,
)
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db
Status = rules.Status


def day(value):
    return formats.date_format(value, "DATE_FORMAT")


def verdict(instructor, course, language="en", first=10, last=14, **kwargs):
    return rules.may_deliver(instructor, course, language, days(first), days(last), **kwargs)


def test_a_current_certification_for_the_subject_and_language_allows(instructor, cyber_course):
    certification = give_certification(instructor, languages=("en", "es"))
    answer = verdict(instructor, cyber_course, "es")
    assert answer.allowed
    assert answer.reasons == []
    assert answer.certification == certification


def test_no_certification(instructor, cyber_course):
    answer = verdict(instructor, cyber_course)
    assert not answer.allowed
    assert answer.reasons == ["No active certification."]
    assert answer.codes == [rules.NO_CERTIFICATION]


@pytest.mark.parametrize("status", [Status.REVOKED, Status.EXPIRED])
def test_revoked_or_expired_certifications_do_not_count(instructor, cyber_course, status):
    give_certification(instructor, status=status)
    assert verdict(instructor, cyber_course).reasons == ["No active certification."]


def test_an_active_certification_past_its_expiry_counts_as_expired_before_the_task_runs(
    instructor, cyber_course
):
    give_certification(instructor, issued_on=days(-800), expires_on=days(-1))
    assert verdict(instructor, cyber_course).reasons == ["No active certification."]


def test_another_subject(instructor, cyber_course):
    give_certification(instructor, areas=("drug-trafficking",))
    answer = verdict(instructor, cyber_course)
    name = area("drug-trafficking").name
    assert answer.reasons == [f"Certified for {name}, not for this course's subjects."]
    assert answer.codes == [rules.SUBJECT]


def test_a_course_matches_by_course_or_by_capability(instructor):
    course = make_course(areas=())
    course.capabilities.set([capability("dna")])
    by_course = make_instructor()
    give_certification(by_course, areas=(), courses=(course,))
    by_capability = make_instructor()
    give_certification(by_capability, areas=(), capabilities=("dna",))
    elsewhere = make_instructor()
    give_certification(elsewhere, areas=(), capabilities=("fingerprints",), courses=(CourseFactory(),))
    assert verdict(by_course, course).allowed
    assert verdict(by_capability, course).allowed
    assert verdict(elsewhere, course).codes == [rules.SUBJECT]


def test_another_language(instructor, cyber_course):
    give_certification(instructor, languages=("en", "fr"))
    cyber_course.offered_in_ar = True
    cyber_course.save()
    assert verdict(instructor, cyber_course, "ar").reasons == ["Not certified to teach in Arabic."]


def test_suspended_with_its_reason(instructor, cyber_course):
    give_certification(instructor, status=Status.SUSPENDED, reason="Complaint under review")
    answer = verdict(instructor, cyber_course)
    assert answer.reasons == ["Certification suspended: Complaint under review."]
    assert answer.codes == [rules.SUSPENDED]


def test_expires_before_the_last_day(instructor, cyber_course):
    certification = give_certification(instructor, expires_on=days(12))
    answer = verdict(instructor, cyber_course, first=10, last=14)
    assert answer.reasons == [
        f"Certification expires on {day(certification.expires_on)}, before the last day."
    ]
    assert verdict(instructor, cyber_course, first=10, last=12).allowed


def test_starts_after_the_first_day(instructor, cyber_course):
    certification = give_certification(instructor, issued_on=days(11))
    answer = verdict(instructor, cyber_course, first=10, last=14)
    assert answer.reasons == [f"Certification starts on {day(certification.issued_on)}, after the first day."]


def test_the_best_certification_is_chosen_among_several(instructor, cyber_course):
    give_certification(instructor, level_code="associate", expires_on=days(12))
    senior = give_certification(instructor, level_code="senior", expires_on=days(400))
    give_certification(instructor, level_code="master", areas=("terrorism",))
    answer = verdict(instructor, cyber_course, first=10, last=14)
    assert answer.allowed
    assert answer.certification == senior


def test_unavailable_with_the_note(instructor, cyber_course):
    give_certification(instructor)
    period = AvailabilityPeriod.objects.create(
        instructor=instructor, kind="unavailable", starts_on=days(13), ends_on=days(20), note="Annual leave"
    )
    AvailabilityPeriod.objects.create(
        instructor=instructor, kind="unavailable", starts_on=days(30), ends_on=days(31)
    )
    answer = verdict(instructor, cyber_course)
    assert answer.reasons == [
        f"Unavailable from {day(period.starts_on)} to {day(period.ends_on)}: Annual leave."
    ]
    assert answer.codes == [rules.UNAVAILABLE]


def test_a_declared_available_period_only_ranks(instructor, cyber_course):
    give_certification(instructor)
    AvailabilityPeriod.objects.create(
        instructor=instructor, kind="available", starts_on=days(1), ends_on=days(30)
    )
    answer = verdict(instructor, cyber_course)
    assert answer.allowed
    assert answer.declared_available
    assert not verdict(instructor, cyber_course, first=25, last=35).declared_available


def test_already_booked_on_overlapping_dates(instructor, cyber_course):
    give_certification(instructor)
    booked = Assignment.objects.create(
        instructor=instructor,
        course=cyber_course,
        language="en",
        starts_on=days(12),
        ends_on=days(16),
        reference="Dark web investigations, Nairobi",
    )
    Assignment.objects.create(
        instructor=instructor,
        course=cyber_course,
        language="en",
        starts_on=days(13),
        ends_on=days(13),
        cancelled_at=booked.created_at,
    )
    answer = verdict(instructor, cyber_course)
    assert answer.reasons == [
        f"Already delivering Dark web investigations, Nairobi from {day(days(12))} to {day(days(16))}."
    ]
    assert verdict(instructor, cyber_course, ignore_assignment=booked.pk).allowed
    assert verdict(instructor, cyber_course, first=17, last=18).allowed


def test_every_reason_at_once(instructor, cyber_course):
    instructor.is_active = False
    instructor.save()
    AvailabilityPeriod.objects.create(
        instructor=instructor, kind="unavailable", starts_on=days(10), ends_on=days(10)
    )
    Assignment.objects.create(
        instructor=instructor, course=cyber_course, language="en", starts_on=days(14), ends_on=days(15)
    )
    assert verdict(instructor, cyber_course).codes == [
        rules.INACTIVE,
        rules.NO_CERTIFICATION,
        rules.UNAVAILABLE,
        rules.BOOKED,
    ]


def test_a_trainee_needs_a_candidacy_not_a_certification(
    instructor, cyber_course, certification_manager, assessor
):
    trainee = rules.Role.TRAINEE
    assert verdict(instructor, cyber_course, role=trainee).reasons == [
        "Not a candidate on a certification pathway."
    ]
    start(instructor, certification_manager, assessor)
    assert verdict(instructor, cyber_course, role=trainee).allowed


def test_the_last_day_before_the_first_is_an_error(instructor, cyber_course):
    with pytest.raises(ValueError, match="last day"):
        verdict(instructor, cyber_course, first=14, last=10)


def _population(course):
    """Instructors in every situation the rule knows."""
    people = []
    for number in range(12):
        instructor = make_instructor()
        kind = number % 6
        if kind == 0:
            give_certification(instructor, languages=("en", "es"))
        elif kind == 1:
            give_certification(instructor, areas=("terrorism",), capabilities=("dna",))
        elif kind == 2:
            give_certification(instructor, status=Status.SUSPENDED, reason="Audit")
        elif kind == 3:
            give_certification(instructor, expires_on=days(11))
        elif kind == 4:
            give_certification(instructor)
            AvailabilityPeriod.objects.create(
                instructor=instructor, kind="unavailable", starts_on=days(9), ends_on=days(11), note="Course"
            )
            Assignment.objects.create(
                instructor=instructor, course=course, language="en", starts_on=days(14), ends_on=days(20)
            )
        people.append(instructor)
    return people


def test_bulk_verdicts_equal_single_ones(cyber_course):
    people = _population(cyber_course)
    bulk = rules.verdicts_for(Instructor.objects.all(), cyber_course, "en", days(10), days(14))
    from_list = rules.verdicts_for(people, cyber_course, "en", days(10), days(14))
    assert set(bulk) == {person.pk for person in people}
    for person in people:
        single = rules.may_deliver(person, cyber_course, "en", days(10), days(14))
        assert bulk[person.pk] == single == from_list[person.pk]
    assert {tuple(answer.codes) for answer in bulk.values()} >= {
        (),
        (rules.SUBJECT,),
        (rules.SUSPENDED,),
        (rules.EXPIRES,),
        (rules.UNAVAILABLE, rules.BOOKED),
    }


def test_bulk_verdicts_take_a_fixed_number_of_queries(cyber_course):
    _population(cyber_course)
    with CaptureQueriesContext(connection) as few:
        rules.verdicts_for(Instructor.objects.all()[:3], cyber_course, "en", days(10), days(14))
    _population(cyber_course)
    _population(cyber_course)
    with CaptureQueriesContext(connection) as many:
        answers = rules.verdicts_for(Instructor.objects.all(), cyber_course, "en", days(10), days(14))
    assert len(answers) == 36
    assert len(many.captured_queries) == len(few.captured_queries) <= 13  # levels prefetched apart


def test_assigning_through_the_service_applies_the_rule(instructor, cyber_course, administrator):
    services.assign_instructor(
        instructor=instructor,
        course=cyber_course,
        language="en",
        start=days(1),
        end=days(2),
        by=administrator,
        override_reason="Only expert available.",
    )
    assert verdict(instructor, cyber_course, first=2, last=3).codes == [rules.NO_CERTIFICATION, rules.BOOKED]
