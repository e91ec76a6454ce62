from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django import DjangoAssertNumQueries

from cadre.accounts.models import User
from cadre.courses import services
from cadre.courses.models import Course
from cadre.courses.tests.conftest import make_course
from cadre.directory.models import CourseType, DeliveryMode

pytestmark = pytest.mark.django_db
Status = Course.Status


def form_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title_fr": "Analyse criminelle opérationnelle",
        "summary_fr": "Méthodes d'analyse pour les enquêtes.",
        "duration_value": "5",
        "duration_unit": "days",
        "course_type": str(CourseType.objects.get(code="specialised-crime-course").pk),
        "delivery_mode": str(DeliveryMode.objects.get(code="in-person").pk),
        "languages": ["fr"],
    }
    data.update(overrides)
    return data


def test_the_catalogue_needs_a_signed_in_person(client: Client) -> None:
    response = client.get(reverse("courses:catalogue"))
    assert response.status_code == 302


def test_the_public_catalogue_shows_visitors_only_public_courses(
    client: Client, cyber_course: Course
) -> None:
    internal = make_course(title_en="Internal cybercrime course")
    response = client.get(reverse("courses:public_catalogue"), {"q": "cybercrime"})
    assert response.status_code == 200
    assert [course.code for course in response.context["page"].object_list] == [cyber_course.code]
    assert client.get(reverse("courses:public_course", args=[cyber_course.code])).status_code == 200
    assert client.get(reverse("courses:public_course", args=[internal.code])).status_code == 404


