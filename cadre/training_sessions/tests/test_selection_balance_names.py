"""The balance of the selection names its countries, regions and sectors in the reader's
language, as the rest of the page does."""

import pytest
from django.utils import translation

from cadre.accounts.models import User
from cadre.directory.models import Country, Sector
from cadre.training_sessions.selectors.selection import selection_overview
from cadre.training_sessions.tests.test_selection_fixtures import managed_session, nomination

pytestmark = pytest.mark.django_db


def labels(session: object, language: str) -> dict[str, list[str]]:
    with translation.override(language):
        overview = selection_overview(session)  # type: ignore[arg-type]
        return {balance.dimension.code: [row.label for row in balance.rows] for balance in overview.balances}


@pytest.mark.parametrize("language", ["ar", "fr", "es", "en"])
def test_the_balance_names_groups_in_the_readers_language(
    course_manager: User, kenya: Country, language: str
) -> None:
    session = managed_session(course_manager)
    nomination(session, kenya)
    found = labels(session, language)
    with translation.override(language):
        assert found["country"] == [kenya.name]
        assert found["region"] == [kenya.region.name]
        assert found["sector"] == [Sector.objects.get(code="police").name]
    if language in ("ar", "es"):  # not the English name (French writes "Kenya" too)
        assert found["country"] != [kenya.name_en]
