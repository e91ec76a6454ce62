"""Who may read and who may change the training standards.

Every signed-in person reads the edition of the Guide in force, the earlier editions and the
directives and guidelines. Quality officers (an organisation-wide role) and administrators open,
edit and publish a new edition, and revise the directives and guidelines; a draft edition is
seen only by them.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from cadre.accounts import permissions as roles
from cadre.accounts.permissions import AnyUser
from cadre.standards.models import Edition, Guideline

QUALITY_OFFICER = "quality-officer"


def can_view_standards(user: AnyUser) -> bool:
    return bool(user.is_authenticated)


def can_edit_standards(user: AnyUser) -> bool:
    """Whether the person looks after the standards: a quality officer or an administrator."""
    if not user.is_authenticated:
        return False
    return roles.is_administrator(user) or roles.has_role(user, QUALITY_OFFICER)


def can_view_edition(user: AnyUser, edition: Edition) -> bool:
    if edition.status == Edition.Status.DRAFT:
        return can_edit_standards(user)
    return can_view_standards(user)


def can_open_edition(user: AnyUser) -> bool:
    """Opening a new draft edition, copied from the one in force."""
    return can_edit_standards(user)


def can_edit_edition(user: AnyUser, edition: Edition) -> bool:
    """Only a draft changes; an edition in force or superseded stays as it was published."""
    return edition.status == Edition.Status.DRAFT and can_edit_standards(user)


def can_publish_edition(user: AnyUser, edition: Edition) -> bool:
    return can_edit_edition(user, edition)


def can_view_guideline(user: AnyUser, guideline: Guideline) -> bool:
    return can_view_standards(user)


def can_create_guideline(user: AnyUser) -> bool:
    return can_edit_standards(user)


def can_edit_guideline(user: AnyUser, guideline: Guideline) -> bool:
    """Revising makes a new version; a withdrawn document is no longer revised."""
    return guideline.status == Guideline.Status.IN_FORCE and can_edit_standards(user)


def can_withdraw_guideline(user: AnyUser, guideline: Guideline) -> bool:
    return can_edit_guideline(user, guideline)


def get_edition_for(user: AnyUser, number: int, *, write: bool = False) -> Edition:
    """The edition by its number: Http404 when the person may not see it (a draft, for anyone
    but its editors), PermissionDenied when they may see it but not change it."""
    edition = Edition.objects.filter(number=number).first()
    if edition is None or not can_view_edition(user, edition):
        raise Http404
    if write and not can_edit_edition(user, edition):
        raise PermissionDenied
    return edition


def get_guideline_for(user: AnyUser, code: str, *, write: bool = False) -> Guideline:
    guideline = Guideline.objects.filter(code=code).first()
    if guideline is None or not can_view_guideline(user, guideline):
        raise Http404
    if write and not can_edit_guideline(user, guideline):
        raise PermissionDenied
    return guideline
