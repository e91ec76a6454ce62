"""The standards' pages: who gets what, forms that refuse bad input, bounded queries."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from cadre.standards.models import Criterion, Edition, Guideline

pytestmark = pytest.mark.django_db


def criterion_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "key": "",
        "number": "4.5",
        "sat_step": "delivery",
        "title_en": "Online safety of participants",
        "requirement_en": "Online sessions protect participants' identities.",
        "title_ar": "السلامة الرقمية للمشاركين",
    }
    data.update(overrides)
    return data


def test_the_guide_needs_a_signed_in_person(client: Client, guide):
    response = client.get(reverse("standards:guide"))
    assert response.status_code == 302


def test_the_guide_shows_the_edition_in_force_with_bounded_queries(
    client: Client, learner, guide, django_assert_max_num_queries: DjangoAssertNumQueries
):
    client.force_login(learner)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("standards:guide"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="standards-criterion"') == guide.criteria.count() >= 25
    assert "<details" in body
    assert 'href="#section-1"' in body
    assert "Guideline on human rights in police training" in body
    assert "Open a new draft edition" not in body


def test_the_guide_in_arabic(client: Client, learner, guide):
    client.force_login(learner)
    with translation.override("ar"):
        url = reverse("standards:guide")
    client.cookies["cadre_language"] = "ar"
    response = client.get(url)
    body = response.content.decode()
    assert 'dir="rtl"' in body
    assert "دليل التدريب الفعّال" in body


def test_the_guide_filters_by_step(client: Client, learner, guide):
    client.force_login(learner)
    response = client.get(reverse("standards:guide"), {"step": "evaluation"})
    body = response.content.decode()
    assert body.count('class="standards-criterion"') == guide.criteria.filter(sat_step="evaluation").count()
    assert "Transfer to the workplace" in body
    assert "Evidence of need" not in body
    bad = client.get(reverse("standards:guide"), {"step": "<script>"})
    assert bad.status_code == 200
    assert bad.content.decode().count('class="standards-criterion"') == guide.criteria.count()


def test_the_edition_page_with_every_criterion_has_bounded_queries(
    client: Client, quality_officer, draft, django_assert_max_num_queries: DjangoAssertNumQueries
):
    client.force_login(quality_officer)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("standards:edition", args=[draft.number]))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="standards-criterion"') == draft.criteria.count()
    assert "Publish this edition" in body


@pytest.mark.parametrize(
    ("persona", "status"), [("learner", 404), ("course_manager", 404), ("quality_officer", 200)]
)
def test_drafts_are_seen_only_by_editors(request, client: Client, draft, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("standards:edition", args=[draft.number])).status_code == status
    assert client.get(reverse("standards:compare", args=[draft.number])).status_code == status
    listing = client.get(reverse("standards:editions")).content.decode()
    assert (f'href="{reverse("standards:edition", args=[draft.number])}"' in listing) is (status == 200)


@pytest.mark.parametrize(
    ("name", "method"),
    [("edit_edition", "get"), ("publish_edition", "post"), ("discard_edition", "post")],
)
@pytest.mark.parametrize("persona", ["learner", "ncb_officer", "instructor", "quality_officer"])
def test_the_edition_in_force_is_never_edited_in_place(request, client: Client, guide, name, method, persona):
    client.force_login(request.getfixturevalue(persona))
    response = getattr(client, method)(reverse(f"standards:{name}", args=[guide.number]))
    assert response.status_code == 403
    guide.refresh_from_db()
    assert guide.status == Edition.Status.PUBLISHED


def test_opening_editing_and_publishing_a_draft(client: Client, quality_officer, guide):
    client.force_login(quality_officer)
    response = client.post(reverse("standards:open_edition"))
    draft = Edition.objects.get(status=Edition.Status.DRAFT)
    assert response.url == reverse("standards:edition", args=[draft.number])

    add = reverse("standards:add_criterion", args=[draft.number, 4])
    assert client.get(add).status_code == 200
    assert client.post(add, criterion_form()).status_code == 302
    added = draft.criteria.get(key="online-safety-of-participants")
    assert added.title_ar == "السلامة الرقمية للمشاركين"

    edit = reverse("standards:edit_criterion", args=[draft.number, added.key])
    page = client.get(edit)
    assert page.status_code == 200
    assert 'lang="ar"' in page.content.decode()
    data = criterion_form(section=added.section_id, guidance_fr="Utiliser la plateforme.")
    del data["key"]
    assert client.post(edit, data).status_code == 302
    assert (
        client.post(reverse("standards:remove_criterion", args=[draft.number, "eval-reporting"])).status_code
        == 302
    )

    changes = client.get(reverse("standards:compare", args=[draft.number])).content.decode()
    assert "Online safety of participants" in changes
    assert "Results reported to stakeholders" in changes

    response = client.post(reverse("standards:publish_edition", args=[draft.number]))
    assert response.url == reverse("standards:guide")
    assert Edition.objects.get(pk=guide.pk).status == Edition.Status.SUPERSEDED
    assert client.get(reverse("standards:edition", args=[guide.number])).status_code == 200


def test_a_bad_criterion_gets_a_message_and_changes_nothing(client: Client, quality_officer, draft):
    client.force_login(quality_officer)
    count = draft.criteria.count()
    url = reverse("standards:add_criterion", args=[draft.number, 4])
    for data in (
        criterion_form(number="9.9"),
        criterion_form(title_en=""),
        criterion_form(key="delivery-records"),
    ):
        response = client.post(url, data)
        assert response.status_code == 400
        assert 'class="field__error"' in response.content.decode()
    assert draft.criteria.count() == count
    assert client.get(reverse("standards:add_criterion", args=[draft.number, 42])).status_code == 404
    assert client.get(reverse("standards:edit_criterion", args=[draft.number, "nothing"])).status_code == 404


def test_a_second_draft_is_refused_with_a_message(client: Client, quality_officer, draft):
    client.force_login(quality_officer)
    response = client.post(reverse("standards:open_edition"), follow=True)
    assert "already open" in response.content.decode()
    assert Edition.objects.filter(status=Edition.Status.DRAFT).count() == 1


def test_others_may_not_open_a_draft(client: Client, learner, guide):
    client.force_login(learner)
    assert client.post(reverse("standards:open_edition")).status_code == 403


def test_guideline_pages_and_versions(client: Client, learner, quality_officer, human_rights):
    client.force_login(quality_officer)
    url = reverse("standards:edit_guideline", args=[human_rights.code])
    assert client.get(url).status_code == 200
    data = {"title_en": human_rights.title_en, "body_en": "Revised body.", "in_force_since": ""}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 400  # nothing changed this time

    client.force_login(learner)
    current = client.get(reverse("standards:guideline", args=[human_rights.code])).content.decode()
    assert "Revised body." in current
    assert "Revise (new version)" not in current
    first = client.get(reverse("standards:guideline_version", args=[human_rights.code, 1])).content.decode()
    assert "It has been replaced" in first
    assert "Revised body." not in first
    assert client.get(reverse("standards:guideline_version", args=[human_rights.code, 9])).status_code == 404
    assert client.get(url).status_code == 403
    assert client.post(reverse("standards:withdraw_guideline", args=[human_rights.code])).status_code == 403


def test_issuing_a_guideline(client: Client, quality_officer, learner):
    client.force_login(learner)
    assert client.get(reverse("standards:create_guideline")).status_code == 403
    client.force_login(quality_officer)
    data = {
        "code": "",
        "kind": "directive",
        "title_en": "Directive on online delivery",
        "body_en": "1. Scope.",
    }
    response = client.post(reverse("standards:create_guideline"), data)
    assert response.url == reverse("standards:guideline", args=["directive-on-online-delivery"])
    assert client.post(reverse("standards:create_guideline"), {**data, "kind": "memo"}).status_code == 400
    assert Guideline.objects.filter(kind="directive").count() == 3


def test_the_api_lists_criteria_by_step(client: Client, learner, guide):
    client.force_login(learner)
    response = client.get("/api/v1/standards/criteria", {"step": "design"})
    assert response.status_code == 200
    assert [row["number"] for row in response.json()] == ["2.1", "2.2", "2.3", "2.4"]
    material = client.get("/api/v1/standards/criteria", {"material": "true"}).json()
    assert len(material) == Criterion.objects.filter(edition=guide, applies_to_material=True).count()
    assert client.get("/api/v1/standards/criteria", {"step": "nonsense"}).json() == []
    client.logout()
    assert client.get("/api/v1/standards/criteria").status_code == 401
