from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from cadre.accounts.models import User
from cadre.audit.models import AuditEntry
from cadre.directory.models import Agency, Country
from cadre.imports import processing, services
from cadre.imports.models import ImportBatch, ImportRow
from cadre.imports.tasks import import_batch
from tests.factories import UserFactory

from .conftest import csv_bytes, official, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

Capture = DjangoCaptureOnCommitCallbacks


def post_file(
    client: Client, capture: Capture, content: bytes, name: str = "officials.csv", **data: Any
) -> Any:
    with capture(execute=True):
        return client.post(reverse("imports:batches"), {"file": upload(content, name), **data})


def batch_of(response: Any) -> ImportBatch:
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportBatch.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def confirm(client: Client, capture: Capture, batch: ImportBatch) -> Any:
    with capture(execute=True):
        return client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)


def test_an_ncb_uploads_checks_and_imports_a_list_of_its_officials(
    client: Client,
    django_capture_on_commit_callbacks: Capture,
    ncb_officer: User,
    police: Agency,
    customs: Agency,
) -> None:
    UserFactory(email="official3@police.go.ke", country=ncb_officer.country)
    rows = [official(1), official(2, agency="KRA", preferred_language="fr"), official(3)]
    client.force_login(ncb_officer)
    batch = batch_of(post_file(client, django_capture_on_commit_callbacks, csv_bytes(rows), country="KE"))
    assert (batch.status, batch.total_rows, batch.valid_rows, batch.present_rows) == ("ready", 3, 2, 1)
    page = client.get(reverse("imports:batch", args=[batch.pk]))
    assert page.context["may_confirm"] is True
    assert b"official2@police.go.ke" in page.content
    assert default_storage.exists(batch.file.name)

    mail.outbox.clear()
    response = confirm(client, django_capture_on_commit_callbacks, batch)
    batch.refresh_from_db()
    assert response.status_code == 200
    assert sorted(message.to[0] for message in mail.outbox) == [
        "official1@police.go.ke",
        "official2@police.go.ke",
    ]
    assert (batch.status, batch.imported_rows, batch.confirmed_by) == ("imported", 3, ncb_officer)
    second = User.objects.get(email="official2@police.go.ke")
    assert (second.country, second.agency, second.preferred_language) == (ncb_officer.country, customs, "fr")
    entry = AuditEntry.objects.get(action="imports.imported")
    assert (entry.changes["created"], entry.changes["already_present"]) == ([None, 2], [None, 1])
    assert (entry.country, entry.actor) == (ncb_officer.country, ncb_officer)
    assert not batch.file
    assert default_storage.listdir("imports")[1] == []


def test_a_workbook_is_imported_like_a_csv(
    client: Client, django_capture_on_commit_callbacks: Capture, ncb_head: User, police: Agency
) -> None:
    client.force_login(ncb_head)
    data = xlsx_bytes([official(1), official(2)])
    batch = batch_of(post_file(client, django_capture_on_commit_callbacks, data, "list.bin", country="KE"))
    assert (batch.file_format, batch.status, batch.valid_rows) == ("xlsx", "ready", 2)


def test_a_list_with_errors_is_reported_row_by_row_and_cannot_be_imported(
    client: Client, django_capture_on_commit_callbacks: Capture, ncb_officer: User, police: Agency
) -> None:
    rows = [official(1), official(2, email="nonsense", agency="Nowhere"), official(3)]
    client.force_login(ncb_officer)
    batch = batch_of(post_file(client, django_capture_on_commit_callbacks, csv_bytes(rows), country="KE"))
    assert (batch.status, batch.valid_rows, batch.invalid_rows) == ("invalid", 2, 1)
    report = client.get(reverse("imports:batch", args=[batch.pk]), {"outcome": "invalid"})
    assert [row.number for row in report.context["rows"]] == [3]
    text = report.content.decode()
    assert "“nonsense” is not a valid e-mail address." in text
    assert "No agency “Nowhere” in this country." in text

    confirm(client, django_capture_on_commit_callbacks, batch)
    batch.refresh_from_db()
    assert batch.status == "invalid"
    assert not User.objects.filter(email__endswith="@police.go.ke").exists()


