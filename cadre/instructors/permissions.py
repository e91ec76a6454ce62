"""Who may see and change which instructor, candidacy and certification.

- Instructors see and edit their own profile (and follow their own candidacies).
- Course managers, certification managers and administrators see the whole pool.
- Assessors see the candidates assigned to them, and record observations of them.
- Only certification managers certify, suspend, reinstate, revoke and renew, and never their own.
- Assigning an instructor to a course is for those who look after the course; overriding the
  rule's refusal is for administrators, with a justification.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from cadre.accounts import permissions as roles
from cadre.accounts.permissions import AnyUser
from cadre.courses import permissions as course_permissions
from cadre.courses.models import Course
from cadre.instructors.models import Candidacy, Certification, Instructor

INSTRUCTOR = "instructor"
ASSESSOR = "instructor-assessor"
CERTIFICATION_MANAGER = "certification-manager"
COURSE_MANAGER = "course-manager"


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def is_certification_manager(user: AnyUser) -> bool:
    return roles.has_role(user, CERTIFICATION_MANAGER)


def is_assessor(user: AnyUser) -> bool:
    return roles.has_role(user, ASSESSOR)


def is_instructor(user: AnyUser) -> bool:
    return roles.has_role(user, INSTRUCTOR)


def sees_whole_pool(user: AnyUser) -> bool:
    """Course managers (of any course), certification managers and administrators."""
    return roles.is_administrator(user) or roles.has_role(user, CERTIFICATION_MANAGER, COURSE_MANAGER)


def can_search_pool(user: AnyUser) -> bool:
    return sees_whole_pool(user)


def can_browse_instructors(user: AnyUser) -> bool:
    return sees_whole_pool(user) or is_assessor(user)


def can_use_pool_search(user: AnyUser) -> bool:
    """The pool search: over the whole pool for those who see it, over their assigned candidates
    for assessors (as the list)."""
    return can_browse_instructors(user)


def can_view_dashboard(user: AnyUser) -> bool:
    """The instructors' dashboard: course managers see who covers which subject in which
    language; certification managers and administrators see the pipeline and expiries too."""
    return sees_whole_pool(user)


def can_view_certification_figures(user: AnyUser) -> bool:
    """The dashboard's pipeline of candidates and its certifications about to expire."""
    return roles.is_administrator(user) or is_certification_manager(user)


def can_open_instructors(user: AnyUser) -> bool:
    """Whether the navigation shows "Instructors": to those who browse, and to instructors, who
    land on their own profile."""
    return can_browse_instructors(user) or is_instructor(user)


def can_create_instructor(user: AnyUser) -> bool:
    return roles.is_administrator(user) or is_certification_manager(user)


def can_have_own_profile(user: AnyUser) -> bool:
    return is_instructor(user)


def is_own(user: AnyUser, instructor: Instructor) -> bool:
    return bool(user.is_authenticated and instructor.person_id == user.pk)


def assesses(user: AnyUser, instructor: Instructor) -> bool:
    if not user.is_authenticated or not is_assessor(user):
        return False
    return instructor.candidacies.filter(assessors=user).exists()


def can_view_instructor(user: AnyUser, instructor: Instructor) -> bool:
    return is_own(user, instructor) or sees_whole_pool(user) or assesses(user, instructor)


def can_edit_instructor(user: AnyUser, instructor: Instructor) -> bool:
    return is_own(user, instructor) or can_create_instructor(user)


def can_manage_instructor(user: AnyUser, instructor: Instructor) -> bool:
    """Changing what the person may not change about themselves: active or not, their manager."""
    return can_create_instructor(user) and not is_own(user, instructor)


# --- Candidacies ----------------------------------------------------------------------------------


def can_start_candidacy(user: AnyUser, instructor: Instructor) -> bool:
    return is_certification_manager(user) and not is_own(user, instructor)