def test_the_catalogue_is_paginated_with_bounded_queries(
    client: Client, learner: User, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for number in range(25):
        make_course(title_en=f"Forensics module {number}", offered_in_ar=True)
    client.force_login(learner)
    with django_assert_max_num_queries(20):
        response = client.get(
            reverse("courses:catalogue"), {"q": "forensics", "language": "ar", "sort": "title"}
        )
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 20
    assert 'data-language="ar"' in response.content.decode()


def test_the_public_catalogue_in_arabic_finds_arabic_courses(client: Client, arabic_course: Course) -> None:
    with translation.override("ar"):
        url = reverse("courses:public_catalogue")
    response = client.get(url, {"q": "الاتجار"}, HTTP_ACCEPT_LANGUAGE="ar", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert "مكافحة الاتجار بالبشر" in body


def test_unknown_filters_are_reported_not_a_crash(
    client: Client, learner: User, cyber_course: Course
) -> None:
    client.force_login(learner)
    response = client.get(reverse("courses:catalogue"), {"type": "atlantis", "page": "x", "sort": "worst"})
    assert response.status_code == 200
    assert response.context["form"].errors["type"]


def test_a_course_manager_creates_a_course_in_french(client: Client, course_manager: User) -> None:
    client.force_login(course_manager)
    response = client.post(reverse("courses:create"), form_data())
    course = Course.objects.get(title_fr="Analyse criminelle opérationnelle")
    assert response.status_code == 302
    assert course.code == "analyse-criminelle-operationnelle"
    assert course.languages == ["fr"]
    assert course.owner == course_manager
    assert course.status == Status.DRAFT
    client.post(reverse("courses:publish", args=[course.code]))
    course.refresh_from_db()
    assert course.status == Status.PUBLISHED


def test_bad_input_is_explained_and_changes_nothing(client: Client, course_manager: User) -> None:
    client.force_login(course_manager)
    before = Course.objects.count()
    response = client.post(
        reverse("courses:create"),
        form_data(title_fr="", duration_value="0", languages=[]),
    )
    assert response.status_code == 400
    assert Course.objects.count() == before
    form = response.context["form"]
    assert form.errors["duration_value"]
    assert form.errors["languages"]
    assert form.non_field_errors() == ["Give the course a title in at least one language."]
    assert "Give the course a title in at least one language." in response.content.decode()


def test_editing_is_for_those_who_look_after_the_course(
    client: Client, course_manager: User, learner: User, administrator: User
) -> None:
    course = make_course(title_en="Firearms tracing", by=course_manager)
    url = reverse("courses:edit", args=[course.code])
    client.force_login(learner)
    assert client.get(url).status_code == 403
    assert client.post(url, form_data(title_en="Hijacked", languages=["en"])).status_code == 403
    course.refresh_from_db()
    assert course.title_en == "Firearms tracing"
    client.force_login(administrator)
    assert client.get(url).status_code == 200
    client.force_login(course_manager)
    response = client.post(
        url, form_data(title_en="Firearms tracing and identification", languages=["en", "fr"])
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.title_en == "Firearms tracing and identification"
    assert course.versions.count() == 2


def test_course_page_shows_prerequisites_and_versions(
    client: Client, learner: User, course_manager: User
) -> None:
    basic = make_course(title_en="Notices basics")
    advanced = make_course(title_en="Notices advanced", prerequisites=[basic], by=course_manager)
    client.force_login(learner)
    response = client.get(reverse("courses:course", args=[advanced.code]))
    body = response.content.decode()
    assert "Notices basics" in body
    assert reverse("courses:version", args=[advanced.code, 1]) in body
    version = client.get(reverse("courses:version", args=[advanced.code, 1]))
    assert version.status_code == 200
    assert "Notices advanced" in version.content.decode()
    assert client.get(reverse("courses:version", args=[advanced.code, 9])).status_code == 404


def test_drafts_are_hidden_from_others(client: Client, learner: User, course_manager: User) -> None:
    draft = make_course(title_en="Secret draft", publish=False, by=course_manager)
    client.force_login(learner)
    assert client.get(reverse("courses:course", args=[draft.code])).status_code == 404
    assert client.post(reverse("courses:publish", args=[draft.code])).status_code == 404
    client.force_login(course_manager)
    assert client.get(reverse("courses:course", args=[draft.code])).status_code == 200


def test_archiving_takes_a_course_out_of_the_catalogue(client: Client, course_manager: User) -> None:
    course = make_course(title_en="Maritime piracy", by=course_manager)
    client.force_login(course_manager)
    client.post(reverse("courses:archive", args=[course.code]))
    course.refresh_from_db()
    assert course.status == Status.ARCHIVED
    response = client.get(reverse("courses:catalogue"), {"q": "piracy"})
    assert list(response.context["page"].object_list) == []


def test_a_learner_cannot_open_the_new_course_form(client: Client, learner: User) -> None:
    client.force_login(learner)
    assert client.get(reverse("courses:create")).status_code == 403


def test_a_person_waiting_for_vetting_reads_the_public_catalogue_only(
    client: Client, kenya, cyber_course: Course
) -> None:  # type: ignore[no-untyped-def]
    from cadre.vetting.tests.conftest import make_request

    client.force_login(make_request(kenya).person)
    assert client.get(reverse("courses:public_catalogue")).status_code == 200
    assert client.get(reverse("courses:public_course", args=[cyber_course.code])).status_code == 200
    response = client.get(reverse("courses:catalogue"))
    assert response.status_code == 302
    assert response["Location"] == reverse("vetting:my_request")


def test_target_audience_and_admission_criteria_are_written_per_language(
    client: Client, course_manager: User, learner: User
) -> None:
    client.force_login(course_manager)
    client.post(
        reverse("courses:create"),
        form_data(
            target_audience_fr="Enquêteurs des BCN",
            target_audience_en="NCB investigators",
            admission_criteria_fr="Deux ans d'expérience",
            assessment_methods_fr="Étude de cas notée",
        ),
    )
    course = Course.objects.get(title_fr="Analyse criminelle opérationnelle")
    client.post(reverse("courses:publish", args=[course.code]))
    client.force_login(learner)
    english = client.get(reverse("courses:course", args=[course.code]))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    french = client.get(reverse("courses:course", args=[course.code]))
    version = client.get(reverse("courses:version", args=[course.code, 1]))

    assert "Enquêteurs des BCN" in french.content.decode()
    assert "Deux ans d&#x27;expérience" in french.content.decode()
    assert "NCB investigators" in english.content.decode()
    assert "Étude de cas notée" in version.content.decode()


def test_catalogue_marks_accredited_courses_and_filters_them(client: Client, learner: User) -> None:
    accredited = make_course(title_en="Accredited notices course")
    make_course(title_en="Unaccredited notices course")
    until = timezone.localdate() + timedelta(days=400)
    services.set_accreditation(course=accredited, valid_until=until)
    client.force_login(learner)

    everything = client.get(reverse("courses:catalogue")).content.decode()
    only_accredited = client.get(reverse("courses:catalogue"), {"accredited": "on"}).content.decode()
    page = client.get(reverse("courses:course", args=[accredited.code])).content.decode()

    assert everything.count("badge--accredited") == 1
    assert "Unaccredited notices course" in everything
    assert "Accredited notices course" in only_accredited
    assert "Unaccredited notices course" not in only_accredited
    assert "Accredited until" in page
