"""The pool search: who may open it, the ranking, the reasons shown for the excluded, the rule
without a course, bad input, and a number of queries that does not grow with the pool."""

from collections import Counter
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadre.directory.models import Country
from cadre.instructors import permissions, pool, rules
from cadre.instructors.models import Assignment, AvailabilityPeriod, Certification, Instructor
from cadre.instructors.tests.conftest import (
    area,
    capability,
    days,
    give_certification,
    make_instructor,
    start,
)
from conftest import person_with
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db
Status = Certification.Status
URL = reverse("instructors:pool")


def signed_in(client: Client, user) -> Client:
    client.force_login(user)
    return client


def dates(first: int = 10, last: int = 14) -> dict[str, str]:
    return {"start": days(first).isoformat(), "end": days(last).isoformat()}


# --- Who may search -------------------------------------------------------------------------------

VIEW_TABLE = [
    ("course_manager", 200),
    ("certification_manager", 200),
    ("assessor", 200),
    ("administrator", 200),
    ("learner", 403),
    ("ncb_officer", 403),
    ("instructor_person", 403),  # a plain instructor
    ("nobody", 403),
    ("dpo", 403),
]


@pytest.mark.parametrize(("persona", "status"), VIEW_TABLE)
def test_who_may_open_the_pool_search(client, request, persona, status):
    response = signed_in(client, request.getfixturevalue(persona)).get(URL)
    assert response.status_code == status


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


PERMISSION_TABLE = [
    ("course_manager", True),
    ("certification_manager", True),
    ("assessor", True),
    ("administrator", True),
    ("learner", False),
    ("ncb_officer", False),
    ("instructor_person", False),
    ("nobody", False),
    ("dpo", False),
]


@pytest.mark.parametrize(("persona", "allowed"), PERMISSION_TABLE)
def test_can_use_pool_search(request, persona, allowed):
    assert permissions.can_use_pool_search(request.getfixturevalue(persona)) is allowed


def test_an_assessor_searches_only_their_candidates(
    client, assessor, certification_manager, instructor, other_instructor
):
    start(instructor, certification_manager, assessor)
    give_certification(instructor, languages=("en",))
    give_certification(other_instructor, languages=("en",))
    response = signed_in(client, assessor).get(URL, {"crime_area": "cybercrime", **dates()})
    seen = {row.instructor.pk for row in [*response.context["matches"], *response.context["excluded"]]}
    assert seen == {instructor.pk}
    assert "candidates assigned to you" in response.content.decode()


# --- Ranking --------------------------------------------------------------------------------------


@pytest.fixture
def ranked_pool(cyber_course):
    """Six instructors who may deliver the cyber course in English on days 10 to 14, each
    differing from the next in one thing the ranking weighs."""

    def certified(name, level_code, proficiency="native", **values):
        person = person_with("instructor", family_name=name)
        instructor = make_instructor(person, languages={"en": proficiency})
        give_certification(instructor, level_code=level_code, languages=("en",), **values)
        return instructor

    exact = certified("Exact", "associate", "B2", areas=(), courses=(cyber_course,))
    declared = certified("Declared", "certified")
    AvailabilityPeriod.objects.create(
        instructor=declared, kind="available", starts_on=days(1), ends_on=days(30)
    )
    master = certified("Master", "master")
    rated = certified("Rated", "senior")
    busy = certified("Busy", "senior")
    unrated = certified("Unrated", "senior")
    Instructor.objects.filter(pk__in=[rated.pk, busy.pk]).update(
        average_rating=Decimal("4.80"), rating_count=12
    )
    Assignment.objects.create(
        instructor=busy, course=cyber_course, language="en", starts_on=days(40), ends_on=days(41)
    )
    return [exact, declared, master, rated, busy, unrated]


def test_results_rank_by_fit(client, course_manager, cyber_course, ranked_pool):
    params = {"course": cyber_course.code, "language": "en", **dates()}
    response = signed_in(client, course_manager).get(URL, params)
    assert response.status_code == 200
    assert [row.instructor.pk for row in response.context["matches"]] == [item.pk for item in ranked_pool]
    first, second = response.context["matches"][:2]
    assert "Certified for this very course." in first.reasons
    assert "Teaches in English: B2 (upper intermediate)." in first.reasons
    assert "Declared available for these dates." in second.reasons
    assert "Certified for this course's subjects." in second.reasons
    body = response.content.decode()
    assert "Rated 4.8 out of 5 by participants (12 ratings)." in body
    assert "1 other delivery booked within 90 days of these dates." in body