def is_assigned_assessor(user: AnyUser, candidacy: Candidacy) -> bool:
    if not user.is_authenticated or not is_assessor(user):
        return False
    return candidacy.assessors.filter(pk=user.pk).exists()


def can_view_candidacy(user: AnyUser, candidacy: Candidacy) -> bool:
    if is_own(user, candidacy.instructor) or is_certification_manager(user) or roles.is_administrator(user):
        return True
    return is_assigned_assessor(user, candidacy)


def can_manage_candidacy(user: AnyUser, candidacy: Candidacy) -> bool:
    """Assigning assessors and withdrawing."""
    return candidacy.is_open and can_start_candidacy(user, candidacy.instructor)


def can_withdraw_candidacy(user: AnyUser, candidacy: Candidacy) -> bool:
    """Certification managers withdraw an open candidacy; candidates withdraw their own."""
    return can_manage_candidacy(user, candidacy) or (candidacy.is_open and is_own(user, candidacy.instructor))


def can_view_assessed_candidacies(user: AnyUser) -> bool:
    """The "My candidates" page: assessors, who see there the candidacies assigned to them."""
    return is_assessor(user)


def can_submit_evidence(user: AnyUser, candidacy: Candidacy) -> bool:
    if not candidacy.is_open:
        return False
    return is_own(user, candidacy.instructor) or can_confirm_stage(user, candidacy)


def can_confirm_stage(user: AnyUser, candidacy: Candidacy) -> bool:
    if not candidacy.is_open or is_own(user, candidacy.instructor):
        return False
    return is_certification_manager(user) or is_assigned_assessor(user, candidacy)


def can_record_observation(user: AnyUser, instructor: Instructor, candidacy: Candidacy | None = None) -> bool:
    """Assessors observe the candidates assigned to them (or, outside a candidacy, any certified
    instructor); nobody observes themselves."""
    if is_own(user, instructor) or not is_assessor(user):
        return False
    if candidacy is None:
        return True
    return candidacy.is_open and is_assigned_assessor(user, candidacy)


# --- Certifications -------------------------------------------------------------------------------


def can_certify(user: AnyUser, candidacy: Candidacy) -> bool:
    return candidacy.is_open and is_certification_manager(user) and not is_own(user, candidacy.instructor)


def can_change_certification(user: AnyUser, certification: Certification) -> bool:
    """Suspending, reinstating, revoking and renewing."""
    return is_certification_manager(user) and not is_own(user, certification.instructor)


def can_view_certification(user: AnyUser, certification: Certification) -> bool:
    return can_view_instructor(user, certification.instructor)


# --- Assignments ----------------------------------------------------------------------------------


def can_assign_instructor(user: AnyUser, course: Course) -> bool:
    return course_permissions.looks_after(user, course)


def can_override_rule(user: AnyUser) -> bool:
    return roles.is_administrator(user)


# --- Lookups that answer 404 for what one may not see and 403 for what one may not change -------


def get_instructor_for(user: AnyUser, pk: int, *, write: bool = False) -> Instructor:
    instructor = (
        Instructor.objects.select_related("person", "home_country__region", "institution", "manager")
        .filter(pk=pk)
        .first()
    )
    if instructor is None or not can_view_instructor(user, instructor):
        raise Http404
    if write and not can_edit_instructor(user, instructor):
        raise PermissionDenied
    return instructor


def get_certification_for(user: AnyUser, pk: int, *, write: bool = False) -> Certification:
    certification = (
        Certification.objects.select_related("instructor__person", "level", "issued_by").filter(pk=pk).first()
    )
    if certification is None or not can_view_certification(user, certification):
        raise Http404
    if write and not can_change_certification(user, certification):
        raise PermissionDenied
    return certification


def get_candidacy_for(user: AnyUser, pk: int) -> Candidacy:
    candidacy = Candidacy.objects.select_related("instructor__person", "level").filter(pk=pk).first()
    if candidacy is None or not can_view_candidacy(user, candidacy):
        raise Http404
    return candidacy
