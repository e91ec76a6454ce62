"""Who may see, download, revoke and re-issue a certificate: a table for each permission."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cadre.accounts.models import User
from cadre.certificates import permissions
from cadre.certificates.models import Certificate
from cadre.certificates.tests.conftest import Issue
from conftest import person_with
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
VALID, REVOKED, REPLACED = Certificate.Status.VALID, Certificate.Status.REVOKED, Certificate.Status.REPLACED

# persona -> (view, manage); download, revoke and re-issue follow from these and the status.
WHO = {
    "holder": (True, False),
    "learner": (False, False),  # another learner of the holder's country
    "course_manager": (True, True),  # looks after the certificate's course
    "other_course_manager": (False, False),
    "administrator": (True, True),
    "ncb_officer": (True, False),  # the NCB of the holder's country
    "ncb_head": (True, False),
    "ncb_officer_elsewhere": (False, False),
    "regional_officer": (False, False),
    "nobody": (False, False),
    ANONYMOUS: (False, False),
}


@pytest.fixture
def other_course_manager(kenya: Any) -> User:
    """Looks after another course (and owns it), not the certificate's."""
    other = CourseFactory()
    user = person_with("course-manager", other, country=kenya)
    other.owner = user
    other.save(update_fields=["owner"])
    return user


def persona(request: pytest.FixtureRequest, name: str) -> Any:
    return AnonymousUser() if name == ANONYMOUS else request.getfixturevalue(name)


def with_status(certificate: Certificate, status: str) -> Certificate:
    certificate.status = status
    return certificate


@pytest.mark.parametrize("name", WHO)
def test_who_may_view_and_manage(request: pytest.FixtureRequest, certificate: Certificate, name: str) -> None:
    user = persona(request, name)
    view, manage = WHO[name]
    assert permissions.can_view_certificate(user, certificate) is view
    assert permissions.can_manage_certificate(user, certificate) is manage


@pytest.mark.parametrize("status", [VALID, REVOKED, REPLACED])
@pytest.mark.parametrize("name", WHO)
def test_who_may_download(
    request: pytest.FixtureRequest, certificate: Certificate, name: str, status: str
) -> None:
    user = persona(request, name)
    expected = WHO[name][0] and status != REVOKED
    assert permissions.can_download_certificate(user, with_status(certificate, status)) is expected


@pytest.mark.parametrize("status", [VALID, REVOKED, REPLACED])
@pytest.mark.parametrize("name", WHO)
def test_who_may_revoke_and_reissue(
    request: pytest.FixtureRequest, certificate: Certificate, name: str, status: str
) -> None:
    user = persona(request, name)
    expected = WHO[name][1] and status == VALID
    certificate = with_status(certificate, status)
    assert permissions.can_revoke_certificate(user, certificate) is expected
    assert permissions.can_reissue_certificate(user, certificate) is expected


def test_a_certificate_without_a_course_is_managed_by_administrators_only(
    issue: Issue, holder: User, administrator: User, course_manager: User
) -> None:
    certificate = issue(holder)
    certificate.course = None
    assert permissions.can_manage_certificate(administrator, certificate)
    assert not permissions.can_manage_certificate(course_manager, certificate)


def test_the_ncb_follows_the_holder_to_another_country(
    certificate: Certificate, ncb_officer: User, ncb_officer_elsewhere: User, france: Any
) -> None:
    holder = certificate.holder
    holder.country = france
    holder.save(update_fields=["country"])
    fresh = permissions.get_certificate_for(ncb_officer_elsewhere, certificate.code)
    assert fresh.pk == certificate.pk
    with pytest.raises(Http404):
        permissions.get_certificate_for(ncb_officer, certificate.code)


# --- get_certificate_for ------------------------------------------------------------------

GET = {
    # persona -> (read, write): the certificate, Http404 or PermissionDenied
    "holder": ("ok", PermissionDenied),
    "learner": (Http404, Http404),
    "course_manager": ("ok", "ok"),
    "other_course_manager": (Http404, Http404),
    "administrator": ("ok", "ok"),
    "ncb_officer": ("ok", PermissionDenied),
    "ncb_officer_elsewhere": (Http404, Http404),
    "nobody": (Http404, Http404),
    ANONYMOUS: (Http404, Http404),
}


@pytest.mark.parametrize("write", [False, True])
@pytest.mark.parametrize("name", GET)
def test_get_certificate_for(
    request: pytest.FixtureRequest, certificate: Certificate, name: str, write: bool
) -> None:
    user = persona(request, name)
    expected = GET[name][1 if write else 0]
    if expected == "ok":
        assert permissions.get_certificate_for(user, certificate.code, write=write).pk == certificate.pk
    else:
        with pytest.raises(expected):  # type: ignore[call-overload]
            permissions.get_certificate_for(user, certificate.code, write=write)


def test_get_certificate_for_reads_the_code_as_typed(certificate: Certificate) -> None:
    typed = f" {certificate.code[:5].lower()}-{certificate.code[5:].lower()} "
    assert permissions.get_certificate_for(certificate.holder, typed).pk == certificate.pk


@pytest.mark.parametrize("code", ["", "---", "NOSUCHCODE", "X" * 40])
def test_get_certificate_for_an_unknown_code_is_not_found(certificate: Certificate, code: str) -> None:
    with pytest.raises(Http404):
        permissions.get_certificate_for(certificate.holder, code)
