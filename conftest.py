"""Fixtures shared by every test: reference data loaded once, and named personas."""

from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.utils import translation

from cadre.accounts.models import Role, User
from cadre.accounts.permissions import LEARNER
from cadre.accounts.services import assign_role
from cadre.celery import app as celery_app
from cadre.directory.models import Country, Institution, Region
from tests.factories import CourseFactory, InstitutionFactory, UserFactory
from tests.mfa import give_totp

PLAIN_STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> None:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        call_command("load_reference", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture(autouse=True)
def _test_settings(settings: pytest.FixtureRequest) -> Iterator[None]:
    # Tests render pages without running collectstatic first.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PLAIN_STATIC}  # type: ignore[attr-defined]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # type: ignore[attr-defined]
    # A deliberately slow hash protects stored passwords, not test passwords; tests make hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]
    return


@pytest.fixture(autouse=True)
def _tasks_in_process(request: pytest.FixtureRequest) -> Iterator[None]:
    """Run tasks in the test's own process, so their effects can be asserted, even when CI
    configures a real broker; tests marked `broker` go through it instead."""
    if request.node.get_closest_marker("broker"):
        yield
        return
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = eager


@pytest.fixture(autouse=True)
def _english_until_asked() -> Iterator[None]:
    """Each test starts in English, whatever language an earlier one left active."""
    with translation.override("en"):
        yield


def country(iso2: str) -> Country:
    return Country.objects.get(iso2=iso2)


def person_with(role_code: str | None, scope: object = None, **profile: object) -> User:
    user = UserFactory(**profile)
    if role_code:
        assign_role(user=user, role=Role.objects.get(code=role_code), scope=scope, notify=False)  # type: ignore[arg-type]
    if role_code not in {None, LEARNER} or user.is_staff:
        # Their role requires a second factor (cadre.accounts.permissions.must_use_mfa).
        give_totp(user)
    return user


@pytest.fixture
def kenya(db: None) -> Country:
    return country("KE")


@pytest.fixture
def france(db: None) -> Country:
    return country("FR")


@pytest.fixture
def africa(db: None) -> Region:
    return Region.objects.get(code="africa")


@pytest.fixture
def academy(kenya: Country) -> Institution:
    return InstitutionFactory(country=kenya)


@pytest.fixture
def nobody(kenya: Country) -> User:
    """Signed in, but holding no role."""
    return person_with(None, country=kenya)


@pytest.fixture
def learner(kenya: Country) -> User:
    return person_with("learner", country=kenya)


@pytest.fixture
def ncb_officer(kenya: Country) -> User:
    return person_with("ncb-focal-point", kenya, country=kenya)


@pytest.fixture
def ncb_officer_elsewhere(france: Country) -> User:
    """An NCB officer of another country, who must never see Kenya's people."""
    return person_with("ncb-focal-point", france, country=france, preferred_language="fr")


@pytest.fixture
def ncb_head(kenya: Country) -> User:
    return person_with("ncb-head", kenya, country=kenya)


@pytest.fixture
def regional_officer(africa: Region, kenya: Country) -> User:
    return person_with("regional-training-officer", africa, country=kenya)


@pytest.fixture
def institution_admin(academy: Institution, kenya: Country) -> User:
    return person_with("institution-administrator", academy, country=kenya)


@pytest.fixture
def dpo(france: Country) -> User:
    return person_with("data-protection-officer", country=france)


@pytest.fixture
def quality_officer(france: Country) -> User:
    """Organisation-wide: looks after the training standards and reviews training material."""
    return person_with("quality-officer", country=france)


@pytest.fixture
def course_manager(kenya: Country) -> User:
    """A course manager scoped to (and owning) one course of their own."""
    course = CourseFactory()
    user = person_with("course-manager", course, country=kenya)
    course.owner = user
    course.save(update_fields=["owner"])
    return user


@pytest.fixture
def administrator(france: Country) -> User:
    return person_with("administrator", country=france, is_staff=True)
