import json
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from cadre.accounts.models import User
from cadre.courses import permissions
from cadre.courses.models import LANGUAGE_CODES, Course, CourseVersion
from cadre.courses.selectors import CourseFilters, search_courses
from cadre.courses.services import DEMO_FILE
from cadre.directory.models import CourseType, GlobalProgramme

pytestmark = pytest.mark.django_db


def test_the_demo_catalogue_loads_once_and_covers_the_taxonomy() -> None:
    call_command("load_demo", password="demo-password-2026", stdout=StringIO())
    counts = (Course.objects.count(), CourseVersion.objects.count())
    call_command("load_demo", password="demo-password-2026", stdout=StringIO())
    assert (Course.objects.count(), CourseVersion.objects.count()) == counts
    assert counts[0] >= 60
    used_types = set(Course.objects.values_list("course_type__code", flat=True))
    assert used_types == set(CourseType.objects.values_list("code", flat=True))
    used_programmes = set(Course.objects.exclude(programme=None).values_list("programme__code", flat=True))
    assert used_programmes == set(GlobalProgramme.objects.values_list("code", flat=True))
    statuses = set(Course.objects.values_list("status", flat=True))
    assert statuses == {"draft", "published", "archived"}
    manager = User.objects.get(email="nadia.benali@cadre.example")
    course = Course.objects.get(code="cyber-first-responders")
    assert course.owner == manager
    assert permissions.can_edit_course(manager, course)
    arabic_only = search_courses(AnonymousUser(), "الاتجار", CourseFilters(language="ar"), "ar")
    assert "thb-ar-victims" in [item.code for item in arabic_only]
    french_only = search_courses(AnonymousUser(), "", CourseFilters(language="fr"), "fr")
    assert "works-of-art" in [item.code for item in french_only]


# The title and summary may also keep an English text the catalogue started from, offered or not.
NAMING_FIELDS = ("title", "summary")
TEXT_FIELDS = (
    *NAMING_FIELDS,
    "objectives",
    "learning_outcomes",
    "target_audience",
    "admission_criteria",
    "assessment_methods",
)


def test_every_demo_course_has_its_texts_in_each_language_it_is_offered_in() -> None:
    call_command("load_demo", password="demo-password-2026", stdout=StringIO())
    rows = json.loads(DEMO_FILE.read_text(encoding="utf-8"))["courses"]
    courses = list(Course.objects.filter(code__in=[row["code"] for row in rows]))
    assert len(courses) == len(rows)
    missing, unexpected, outcome_counts = [], [], {}
    for course in courses:
        for field in TEXT_FIELDS:
            for code in LANGUAGE_CODES:
                text = (getattr(course, f"{field}_{code}") or "").strip()
                if code in course.languages and not text:
                    missing.append((course.code, field, code))
                kept_english = field in NAMING_FIELDS and code == "en"
                if code not in course.languages and text and not kept_english:
                    unexpected.append((course.code, field, code))
        outcome_counts[course.code] = {
            len(getattr(course, f"learning_outcomes_{code}").splitlines()) for code in course.languages
        }
    assert missing == []
    assert unexpected == []
    # One outcome a line, three to five of them, as many in every language of the course.
    assert {code: counts for code, counts in outcome_counts.items() if len(counts) != 1} == {}
    assert {code for code, counts in outcome_counts.items() if not counts <= {3, 4, 5}} == set()
