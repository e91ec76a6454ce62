"""Who may see and change which course.

Published courses are read by every signed-in person, and by visitors when the organisation
made them public. Drafts and archived courses are seen only by those who look after them: the
course's owner, a course manager scoped to it (or organisation-wide) and administrators.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from cadre.accounts import permissions as roles
from cadre.accounts.models import ScopeKind
from cadre.accounts.permissions import AnyUser
from cadre.courses.models import Course

COURSE_MANAGER = "course-manager"
Status = Course.Status


def can_create_course(user: AnyUser) -> bool:
    return roles.is_administrator(user) or roles.has_role(user, COURSE_MANAGER)


def looks_after(user: AnyUser, course: Course) -> bool:
    if not user.is_authenticated:
        return False
    if roles.is_administrator(user) or course.owner_id == user.pk:
        return True
    return roles.has_role(user, COURSE_MANAGER, scope=course)


def can_view_course(user: AnyUser, course: Course) -> bool:
    if course.status == Status.PUBLISHED and (user.is_authenticated or course.is_public):
        return True
    return looks_after(user, course)


def can_edit_course(user: AnyUser, course: Course) -> bool:
    return course.status != Status.ARCHIVED and looks_after(user, course)


def can_publish_course(user: AnyUser, course: Course) -> bool:
    return course.status == Status.DRAFT and looks_after(user, course)


def can_archive_course(user: AnyUser, course: Course) -> bool:
    return course.status == Status.PUBLISHED and looks_after(user, course)


def can_set_public_flag(user: AnyUser) -> bool:
    """Whether a course shows in the public catalogue is the organisation's decision."""
    return roles.is_administrator(user)


def looked_after_filter(user: AnyUser) -> Q:
    """The courses a person looks after, as a filter (nothing for visitors)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if roles.is_administrator(user) or roles.holds_organisation_wide(user, COURSE_MANAGER):
        return Q()
    return Q(owner_id=user.pk) | Q(pk__in=roles.scope_ids(user, COURSE_MANAGER, kind=ScopeKind.COURSE))


def get_course_for(user: AnyUser, pk_or_code: int | str, *, write: bool = False) -> Course:
    """The course by id or code: Http404 when the person may not see it, PermissionDenied when
    they may see it but not change it."""
    lookup = Q(pk=pk_or_code) if isinstance(pk_or_code, int) else Q(code=pk_or_code)
    course = (
        Course.objects.select_related("course_type", "delivery_mode", "programme", "owner", "institution")
        .filter(lookup)
        .first()
    )
    if course is None or not can_view_course(user, course):
        raise Http404
    if write and not can_edit_course(user, course):
        raise PermissionDenied
    return course
