"""The accreditation pages, as each persona sees them."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from cadre.accreditation import services
from cadre.accreditation.models import AccreditationCase, Certificate, Evidence, Finding
from cadre.accreditation.tests.factories import (
    APPLICATION,
    course_of,
    open_org_case,
    rate_all,
    step_of,
    submit_with_evidence,
)
from cadre.courses.models import Course
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


def references(response) -> set[str]:
    return {case.reference for case in response.context["page"].object_list}


# --- The list -----------------------------------------------------------------------------------


def test_each_persona_lists_the_cases_they_may_see(
    client: Client,
    org_case,
    application,
    quality_officer,
    reviewer,
    unassigned_reviewer,
    course_manager,
    other_course_manager,
    institution_admin,
    other_institution_admin,
):
    url = reverse("accreditation:cases")
    expected = {
        quality_officer: {org_case.reference},  # the academy's draft is still its own
        reviewer: {org_case.reference},
        unassigned_reviewer: set(),
        course_manager: {org_case.reference},
        other_course_manager: set(),
        institution_admin: {application.reference},
        other_institution_admin: set(),
    }
    for person, seen in expected.items():
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200
        assert references(response) == seen, person


@pytest.mark.parametrize("persona", ["learner", "ncb_officer", "nobody", "dpo"])
def test_people_without_accreditation_work_are_refused_the_list(client: Client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("accreditation:cases")).status_code == 403
    assert client.get(reverse("accreditation:certificates")).status_code == 403


def test_the_list_filters_and_stays_within_a_few_queries(
    client: Client,
    guide,
    quality_officer,
    reviewer,
    external,
    django_assert_max_num_queries: DjangoAssertNumQueries,
):
    for _ in range(30):
        open_org_case(CourseFactory(), quality_officer, reviewer, external)
    client.force_login(quality_officer)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("accreditation:cases"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 25
    filtered = client.get(
        reverse("accreditation:cases"), {"status": "in_review", "step": "analysis", "kind": "organisation"}
    )
    assert filtered.context["page"].paginator.count == 30
    assert (
        client.get(reverse("accreditation:cases"), {"status": "decided"}).context["page"].paginator.count == 0
    )
    assert client.get(reverse("accreditation:cases"), {"status": "nonsense"}).status_code == 200


def test_the_case_page_stays_within_a_few_queries(
    client: Client, org_case, course_manager, reviewer, external, django_assert_max_num_queries
):
    submit_with_evidence(org_case, "analysis", course_manager)
    rate_all(org_case, "analysis", reviewer)
    rate_all(org_case, "analysis", external, Finding.Rating.PARTLY_MET)
    services.add_comment(step=step_of(org_case, "analysis"), by=external, body="Solid survey.")
    client.force_login(reviewer)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("accreditation:case_step", args=[org_case.reference, "analysis"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Solid survey." in body
    assert "Partly met" in body
    assert 'aria-current="step"' in body


# --- The flow through the pages ----------------------------------------------------------------


def test_a_course_manager_asks_for_accreditation_of_their_course(client: Client, guide, course_manager):
    course = course_of(course_manager)
    client.force_login(course_manager)
    page = client.get(reverse("accreditation:open_case"), {"course": course.code})
    assert page.status_code == 200
    assert page.context["form"]["course"].initial == course
    response = client.post(reverse("accreditation:open_case"), {"course": course.pk})
    case = AccreditationCase.objects.get(course=course)
    assert response.status_code == 302
    assert response["Location"] == reverse("accreditation:case", args=[case.reference])


def test_an_institution_applies_through_the_form(client: Client, guide, institution_admin, academy):
    client.force_login(institution_admin)
    response = client.post(reverse("accreditation:apply"), {**APPLICATION, "institution": academy.pk})
    case = AccreditationCase.objects.get(institution=academy)
    assert response.status_code == 302
    assert case.status == AccreditationCase.Status.DRAFT
    response = client.post(reverse("accreditation:submit_application", args=[case.reference]))
    case.refresh_from_db()
    assert case.status == AccreditationCase.Status.SUBMITTED


def test_an_application_without_a_title_says_so(client: Client, guide, institution_admin, academy):
    client.force_login(institution_admin)
    response = client.post(reverse("accreditation:apply"), {"institution": academy.pk})
    assert response.status_code == 400
    assert "Give the title of the course" in response.content.decode()
    assert not AccreditationCase.objects.exists()


def test_evidence_is_uploaded_and_downloaded_as_an_attachment(client: Client, org_case, course_manager):
    client.force_login(course_manager)
    url = reverse("accreditation:upload_evidence", args=[org_case.reference, "analysis"])
    upload = SimpleUploadedFile("needs.txt", b"Needs of 40 countries\n", content_type="text/plain")
    response = client.post(url, {"title": "Needs survey", "file": upload})
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    download = client.get(reverse("accreditation:evidence", args=[evidence.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == b"Needs of 40 countries\n"


def test_an_executable_renamed_pdf_is_refused(client: Client, org_case, course_manager):
    client.force_login(course_manager)
    url = reverse("accreditation:upload_evidence", args=[org_case.reference, "analysis"])
    program = (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
        + b"\x00" * 48
        + b"PE\x00\x00"
        + b"\x00" * 200
    )
    response = client.post(url, {"title": "Syllabus", "file": SimpleUploadedFile("syllabus.pdf", program)})
    assert response.status_code == 400
    assert "never accepted" in response.content.decode() or "Windows program" in response.content.decode()
    assert not Evidence.objects.exists()


@pytest.mark.parametrize(
    "persona", ["unassigned_reviewer", "other_course_manager", "learner", "ncb_officer_elsewhere"]
)
def test_evidence_is_hidden_from_those_outside_the_case(
    client: Client, request, org_case, course_manager, persona
):
    step = submit_with_evidence(org_case, "analysis", course_manager)
    evidence = step.evidence.get()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("accreditation:evidence", args=[evidence.pk])).status_code == 404
    assert client.get(reverse("accreditation:case", args=[org_case.reference])).status_code == 404


def test_a_reviewer_records_findings_through_the_form(client: Client, org_case, course_manager, reviewer):
    submit_with_evidence(org_case, "design", course_manager)
    criteria = services.criteria_of(step_of(org_case, "design"))
    client.force_login(reviewer)
    data = {f"rating_{c.pk}": "met" for c in criteria} | {f"comment_{criteria[0].pk}": "Clear outcomes."}
    response = client.post(
        reverse("accreditation:record_findings", args=[org_case.reference, "design"]), data
    )
    assert response.status_code == 302
    assert Finding.objects.filter(reviewer=reviewer).count() == len(criteria)
    bad = client.post(
        reverse("accreditation:record_findings", args=[org_case.reference, "design"]),
        {f"rating_{criteria[0].pk}": "superb"},
    )
    assert bad.status_code == 400


def test_the_decision_page_lists_what_is_missing(client: Client, org_case, quality_officer):
    client.force_login(quality_officer)
    response = client.get(reverse("accreditation:decide", args=[org_case.reference]))
    assert response.status_code == 200
    assert "These steps are not reviewed yet" in response.content.decode()


def test_deciding_through_the_page(client: Client, ready_case, quality_officer, course_manager):
    client.force_login(quality_officer)
    url = reverse("accreditation:decide", args=[ready_case.reference])
    refused = client.post(url, {"outcome": "conditional", "conditions": "Add a module."})
    assert refused.status_code == 400
    assert "Give the date by which the conditions must be met." in refused.content.decode()
    deadline = (timezone.localdate() + timedelta(days=60)).isoformat()
    response = client.post(
        url, {"outcome": "conditional", "conditions": "Add a module.", "conditions_deadline": deadline}
    )
    assert response.status_code == 302
    assert Course.objects.get(owner=course_manager).is_accredited


def test_the_course_manager_cannot_decide(client: Client, ready_case, course_manager):
    client.force_login(course_manager)
    assert (
        client.post(
            reverse("accreditation:decide", args=[ready_case.reference]), {"outcome": "accredited"}
        ).status_code
        == 403
    )


# --- Certificates and verification ---------------------------------------------------------------


def test_the_certificate_page_links_the_four_pdfs(client: Client, certificate, course_manager):
    client.force_login(course_manager)
    response = client.get(reverse("accreditation:certificate", args=[certificate.code]))
    body = response.content.decode()
    for language in ("ar", "en", "fr", "es"):
        assert f"pdf/?language={language}" in body
    assert reverse("accreditation_public:verify", args=[certificate.code]) in body


def verify(client: Client, code: str):
    return client.get(reverse("accreditation_public:verify", args=[code]))


def test_the_public_page_confirms_a_valid_certificate_without_personal_data(
    client: Client, certificate, course_manager
):
    response = verify(client, certificate.code.lower())
    body = response.content.decode()
    assert response.status_code == 200
    assert "genuine and valid" in body
    assert certificate.course_title in body
    assert course_manager.family_name not in body
    assert course_manager.email not in body
    assert "noindex" in response["X-Robots-Tag"]


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (Certificate.Status.EXPIRED, "expired on"),
        (Certificate.Status.REVOKED, "was revoked"),
        (Certificate.Status.SUPERSEDED, "replaced by a re-accreditation"),
    ],
)
def test_the_public_page_says_when_a_certificate_no_longer_holds(client: Client, certificate, status, words):
    Certificate.objects.filter(pk=certificate.pk).update(status=status)
    response = verify(client, certificate.code)
    assert response.status_code == 200
    assert words in response.content.decode()


def test_a_certificate_past_its_end_reads_expired_before_the_review_runs(client: Client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    assert "expired on" in verify(client, certificate.code).content.decode()


def test_an_unknown_code_is_said_clearly(client: Client, db):
    response = verify(client, "ZZZZZZZZZZ")
    assert response.status_code == 404
    body = response.content.decode()
    assert "No accreditation certificate has the code" in body
    assert 'name="code"' in body


def test_the_lookup_form_leads_to_the_certificate(client: Client, certificate):
    typed = f" {certificate.code[:5].lower()}-{certificate.code[5:]} "
    response = client.get(reverse("accreditation_public:lookup"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("accreditation_public:verify", args=[certificate.code])
    assert client.get(reverse("accreditation_public:lookup")).status_code == 200


def test_revoking_through_the_page(client: Client, certificate, quality_officer):
    client.force_login(quality_officer)
    url = reverse("accreditation:revoke", args=[certificate.code])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Plagiarised materials."}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED


def test_the_navigation_offers_accreditation_to_those_with_cases(client: Client, quality_officer, learner):
    client.force_login(quality_officer)
    assert reverse("accreditation:cases") in client.get(reverse("portal:dashboard")).content.decode()
    client.force_login(learner)
    assert reverse("accreditation:cases") not in client.get(reverse("portal:dashboard")).content.decode()


def test_the_case_page_works_in_arabic(client: Client, org_case, reviewer):
    type(reviewer).objects.filter(pk=reviewer.pk).update(preferred_language="ar")
    client.force_login(reviewer)
    response = client.get(reverse("accreditation:case", args=[org_case.reference]))
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


# --- The API -----------------------------------------------------------------------------------


def test_the_api_verifies_a_certificate_publicly(client: Client, certificate):
    response = client.get(f"/api/v1/accreditation/certificates/{certificate.code}")
    assert response.status_code == 200
    data = response.json()
    assert data["code"] == certificate.code
    assert data["status"] == "valid"
    assert set(data) == {
        "code",
        "course_title",
        "institution",
        "outcome",
        "conditions",
        "conditions_deadline",
        "valid_from",
        "valid_until",
        "status",
    }
    assert client.get("/api/v1/accreditation/certificates/NOPE").status_code == 404


def test_the_api_lists_only_the_cases_one_may_see(client: Client, org_case, reviewer, unassigned_reviewer):
    assert client.get("/api/v1/accreditation/cases").status_code == 401
    client.force_login(reviewer)
    assert [item["reference"] for item in client.get("/api/v1/accreditation/cases").json()["items"]] == [
        org_case.reference
    ]
    client.force_login(unassigned_reviewer)
    assert client.get("/api/v1/accreditation/cases").json()["items"] == []
