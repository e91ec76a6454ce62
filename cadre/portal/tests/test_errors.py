import pytest
from django.test import Client, override_settings
from django.urls import path

from cadre import urls as cadre_urls
from cadre.portal import errors

pytestmark = pytest.mark.django_db


def explode(request: object) -> None:
    raise RuntimeError("boom")


def forbid(request: object) -> None:
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


def malformed(request: object) -> None:
    from django.core.exceptions import SuspiciousOperation

    raise SuspiciousOperation("bad")


urlpatterns = [
    path("explode/", explode),
    path("forbid/", forbid),
    path("malformed/", malformed),
    *cadre_urls.urlpatterns,
]
handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error


@pytest.fixture
def erring_client(client: Client) -> Client:
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(
    ("url", "status", "english"),
    [
        ("/malformed/", 400, "We could not understand that request"),
        ("/forbid/", 403, "You are not allowed to do this"),
        ("/nowhere/", 404, "We could not find that page"),
        ("/explode/", 500, "Something went wrong on our side"),
    ],
)
@override_settings(ROOT_URLCONF=__name__)
def test_error_pages_explain_what_happened(
    erring_client: Client, learner: object, url: str, status: int, english: str
) -> None:
    erring_client.force_login(learner)  # type: ignore[arg-type]
    response = erring_client.get(url)
    assert response.status_code == status
    assert english in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_error_pages_are_translated_and_mirrored_in_arabic(erring_client: Client, learner: object) -> None:
    erring_client.force_login(learner)  # type: ignore[arg-type]
    erring_client.cookies["cadre_language"] = "ar"
    for url in ("/nowhere/", "/explode/"):
        body = erring_client.get(url).content.decode()
        assert '<html lang="ar" dir="rtl">' in body
        assert "We could not find that page" not in body
        assert "Something went wrong on our side" not in body