def test_nothing_is_half_imported_when_a_row_is_refused_during_the_import(
    client: Client,
    django_capture_on_commit_callbacks: Capture,
    ncb_officer: User,
    france: Country,
    police: Agency,
) -> None:
    client.force_login(ncb_officer)
    rows = [official(number) for number in range(1, 6)]
    batch = batch_of(post_file(client, django_capture_on_commit_callbacks, csv_bytes(rows), country="KE"))
    assert batch.status == "ready"
    # Between the check and the import, France registers the fourth address.
    UserFactory(email="official4@police.go.ke", country=france)
    confirm(client, django_capture_on_commit_callbacks, batch)
    batch.refresh_from_db()
    assert batch.status == "failed"
    assert (batch.problem[0], batch.problem[1]["row"]) == ("import_refused", 5)
    assert User.objects.filter(email__endswith="@police.go.ke", country=ncb_officer.country).count() == 0
    assert not AuditEntry.objects.filter(action="imports.imported").exists()
    assert AuditEntry.objects.filter(action="imports.failed", target_id=str(batch.pk)).exists()
    page = client.get(reverse("imports:batch", args=[batch.pk]))
    assert "Nothing was imported." in page.content.decode()
    assert page.context["may_check_again"] is True


def test_a_failed_batch_is_checked_again_and_then_shows_the_row(
    client: Client,
    django_capture_on_commit_callbacks: Capture,
    ncb_officer: User,
    france: Country,
    police: Agency,
) -> None:
    client.force_login(ncb_officer)
    batch = batch_of(
        post_file(client, django_capture_on_commit_callbacks, csv_bytes([official(1)]), country="KE")
    )
    UserFactory(email="official1@police.go.ke", country=france)
    confirm(client, django_capture_on_commit_callbacks, batch)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:check_again", args=[batch.pk]))
    batch.refresh_from_db()
    assert (batch.status, batch.invalid_rows) == ("invalid", 1)
    assert ImportRow.objects.get(batch=batch).errors[0][0] == "email_other_country"


def test_a_batch_is_imported_once_however_often_the_task_runs(
    client: Client, django_capture_on_commit_callbacks: Capture, ncb_officer: User, police: Agency
) -> None:
    client.force_login(ncb_officer)
    batch = batch_of(
        post_file(client, django_capture_on_commit_callbacks, csv_bytes([official(1)]), country="KE")
    )
    confirm(client, django_capture_on_commit_callbacks, batch)
    with django_capture_on_commit_callbacks(execute=True):
        import_batch.delay(batch.pk)
        processing.validate_batch(batch.pk)
        response = client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)
    assert "only once" in response.content.decode()
    assert AuditEntry.objects.filter(action="imports.imported").count() == 1
    assert AuditEntry.objects.filter(action="imports.validated").count() == 1
    assert User.objects.filter(email="official1@police.go.ke").count() == 1


