"""The pages: the list, a profile, one's own profile, certifying and the certification's actions,
the certificate PDF and the public verification page."""

import pytest
from django.test import Client
from django.urls import reverse

from cadre.instructors import services
from cadre.instructors.models import Assignment, AvailabilityPeriod, Certification, Instructor
from cadre.instructors.tests.conftest import (
    area,
    complete_pathway,
    days,
    give_certification,
    make_instructor,
)
from cadre.lib import pdf
from cadre.lib.tests import samples
from conftest import person_with
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = Certification.Status


def signed_in(client: Client, user) -> Client:
    client.force_login(user)
    return client


# --- The list ------------------------------------------------------------------------------------


def test_the_list_needs_a_role(client, learner, instructor_person):
    assert client.get(reverse("instructors:list")).status_code == 302
    assert signed_in(client, learner).get(reverse("instructors:list")).status_code == 403
    response = signed_in(client, instructor_person).get(reverse("instructors:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("instructors:my_profile")


def test_the_list_filters(client, course_manager, instructor, other_instructor, kenya):
    give_certification(instructor, level_code="senior", languages=("es",))
    client = signed_in(client, course_manager)

    def names(**params):
        response = client.get(reverse("instructors:list"), params)
        assert response.status_code == 200
        return {item.pk for item in response.context["page"].object_list}

    assert names() == {instructor.pk, other_instructor.pk}
    assert names(language="es") == {instructor.pk}
    assert names(certified="yes") == {instructor.pk}
    assert names(certified="no") == {other_instructor.pk}
    assert names(level="senior") == {instructor.pk}
    assert names(level="master") == set()
    assert names(crime_area="drug-trafficking") == {other_instructor.pk}
    assert names(q=instructor.person.family_name) == {instructor.pk}
    assert names(language="xx") == {instructor.pk, other_instructor.pk}  # not understood: left out


def test_an_assessor_lists_only_their_candidates(client, assessor, candidacy, other_instructor):
    response = signed_in(client, assessor).get(reverse("instructors:list"))
    assert [item.pk for item in response.context["page"].object_list] == [candidacy.instructor_id]


def test_the_list_takes_a_bounded_number_of_queries(
    client, certification_manager, django_assert_max_num_queries
):
    for number in range(30):
        instructor = make_instructor(crime_areas=[area("cybercrime")], languages={"en": "C1", "fr": "B2"})
        give_certification(instructor, level_code="certified" if number % 2 else "associate")
    client = signed_in(client, certification_manager)
    client.get(reverse("instructors:list"))  # warm the session and caches
    with django_assert_max_num_queries(12):
        response = client.get(reverse("instructors:list"), {"language": "en", "certified": "yes"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 25


# --- A profile -----------------------------------------------------------------------------------


def test_the_profile_shows_certifications_history_deliveries_and_overrides(
    client, course_manager, instructor, cyber_course, administrator
):
    certification = give_certification(instructor, languages=("es",))
    services.assign_instructor(
        instructor=instructor,
        course=cyber_course,
        language="en",
        start=days(3),
        end=days(4),
        by=administrator,
        override_reason="Only expert left.",
    )
    response = signed_in(client, course_manager).get(reverse("instructors:profile", args=[instructor.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert certification.code in body
    assert "Issued" in body
    assert "Only expert left." in body
    assert "Not certified to teach in English." in body
    assert "Suspend the certification" not in body  # a course manager does not certify


def test_the_profile_is_hidden_from_others(client, learner, other_assessor, instructor):
    url = reverse("instructors:profile", args=[instructor.pk])
    assert signed_in(client, learner).get(url).status_code == 404
    assert signed_in(client, other_assessor).get(url).status_code == 404


def test_a_certification_manager_sees_the_actions_and_the_pathway(
    client, certification_manager, candidacy, assessor
):
    give_certification(candidacy.instructor)
    complete_pathway(candidacy, assessor)
    response = signed_in(client, certification_manager).get(
        reverse("instructors:profile", args=[candidacy.instructor_id])
    )
    body = response.content.decode()
    assert "Suspend the certification" in body
    assert "Renew the certification" in body
    assert reverse("instructors:certify", args=[candidacy.pk]) in body
    assert "Evidence: certificate.pdf" in body


# --- One's own profile, and making one for someone -------------------------------------------------


def test_an_instructor_starts_their_profile_with_a_photo(client, instructor_person):
    client = signed_in(client, instructor_person)
    assert client.get(reverse("instructors:my_profile")).status_code == 200
    photo = samples.upload("me.png", samples.png())
    response = client.post(
        reverse("instructors:my_profile"),
        {
            "biography": "Trainer",
            "kind": "internal",
            "language_es": "native",
            "crime_areas": [area("cybercrime").pk],
            "photo": photo,
        },
    )
    instructor = Instructor.objects.get(person=instructor_person)
    assert response.status_code == 302
    assert response["Location"] == reverse("instructors:profile", args=[instructor.pk])
    assert instructor.photo_type == "image/png"
    served = client.get(reverse("instructors:photo", args=[instructor.pk]))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"


def test_a_photo_that_is_not_an_image_is_refused(client, instructor):
    client = signed_in(client, instructor.person)
    fake = samples.upload("me.png", b"#!/bin/sh\necho hello\n")
    response = client.post(reverse("instructors:my_profile"), {"kind": "internal", "photo": fake})
    assert response.status_code == 400
    assert response.context["form"].errors["photo"]
    assert not Instructor.objects.get(pk=instructor.pk).photo


def test_people_who_teach_nothing_have_no_own_profile(client, learner):
    assert signed_in(client, learner).get(reverse("instructors:my_profile")).status_code == 403


def test_a_certification_manager_creates_and_manages_profiles(client, certification_manager, course_manager):
    person = UserFactory()
    client = signed_in(client, certification_manager)
    data = {
        "person_email": person.email,
        "kind": "national_expert",
        "organisation": "Police of Chile",
        "language_es": "native",
        "is_active": "on",
    }
    response = client.post(reverse("instructors:create"), data)
    instructor = Instructor.objects.get(person=person)
    assert response.status_code == 302
    assert instructor.kind == "national_expert"
    assert client.post(reverse("instructors:create"), data).status_code == 400  # already has one
    assert (
        client.post(
            reverse("instructors:create"), {**data, "person_email": "nobody@nowhere.example"}
        ).status_code
        == 400
    )
    response = client.post(
        reverse("instructors:edit", args=[instructor.pk]),
        {"kind": "internal", "manager_email": course_manager.email},
    )
    instructor.refresh_from_db()
    assert response.status_code == 302
    assert not instructor.is_active
    assert instructor.manager == course_manager
    assert signed_in(Client(), course_manager).get(reverse("instructors:create")).status_code == 403
    assert (
        signed_in(Client(), course_manager).get(reverse("instructors:edit", args=[instructor.pk])).status_code
        == 403
    )


def test_availability_is_added_and_removed(client, instructor):
    client = signed_in(client, instructor.person)
    url = reverse("instructors:add_availability", args=[instructor.pk])
    bad = client.post(
        url, {"kind": "unavailable", "starts_on": days(9).isoformat(), "ends_on": days(5).isoformat()}
    )
    assert bad.status_code == 400
    assert not AvailabilityPeriod.objects.exists()
    good = client.post(
        url,
        {
            "kind": "unavailable",
            "starts_on": days(5).isoformat(),
            "ends_on": days(9).isoformat(),
            "note": "Leave",
        },
    )
    assert good.status_code == 302
    period = AvailabilityPeriod.objects.get()
    assert client.post(reverse("instructors:remove_availability", args=[period.pk])).status_code == 302
    assert not AvailabilityPeriod.objects.exists()


def test_evidence_is_downloaded_by_those_who_see_the_candidacy(client, candidacy, assessor, other_assessor):
    complete_pathway(candidacy, assessor)
    completion = candidacy.completions.first()
    url = reverse("instructors:evidence", args=[completion.pk])
    response = signed_in(client, assessor).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert signed_in(Client(), other_assessor).get(url).status_code == 404


# --- Certifying and the certification's actions ---------------------------------------------------


def test_certifying_from_its_page(client, certification_manager, candidacy, assessor):
    client = signed_in(client, certification_manager)
    url = reverse("instructors:certify", args=[candidacy.pk])
    waiting = client.get(url)
    assert waiting.status_code == 200
    assert "No assessor has observed a delivery yet." in waiting.content.decode()
    assert client.post(url, {"crime_areas": [area("cybercrime").pk], "languages": ["es"]}).status_code == 400
    complete_pathway(candidacy, assessor)
    response = client.post(url, {"crime_areas": [area("cybercrime").pk], "languages": ["es"]})
    certification = Certification.objects.get(candidacy=candidacy)
    assert response.status_code == 302
    assert certification.languages == ["es"]
    assert signed_in(Client(), assessor).get(url).status_code == 403


@pytest.mark.parametrize(
    ("action", "data", "status"),
    [
        ("suspend", {"reason": "Complaint."}, Status.SUSPENDED),
        ("suspend", {"reason": "  "}, Status.ACTIVE),
        ("revoke", {"reason": "Misconduct."}, Status.REVOKED),
        ("reinstate", {"reason": "Cleared."}, Status.ACTIVE),
        ("renew", {"refresher": "Workshop."}, Status.ACTIVE),
    ],
)
def test_certification_actions(client, certification_manager, instructor, action, data, status):
    certification = give_certification(instructor)
    url = reverse("instructors:certification_action", args=[certification.pk, action])
    response = signed_in(client, certification_manager).post(url, data, follow=True)
    assert response.status_code == 200
    certification.refresh_from_db()
    assert certification.status == status
    if action in ("reinstate", "renew") or not data.get("reason", "x").strip():
        assert response.context["messages"]  # refused, with the reason why
        assert certification.renewal_count == 0


def test_certification_actions_are_for_certification_managers(
    client, course_manager, instructor, certification_manager
):
    certification = give_certification(instructor)
    url = reverse("instructors:certification_action", args=[certification.pk, "revoke"])
    assert signed_in(client, course_manager).post(url, {"reason": "No."}).status_code == 403
    assert signed_in(Client(), instructor.person).post(url, {"reason": "No."}).status_code == 403
    unknown = reverse("instructors:certification_action", args=[certification.pk, "delete"])
    assert signed_in(Client(), certification_manager).post(unknown).status_code == 404
    certification.refresh_from_db()
    assert certification.status == Status.ACTIVE


def _pdf_works() -> bool:
    try:
        pdf.weasyprint_version()
    except pdf.PdfUnavailable:
        return False
    return True


@pytest.mark.skipif(not _pdf_works(), reason="WeasyPrint cannot load on this machine")
@pytest.mark.parametrize("language", ["ar", "es"])
def test_the_certificate_pdf(client, instructor, language):
    certification = give_certification(instructor, languages=("es",))
    response = signed_in(client, instructor.person).get(
        reverse("instructors:certificate_pdf", args=[certification.pk]), {"language": language}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"-{language}.pdf" in response["Content-Disposition"]


def test_the_certificate_pdf_is_for_those_who_see_the_profile(client, learner, instructor):
    certification = give_certification(instructor)
    assert (
        signed_in(client, learner)
        .get(reverse("instructors:certificate_pdf", args=[certification.pk]))
        .status_code
        == 404
    )


# --- Public verification -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expires", "says"),
    [
        (Status.ACTIVE, 300, "This certificate is genuine:"),
        (Status.SUSPENDED, 300, "genuine but suspended"),
        (Status.REVOKED, 300, "was revoked"),
        (Status.EXPIRED, -3, "genuine but expired on"),
        (Status.ACTIVE, -3, "genuine but expired on"),  # lapsed, before the daily task marks it
    ],
)
def test_the_verification_page(client, instructor, status, expires, says):
    certification = give_certification(
        instructor, issued_on=days(-700), expires_on=days(expires), status=status
    )
    response = client.get(reverse("instructors_public:verify", args=[certification.code.lower()]))
    body = response.content.decode()
    assert response.status_code == 200
    assert says in body
    assert certification.name_on_certificate in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert instructor.person.email not in body


def test_an_unknown_code_and_the_lookup(client, instructor):
    certification = give_certification(instructor)
    assert client.get(reverse("instructors_public:verify", args=["NOPE"])).status_code == 404
    typed = "-".join([certification.code[:6], certification.code[6:]]).lower()
    response = client.get(reverse("instructors_public:lookup"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("instructors_public:verify", args=[certification.code])
    assert client.get(reverse("instructors_public:lookup")).status_code == 200


def test_navigation_shows_instructors_to_those_who_may(client, instructor_person, learner, course_manager):
    label = ">Instructors<"
    assert label in signed_in(client, course_manager).get(reverse("portal:dashboard")).content.decode()
    assert label in signed_in(Client(), instructor_person).get(reverse("portal:dashboard")).content.decode()
    assert label not in signed_in(Client(), learner).get(reverse("portal:dashboard")).content.decode()


def test_a_cancelled_assignment_shows_as_cancelled(client, course_manager, instructor, cyber_course):
    Assignment.objects.create(
        instructor=instructor,
        course=cyber_course,
        language="en",
        starts_on=days(-5),
        ends_on=days(-4),
        cancelled_at=instructor.created_at,
    )
    body = (
        signed_in(client, course_manager)
        .get(reverse("instructors:profile", args=[instructor.pk]))
        .content.decode()
    )
    assert "Cancelled" in body


def test_an_instructor_sees_their_own_pathway(client, candidacy):
    person_with("instructor-assessor")
    body = (
        signed_in(client, candidacy.instructor.person)
        .get(reverse("instructors:profile", args=[candidacy.instructor_id]))
        .content.decode()
    )
    assert "Certification pathway" in body
    assert "remaining" in body