def test_the_excluded_are_listed_with_their_reasons(client, course_manager, cyber_course):
    def someone(name):
        return make_instructor(person_with("instructor", family_name=name), languages={"en": "C1"})

    lapsing = someone("Lapsing")
    give_certification(lapsing, expires_on=days(12))
    suspended = someone("Suspended")
    give_certification(suspended, status=Status.SUSPENDED, reason="Complaint under review")
    away = someone("Away")
    give_certification(away)
    AvailabilityPeriod.objects.create(
        instructor=away, kind="unavailable", starts_on=days(13), ends_on=days(20), note="Leave"
    )
    booked = someone("Booked")
    give_certification(booked)
    Assignment.objects.create(
        instructor=booked,
        course=cyber_course,
        language="en",
        starts_on=days(11),
        ends_on=days(12),
        reference="Nairobi workshop",
    )
    french = someone("French")
    give_certification(french, languages=("fr",))
    uncertified = someone("Uncertified")

    params = {"course": cyber_course.code, "language": "en", **dates()}
    response = signed_in(client, course_manager).get(URL, params)
    body = response.content.decode()
    assert response.context["matches"] == []
    reasons = {row.instructor.pk: row.reasons for row in response.context["excluded"]}
    assert set(reasons) == {lapsing.pk, suspended.pk, away.pk, booked.pk, french.pk, uncertified.pk}
    assert reasons[lapsing.pk][0].startswith("Certification expires on")
    assert reasons[suspended.pk] == ["Certification suspended: Complaint under review."]
    assert reasons[away.pk][0].startswith("Unavailable from")
    assert "Leave" in reasons[away.pk][0]
    assert reasons[booked.pk][0].startswith("Already delivering Nairobi workshop")
    assert reasons[french.pk] == ["Not certified to teach in English."]
    assert reasons[uncertified.pk] == ["No active certification."]
    # The closest to delivering come first: busy or away before not certified at all.
    order = [row.instructor.pk for row in response.context["excluded"]]
    assert order.index(booked.pk) < order.index(french.pk) < order.index(uncertified.pk)
    assert "Not available for these dates or not certified" in body
    assert "6 instructors cannot deliver with this search." in body
    assert "Booked on overlapping dates: <strong>1</strong>" in body


def test_the_level_asked_for_excludes_lower_levels(client, course_manager, instructor, other_instructor):
    give_certification(instructor, level_code="associate")
    give_certification(other_instructor, level_code="senior")
    params = {"crime_area": "cybercrime", "level": "certified", **dates()}
    response = signed_in(client, course_manager).get(URL, params)
    assert [row.instructor.pk for row in response.context["matches"]] == [other_instructor.pk]
    assert response.context["excluded"][0].reasons == [
        "Certified at the Associate instructor level, below the Certified instructor level asked for."
    ]
    assert "Certified below the level asked for: <strong>1</strong>" in response.content.decode()


def test_expiring_shows_only_certifications_lapsing_soon(
    client, course_manager, instructor, other_instructor
):
    give_certification(instructor, expires_on=days(60))
    give_certification(other_instructor, expires_on=days(600))
    response = signed_in(client, course_manager).get(URL, {"status": "expiring", **dates()})
    assert [row.instructor.pk for row in response.context["matches"]] == [instructor.pk]
    assert "check its renewal" in response.content.decode()


def test_candidates_for_a_supervised_co_delivery(
    client, certification_manager, assessor, instructor, other_instructor
):
    start(instructor, certification_manager, assessor)
    give_certification(other_instructor)
    response = signed_in(client, certification_manager).get(URL, {"status": "candidate", **dates()})
    assert [row.instructor.pk for row in response.context["matches"]] == [instructor.pk]
    assert (
        "On a certification pathway: may co-deliver under supervision."
        in response.context["matches"][0].reasons
    )
    assert response.context["excluded"][0].reasons == ["Not a candidate on a certification pathway."]


