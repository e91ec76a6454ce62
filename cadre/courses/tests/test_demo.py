from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from cadre.accounts.models import User
from cadre.courses import permissions
from cadre.courses.models import Course, CourseVersion
from cadre.courses.selectors import CourseFilters, search_courses
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
