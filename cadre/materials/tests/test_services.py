"""Submitting, reviewing, approving, returning and withdrawing material: the services."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.audit.models import AuditEntry
from cadre.materials import selectors, services
from cadre.materials.models import Material, MaterialVersion, Review, ReviewFinding
from cadre.materials.tests.conftest import (
    all_meet,
    approve,
    exe_upload,
    give_back,
    package_upload,
    pdf_upload,
    stored_files,
    submit,
    version_of,
    zip_slip_upload,
)

pytestmark = pytest.mark.django_db
Status = MaterialVersion.Status
Outcome = Review.Outcome
Rating = ReviewFinding.Rating


def test_submitting_stores_the_checked_file_under_a_random_name(course_manager, course, settings):
    material = submit(course_manager, course, title="Handbook", upload=pdf_upload("My Handbook (final).PDF"))
    version = version_of(material)
    assert version.number == 1
    assert version.status == Status.SUBMITTED
    assert version.mime == "application/pdf"
    assert version.size == version.file.size
    assert len(version.sha256) == 64
    assert version.original_name == "My Handbook (final).PDF"
    assert version.file.name.startswith("materials/")
    assert "Handbook" not in version.file.name
    assert version.file.name.endswith(".pdf")
    assert stored_files(settings) == [version.file.name]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"materials.submitted", "materials.version_submitted"} <= actions


@pytest.mark.parametrize(
    ("kind", "upload", "words"),
    [
        (Material.Kind.DOCUMENT, exe_upload, "program"),
        (Material.Kind.PACKAGE, zip_slip_upload, ""),
        (Material.Kind.VIDEO, pdf_upload, ""),
        (Material.Kind.PACKAGE, pdf_upload, ""),
    ],
)
def test_refused_files_are_not_stored(course_manager, course, settings, kind, upload, words):
    with pytest.raises(ValidationError) as refused:
        submit(course_manager, course, kind=kind, upload=upload())
    message = " ".join(refused.value.messages)
    assert message
    assert words in message.lower()
    assert stored_files(settings) == []
    assert not Material.objects.exists()


def test_size_limits_depend_on_the_kind(course_manager, course, settings):
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="largest accepted"):
        submit(course_manager, course, upload=pdf_upload())
    assert stored_files(settings) == []
    settings.MATERIAL_PACKAGE_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="largest accepted"):
        submit(course_manager, course, kind=Material.Kind.PACKAGE, upload=package_upload())
    assert services.max_bytes_for(Material.Kind.VIDEO) == settings.UPLOAD_VIDEO_MAX_BYTES
    assert services.max_bytes_for(Material.Kind.SLIDES) == 100


def test_an_e_learning_package_is_accepted(course_manager, course):
    material = submit(course_manager, course, kind=Material.Kind.PACKAGE, upload=package_upload())
    assert version_of(material).mime == "application/zip"


def test_only_those_who_look_after_the_course_submit(other_course_manager, course, settings):
    with pytest.raises(PermissionDenied):
        submit(other_course_manager, course)
    assert stored_files(settings) == []


def test_bad_values_are_refused(course_manager, course):
    with pytest.raises(ValidationError):
        submit(course_manager, course, title="  ")
    with pytest.raises(ValidationError):
        submit(course_manager, course, language="de")
    assert not Material.objects.exists()


def test_a_review_starts_with_the_criteria_for_material(pending, quality_officer, guide):
    review = services.start_review(by=quality_officer, version=version_of(pending))
    chosen = set(review.criteria.all())
    assert {guide[0], guide[1]} <= chosen
    assert guide[2] not in chosen
    assert version_of(pending).status == Status.IN_REVIEW
    assert review.reviewer == quality_officer
    with pytest.raises(ValidationError):
        services.start_review(by=quality_officer, version=version_of(pending))


def test_choosing_criteria_drops_the_findings_of_those_left_out(pending, quality_officer, guide):
    review = services.start_review(by=quality_officer, version=version_of(pending))
    services.record_findings(by=quality_officer, review=review, findings=all_meet(review))
    services.choose_criteria(by=quality_officer, review=review, criteria=[guide[2]])
    assert list(review.criteria.all()) == [guide[2]]
    assert not review.findings.exists()


def test_returning_needs_comments(pending, quality_officer):
    review = services.start_review(by=quality_officer, version=version_of(pending))
    with pytest.raises(ValidationError, match="comments"):
        services.decide_review(
            by=quality_officer,
            review=review,
            outcome=Outcome.RETURNED,
            comments=" ",
            findings=all_meet(review),
        )
    assert version_of(pending).status == Status.IN_REVIEW


def test_every_chosen_criterion_is_rated_before_deciding(pending, quality_officer, guide):
    review = services.start_review(by=quality_officer, version=version_of(pending))
    with pytest.raises(ValidationError, match=guide[0].number):
        services.decide_review(by=quality_officer, review=review, outcome=Outcome.APPROVED)


def test_material_that_does_not_meet_a_criterion_is_not_approved(pending, quality_officer, guide):
    review = services.start_review(by=quality_officer, version=version_of(pending))
    with pytest.raises(ValidationError) as refused:
        services.decide_review(
            by=quality_officer,
            review=review,
            outcome=Outcome.APPROVED,
            findings=all_meet(review, failing=[guide[1].pk]),
        )
    assert guide[1].number in " ".join(refused.value.messages)
    assert "Return it with comments" in " ".join(refused.value.messages)
    assert version_of(pending).status == Status.IN_REVIEW
    assert not Material.objects.get(pk=pending.pk).in_repository


def test_returning_tells_the_submitter_in_their_language(
    pending, quality_officer, course_manager, django_capture_on_commit_callbacks
):
    course_manager.preferred_language = "fr"
    course_manager.save(update_fields=["preferred_language"])
    review = services.start_review(by=quality_officer, version=version_of(pending))
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_review(
            by=quality_officer,
            review=review,
            outcome=Outcome.RETURNED,
            comments="Les diapositives 12 à 15 montrent des données réelles.",
            findings=all_meet(review),
        )
    version = version_of(pending)
    assert version.status == Status.RETURNED
    assert version.reviewed_by == quality_officer
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [course_manager.email]
    assert "Les diapositives 12 à 15" in mail.outbox[0].body
    assert "Pending slides" in mail.outbox[0].subject


def test_a_returned_version_is_followed_by_a_new_one_in_the_queue(pending, quality_officer, course_manager):
    give_back(version_of(pending), quality_officer)
    second = services.submit_version(by=course_manager, material=pending, upload=pdf_upload(), note="Fixed.")
    assert second.number == 2
    assert second.status == Status.SUBMITTED
    assert list(selectors.queue_for(quality_officer)) == [second]
    with pytest.raises(ValidationError, match="already waiting"):
        services.submit_version(by=course_manager, material=pending, upload=pdf_upload())


def test_approving_supersedes_the_version_approved_before(approved, quality_officer, course_manager):
    first = approved.approved_version
    second = services.submit_version(by=course_manager, material=approved, upload=pdf_upload(text="Second"))
    approve(second, quality_officer)
    approved.refresh_from_db()
    first.refresh_from_db()
    assert approved.approved_version == second
    assert first.status == Status.SUPERSEDED
    assert MaterialVersion.objects.get(pk=second.pk).status == Status.APPROVED
    assert "materials.version_superseded" in AuditEntry.objects.values_list("action", flat=True)


def test_the_submitter_withdraws_a_version_under_review(pending, quality_officer, course_manager, instructor):
    version = version_of(pending)
    with pytest.raises(ValidationError):
        services.withdraw_version(by=instructor, version=version)
    services.start_review(by=quality_officer, version=version)
    services.withdraw_version(by=course_manager, version=version)
    assert version_of(pending).status == Status.WITHDRAWN
    assert list(selectors.queue_for(quality_officer)) == []
    with pytest.raises(ValidationError):
        services.withdraw_version(by=course_manager, version=version)
    assert services.submit_version(by=course_manager, material=pending, upload=pdf_upload()).number == 2


def test_a_closed_review_is_not_decided_again(approved, quality_officer):
    review = Review.objects.get(version=approved.approved_version)
    with pytest.raises(ValidationError):
        services.decide_review(by=quality_officer, review=review, outcome=Outcome.RETURNED, comments="No.")
