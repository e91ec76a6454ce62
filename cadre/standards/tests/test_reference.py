"""The shipped Guide and directives: complete in four languages, and loaded only once."""

from collections import Counter

import pytest

from cadre.courses.models import LANGUAGE_CODES
from cadre.standards import services
from cadre.standards.models import Criterion, Edition, Guideline, GuidelineVersion, SatStep, Section

pytestmark = pytest.mark.django_db


def test_the_first_edition_is_in_force_with_criteria_for_every_step(guide):
    assert guide.number == 1
    assert guide.status == Edition.Status.PUBLISHED
    criteria = list(guide.criteria.all())
    assert len(criteria) >= 25
    steps = Counter(criterion.sat_step for criterion in criteria)
    assert all(steps[step] >= 3 for step in SatStep.values)
    assert steps[""] >= 3  # the cross-cutting ones
    assert sum(criterion.applies_to_material for criterion in criteria) >= 6
    assert guide.sections.count() == 7


def test_every_text_of_the_guide_is_in_the_four_languages(guide):
    for criterion in guide.criteria.all():
        for name in ("title", "requirement", "guidance"):
            for code in LANGUAGE_CODES:
                assert getattr(criterion, f"{name}_{code}"), (criterion.key, name, code)
        assert criterion.position == int(criterion.number.split(".")[1])
    for section in guide.sections.all():
        assert all(getattr(section, f"title_{code}") for code in LANGUAGE_CODES)
    assert all(getattr(guide, f"introduction_{code}") for code in LANGUAGE_CODES)


def test_the_directives_and_guidelines_are_shipped_with_their_first_version():
    guidelines = list(Guideline.objects.all())
    assert {item.kind for item in guidelines} == {"directive", "guideline"}
    assert len(guidelines) >= 4
    for item in guidelines:
        assert all(getattr(item, f"body_{code}") for code in LANGUAGE_CODES)
        assert item.versions.get().number == 1


def test_loading_twice_creates_nothing_more():
    counts = [model.objects.count() for model in (Edition, Section, Criterion, Guideline, GuidelineVersion)]
    assert services.load_standards() == 0
    assert services.load_standards() == 0
    assert [
        model.objects.count() for model in (Edition, Section, Criterion, Guideline, GuidelineVersion)
    ] == counts


def test_refresh_restores_the_shipped_texts_but_keeps_revisions(guide, human_rights, quality_officer):
    Criterion.objects.filter(edition=guide, key="delivery-records").update(title_en="Changed in the admin")
    services.revise_guideline(
        guideline=human_rights, by=quality_officer, values={"title_en": "Revised title"}
    )
    assert services.load_standards(refresh=True) == 0
    assert (
        Criterion.objects.get(edition=guide, key="delivery-records").title_en
        == "Attendance and results recorded"
    )
    human_rights.refresh_from_db()
    assert human_rights.title_en == "Revised title"
    assert human_rights.version == 2


def test_an_organisations_own_editions_are_left_alone(guide):
    Edition.objects.all().delete()
    Edition.objects.create(number=5, title_en="Our own guide", status=Edition.Status.PUBLISHED)
    assert services.load_standards() == 0
    assert list(Edition.objects.values_list("number", flat=True)) == [5]
