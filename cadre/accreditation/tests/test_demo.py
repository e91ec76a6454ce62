"""The demo accreditation, loaded with the rest of the demo data."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cadre.accreditation.models import AccreditationCase, CaseStep, Certificate, Finding
from cadre.accreditation.tests.factories import ensure_guide
from cadre.courses.models import Course

pytestmark = pytest.mark.django_db
Status = AccreditationCase.Status


def test_the_demo_has_cases_at_every_stage_and_loads_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ensure_guide()
    call_command("load_demo", stdout=StringIO())
    cases = AccreditationCase.objects.all()
    assert cases.count() == 8
    assert cases.filter(status=Status.DECIDED).count() == 5
    assert cases.filter(status=Status.IN_REVIEW).count() == 3

    certificates = Certificate.objects.all()
    assert certificates.count() == 4
    assert certificates.filter(outcome="conditional").count() == 2
    today = timezone.localdate()
    assert certificates.filter(valid_until__lte=today + timedelta(days=60)).count() == 1
    assert all(certificate.course.is_accredited for certificate in certificates)
    assert Course.objects.filter(accredited_until__isnull=False).count() == 4

    kenyan = cases.get(kind="institution")
    assert kenyan.institution.acronym == "NPC"
    assert kenyan.status == Status.IN_REVIEW
    in_review = cases.filter(kind="organisation", status=Status.IN_REVIEW)
    assert {case.current_step for case in in_review} == {"analysis", "development"}
    assert Finding.objects.filter(
        step__case__in=in_review,
        step__status=CaseStep.Status.SUBMITTED,
        reviewer__email="daniel.okafor@cadre.example",
    ).exists()

    call_command("load_demo", stdout=StringIO())
    assert AccreditationCase.objects.count() == 8
    assert Certificate.objects.count() == 4
