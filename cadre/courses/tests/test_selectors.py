"""The catalogue search, run on whichever database the suite uses (SQLite or PostgreSQL)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cadre.accounts.models import User
from cadre.courses import services
from cadre.courses.models import Course
from cadre.courses.selectors import CourseFilters, search_courses
from cadre.courses.tests.conftest import make_course
from cadre.directory.models import CourseType, CrimeArea, DeliveryMode, GlobalProgramme, PolicingCapability
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def codes(courses) -> list[str]:  # type: ignore[no-untyped-def]
    return [course.code for course in courses]


def test_english_search_finds_words_and_word_beginnings(
    learner: User, cyber_course: Course, arabic_course: Course
) -> None:
    assert codes(search_courses(learner, "cryptocurrency", language="en")) == [cyber_course.code]
    assert codes(search_courses(learner, "investigat dark", language="en")) == [cyber_course.code]
    assert codes(search_courses(learner, "dark banana", language="en")) == []


def test_arabic_search_finds_arabic_titles(
    learner: User, cyber_course: Course, arabic_course: Course
) -> None:
    assert codes(search_courses(learner, "الاتجار", language="ar")) == [arabic_course.code]
    assert codes(search_courses(learner, "مكافحة", language="ar")) == [arabic_course.code]


def test_french_search_reads_the_french_texts(learner: User, cyber_course: Course) -> None:
    assert codes(search_courses(learner, "cybercriminalité", language="fr")) == [cyber_course.code]
    # An English reader searches the English text.
    assert codes(search_courses(learner, "enquêter", language="en")) == []


def test_a_course_without_a_translation_is_found_in_the_text_readers_see(
    learner: User, arabic_course: Course
) -> None:
    # No English text: an English reader sees (and searches) the Arabic one.
    assert codes(search_courses(learner, "الاتجار", language="en")) == [arabic_course.code]


def test_search_syntax_is_taken_as_words(learner: User, cyber_course: Course) -> None:
    for query in ('"dark', "dark*", "NEAR(dark web)", "dark OR", "'dark':* & !", "   ", "(((", "-"):
        list(search_courses(learner, query, language="en"))
    assert codes(search_courses(learner, '"dark" AND web', language="en")) == [cyber_course.code]


def test_changes_are_searchable_at_once(learner: User, course_manager: User) -> None:
    course = make_course(by=course_manager, title_en="Vehicle crime basics")
    services.update_course(
        course=course, by=course_manager, values={"title_en": "Stolen motor vehicles", "offered_in_en": True}
    )
    assert codes(search_courses(learner, "motor", language="en")) == [course.code]
    assert codes(search_courses(learner, "basics", language="en")) == []
    services.archive_course(course=course, by=course_manager)
    assert codes(search_courses(learner, "motor", language="en")) == []


def test_drafts_and_non_public_courses(learner: User, cyber_course: Course) -> None:
    draft = make_course(title_en="Cybercrime draft", publish=False)
    internal = make_course(title_en="Cybercrime internal")
    signed_in = codes(search_courses(learner, "cybercrime", language="en"))
    assert draft.code not in signed_in
    assert set(signed_in) == {cyber_course.code, internal.code}
    assert codes(search_courses(AnonymousUser(), "cybercrime", language="en")) == [cyber_course.code]
    assert codes(search_courses(learner, "cybercrime", language="en", public=True)) == [cyber_course.code]


def test_filters(learner: User, kenya) -> None:  # type: ignore[no-untyped-def]
    cyber = GlobalProgramme.objects.get(code="cybercrime")
    area = CrimeArea.objects.get(code="crimes-against-children")
    capability = PolicingCapability.objects.get(code="child-exploitation-images")
    webinar = CourseType.objects.get(code="webinar")
    online = DeliveryMode.objects.get(code="online-live")
    match = make_course(
        title_en="Victim identification",
        programme=cyber,
        crime_areas=[area, CrimeArea.objects.get(code="cybercrime")],
        capabilities=[capability],
        course_type=webinar,
        delivery_mode=online,
        offered_in_es=True,
        institution=InstitutionFactory(country=kenya),
    )
    other = make_course(title_en="Something else")
    every = CourseFilters(
        programme="cybercrime",
        crime_area="crimes-against-children",
        capability="child-exploitation-images",
        course_type="webinar",
        delivery_mode="online-live",
        language="es",
        region="africa",
    )
    assert codes(search_courses(learner, "", every)) == [match.code]
    for name in (
        "programme",
        "crime_area",
        "capability",
        "course_type",
        "delivery_mode",
        "language",
        "region",
    ):
        one = CourseFilters(**{name: getattr(every, name)})
        assert codes(search_courses(learner, "", one)) == [match.code], name
    assert set(codes(search_courses(learner, ""))) >= {match.code, other.code}
    assert codes(search_courses(learner, "", CourseFilters(region="europe"))) == []


def test_sorting(learner: User) -> None:
    first = make_course(title_en="Alpha forensics")
    second = make_course(title_en="Beta forensics forensics forensics")
    assert codes(search_courses(learner, "", CourseFilters(sort="title")))[:2] == [first.code, second.code]
    assert codes(search_courses(learner, "", CourseFilters(sort="newest")))[:2] == [second.code, first.code]
    assert set(codes(search_courses(learner, "forensics", CourseFilters(sort="relevance")))) == {
        first.code,
        second.code,
    }


def test_accredited_filter_keeps_courses_whose_accreditation_runs(learner: User) -> None:
    today = timezone.localdate()
    running = make_course(title_en="Running accreditation")
    expired = make_course(title_en="Expired accreditation")
    never = make_course(title_en="Never accredited")
    services.set_accreditation(course=running, valid_until=today + timedelta(days=1))
    services.set_accreditation(course=expired, valid_until=today - timedelta(days=1))

    found = codes(search_courses(learner, filters=CourseFilters(accredited=True)))
    everything = codes(search_courses(learner))

    assert found == [running.code]
    assert {running.code, expired.code, never.code} <= set(everything)


def test_taking_accreditation_off_removes_the_course_from_the_filter(learner: User) -> None:
    course = make_course(title_en="Accredited once")
    services.set_accreditation(course=course, valid_until=timezone.localdate() + timedelta(days=30))
    services.set_accreditation(course=course, valid_until=None)

    assert codes(search_courses(learner, filters=CourseFilters(accredited=True))) == []
    course.refresh_from_db()
    assert course.is_accredited is False
