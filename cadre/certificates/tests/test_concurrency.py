"""Two requests issuing the same certificate at once (a double click, a task retried while the
first run is still going) make one certificate (PostgreSQL: SQLite serialises writers)."""

import io
import threading
from typing import Any

import pytest
from django.core.management import call_command

from cadre.certificates.models import Certificate
from cadre.certificates.services import issuing
from cadre.certificates.tests.conftest import issue_for
from cadre.courses.models import Course
from cadre.directory.models import Country
from conftest import person_with
from tests.concurrency import at_once, on_postgresql
from tests.factories import CourseFactory, NominationFactory, SessionFactory

pytestmark = on_postgresql


@pytest.fixture
def overlapping_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first look for a current certificate waits until a second starts, or a second and a
    half passes: with the source's lock the second cannot start before the first commits."""
    entered = threading.Event()
    lock = threading.Lock()
    calls = {"count": 0}
    current_for = issuing._current_for

    def slow(holder: Any, source: Any) -> Certificate | None:
        found = current_for(holder, source)
        with lock:
            calls["count"] += 1
            first = calls["count"] == 1
        if first:
            entered.wait(timeout=1.5)
        else:
            entered.set()
        return found

    monkeypatch.setattr(issuing, "_current_for", slow)


@pytest.mark.django_db(transaction=True)
def test_issuing_twice_at_once_makes_one_certificate(overlapping_lookups: None) -> None:
    call_command("load_reference", verbosity=0, stdout=io.StringIO())
    holder = person_with("learner", country=Country.objects.get(iso2="KE"))
    course: Course = CourseFactory(owner=holder)
    source = NominationFactory(session=SessionFactory(course=course, manager=holder), person=holder)
    results = at_once([lambda: issue_for(holder, course, source=source) for _ in range(2)])
    assert all(isinstance(result, Certificate) for result in results), results
    assert results[0].pk == results[1].pk
    assert Certificate.objects.filter(holder=holder).count() == 1