def test_the_region_narrows_the_pool(client, course_manager, kenya, france):
    here = make_instructor(home_country=kenya)
    there = make_instructor(home_country=france)
    give_certification(here)
    give_certification(there)
    response = signed_in(client, course_manager).get(URL, {"region": "africa"})
    assert [row.instructor.pk for row in response.context["matches"]] == [here.pk]
    assert response.context["excluded"] == []


# --- The rule without a course -------------------------------------------------------------------


def test_verdicts_by_subject_and_any_language(instructor, other_instructor):
    give_certification(
        instructor, areas=("cybercrime",), capabilities=("criminal-analysis",), languages=("es",)
    )
    give_certification(other_instructor, areas=("drug-trafficking",), languages=("en",))
    both = Instructor.objects.all()

    def allowed(**kwargs):
        found = rules.verdicts_for_subjects(both, start=days(1), end=days(2), **kwargs)
        return {pk for pk, verdict in found.items() if verdict.allowed}

    assert allowed(crime_areas=[area("cybercrime").pk]) == {instructor.pk}
    assert allowed(capabilities=[capability("criminal-analysis").pk]) == {instructor.pk}
    assert allowed() == {instructor.pk, other_instructor.pk}  # any subject, any language
    assert allowed(language="en") == {other_instructor.pk}
    refused = rules.verdicts_for_subjects(
        both, crime_areas=[area("cybercrime").pk], start=days(1), end=days(2)
    )
    assert refused[other_instructor.pk].reasons == [
        "Certified for Drug trafficking, not for the subjects searched for."
    ]
    with pytest.raises(ValueError, match="last day"):
        rules.verdicts_for_subjects(both, start=days(2), end=days(1))


def test_a_subject_search_names_the_subject(client, course_manager, instructor):
    give_certification(instructor, areas=("cybercrime",))
    response = signed_in(client, course_manager).get(URL, {"crime_area": "cybercrime", **dates()})
    assert "Certified for Cybercrime." in response.context["matches"][0].reasons


# --- Bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"course": "no-such-course"}, "course", "No course of the catalogue has the code"),
        (
            {"start": days(9).isoformat(), "end": days(3).isoformat()},
            "end",
            "The last day comes before the first",
        ),
        ({"start": days(1).isoformat(), "end": days(500).isoformat()}, "end", "at most a year"),
        ({"start": "2026-13-45"}, "start", "Enter a valid date."),
        ({"language": "xx"}, "language", "Select a valid choice."),
        ({"level": "grandmaster"}, "level", "Select a valid choice."),
    ],
)
def test_bad_input_is_explained_and_left_out(client, course_manager, instructor, params, field, message):
    give_certification(instructor)
    response = signed_in(client, course_manager).get(URL, params)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "was not understood and was left out" in response.content.decode()


def test_a_course_and_a_subject_together(client, course_manager, cyber_course):
    params = {"course": cyber_course.code, "crime_area": "drug-trafficking"}
    response = signed_in(client, course_manager).get(URL, params)
    assert "the course's own subjects are used" in " ".join(response.context["form"].errors["crime_area"])
    assert response.context["query"].course == cyber_course
    assert response.context["query"].crime_area is None


def test_a_draft_course_of_someone_else_is_not_found(client, course_manager):
    draft = CourseFactory()  # a draft, owned by someone else
    response = signed_in(client, course_manager).get(URL, {"course": draft.code})
    assert "course" in response.context["form"].errors


