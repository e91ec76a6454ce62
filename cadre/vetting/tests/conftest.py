from datetime import timedelta

import pytest
from django.utils import timezone

from cadre.accounts.models import User
from cadre.directory.models import Country
from cadre.vetting.models import AccessRequest
from tests.factories import UserFactory


def make_request(
    country: Country, status: str = AccessRequest.Status.PENDING, **profile: object
) -> AccessRequest:
    person = UserFactory(country=country, **profile)
    approved_until = None
    if status == AccessRequest.Status.APPROVED:
        approved_until = timezone.localdate() + timedelta(days=100)
    return AccessRequest.objects.create(
        person=person, country=country, status=status, approved_until=approved_until
    )


@pytest.fixture
def pending_ke(kenya: Country) -> AccessRequest:
    return make_request(
        kenya, given_names="Wanjiku", family_name="Kariuki", email="wanjiku@police.ke.example"
    )


@pytest.fixture
def pending_fr(france: Country) -> AccessRequest:
    return make_request(france, given_names="Camille", family_name="Roux", email="camille@police.fr.example")


@pytest.fixture
def officer_ke(kenya: Country) -> User:
    """An approved Kenyan officer created by the organisation (no request of their own)."""
    return UserFactory(country=kenya, email="officer.ke@police.ke.example")


@pytest.fixture
def officer_fr(france: Country) -> User:
    return UserFactory(country=france, email="officer.fr@police.fr.example")