def test_discarding_drops_the_file_and_the_rows(
    client: Client, django_capture_on_commit_callbacks: Capture, ncb_officer: User, police: Agency
) -> None:
    client.force_login(ncb_officer)
    batch = batch_of(
        post_file(client, django_capture_on_commit_callbacks, csv_bytes([official(1)]), country="KE")
    )
    name = batch.file.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:discard", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == "discarded"
    assert not default_storage.exists(name)
    assert not ImportRow.objects.filter(batch=batch).exists()
    assert AuditEntry.objects.filter(action="imports.discarded", target_id=str(batch.pk)).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)
    assert response.status_code == 200
    assert not User.objects.filter(email="official1@police.go.ke").exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("zoë".encode("latin-1"), "officials.csv", "neither a CSV file in UTF-8"),
        (b"%PDF-1.7 binary\x00", "officials.xlsx", "neither a CSV file in UTF-8"),
        (b"", "officials.csv", "The submitted file is empty."),
    ],
)
def test_a_file_of_the_wrong_type_is_refused_with_a_message_and_nothing_stored(
    client: Client,
    django_capture_on_commit_callbacks: Capture,
    ncb_officer: User,
    content: bytes,
    name: str,
    message: str,
) -> None:
    client.force_login(ncb_officer)
    response = post_file(client, django_capture_on_commit_callbacks, content, name, country="KE")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_file_over_the_size_limit_is_refused(
    client: Client,
    django_capture_on_commit_callbacks: Capture,
    settings: Any,
    ncb_officer: User,
    police: Agency,
) -> None:
    settings.IMPORT_MAX_BYTES = 100
    client.force_login(ncb_officer)
    response = post_file(
        client, django_capture_on_commit_callbacks, csv_bytes([official(1), official(2)]), country="KE"
    )
    assert response.status_code == 400
    assert "larger than" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_file_problem_found_while_checking_is_shown_on_the_batch(
    client: Client, django_capture_on_commit_callbacks: Capture, ncb_officer: User
) -> None:
    client.force_login(ncb_officer)
    batch = batch_of(
        post_file(client, django_capture_on_commit_callbacks, b"name,salary\nA,1\n", country="KE")
    )
    assert (batch.status, batch.problem[0]) == ("invalid", "unknown_columns")
    page = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "Unknown columns: name, salary." in page


def test_an_ncb_imports_only_into_its_own_country(
    client: Client, django_capture_on_commit_callbacks: Capture, ncb_officer: User, police: Agency
) -> None:
    client.force_login(ncb_officer)
    response = post_file(client, django_capture_on_commit_callbacks, csv_bytes([official(1)]), country="FR")
    assert response.status_code == 400
    assert not ImportBatch.objects.exists()
    page = client.get(reverse("imports:batches"))
    assert page.context["form"].fixed_country.iso2 == "KE"


def test_an_administrator_chooses_the_country(
    client: Client, django_capture_on_commit_callbacks: Capture, administrator: User, police: Agency
) -> None:
    client.force_login(administrator)
    choices = dict(client.get(reverse("imports:batches")).context["form"].fields["country"].choices)
    assert {"KE", "FR"} <= set(choices)
    batch = batch_of(
        post_file(client, django_capture_on_commit_callbacks, csv_bytes([official(1)]), country="KE")
    )
    assert (batch.country.iso2, batch.status) == ("KE", "ready")


def test_another_countrys_ncb_never_sees_or_changes_a_kenyan_batch(
    client: Client,
    django_capture_on_commit_callbacks: Capture,
    ncb_officer: User,
    ncb_officer_elsewhere: User,
    police: Agency,
) -> None:
    client.force_login(ncb_officer)
    batch = batch_of(
        post_file(client, django_capture_on_commit_callbacks, csv_bytes([official(1)]), country="KE")
    )
    client.force_login(ncb_officer_elsewhere)
    listing = client.get(reverse("imports:batches"))
    assert batch not in listing.context["page"].object_list
    assert b"officials.csv" not in listing.content
    for name in ("batch", "progress"):
        assert client.get(reverse(f"imports:{name}", args=[batch.pk])).status_code == 404
    for name in ("confirm", "discard", "check_again"):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(reverse(f"imports:{name}", args=[batch.pk])).status_code == 404
    batch.refresh_from_db()
    assert batch.status == "ready"
    assert not User.objects.filter(email="official1@police.go.ke").exists()


@pytest.mark.parametrize("persona", ["nobody", "learner", "dpo"])
def test_the_import_pages_are_refused_to_those_without_the_role(
    request: pytest.FixtureRequest, client: Client, persona: str
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("imports:batches")).status_code == 403
    assert client.get(reverse("imports:template")).status_code == 403
    assert "imports:batches" not in [
        link.url for link in client.get(reverse("portal:dashboard")).context["nav_links"]
    ]


