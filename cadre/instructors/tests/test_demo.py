"""The demo instructors, loaded with the rest of the demo data: every certification status and
every stage of the pathway, across the regions and languages; loading twice adds nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cadre.instructors import rules, selectors, services
from cadre.instructors.models import (
    Assignment,
    AvailabilityPeriod,
    Candidacy,
    Certification,
    Instructor,
    InstructorLanguage,
    Observation,
    StageCompletion,
)

pytestmark = pytest.mark.django_db
Status = Certification.Status


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (
            Instructor,
            Certification,
            Candidacy,
            StageCompletion,
            Observation,
            Assignment,
            AvailabilityPeriod,
        )
    )


def check_regions_languages_and_kinds(demo):
    instructors = Instructor.objects.select_related("home_country__region")
    assert instructors.count() == 20
    regions = {instructor.home_country.region.code for instructor in instructors}
    assert regions == {"africa", "americas", "asia-south-pacific", "europe", "mena"}
    assert set(InstructorLanguage.objects.values_list("language", flat=True)) == {"ar", "en", "fr", "es"}
    assert set(instructors.values_list("kind", flat=True)) == set(Instructor.Kind.values)
    assert Instructor.objects.filter(person__email="lucia.restrepo@policia.co.example").exists()


def check_every_certification_status_and_level(demo):
    certifications = Certification.objects.all()
    assert set(certifications.values_list("status", flat=True)) == set(Status.values)
    active = certifications.filter(status=Status.ACTIVE, expires_on__gte=demo)
    assert set(active.values_list("level__code", flat=True)) == {"associate", "certified", "senior", "master"}
    assert active.filter(expires_on__lte=demo + timedelta(days=60)).count() >= 2
    for status in (Status.SUSPENDED, Status.REVOKED):
        held = certifications.get(status=status)
        assert held.status_reason
        assert held.events.filter(kind=status, reason=held.status_reason).exists()
    assert certifications.get(status=Status.EXPIRED).expires_on < demo
    assert certifications.filter(renewal_count=1, events__kind="renewed").exists()
    assert all(certification.events.filter(kind="issued").exists() for certification in certifications)


def check_every_stage_of_the_pathway(demo):
    candidacies = Candidacy.objects.all()
    assert set(candidacies.values_list("status", flat=True)) == set(Candidacy.Status.values)
    just_started = [item for item in candidacies if not item.completions.exists()]
    assert just_started
    awaiting = StageCompletion.objects.filter(confirmed_at__isnull=True, candidacy__status="in_progress")
    assert awaiting.count() >= 2
    assert all(completion.evidence for completion in awaiting)
    not_yet = candidacies.get(observations__recommendation=Observation.Recommendation.NOT_YET)
    assert not_yet.status == Candidacy.Status.IN_PROGRESS
    ready = candidacies.get(status=Candidacy.Status.RECOMMENDED)
    assert selectors.certification_blockers(ready) == []
    assert candidacies.get(status=Candidacy.Status.WITHDRAWN).closing_reason
    certified = candidacies.get(status=Candidacy.Status.CERTIFIED)
    assert certified.certifications.get().status == Status.ACTIVE
    assert ready.assessors.filter(email="lina.haddad@cadre.example").exists()


def check_deliveries_ratings_availability_and_bookings(demo):
    assignments = Assignment.objects.all()
    assert assignments.filter(ends_on__lt=demo, rating__isnull=False).count() >= 10
    assert assignments.filter(starts_on__gt=demo).count() >= 5
    assert assignments.filter(role=Assignment.Role.TRAINEE).exists()
    assert Instructor.objects.filter(average_rating__isnull=False).count() >= 10
    kinds = set(AvailabilityPeriod.objects.values_list("kind", flat=True))
    assert kinds == set(AvailabilityPeriod.Kind.values)


def check_the_demo_session(demo):
    """The Spanish cybercrime course from day 18 to day 22: Mariana Gutiérrez's certification
    expires on day 20; Diego Fernández already delivers it."""
    session = Assignment.objects.get(reference__contains="demo session")
    gutierrez = Instructor.objects.get(person__email="mariana.gutierrez@policia.mx.example")
    verdicts = rules.verdicts_for(
        Instructor.objects.all(), session.course, "es", session.starts_on, session.ends_on
    )
    assert verdicts[gutierrez.pk].codes == [rules.EXPIRES]
    assert verdicts[session.instructor_id].codes == [rules.BOOKED]


def test_the_demo_covers_every_status_and_stage_and_loads_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert "Demo instructors: 20 new." in output.getvalue()
    today = timezone.localdate()
    check_regions_languages_and_kinds(today)
    check_every_certification_status_and_level(today)
    check_every_stage_of_the_pathway(today)
    check_deliveries_ratings_availability_and_bookings(today)
    check_the_demo_session(today)

    before = _counts()
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert "Demo instructors: 0 new." in output.getvalue()
    assert _counts() == before
    assert services.load_demo_instructors() == 0
