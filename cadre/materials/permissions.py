"""Who may submit, review, see and download which training material.

The repository (approved material) is for instructors, course managers, quality officers and
administrators. Material not (yet) approved is seen by whoever submitted it, quality officers and
administrators. Material is submitted by those who look after its course; quality officers and
administrators review it, never their own submissions.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from cadre.accounts import permissions as roles
from cadre.accounts.permissions import AnyUser
from cadre.courses import permissions as courses_permissions
from cadre.courses.models import Course
from cadre.materials.models import PENDING, Material, MaterialVersion, Review

QUALITY_OFFICER = "quality-officer"
REPOSITORY_ROLES = ("instructor", "course-manager", QUALITY_OFFICER)
Status = MaterialVersion.Status


def can_use_repository(user: AnyUser) -> bool:
    return roles.is_administrator(user) or roles.has_role(user, *REPOSITORY_ROLES)


def can_review_material(user: AnyUser) -> bool:
    """Quality officers and administrators: the review queue."""
    return roles.is_administrator(user) or roles.has_role(user, QUALITY_OFFICER)


def can_submit_material(user: AnyUser, course: Course) -> bool:
    return course.status != Course.Status.ARCHIVED and courses_permissions.looks_after(user, course)


def _submitted(user: AnyUser, material: Material) -> bool:
    return user.is_authenticated and material.submitted_by_id == user.pk


def can_view_material(user: AnyUser, material: Material) -> bool:
    if not user.is_authenticated:
        return False
    if _submitted(user, material) or can_review_material(user):
        return True
    return material.in_repository and can_use_repository(user)


def sees_everything_of(user: AnyUser, material: Material) -> bool:
    """Whether the person sees every version of the material, not only the approved ones."""
    return _submitted(user, material) or can_review_material(user)


def can_add_version(user: AnyUser, material: Material) -> bool:
    return can_view_material(user, material) and can_submit_material(user, material.course)


def can_view_version(user: AnyUser, version: MaterialVersion) -> bool:
    """Seeing (and downloading) a version: approved ones by repository users, the others by
    their submitter, quality officers and administrators."""
    if not user.is_authenticated:
        return False
    if version.submitted_by_id == user.pk or sees_everything_of(user, version.material):
        return True
    return version.was_approved and can_use_repository(user)


def can_review_version(user: AnyUser, version: MaterialVersion) -> bool:
    submitters = {version.submitted_by_id, version.material.submitted_by_id}
    return can_review_material(user) and user.pk not in submitters


def can_start_review(user: AnyUser, version: MaterialVersion) -> bool:
    return version.status == Status.SUBMITTED and can_review_version(user, version)


def can_decide_review(user: AnyUser, review: Review) -> bool:
    if not review.is_open or review.version.status != Status.IN_REVIEW:
        return False
    mine = review.reviewer_id == user.pk or roles.is_administrator(user)
    return mine and can_review_version(user, review.version)


def can_withdraw_version(user: AnyUser, version: MaterialVersion) -> bool:
    if version.status not in PENDING or not user.is_authenticated:
        return False
    return version.submitted_by_id == user.pk or roles.is_administrator(user)


def get_material_for(user: AnyUser, pk: int, *, write: bool = False) -> Material:
    """The material: Http404 when the person may not see it, PermissionDenied when they may see
    it but not add a version to it."""
    material = (
        Material.objects.select_related("course", "submitted_by", "approved_version__reviewed_by")
        .filter(pk=pk)
        .first()
    )
    if material is None or not can_view_material(user, material):
        raise Http404
    if write and not can_add_version(user, material):
        raise PermissionDenied
    return material


def get_version_for(user: AnyUser, pk: int) -> MaterialVersion:
    version = MaterialVersion.objects.select_related("material__course", "submitted_by").filter(pk=pk).first()
    if version is None or not can_view_version(user, version):
        raise Http404
    return version


def get_review_for(user: AnyUser, pk: int) -> Review:
    """A review's working page is for quality officers and administrators; submitters read the
    findings on the material's page."""
    review = (
        Review.objects.select_related("version__material__course", "version__submitted_by", "reviewer")
        .filter(pk=pk)
        .first()
    )
    if review is None or not can_review_material(user):
        raise Http404
    return review
