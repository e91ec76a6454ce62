import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cadre.accounts.models import User
from cadre.directory.models import Country
from cadre.imports import permissions
from cadre.imports.models import ImportBatch

pytestmark = pytest.mark.django_db

PERSONAS = ["nobody", "learner", "ncb_officer", "ncb_officer_elsewhere", "ncb_head", "dpo", "administrator"]


@pytest.fixture
def kenya_batch(kenya: Country) -> ImportBatch:
    return ImportBatch.objects.create(
        country=kenya, file_format="csv", original_name="ke.csv", status=ImportBatch.Status.READY
    )


@pytest.mark.parametrize(
    ("persona", "may_upload", "may_see", "may_confirm", "may_discard", "offered"),
    [
        ("nobody", False, False, False, False, False),
        ("learner", False, False, False, False, False),
        ("ncb_officer", True, True, True, True, True),
        ("ncb_officer_elsewhere", False, False, False, False, True),
        ("ncb_head", True, True, True, True, True),
        ("dpo", False, False, False, False, False),
        ("administrator", True, True, True, True, True),
    ],
)
def test_who_may_do_what_with_a_kenyan_batch(
    request: pytest.FixtureRequest,
    kenya: Country,
    kenya_batch: ImportBatch,
    persona: str,
    may_upload: bool,
    may_see: bool,
    may_confirm: bool,
    may_discard: bool,
    offered: bool,
) -> None:
    user: User = request.getfixturevalue(persona)
    assert permissions.can_upload_batch(user, kenya) is may_upload
    assert permissions.can_see_batch(user, kenya_batch) is may_see
    assert permissions.can_confirm_batch(user, kenya_batch) is may_confirm
    assert permissions.can_discard_batch(user, kenya_batch) is may_discard
    assert permissions.can_import_somewhere(user) is offered


@pytest.mark.parametrize(
    ("status", "may_confirm", "may_discard", "may_check_again"),
    [
        (ImportBatch.Status.UPLOADED, False, True, False),
        (ImportBatch.Status.VALIDATING, False, False, False),
        (ImportBatch.Status.INVALID, False, True, True),
        (ImportBatch.Status.READY, True, True, False),
        (ImportBatch.Status.IMPORTING, False, False, False),
        (ImportBatch.Status.IMPORTED, False, False, False),
        (ImportBatch.Status.FAILED, False, True, True),
        (ImportBatch.Status.DISCARDED, False, False, False),
    ],
)
def test_what_the_ncb_may_do_depends_on_the_batchs_status(
    ncb_officer: User,
    kenya_batch: ImportBatch,
    status: str,
    may_confirm: bool,
    may_discard: bool,
    may_check_again: bool,
) -> None:
    kenya_batch.status = status
    assert permissions.can_confirm_batch(ncb_officer, kenya_batch) is may_confirm
    assert permissions.can_discard_batch(ncb_officer, kenya_batch) is may_discard
    assert permissions.can_check_batch_again(ncb_officer, kenya_batch) is may_check_again


@pytest.mark.parametrize("persona", ["nobody", "learner", "ncb_officer_elsewhere", "dpo"])
def test_a_batch_is_not_found_for_those_who_may_not_see_it(
    request: pytest.FixtureRequest, kenya_batch: ImportBatch, persona: str
) -> None:
    with pytest.raises(Http404):
        permissions.get_batch_for(request.getfixturevalue(persona), kenya_batch.pk)


def test_a_batch_is_found_for_its_ncb_and_a_missing_one_is_not(
    ncb_officer: User, kenya_batch: ImportBatch
) -> None:
    assert permissions.get_batch_for(ncb_officer, kenya_batch.pk, write=True) == kenya_batch
    with pytest.raises(Http404):
        permissions.get_batch_for(ncb_officer, kenya_batch.pk + 1000)


def test_get_for_writing_is_forbidden_to_one_who_only_sees(
    monkeypatch: pytest.MonkeyPatch, ncb_officer: User, kenya_batch: ImportBatch
) -> None:
    monkeypatch.setattr(permissions, "can_upload_batch", lambda user, country: False)
    assert permissions.get_batch_for(ncb_officer, kenya_batch.pk) == kenya_batch
    with pytest.raises(PermissionDenied):
        permissions.get_batch_for(ncb_officer, kenya_batch.pk, write=True)
