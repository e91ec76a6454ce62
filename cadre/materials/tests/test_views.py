"""The pages: the repository, the queue, submissions, reviews and downloads."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from cadre.accounts.models import User
from cadre.courses.models import Course
from cadre.directory.models import CrimeArea
from cadre.materials.models import Material, MaterialVersion, Review, ReviewFinding
from cadre.materials.tests.conftest import (
    exe_upload,
    pdf_upload,
    stored_files,
    version_of,
    zip_slip_upload,
)
from cadre.standards.models import Criterion
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db
Status = MaterialVersion.Status


def make_rows(count: int, *, submitted_by: User, status: str, reviewer: User | None = None) -> list[Material]:
    """Material straight in the database (the files are not read by the list pages)."""
    area = CrimeArea.objects.get(code="cybercrime")
    made = []
    for number in range(count):
        course = CourseFactory()
        material = Material.objects.create(
            course=course, title=f"Module {number}", kind="document", language="en", submitted_by=submitted_by
        )
        material.crime_areas.add(area)
        version = MaterialVersion.objects.create(
            material=material,
            number=1,
            file=f"materials/row-{number}.pdf",
            original_name="a.pdf",
            safe_name="a.pdf",
            size=10,
            mime="application/pdf",
            sha256="0" * 64,
            submitted_by=submitted_by,
            status=status,
            reviewed_by=reviewer,
            reviewed_at=timezone.now() if reviewer else None,
        )
        if status == Status.APPROVED:
            Material.objects.filter(pk=material.pk).update(
                approved_version=version, approved_at=timezone.now()
            )
        if status == Status.IN_REVIEW:
            Review.objects.create(version=version, reviewer=reviewer)
        made.append(material)
    return made


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("learner", 403),
        ("ncb_officer", 403),
        ("nobody", 403),
        ("instructor", 200),
        ("course_manager", 200),
        ("quality_officer", 200),
        ("administrator", 200),
    ],
)
def test_who_may_use_the_repository(client: Client, request, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("materials:repository")).status_code == status


def test_the_repository_lists_approved_material_with_bounded_queries(
    client: Client, instructor, quality_officer, course_manager, django_assert_max_num_queries
):
    make_rows(30, submitted_by=course_manager, status=Status.APPROVED, reviewer=quality_officer)
    make_rows(2, submitted_by=course_manager, status=Status.SUBMITTED)
    client.force_login(instructor)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("materials:repository"), {"crime_area": "cybercrime", "language": "en"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 30
    assert len(response.context["page"].object_list) == 20


def test_the_repository_filters_and_searches(client: Client, instructor, approved, course):
    client.force_login(instructor)
    url = reverse("materials:repository")
    found = lambda **query: list(client.get(url, query).context["page"].object_list)  # noqa: E731
    assert found(q="approved hand") == [approved]
    assert found(q="nothing like it") == []
    assert found(course=course.code, kind="document", language="en") == [approved]
    assert found(language="fr") == []
    assert found(kind="video") == []
    response = client.get(url, {"course": "atlantis", "page": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors["course"]


def test_the_repository_in_arabic(client: Client, instructor, approved):
    client.force_login(instructor)
    with translation.override("ar"):
        url = reverse("materials:repository")
    client.cookies["cadre_language"] = "ar"
    response = client.get(url)
    body = response.content.decode()
    assert 'dir="rtl"' in body
    assert approved.title in body


def test_the_queue_lists_waiting_versions_oldest_first_with_bounded_queries(
    client: Client, quality_officer, course_manager, django_assert_max_num_queries
):
    rows = make_rows(20, submitted_by=course_manager, status=Status.SUBMITTED)
    make_rows(10, submitted_by=course_manager, status=Status.IN_REVIEW, reviewer=quality_officer)
    make_rows(3, submitted_by=course_manager, status=Status.APPROVED, reviewer=quality_officer)
    client.force_login(quality_officer)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("materials:queue"))
    page = response.context["page"]
    assert page.paginator.count == 30
    assert page.object_list[0].material == rows[0]
    response = client.get(reverse("materials:queue"), {"status": "in_review"})
    assert response.context["page"].paginator.count == 10


@pytest.mark.parametrize("persona", ["learner", "instructor", "course_manager", "ncb_officer"])
def test_only_reviewers_see_the_queue(client: Client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("materials:queue")).status_code == 403


def form_data(course: Course, **overrides) -> dict:
    data = {
        "course": course.code,
        "title": "Handbook for first responders",
        "kind": "document",
        "language": "en",
        "crime_areas": [CrimeArea.objects.get(code="cybercrime").pk],
        "file": pdf_upload(),
    }
    data.update(overrides)
    return data


def test_a_course_manager_submits_material(client: Client, course_manager, course, settings):
    client.force_login(course_manager)
    page = client.get(reverse("materials:submit"), {"course": course.code})
    assert page.status_code == 200
    response = client.post(reverse("materials:submit"), form_data(course))
    material = Material.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("materials:material", args=[material.pk])
    assert len(stored_files(settings)) == 1
    mine = client.get(reverse("materials:mine"))
    assert material.title in mine.content.decode()
    assert "Submitted" in mine.content.decode()


@pytest.mark.parametrize(
    ("kind", "upload", "words"),
    [("document", exe_upload, "Windows program"), ("package", zip_slip_upload, "..")],
)
def test_refused_uploads_show_why_and_store_nothing(
    client: Client, course_manager, course, settings, kind, upload, words
):
    client.force_login(course_manager)
    response = client.post(reverse("materials:submit"), form_data(course, kind=kind, file=upload()))
    assert response.status_code == 400
    errors = response.context["form"].errors["file"]
    assert errors
    assert words in " ".join(errors)
    assert words in response.content.decode()
    assert stored_files(settings) == []
    assert not Material.objects.exists()


def test_course_managers_of_other_courses_cannot_submit_for_this_one(
    client: Client, other_course_manager, course, learner
):
    client.force_login(other_course_manager)
    response = client.post(reverse("materials:submit"), form_data(course))
    assert response.status_code == 400
    assert "course" in response.context["form"].errors
    client.force_login(learner)
    assert client.get(reverse("materials:submit")).status_code == 403


def test_download_is_an_attachment_that_is_not_sniffed(client: Client, instructor, approved, learner):
    client.force_login(instructor)
    response = client.get(reverse("materials:download", args=[approved.approved_version_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    client.force_login(learner)
    assert client.get(reverse("materials:download", args=[approved.approved_version_id])).status_code == 404


def test_unapproved_files_are_downloaded_by_the_submitter_and_reviewers_only(
    client: Client, pending, course_manager, quality_officer, instructor
):
    url = reverse("materials:download", args=[version_of(pending).pk])
    for person, status in ((course_manager, 200), (quality_officer, 200), (instructor, 404)):
        client.force_login(person)
        assert client.get(url).status_code == status


def test_the_material_page_shows_who_approved_what_and_the_findings(
    client: Client, instructor, approved, quality_officer
):
    client.force_login(instructor)
    body = client.get(reverse("materials:material", args=[approved.pk])).content.decode()
    assert quality_officer.display_name in body
    assert "Meets" in body
    assert "Test criterion 1" in body


def test_a_review_through_the_pages(client: Client, pending, quality_officer, course_manager, guide):
    version = version_of(pending)
    client.force_login(quality_officer)
    response = client.post(reverse("materials:start_review", args=[version.pk]))
    review = Review.objects.get(version=version)
    assert response.url == reverse("materials:review", args=[review.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    chosen = list(review.criteria.all())
    findings = {f"rating_{criterion.pk}": "meets" for criterion in chosen}
    findings[f"rating_{guide[0].pk}"] = ReviewFinding.Rating.DOES_NOT_MEET
    refused = client.post(response.url, {**findings, "outcome": "approved", "action": "decide"})
    assert refused.status_code == 400
    assert "cannot be approved" in refused.content.decode()
    assert version_of(pending).status == Status.IN_REVIEW
    no_comments = client.post(response.url, {**findings, "outcome": "returned", "action": "decide"})
    assert no_comments.status_code == 400
    assert "comments" in no_comments.content.decode()
    saved = client.post(response.url, {**findings, "action": "save"})
    assert saved.status_code == 302
    assert review.findings.count() == len(chosen)
    decided = client.post(
        response.url, {**findings, "outcome": "returned", "comments": "Fix it.", "action": "decide"}
    )
    assert decided.status_code == 302
    assert version_of(pending).status == Status.RETURNED
    client.force_login(course_manager)
    body = client.get(reverse("materials:material", args=[pending.pk])).content.decode()
    assert "Fix it." in body


def test_choosing_criteria_through_the_page(client: Client, pending, quality_officer, guide):
    client.force_login(quality_officer)
    client.post(reverse("materials:start_review", args=[version_of(pending).pk]))
    review = Review.objects.get()
    response = client.post(
        reverse("materials:review_criteria", args=[review.pk]), {"criteria": [guide[2].pk]}
    )
    assert response.status_code == 302
    assert list(review.criteria.all()) == [guide[2]]
    assert isinstance(guide[2], Criterion)


def test_withdrawing_and_a_new_version_through_the_pages(client: Client, pending, course_manager, settings):
    client.force_login(course_manager)
    version = version_of(pending)
    assert client.get(reverse("materials:add_version", args=[pending.pk])).status_code == 200
    refused = client.post(reverse("materials:add_version", args=[pending.pk]), {"file": pdf_upload()})
    assert refused.status_code == 400
    client.post(reverse("materials:withdraw", args=[version.pk]))
    assert version_of(pending).status == Status.WITHDRAWN
    response = client.post(
        reverse("materials:add_version", args=[pending.pk]), {"file": pdf_upload(), "note": "v2"}
    )
    assert response.status_code == 302
    assert version_of(pending, 2).note == "v2"
    assert len(stored_files(settings)) == 2


def test_my_submissions_are_listed_with_bounded_queries(
    client: Client, course_manager, quality_officer, django_assert_max_num_queries
):
    make_rows(15, submitted_by=course_manager, status=Status.RETURNED, reviewer=quality_officer)
    make_rows(15, submitted_by=course_manager, status=Status.SUBMITTED)
    client.force_login(course_manager)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("materials:mine"))
    assert response.context["page"].paginator.count == 30
    assert "Returned" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "shown"),
    [("instructor", True), ("quality_officer", True), ("learner", False), ("ncb_officer", False)],
)
def test_the_navigation_shows_material_to_repository_users(client: Client, request, persona, shown):
    client.force_login(request.getfixturevalue(persona))
    body = client.get(reverse("portal:dashboard")).content.decode()
    assert (f'href="{reverse("materials:repository")}"' in body) is shown
