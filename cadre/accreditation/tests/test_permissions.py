"""Who may do what in accreditation: a table of personas for every permission."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cadre.accreditation import permissions, services
from cadre.accreditation.models import AccreditationCase
from cadre.accreditation.tests.factories import (
    course_of,
    make_ready,
    open_org_case,
    step_of,
    submit_with_evidence,
)

pytestmark = pytest.mark.django_db

PERSONAS = (
    "nobody",
    "learner",
    "ncb_officer",
    "ncb_officer_elsewhere",
    "regional_officer",
    "dpo",
    "institution_admin",
    "other_institution_admin",
    "course_manager",
    "other_course_manager",
    "quality_officer",
    "reviewer",
    "external",
    "unassigned_reviewer",
    "administrator",
)
RUNS = {"quality_officer", "administrator"}
ASSIGNED = {"reviewer", "external"}
SEES_ORG_CASE = RUNS | ASSIGNED | {"course_manager"}
SPEAKS_FOR_COURSE = {"course_manager", "administrator"}
SPEAKS_FOR_ACADEMY = {"institution_admin", "administrator"}


def persona(request: pytest.FixtureRequest, name: str):
    return request.getfixturevalue(name)


@pytest.fixture
def everyone(request: pytest.FixtureRequest, org_case: AccreditationCase) -> dict[str, object]:
    """Every persona, made before the question is asked (the case exists first)."""
    return {name: persona(request, name) for name in PERSONAS}


@pytest.mark.parametrize("name", PERSONAS)
def test_can_see_accreditation(request, name):
    expected = (
        RUNS
        | ASSIGNED
        | {
            "unassigned_reviewer",
            "course_manager",
            "other_course_manager",
            "institution_admin",
            "other_institution_admin",
        }
    )
    assert permissions.can_see_accreditation(persona(request, name)) is (name in expected)


@pytest.mark.parametrize("name", PERSONAS)
def test_can_open_a_case(request, name, guide, course_manager):
    user = persona(request, name)
    course = course_of(course_manager)
    assert permissions.can_open_case(user) is (name in RUNS | {"course_manager", "other_course_manager"})
    assert permissions.can_open_case(user, course) is (name in RUNS | {"course_manager"})


@pytest.mark.parametrize("name", PERSONAS)
def test_can_apply(request, name, academy):
    user = persona(request, name)
    assert permissions.can_apply(user) is (
        name in {"institution_admin", "other_institution_admin", "administrator"}
    )
    assert permissions.can_apply(user, academy) is (name in SPEAKS_FOR_ACADEMY)


@pytest.mark.parametrize("name", PERSONAS)
def test_who_sees_and_works_on_an_organisation_case(request, name, org_case, everyone):
    user = everyone[name]
    analysis = step_of(org_case, "analysis")
    assert permissions.can_view_case(user, org_case) is (name in SEES_ORG_CASE)
    assert permissions.can_comment(user, org_case) is (name in SEES_ORG_CASE)
    assert permissions.can_upload_evidence(user, analysis) is (name in SPEAKS_FOR_COURSE)
    assert permissions.can_submit_step(user, analysis) is (name in SPEAKS_FOR_COURSE)
    assert permissions.can_assign_reviewers(user, org_case) is (name in RUNS)
    assert permissions.can_decide(user, org_case) is (name in RUNS)
    assert permissions.can_withdraw_case(user, org_case) is (name in RUNS)
    assert not permissions.can_edit_application(user, org_case)
    # Nobody reviews a step before it is submitted.
    assert not permissions.can_record_findings(user, analysis)
    assert not permissions.can_mark_step_reviewed(user, analysis)


@pytest.mark.parametrize("name", PERSONAS)
def test_who_reviews_a_submitted_step(request, name, org_case, course_manager, everyone):
    user = everyone[name]
    submitted = submit_with_evidence(org_case, "analysis", course_manager)
    submitted = step_of(org_case, submitted.step)
    assert permissions.can_record_findings(user, submitted) is (name in ASSIGNED)
    assert permissions.can_mark_step_reviewed(user, submitted) is (name in RUNS | {"reviewer"})
    assert permissions.can_return_step(user, submitted) is (name in RUNS | {"reviewer"})
    assert not permissions.can_upload_evidence(user, submitted)
    assert not permissions.can_submit_step(user, submitted)


@pytest.mark.parametrize("name", PERSONAS)
def test_who_sees_an_institution_application(request, name, application, everyone):
    user = everyone[name]
    assert permissions.can_view_case(user, application) is (name in SPEAKS_FOR_ACADEMY)
    assert permissions.can_edit_application(user, application) is (name in SPEAKS_FOR_ACADEMY)
    assert permissions.can_submit_application(user, application) is (name in SPEAKS_FOR_ACADEMY)
    assert permissions.can_upload_evidence(user, step_of(application, "analysis")) is (
        name in SPEAKS_FOR_ACADEMY
    )
    assert permissions.can_withdraw_case(user, application) is (name in SPEAKS_FOR_ACADEMY)

    services.submit_application(case=application, by=everyone["institution_admin"])
    submitted = AccreditationCase.objects.get(pk=application.pk)
    assert permissions.can_view_case(user, submitted) is (name in SPEAKS_FOR_ACADEMY | RUNS)
    assert not permissions.can_edit_application(user, submitted)
    assert permissions.can_assign_reviewers(user, submitted) is (name in RUNS)


@pytest.mark.parametrize("name", PERSONAS)
def test_who_revokes_and_reaccredits(request, name, certificate, everyone):
    user = everyone[name]
    assert permissions.can_view_certificate(user, certificate) is (name in SEES_ORG_CASE)
    assert permissions.can_revoke_certificate(user, certificate) is (name in RUNS)
    assert permissions.can_reaccredit(user, certificate) is (name in RUNS)


@pytest.mark.parametrize("name", PERSONAS)
def test_an_institution_reaccredits_its_own_certificate(
    request, name, application, everyone, quality_officer, reviewer, external
):
    admin = everyone["institution_admin"]
    services.submit_application(case=application, by=admin)
    services.assign_reviewer(case=application, by=quality_officer, reviewer=reviewer, kind="lead")
    services.assign_reviewer(case=application, by=quality_officer, reviewer=external, kind="external")
    case = make_ready(application, admin, reviewer)
    services.decide_case(case=case, by=quality_officer, outcome="accredited")
    certificate = AccreditationCase.objects.get(pk=case.pk).certificate
    user = everyone[name]
    assert permissions.can_reaccredit(user, certificate) is (name in RUNS | {"institution_admin"})


@pytest.mark.parametrize(
    ("name", "outcome"),
    [
        ("course_manager", "shown"),
        ("quality_officer", "shown"),
        ("reviewer", "shown"),
        ("external", "shown"),
        ("administrator", "shown"),
        ("unassigned_reviewer", Http404),
        ("other_course_manager", Http404),
        ("institution_admin", Http404),
        ("learner", Http404),
        ("ncb_officer", Http404),
        ("nobody", Http404),
    ],
)
def test_get_case_for(request, name, outcome, org_case, everyone):
    user = everyone[name]
    if outcome == "shown":
        assert permissions.get_case_for(user, org_case.reference.lower()) == org_case
    else:
        with pytest.raises(outcome):
            permissions.get_case_for(user, org_case.reference)


@pytest.mark.parametrize("name", ["course_manager", "reviewer", "external"])
def test_get_case_for_writing_is_for_those_who_run_accreditation(request, name, org_case, everyone):
    with pytest.raises(PermissionDenied):
        permissions.get_case_for(everyone[name], org_case.reference, write=True)
    assert permissions.get_case_for(everyone["quality_officer"], org_case.reference, write=True) == org_case


def test_an_institution_never_sees_another_institutions_application(
    application, other_institution_admin, institution_admin
):
    services.submit_application(case=application, by=institution_admin)
    with pytest.raises(Http404):
        permissions.get_case_for(other_institution_admin, application.reference)
    assert not AccreditationCase.objects.filter(
        permissions.visible_cases_filter(other_institution_admin)
    ).exists()


def test_a_reviewer_sees_only_the_cases_assigned_to_them(
    guide, quality_officer, reviewer, external, course_manager
):
    mine = open_org_case(course_of(course_manager), quality_officer, reviewer, external)
    from tests.factories import CourseFactory

    other = open_org_case(CourseFactory(), quality_officer, None, external)
    visible = set(AccreditationCase.objects.filter(permissions.visible_cases_filter(reviewer)))
    assert visible == {mine}
    assert other in set(AccreditationCase.objects.filter(permissions.visible_cases_filter(external)))
