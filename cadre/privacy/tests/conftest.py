import pytest

from cadre.accounts.models import User
from cadre.directory.models import Country
from cadre.privacy.models import DataRequest
from tests.factories import UserFactory


@pytest.fixture
def someone(kenya: Country) -> User:
    """A Kenyan learner who asks things of the data protection officer."""
    return UserFactory(
        country=kenya, given_names="Wanjiru", family_name="Odhiambo", email="wanjiru@police.ke.example"
    )


@pytest.fixture
def erasure(someone: User) -> DataRequest:
    return DataRequest.objects.create(
        person=someone, kind=DataRequest.Kind.ERASURE, reason="I left the police."
    )


@pytest.fixture
def correction(someone: User) -> DataRequest:
    return DataRequest.objects.create(
        person=someone, kind=DataRequest.Kind.CORRECTION, reason="My rank is Chief Inspector."
    )
