import pytest
from django.test import Client
from django.urls import reverse

from cadre.accounts.models import User

pytestmark = pytest.mark.django_db

DASHBOARD, DIRECTORY, AUDIT, API, ADMIN = "Dashboard", "Directory", "Audit trail", "API", "Administration"
CATALOGUE = "Catalogue"
SESSIONS = "Sessions"
CERTIFICATES = "My certificates"
TRAINING = "My training"
NCB_NOMINATIONS = "NCB nominations"
INSTRUCTORS = "Instructors"
ACCREDITATION = "Accreditation"
STANDARDS = "Standards"
MATERIAL = "Material"
ROLES = "Roles"
IMPORTS = "Imports"
VETTING = "Vetting"
PERSONAL, DATA_REQUESTS = "Personal data", "Data requests"


def nav_labels(client: Client) -> list[str]:
    response = client.get(reverse("directory:countries"))
    return [str(link.label) for link in response.context["nav_links"]]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("nobody", [DASHBOARD, DIRECTORY, CATALOGUE, SESSIONS, TRAINING, CERTIFICATES, STANDARDS, PERSONAL]),
        ("learner", [DASHBOARD, DIRECTORY, CATALOGUE, SESSIONS, TRAINING, CERTIFICATES, STANDARDS, PERSONAL]),
        (
            "ncb_officer",
            [
                DASHBOARD,
                DIRECTORY,
                CATALOGUE,
                SESSIONS,
                NCB_NOMINATIONS,
                TRAINING,
                CERTIFICATES,
                STANDARDS,
                ROLES,
                IMPORTS,
                VETTING,
                AUDIT,
                PERSONAL,
            ],
        ),
        (
            "dpo",
            [
                DASHBOARD,
                DIRECTORY,
                CATALOGUE,
                SESSIONS,
                TRAINING,
                CERTIFICATES,
                STANDARDS,
                AUDIT,
                PERSONAL,
                DATA_REQUESTS,
            ],
        ),
        (
            "institution_admin",
            [
                DASHBOARD,
                DIRECTORY,
                CATALOGUE,
                SESSIONS,
                TRAINING,
                CERTIFICATES,
                ACCREDITATION,
                STANDARDS,
                ROLES,
                PERSONAL,
            ],
        ),
        (
            "administrator",
            [
                DASHBOARD,
                DIRECTORY,
                CATALOGUE,
                SESSIONS,
                TRAINING,
                CERTIFICATES,
                MATERIAL,
                INSTRUCTORS,
                ACCREDITATION,
                STANDARDS,
                ROLES,
                IMPORTS,
                VETTING,
                AUDIT,
                PERSONAL,
                DATA_REQUESTS,
                API,
                ADMIN,
            ],
        ),
    ],
)
def test_navigation_shows_only_what_roles_allow(
    request: pytest.FixtureRequest, client: Client, persona: str, expected: list[str]
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert nav_labels(client) == expected


def test_visitors_see_no_navigation(client: Client) -> None:
    assert client.get("/").context["nav_links"] == []


def test_the_current_page_is_marked(client: Client, learner: User) -> None:
    client.force_login(learner)
    body = client.get(reverse("directory:countries")).content.decode()
    assert f'<a href="{reverse("directory:countries")}" aria-current="page">' in body
