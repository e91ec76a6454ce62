"""The demo material: versions in each state, loaded once."""

import io
import zipfile

import pytest
from django.core.management import call_command

from cadre.materials.models import Material, MaterialVersion, Review
from cadre.materials.services import load_demo_materials
from cadre.materials.services.demo import docx_file, pdf_file

pytestmark = pytest.mark.django_db
Status = MaterialVersion.Status


def test_the_demo_files_are_real_files():
    pdf = pdf_file("Handbook (draft)")
    assert pdf.startswith(b"%PDF-1.4")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert b"Handbook \\(draft\\)" in pdf
    with zipfile.ZipFile(io.BytesIO(docx_file("Guide"))) as archive:
        assert "word/document.xml" in archive.namelist()


def test_demo_material_is_loaded_once_in_every_state(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    assert Material.objects.count() == 5
    statuses = set(MaterialVersion.objects.values_list("status", flat=True))
    assert {Status.APPROVED, Status.RETURNED, Status.SUBMITTED, Status.SUPERSEDED} <= statuses
    reviewers = set(Review.objects.values_list("reviewer__email", flat=True))
    assert reviewers == {"priya.raman@cadre.example"}
    submitters = set(MaterialVersion.objects.values_list("submitted_by__email", flat=True))
    assert submitters == {"nadia.benali@cadre.example"}
    returned = Review.objects.get(outcome=Review.Outcome.RETURNED)
    assert returned.comments
    versions = MaterialVersion.objects.count()
    assert load_demo_materials() == 0
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    assert Material.objects.count() == 5
    assert MaterialVersion.objects.count() == versions


def test_demo_reviews_choose_criteria_when_none_is_marked_for_material(settings, tmp_path, guide):
    from cadre.standards.models import Criterion

    settings.MEDIA_ROOT = tmp_path
    Criterion.objects.update(applies_to_material=False)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    decided = Review.objects.exclude(outcome="")
    assert decided.count() == 5
    assert all(review.criteria.exists() and review.findings.exists() for review in decided)
