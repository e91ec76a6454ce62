"""Editions and guidelines change only through the services: a draft copied from the edition in
force, edited, then published in one step that supersedes the previous edition."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cadre.audit.models import AuditEntry
from cadre.standards import selectors, services
from cadre.standards.models import Criterion, Edition, Guideline
from cadre.standards.tests.conftest import criterion_values

pytestmark = pytest.mark.django_db
Status = Edition.Status


def actions() -> list[str]:
    return list(AuditEntry.objects.filter(action__startswith="standards.").values_list("action", flat=True))


# --- Opening a draft ----------------------------------------------------------------------------


def test_a_draft_is_a_copy_of_the_edition_in_force_with_the_same_keys(guide, draft, quality_officer):
    assert draft.number == guide.number + 1
    assert draft.status == Status.DRAFT
    assert draft.created_by == quality_officer
    assert draft.title_fr == guide.title_fr
    original = {
        c.key: (c.number, c.section.number, c.title_ar) for c in guide.criteria.select_related("section")
    }
    copied = {
        c.key: (c.number, c.section.number, c.title_ar) for c in draft.criteria.select_related("section")
    }
    assert copied == original
    assert draft.sections.count() == guide.sections.count()
    assert all(c.section.edition_id == draft.pk for c in draft.criteria.select_related("section"))
    assert actions() == ["standards.edition_opened"]


def test_only_one_draft_at_a_time(draft, quality_officer):
    with pytest.raises(ValidationError):
        services.open_draft_edition(by=quality_officer)
    assert Edition.objects.filter(status=Status.DRAFT).count() == 1


def test_a_draft_needs_an_edition_in_force_to_copy(guide, quality_officer):
    Edition.objects.filter(pk=guide.pk).update(status=Status.SUPERSEDED)
    with pytest.raises(ValidationError):
        services.open_draft_edition(by=quality_officer)


@pytest.mark.parametrize("persona", ["learner", "course_manager", "ncb_officer", "instructor"])
def test_only_quality_officers_and_administrators_open_drafts(request, guide, persona):
    with pytest.raises(PermissionDenied):
        services.open_draft_edition(by=request.getfixturevalue(persona))
    assert not Edition.objects.filter(status=Status.DRAFT).exists()


def test_an_administrator_opens_a_draft(guide, administrator):
    assert services.open_draft_edition(by=administrator).is_draft


# --- Editing a draft ----------------------------------------------------------------------------


def test_editing_a_criterion_of_the_draft_is_audited(guide, draft, quality_officer):
    criterion = draft.criteria.get(key="design-learning-outcomes")
    services.update_criterion(
        criterion=criterion,
        by=quality_officer,
        values={"requirement_en": "Outcomes are observable.", "applies_to_material": True},
    )
    criterion.refresh_from_db()
    assert criterion.requirement_en == "Outcomes are observable."
    assert criterion.applies_to_material
    assert guide.criteria.get(key="design-learning-outcomes").requirement_en != "Outcomes are observable."
    entry = AuditEntry.objects.get(action="standards.criterion_updated")
    assert entry.actor == quality_officer
    assert set(entry.changes) == {"requirement_en", "applies_to_material"}


def test_a_criterion_moves_to_another_section_with_a_matching_number(draft, quality_officer):
    criterion = draft.criteria.get(key="delivery-language")
    section = draft.sections.get(number=6)
    with pytest.raises(ValidationError):
        services.update_criterion(criterion=criterion, by=quality_officer, values={"section": section})
    services.update_criterion(
        criterion=criterion, by=quality_officer, values={"section": section, "number": "6.5"}
    )
    criterion.refresh_from_db()
    assert (criterion.section, criterion.number, criterion.position) == (section, "6.5", 5)


def test_editing_the_edition_and_a_section(draft, quality_officer):
    services.update_edition(
        edition=draft,
        by=quality_officer,
        values={"change_note_en": "Adds online safety.", "title_es": "Guía 2"},
    )
    section = draft.sections.get(number=4)
    services.update_section(
        section=section, by=quality_officer, values={"introduction_fr": "Nouvelle introduction."}
    )
    draft.refresh_from_db()
    section.refresh_from_db()
    assert (draft.change_note_en, draft.title_es, section.introduction_fr) == (
        "Adds online safety.",
        "Guía 2",
        "Nouvelle introduction.",
    )
    assert {"standards.edition_updated", "standards.section_updated"} <= set(actions())


def test_english_title_cannot_be_emptied(draft, quality_officer):
    with pytest.raises(ValidationError):
        services.update_edition(edition=draft, by=quality_officer, values={"title_en": "  "})
    criterion = draft.criteria.first()
    with pytest.raises(ValidationError):
        services.update_criterion(criterion=criterion, by=quality_officer, values={"requirement_en": ""})


def test_adding_and_removing_criteria(draft, quality_officer):
    section = draft.sections.get(number=4)
    added = services.add_criterion(section=section, by=quality_officer, values=criterion_values())
    assert added.key == "online-safety-of-participants"
    assert (added.position, added.sat_step, added.title_fr) == (
        5,
        "delivery",
        "Sécurité en ligne des participants",
    )
    removed = draft.criteria.get(key="delivery-records")
    services.remove_criterion(criterion=removed, by=quality_officer)
    assert not draft.criteria.filter(key="delivery-records").exists()
    assert actions()[:2] == ["standards.criterion_removed", "standards.criterion_added"]


@pytest.mark.parametrize(
    "values",
    [
        criterion_values(number="3.9"),  # not this section's number
        criterion_values(number="4.1"),  # taken
        criterion_values(number="four"),
        criterion_values(key="delivery-records"),  # taken
        criterion_values(title_en=""),
        criterion_values(requirement_en=""),
        criterion_values(sat_step="implementation"),
    ],
)
def test_bad_criteria_are_refused_and_nothing_changes(draft, quality_officer, values):
    count = draft.criteria.count()
    with pytest.raises(ValidationError):
        services.add_criterion(section=draft.sections.get(number=4), by=quality_officer, values=values)
    assert draft.criteria.count() == count


def test_a_published_edition_cannot_be_edited(guide, quality_officer, administrator):
    criterion = guide.criteria.first()
    title = criterion.title_en
    for person in (quality_officer, administrator):
        with pytest.raises(ValidationError):
            services.update_criterion(criterion=criterion, by=person, values={"title_en": "Rewritten"})
        with pytest.raises(ValidationError):
            services.update_edition(edition=guide, by=person, values={"title_en": "Rewritten"})
        with pytest.raises(ValidationError):
            services.add_criterion(
                section=guide.sections.first(), by=person, values=criterion_values(number="1.9")
            )
        with pytest.raises(ValidationError):
            services.remove_criterion(criterion=criterion, by=person)
    criterion.refresh_from_db()
    assert criterion.title_en == title
    assert actions() == []


def test_others_cannot_edit_a_draft(draft, course_manager):
    with pytest.raises(PermissionDenied):
        services.update_criterion(
            criterion=draft.criteria.first(), by=course_manager, values={"title_en": "x"}
        )


# --- Publishing ---------------------------------------------------------------------------------


def test_publishing_supersedes_the_previous_edition_in_one_step(guide, draft, quality_officer):
    services.publish_edition(edition=draft, by=quality_officer)
    guide.refresh_from_db()
    draft.refresh_from_db()
    assert guide.status == Status.SUPERSEDED
    assert (draft.status, draft.published_by) == (Status.PUBLISHED, quality_officer)
    assert draft.published_at is not None
    assert selectors.edition_in_force() == draft
    assert Edition.objects.filter(status=Status.PUBLISHED).count() == 1
    assert actions()[:2] == ["standards.edition_published", "standards.edition_superseded"]
    # The superseded edition stays as it was, readable.
    assert guide.criteria.count() == draft.criteria.count()


def test_a_published_edition_is_not_published_again(guide, quality_officer):
    with pytest.raises(ValidationError):
        services.publish_edition(edition=guide, by=quality_officer)


def test_an_edition_without_criteria_is_not_published(guide, draft, quality_officer):
    draft.criteria.all().delete()
    with pytest.raises(ValidationError):
        services.publish_edition(edition=draft, by=quality_officer)
    guide.refresh_from_db()
    assert guide.status == Status.PUBLISHED


def test_the_database_keeps_one_edition_in_force(guide):
    with pytest.raises(IntegrityError), transaction.atomic():
        Edition.objects.create(number=50, title_en="Another", status=Status.PUBLISHED)


def test_discarding_a_draft(guide, draft, quality_officer):
    services.discard_draft_edition(edition=draft, by=quality_officer)
    assert not Edition.objects.filter(pk=draft.pk).exists()
    assert Criterion.objects.filter(edition=guide).exists()
    with pytest.raises(ValidationError):
        services.discard_draft_edition(edition=guide, by=quality_officer)


# --- Directives and guidelines ------------------------------------------------------------------


def test_revising_a_guideline_makes_a_new_version_and_keeps_the_old(human_rights, quality_officer):
    old_body = human_rights.body_en
    services.revise_guideline(guideline=human_rights, by=quality_officer, values={"body_en": "New text."})
    human_rights.refresh_from_db()
    assert (human_rights.version, human_rights.body_en, human_rights.updated_by) == (
        2,
        "New text.",
        quality_officer,
    )
    assert human_rights.in_force_since == timezone.localdate()
    first, second = human_rights.versions.order_by("number")
    assert first.snapshot["body_en"] == old_body
    assert second.snapshot["body_en"] == "New text."
    assert actions() == ["standards.guideline_revised"]


def test_a_revision_that_changes_nothing_or_backdates_is_refused(human_rights, quality_officer):
    with pytest.raises(ValidationError):
        services.revise_guideline(
            guideline=human_rights, by=quality_officer, values={"body_en": human_rights.body_en}
        )
    with pytest.raises(ValidationError):
        services.revise_guideline(
            guideline=human_rights,
            by=quality_officer,
            values={"body_en": "Other.", "in_force_since": human_rights.in_force_since.replace(year=2000)},
        )
    human_rights.refresh_from_db()
    assert human_rights.version == 1


def test_issuing_and_withdrawing_a_guideline(quality_officer, learner):
    values = {"title_en": "Directive on online delivery", "body_en": "1. Scope.", "kind": "directive"}
    with pytest.raises(PermissionDenied):
        services.create_guideline(by=learner, values=values)
    issued = services.create_guideline(by=quality_officer, values=values)
    assert (issued.code, issued.version, issued.versions.count()) == ("directive-on-online-delivery", 1, 1)
    with pytest.raises(ValidationError):
        services.create_guideline(by=quality_officer, values=values)  # the same code
    services.withdraw_guideline(guideline=issued, by=quality_officer)
    issued.refresh_from_db()
    assert issued.status == Guideline.Status.WITHDRAWN
    with pytest.raises(ValidationError):
        services.revise_guideline(guideline=issued, by=quality_officer, values={"body_en": "2."})
    with pytest.raises(PermissionDenied):
        services.withdraw_guideline(guideline=issued, by=learner)
    assert actions() == ["standards.guideline_withdrawn", "standards.guideline_issued"]