def test_htmx_gets_the_results_only(client, course_manager, instructor):
    give_certification(instructor)
    response = signed_in(client, course_manager).get(URL, {"language": "en"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "Instructors who may deliver: 1" in body


def test_the_list_links_to_the_pool_and_the_dashboard(client, course_manager, assessor):
    body = signed_in(client, course_manager).get(reverse("instructors:list")).content.decode()
    assert URL in body
    assert reverse("instructors:dashboard") in body
    body = signed_in(Client(), assessor).get(reverse("instructors:list")).content.decode()
    assert URL in body
    assert reverse("instructors:dashboard") not in body


def test_the_page_in_arabic(client, course_manager, instructor):
    give_certification(instructor, languages=("ar",))
    client = signed_in(client, course_manager)
    client.cookies["cadre_language"] = "ar"
    response = client.get(URL, {"language": "ar"}, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


# --- A number of queries that does not grow with the pool ------------------------------------------


def build_pool(size: int, course) -> None:
    """`size` instructors, each with three certifications (one covering the course, or for every
    fourth one another subject; one suspended, one expired), a declared period, a booking and a
    language."""
    kenya = Country.objects.get(iso2="KE")
    for number in range(size):
        instructor = make_instructor(
            languages={"en": "C1", "ar": "native"}, crime_areas=[area("cybercrime")], home_country=kenya
        )
        give_certification(
            instructor,
            languages=("en", "ar"),
            level_code="senior" if number % 2 else "certified",
            areas=("drug-trafficking",) if number % 4 == 3 else ("cybercrime",),
        )
        give_certification(instructor, status=Status.SUSPENDED, areas=("terrorism",))
        give_certification(instructor, status=Status.EXPIRED, issued_on=days(-900), expires_on=days(-10))
        kind = "available" if number % 3 else "unavailable"
        AvailabilityPeriod.objects.create(
            instructor=instructor, kind=kind, starts_on=days(5), ends_on=days(20)
        )
        Assignment.objects.create(
            instructor=instructor, course=course, language="en", starts_on=days(30), ends_on=days(31)
        )


def count_queries(client, params) -> int:
    client.get(URL, params)  # warm the session and the per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(queries)


SEARCHES = [
    {"course": "COURSE", "language": "en", "level": "certified", **dates()},
    {"crime_area": "cybercrime", "capability": "criminal-analysis", "language": "ar", "region": "africa"},
    {"status": "candidate", **dates()},
    {},
]


@pytest.mark.parametrize("params", SEARCHES, ids=["course", "subject", "candidates", "nothing"])
def test_the_number_of_queries_does_not_grow_with_the_pool(
    client, certification_manager, cyber_course, params, django_assert_max_num_queries
):
    params = {key: cyber_course.code if value == "COURSE" else value for key, value in params.items()}
    client = signed_in(client, certification_manager)
    build_pool(4, cyber_course)
    small = count_queries(client, params)
    build_pool(36, cyber_course)  # 40 instructors, 120 certifications
    assert Certification.objects.count() == 120
    with django_assert_max_num_queries(45):  # the rule twice: those who may, and room for the rest
        response = client.get(URL, params)
    assert response.status_code == 200
    assert count_queries(client, params) == small


def test_pool_search_orders_and_pages(client, certification_manager, cyber_course):
    build_pool(30, cyber_course)
    client = signed_in(client, certification_manager)
    first = client.get(URL, {"language": "en", **dates(40, 41)})
    assert first.context["page"].paginator.count == 30
    assert len(first.context["matches"]) == 25
    second = client.get(URL, {"language": "en", **dates(40, 41), "page": 2})
    assert len(second.context["matches"]) == 5
    shown = [row.instructor.pk for row in [*first.context["matches"], *second.context["matches"]]]
    assert len(set(shown)) == 30
    ranked = pool.search(certification_manager, first.context["query"]).matches
    assert [item.instructor_id for item in ranked] == shown


def test_judging_only_the_holders_agrees_with_the_rule_over_everyone(certification_manager, cyber_course):
    build_pool(12, cyber_course)
    give_certification(make_instructor(), areas=("terrorism",), status=Status.SUSPENDED)
    inactive = make_instructor()
    Instructor.objects.filter(pk=inactive.pk).update(is_active=False)
    make_instructor()  # no certification at all
    query = pool.PoolQuery(start=days(10), end=days(14), course=cyber_course, language="en")
    result = pool.search(certification_manager, query, excluded_judged=3)
    everyone = rules.verdicts_for(Instructor.objects.all(), cyber_course, "en", days(10), days(14))
    assert {item.instructor_id for item in result.matches} == {pk for pk, v in everyone.items() if v.allowed}
    refused = [verdict for verdict in everyone.values() if not verdict.allowed]
    assert result.excluded_count == len(refused)
    main = [max(v.codes, key=lambda code: pool.DISTANCE[code]) for v in refused]
    assert result.by_reason == Counter(main)
    assert result.by_reason[rules.INACTIVE] == 1
    assert result.by_reason[rules.NO_CERTIFICATION] == 1
    assert result.by_reason[rules.SUBJECT] == 4  # every fourth of the twelve, and the terrorism one
    for item in result.excluded:
        assert list(item.verdict.refusals) == list(everyone[item.instructor_id].refusals)
