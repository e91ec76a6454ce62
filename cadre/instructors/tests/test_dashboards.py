"""The instructors' dashboard: who sees which part, the pipeline, the expiries by month, the
coverage matrix and its gaps, the charts (in Arabic too), and a bounded number of queries."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from cadre.instructors import overview, permissions
from cadre.instructors.tests.conftest import (
    complete_pathway,
    days,
    give_certification,
    make_instructor,
    start,
)
from conftest import person_with

pytestmark = pytest.mark.django_db
URL = reverse("instructors:dashboard")


def signed_in(client: Client, user) -> Client:
    client.force_login(user)
    return client


PERSONAS = [
    "course_manager",
    "certification_manager",
    "administrator",
    "assessor",
    "instructor_person",
    "learner",
    "ncb_officer",
    "nobody",
    "dpo",
]
CHECKS = {
    "view_dashboard": (
        permissions.can_view_dashboard,
        {"course_manager", "certification_manager", "administrator"},
    ),
    "view_certification_figures": (
        permissions.can_view_certification_figures,
        {"certification_manager", "administrator"},
    ),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("check", CHECKS)
def test_permissions(request, persona, check):
    function, allowed = CHECKS[check]
    assert function(request.getfixturevalue(persona)) is (persona in allowed)
    assert function(AnonymousUser()) is False


@pytest.mark.parametrize(
    ("persona", "status", "full"),
    [
        ("certification_manager", 200, True),
        ("administrator", 200, True),
        ("course_manager", 200, False),  # the coverage and its gaps only
        ("assessor", 403, False),
        ("instructor_person", 403, False),
        ("learner", 403, False),
        ("ncb_officer", 403, False),
        ("nobody", 403, False),
        ("dpo", 403, False),
    ],
)
def test_who_sees_the_dashboard(client, request, persona, status, full):
    response = signed_in(client, request.getfixturevalue(persona)).get(URL)
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert "Instructors per subject and language" in body
        assert ("Certification pipeline" in body) is full
        assert ("Certifications expiring soon" in body) is full


def test_visitors_are_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


# --- The figures ----------------------------------------------------------------------------------


def test_the_pipeline_counts_candidates_at_their_stage(certification_manager, assessor, kenya):
    def candidate():
        return make_instructor(person_with("instructor", country=kenya), languages={"es": "native"})

    waiting = start(candidate(), certification_manager, assessor)  # at stage 1
    done = complete_pathway(start(candidate(), certification_manager, assessor), assessor)  # all done
    start(candidate(), certification_manager, assessor, level_code="certified")
    levels = {item.level.code: item for item in overview.pipeline()}
    associate = levels["associate"]
    assert [item.candidates for item in associate.stages] == [1, 0, 0]
    assert associate.finished == 1
    assert associate.total == 2
    assert levels["certified"].stages[0].candidates == 1
    assert levels["master"].total == 0
    assert waiting.pk != done.pk


def test_expiring_certifications_by_month(instructor, other_instructor):
    today = date(2026, 1, 20)
    give_certification(instructor, issued_on=date(2024, 1, 1), expires_on=date(2026, 2, 10))
    give_certification(other_instructor, issued_on=date(2024, 1, 1), expires_on=date(2026, 4, 15))
    give_certification(other_instructor, issued_on=date(2024, 1, 1), expires_on=date(2026, 2, 28))
    give_certification(other_instructor, issued_on=date(2024, 1, 1), expires_on=date(2026, 6, 1))  # too far
    months = overview.expiring_by_month(today=today)
    assert [(item.month, item.certifications) for item in months] == [
        (date(2026, 1, 1), 0),
        (date(2026, 2, 1), 2),
        (date(2026, 3, 1), 0),
        (date(2026, 4, 1), 1),
    ]
    assert months[1].label == "February 2026"


def test_the_months_run_across_the_year_end():
    months = overview.expiring_by_month(today=date(2026, 11, 15))
    assert [item.month for item in months] == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]


def test_the_coverage_flags_a_missing_language(client, certification_manager, instructor, other_instructor):
    give_certification(instructor, areas=("cybercrime",), languages=("en", "es"))
    give_certification(
        other_instructor, areas=("cybercrime",), capabilities=("criminal-analysis",), languages=("en",)
    )
    give_certification(other_instructor, areas=("terrorism",), languages=("ar",), status="suspended")
    coverage = overview.coverage()
    cyber = next(row for row in coverage.rows if row.subject.code == "cybercrime")
    assert dict(cyber.cells) == {"ar": 0, "en": 2, "fr": 0, "es": 1}
    assert cyber.gaps == ["ar", "fr"]
    assert cyber.total == 2
    terrorism = next(row for row in coverage.rows if row.subject.code == "terrorism")
    assert terrorism.gaps == ["ar", "en", "fr", "es"]  # a suspended certification does not count
    assert coverage.by_language == {"ar": 0, "en": 2, "fr": 0, "es": 1}

    body = signed_in(client, certification_manager).get(URL).content.decode()
    assert "No certified instructor for Cybercrime in Arabic" in body
    assert "No certified instructor for Cybercrime in English" not in body
    assert '<td class="coverage-gap">0 <span class="coverage-gap__label">gap</span></td>' in body


def test_an_inactive_instructor_leaves_a_gap(instructor):
    give_certification(instructor, areas=("cybercrime",), languages=("en",))
    instructor.is_active = False
    instructor.save()
    cyber = next(row for row in overview.coverage().rows if row.subject.code == "cybercrime")
    assert cyber.gaps == ["ar", "en", "fr", "es"]


def test_the_expiring_list_links_to_the_certification(client, certification_manager, instructor):
    certification = give_certification(instructor, expires_on=days(20))
    give_certification(instructor, expires_on=days(200))
    response = signed_in(client, certification_manager).get(URL)
    body = response.content.decode()
    assert [item.pk for item in response.context["expiring"]] == [certification.pk]
    assert response.context["expiring_count"] == 1
    assert f"{reverse('instructors:profile', args=[instructor.pk])}#certification-{certification.pk}" in body
    assert "1 active certification expires within 90 days." in body


def test_the_charts_are_svg_with_a_title_and_description(client, certification_manager, instructor):
    give_certification(instructor, languages=("en",))
    body = signed_in(client, certification_manager).get(URL).content.decode()
    assert body.count("<svg") == 6  # four levels, the expiries, the languages
    assert '<title id="chart-languages-title">Certified instructors per language</title>' in body
    assert "Arabic: 0; English: 1; French: 0; Spanish: 0" in body
    assert 'direction="ltr"' in body


def test_the_charts_are_mirrored_in_arabic(client, certification_manager, instructor):
    give_certification(instructor, languages=("en",))
    client = signed_in(client, certification_manager)
    client.cookies["cadre_language"] = "ar"
    body = client.get(URL, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in body
    assert 'direction="rtl"' in body
    assert 'x="100%"' in body  # labels start on the right


def test_the_dashboard_takes_a_bounded_number_of_queries(
    client, certification_manager, assessor, kenya, django_assert_max_num_queries
):
    for number in range(12):
        instructor = make_instructor(person_with("instructor", country=kenya), languages={"en": "C1"})
        give_certification(instructor, languages=("en", "fr"), expires_on=days(10 + number * 5))
        give_certification(
            instructor, areas=("terrorism",), capabilities=("criminal-analysis",), languages=("ar",)
        )
        if number % 3 == 0:
            start(instructor, certification_manager, assessor)
    client = signed_in(client, certification_manager)
    client.get(URL)
    with django_assert_max_num_queries(16):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.context["expiring_count"] == 12
