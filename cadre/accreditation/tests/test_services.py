"""The rules of the accreditation flow, and the refusals that say what to do."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cadre.accreditation import services
from cadre.accreditation.models import AccreditationCase, CaseReviewer, CaseStep, Certificate, Finding
from cadre.accreditation.tests.factories import (
    APPLICATION,
    course_of,
    make_ready,
    open_org_case,
    rate_all,
    step_of,
    submit_with_evidence,
)
from cadre.audit.models import AuditEntry
from cadre.courses.models import Course
from cadre.standards import selectors as standards

pytestmark = pytest.mark.django_db
Status = AccreditationCase.Status


def messages_of(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(error.value.messages)


def test_opening_a_case_fixes_the_edition_and_numbers_it(guide, course_manager, quality_officer):
    case = services.open_case(course=course_of(course_manager), by=quality_officer)
    year = timezone.localdate().year
    assert case.reference.startswith(f"ACC-{year}-")
    assert case.edition == standards.edition_in_force()
    assert case.status == Status.SUBMITTED
    assert list(case.steps.values_list("step", flat=True)) == [
        "analysis",
        "design",
        "development",
        "delivery",
        "evaluation",
    ]
    assert AuditEntry.objects.filter(action="accreditation.case_opened", target_id=str(case.pk)).exists()


def test_references_follow_each_other(guide, course_manager, other_course_manager, quality_officer):
    first = services.open_case(course=course_of(course_manager), by=quality_officer)
    second = services.open_case(course=course_of(other_course_manager), by=quality_officer)
    assert int(second.reference[-4:]) == int(first.reference[-4:]) + 1


def test_one_open_case_per_course(guide, course_manager, quality_officer):
    course = course_of(course_manager)
    services.open_case(course=course, by=quality_officer)
    with pytest.raises(ValidationError, match="already has an open accreditation case"):
        services.open_case(course=course, by=quality_officer)


def test_a_course_manager_asks_for_their_own_course_only(guide, course_manager, other_course_manager):
    case = services.open_case(course=course_of(course_manager), by=course_manager)
    assert case.opened_by == course_manager
    with pytest.raises(PermissionDenied):
        services.open_case(course=course_of(other_course_manager), by=course_manager)


def test_an_archived_course_is_not_accredited(guide, course_manager, quality_officer):
    course = course_of(course_manager)
    Course.objects.filter(pk=course.pk).update(status=Course.Status.ARCHIVED)
    course.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.open_case(course=course, by=quality_officer)


def test_assigning_the_first_reviewer_starts_the_review(guide, course_manager, quality_officer, reviewer):
    case = services.open_case(course=course_of(course_manager), by=quality_officer)
    services.assign_reviewer(case=case, by=quality_officer, reviewer=reviewer, kind=CaseReviewer.Kind.LEAD)
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW


@pytest.mark.parametrize(
    ("who", "kind", "message"),
    [
        ("learner", "panel", "accreditation reviewer role"),
        ("course_manager", "panel", "accreditation reviewer role"),
        ("reviewer", "panel", "already reviews this case"),
        ("unassigned_reviewer", "lead", "already has a lead reviewer"),
    ],
)
def test_who_may_be_assigned(request, org_case, quality_officer, who, kind, message):
    person = request.getfixturevalue(who)
    with pytest.raises(ValidationError, match=message):
        services.assign_reviewer(case=org_case, by=quality_officer, reviewer=person, kind=kind)


def test_the_course_manager_cannot_review_their_own_course(org_case, course_manager, quality_officer):
    from cadre.accounts.models import Role
    from cadre.accounts.services import assign_role

    assign_role(
        user=course_manager,
        role=Role.objects.get(code="accreditation-reviewer"),
        scope=course_of(course_manager),
        notify=False,
    )
    with pytest.raises(ValidationError, match="speaks for the course"):
        services.assign_reviewer(case=org_case, by=quality_officer, reviewer=course_manager, kind="panel")


def test_a_reviewer_with_findings_stays(org_case, course_manager, quality_officer, reviewer):
    submit_with_evidence(org_case, "analysis", course_manager)
    rate_all(org_case, "analysis", reviewer)
    row = CaseReviewer.objects.get(case=org_case, reviewer=reviewer)
    with pytest.raises(ValidationError, match="stays on the case"):
        services.remove_reviewer(row=row, by=quality_officer)


def test_a_step_is_submitted_with_evidence_only(org_case, course_manager):
    with pytest.raises(ValidationError, match="at least one piece of evidence"):
        services.submit_step(step=step_of(org_case, "analysis"), by=course_manager)
    step = submit_with_evidence(org_case, "analysis", course_manager)
    assert step.status == CaseStep.Status.SUBMITTED
    evidence = step.evidence.get()
    assert len(evidence.sha256) == 64
    assert evidence.file.name.startswith("accreditation/evidence/")
    assert "report" not in evidence.file.name  # the stored name reveals nothing of the uploaded one


def test_findings_are_one_per_reviewer_and_criterion_and_editable_until_reviewed(
    org_case, course_manager, reviewer
):
    submit_with_evidence(org_case, "design", course_manager)
    step = step_of(org_case, "design")
    criterion = services.criteria_of(step)[0]
    services.record_findings(step=step, by=reviewer, ratings={criterion.pk: ("partly_met", "Thin.")})
    services.record_findings(
        step=step_of(org_case, "design"), by=reviewer, ratings={criterion.pk: ("met", "")}
    )
    assert Finding.objects.get(step=step, criterion=criterion, reviewer=reviewer).rating == "met"
    rate_all(org_case, "design", reviewer)
    services.mark_step_reviewed(step=step_of(org_case, "design"), by=reviewer)
    with pytest.raises(ValidationError):
        services.record_findings(
            step=step_of(org_case, "design"), by=reviewer, ratings={criterion.pk: ("not_met", "")}
        )


def test_findings_refuse_criteria_of_another_step_and_unknown_ratings(org_case, course_manager, reviewer):
    submit_with_evidence(org_case, "analysis", course_manager)
    step = step_of(org_case, "analysis")
    other = services.criteria_of(step_of(org_case, "evaluation"))[0]
    with pytest.raises(ValidationError, match="not those of this step"):
        services.record_findings(step=step, by=reviewer, ratings={other.pk: ("met", "")})
    mine = services.criteria_of(step)[0]
    with pytest.raises(ValidationError, match="Choose a rating"):
        services.record_findings(step=step, by=reviewer, ratings={mine.pk: ("excellent", "")})


def test_a_step_is_reviewed_once_every_criterion_has_a_finding(org_case, course_manager, reviewer):
    submit_with_evidence(org_case, "analysis", course_manager)
    with pytest.raises(ValidationError, match="No reviewer has recorded a finding"):
        services.mark_step_reviewed(step=step_of(org_case, "analysis"), by=reviewer)
    rate_all(org_case, "analysis", reviewer)
    services.mark_step_reviewed(step=step_of(org_case, "analysis"), by=reviewer)
    org_case.refresh_from_db()
    assert org_case.current_step == "design"


def test_a_step_sent_back_is_open_again_with_the_reason(org_case, course_manager, quality_officer):
    submit_with_evidence(org_case, "analysis", course_manager)
    with pytest.raises(ValidationError, match="Say what is missing"):
        services.return_step(step=step_of(org_case, "analysis"), by=quality_officer, reason=" ")
    services.return_step(
        step=step_of(org_case, "analysis"), by=quality_officer, reason="Add the survey data."
    )
    step = step_of(org_case, "analysis")
    assert step.status == CaseStep.Status.OPEN
    assert step.comments.get().body == "Add the survey data."


def test_comments_need_words(org_case, reviewer):
    with pytest.raises(ValidationError, match="Write a comment first"):
        services.add_comment(step=step_of(org_case, "analysis"), by=reviewer, body="   ")
    comment = services.add_comment(step=step_of(org_case, "analysis"), by=reviewer, body="Looks thorough.")
    assert comment.author == reviewer


# --- The decision -------------------------------------------------------------------------------


def test_no_decision_while_steps_are_not_reviewed(org_case, course_manager, reviewer, quality_officer):
    make_ready(org_case, course_manager, reviewer, upto=3)
    with pytest.raises(ValidationError) as error:
        services.decide_case(case=org_case, by=quality_officer, outcome="accredited")
    assert "These steps are not reviewed yet: Delivery, Evaluation." in messages_of(error)
    assert "No reviewer has recorded a finding" in messages_of(error)
    assert AccreditationCase.objects.get(pk=org_case.pk).status == Status.IN_REVIEW


def test_no_decision_without_an_external_partner(guide, course_manager, quality_officer, reviewer):
    case = open_org_case(course_of(course_manager), quality_officer, reviewer, None)
    case = make_ready(case, course_manager, reviewer)
    with pytest.raises(ValidationError, match="Assign an external partner"):
        services.decide_case(case=case, by=quality_officer, outcome="accredited")


def test_conditions_need_their_deadline(ready_case, quality_officer):
    with pytest.raises(ValidationError) as error:
        services.decide_case(
            case=ready_case, by=quality_officer, outcome="conditional", conditions="Add a module."
        )
    assert error.value.message_dict == {
        "conditions_deadline": ["Give the date by which the conditions must be met."]
    }
    with pytest.raises(ValidationError) as error:
        services.decide_case(
            case=ready_case,
            by=quality_officer,
            outcome="conditional",
            conditions_deadline=timezone.localdate() + timedelta(days=30),
        )
    assert "conditions" in error.value.message_dict
    assert not Certificate.objects.exists()


def test_a_rejection_needs_its_reason(ready_case, quality_officer, course_manager):
    with pytest.raises(ValidationError) as error:
        services.decide_case(case=ready_case, by=quality_officer, outcome="rejected")
    assert error.value.message_dict == {
        "reason": ["Give the reason for the rejection: the applicant will read it."]
    }
    decision = services.decide_case(
        case=ready_case, by=quality_officer, outcome="rejected", reason="Too thin."
    )
    assert not decision.accredits
    assert not Certificate.objects.exists()
    assert not Course.objects.get(owner=course_manager).is_accredited


def test_only_those_who_run_accreditation_decide(ready_case, reviewer, course_manager):
    for person in (reviewer, course_manager):
        with pytest.raises(ValidationError, match="by a quality officer"):
            services.decide_case(case=ready_case, by=person, outcome="accredited")


def test_accrediting_issues_the_certificate_and_marks_the_course(
    ready_case, quality_officer, course_manager, django_capture_on_commit_callbacks, mailoutbox
):
    deadline = timezone.localdate() + timedelta(days=120)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_case(
            case=ready_case,
            by=quality_officer,
            outcome="conditional",
            conditions="Publish the evaluation results.",
            conditions_deadline=deadline,
        )
    case = AccreditationCase.objects.get(pk=ready_case.pk)
    certificate = case.certificate
    assert case.status == Status.DECIDED
    assert certificate.conditions_deadline == deadline
    course = Course.objects.get(owner=course_manager)
    assert course.accredited_until == certificate.valid_until
    assert course.is_accredited
    assert [message.to for message in mailoutbox] == [[course_manager.email]]
    assert certificate.code in mailoutbox[0].body
    assert AuditEntry.objects.filter(action="accreditation.certificate_issued").exists()


def test_an_application_is_completed_then_submitted(application, institution_admin, academy):
    services.update_application(case=application, by=institution_admin, values={**APPLICATION, "summary": ""})
    with pytest.raises(ValidationError, match="Complete the application before submitting it: summary"):
        services.submit_application(case=application, by=institution_admin)
    services.update_application(case=application, by=institution_admin, values=APPLICATION)
    case = services.submit_application(case=application, by=institution_admin)
    assert case.status == Status.SUBMITTED
    assert case.institution == academy


def test_an_application_names_only_its_institutions_courses(
    guide, institution_admin, academy, course_manager
):
    foreign = course_of(course_manager)
    with pytest.raises(ValidationError, match="your institution's courses"):
        services.apply_for_accreditation(
            institution=academy, by=institution_admin, values={**APPLICATION, "course": foreign}
        )


def test_an_institution_applies_only_for_itself(guide, other_institution_admin, academy):
    with pytest.raises(PermissionDenied):
        services.apply_for_accreditation(institution=academy, by=other_institution_admin, values=APPLICATION)


def test_withdrawing_closes_the_case(org_case, quality_officer):
    services.withdraw_case(case=org_case, by=quality_officer)
    case = AccreditationCase.objects.get(pk=org_case.pk)
    assert case.status == Status.WITHDRAWN
    with pytest.raises(ValidationError):
        services.withdraw_case(case=case, by=quality_officer)


def test_evidence_is_removed_only_while_the_step_is_open(org_case, course_manager):
    step = submit_with_evidence(org_case, "analysis", course_manager)
    evidence = step.evidence.get()
    evidence.step = step_of(org_case, "analysis")
    with pytest.raises(ValidationError, match="can no longer be removed"):
        services.delete_evidence(evidence=evidence, by=course_manager)