def test_the_template_names_the_columns(client: Client, ncb_officer: User) -> None:
    client.force_login(ncb_officer)
    response = client.get(reverse("imports:template"))
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().strip() == (
        "email,given_names,family_name,agency,rank,position,gender,preferred_language"
    )
    nav = client.get(reverse("imports:batches")).context["nav_links"]
    assert reverse("imports:batches") in [link.url for link in nav]


def test_the_progress_fragment_polls_while_busy_and_refreshes_when_done(
    client: Client, ncb_officer: User, kenya: Country
) -> None:
    batch = ImportBatch.objects.create(
        country=kenya,
        file_format="csv",
        original_name="a.csv",
        status="validating",
        total_rows=10,
        processed_rows=4,
    )
    client.force_login(ncb_officer)
    fragment = client.get(reverse("imports:progress", args=[batch.pk]), HTTP_HX_REQUEST="true")
    text = fragment.content.decode()
    assert 'hx-trigger="every 2s"' in text
    assert '<progress max="10" value="4"' in text
    batch.status = "ready"
    batch.save()
    done = client.get(reverse("imports:progress", args=[batch.pk]), HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


def test_import_progress_is_read_from_the_cache(kenya: Country) -> None:
    from django.core.cache import cache

    from cadre.imports.selectors import progress_key, progress_of

    batch = ImportBatch.objects.create(
        country=kenya, file_format="csv", original_name="a.csv", status="importing", valid_rows=300
    )
    cache.set(progress_key(batch.pk), 200)
    assert (progress_of(batch).done, progress_of(batch).total, progress_of(batch).percent) == (200, 300, 66)
    cache.delete(progress_key(batch.pk))


def test_lists_are_paginated_with_a_bounded_number_of_queries(
    client: Client,
    django_capture_on_commit_callbacks: Capture,
    django_assert_max_num_queries: DjangoAssertNumQueries,
    ncb_officer: User,
    police: Agency,
    make_rows: Callable[[int], list[list[str]]],
) -> None:
    client.force_login(ncb_officer)
    batch = batch_of(
        post_file(client, django_capture_on_commit_callbacks, csv_bytes(make_rows(120)), country="KE")
    )
    for number in range(30):
        ImportBatch.objects.create(country=batch.country, file_format="csv", original_name=f"{number}.csv")
    with django_assert_max_num_queries(12):
        listing = client.get(reverse("imports:batches"))
    assert len(listing.context["page"].object_list) == 25
    with django_assert_max_num_queries(12):
        report = client.get(reverse("imports:batch", args=[batch.pk]), {"page": 2})
    assert [row.number for row in report.context["rows"]][:2] == [52, 53]


def test_the_service_refuses_an_upload_for_a_country_one_may_not_vet(
    ncb_officer: User, france: Country
) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.upload_batch(
            uploaded_by=ncb_officer,
            country=france,
            upload=upload(csv_bytes([official(1)])),
            file_format="csv",
        )


def test_the_administrators_upload_page_costs_a_bounded_number_of_queries(
    client: Client, django_assert_max_num_queries: DjangoAssertNumQueries, administrator: User, kenya: Country
) -> None:
    for number in range(30):
        ImportBatch.objects.create(country=kenya, file_format="csv", original_name=f"{number}.csv")
    client.force_login(administrator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("imports:batches"))
    assert len(response.context["form"].fields["country"].choices) > 190


def test_an_import_whose_confirmer_is_gone_fails_and_imports_nothing(
    client: Client, django_capture_on_commit_callbacks: Capture, ncb_officer: User, police: Agency
) -> None:
    client.force_login(ncb_officer)
    batch = batch_of(
        post_file(client, django_capture_on_commit_callbacks, csv_bytes([official(1)]), country="KE")
    )
    ImportBatch.objects.filter(pk=batch.pk).update(status="importing", confirmed_by=None)
    processing.import_batch(batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.problem[0]) == ("failed", "import_error")
    assert not User.objects.filter(email="official1@police.go.ke").exists()
