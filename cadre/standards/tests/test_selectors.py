"""The reads other apps use: the edition in force and its criteria, by step and for material."""

import pytest

from cadre.standards import selectors, services
from cadre.standards.models import Edition, SatStep
from cadre.standards.tests.conftest import criterion_values

pytestmark = pytest.mark.django_db


def test_edition_in_force(guide, draft):
    assert selectors.edition_in_force() == guide
    Edition.objects.filter(pk=guide.pk).update(status=Edition.Status.SUPERSEDED)
    assert selectors.edition_in_force() is None


def test_criteria_for_step_are_those_of_the_edition_in_force_in_order(guide, draft):
    criteria = list(selectors.criteria_for_step(SatStep.DESIGN))
    assert [criterion.number for criterion in criteria] == ["2.1", "2.2", "2.3", "2.4"]
    assert all(criterion.edition_id == guide.pk for criterion in criteria)
    assert selectors.criteria_for_step("teleportation").count() == 0


def test_criteria_sort_as_numbers_not_text(draft, quality_officer):
    section = draft.sections.get(number=2)
    for place in range(5, 11):
        services.add_criterion(
            section=section,
            by=quality_officer,
            values=criterion_values(number=f"2.{place}", key=f"extra-{place}", sat_step="design"),
        )
    numbers = [criterion.number for criterion in selectors.criteria_for_step("design", edition=draft)]
    assert numbers == [f"2.{place}" for place in range(1, 11)]


def test_criteria_for_material(guide, draft, quality_officer):
    keys = {criterion.key for criterion in selectors.criteria_for_material()}
    assert {"material-copyright", "material-case-data-protection", "dev-accuracy-currency"} <= keys
    assert "delivery-records" not in keys
    criterion = draft.criteria.get(key="delivery-records")
    services.update_criterion(criterion=criterion, by=quality_officer, values={"applies_to_material": True})
    assert "delivery-records" in {c.key for c in selectors.criteria_for_material(edition=draft)}
    assert "delivery-records" not in {c.key for c in selectors.criteria_for_material()}


def test_without_an_edition_in_force_there_are_no_criteria(guide):
    Edition.objects.filter(pk=guide.pk).update(status=Edition.Status.SUPERSEDED)
    assert not selectors.criteria_for_step("analysis").exists()
    assert not selectors.criteria_for_material().exists()


def test_drafts_are_listed_only_for_editors(draft, learner, quality_officer):
    assert draft not in selectors.editions_for(learner)
    assert next(iter(selectors.editions_for(quality_officer))) == draft


def test_comparing_an_edition_with_the_previous_one(guide, draft, quality_officer):
    services.add_criterion(
        section=draft.sections.get(number=4), by=quality_officer, values=criterion_values()
    )
    services.remove_criterion(criterion=draft.criteria.get(key="eval-reporting"), by=quality_officer)
    services.update_criterion(
        criterion=draft.criteria.get(key="tna-target-audience"),
        by=quality_officer,
        values={"guidance_ar": "إرشاد جديد", "sat_step": "design"},
    )
    comparison = selectors.compare_editions(draft)
    assert comparison.previous == guide
    assert [criterion.key for criterion in comparison.added] == ["online-safety-of-participants"]
    assert [criterion.key for criterion in comparison.removed] == ["eval-reporting"]
    assert [(change.after.key, change.fields) for change in comparison.changed] == [
        ("tna-target-audience", ("sat_step", "guidance"))
    ]
    assert comparison.unchanged == guide.criteria.count() - 2


def test_the_first_edition_has_nothing_to_compare_with(guide):
    comparison = selectors.compare_editions(guide)
    assert comparison.previous is None
    assert len(comparison.added) == guide.criteria.count()
