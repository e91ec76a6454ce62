"""Benchmark: an NCB imports 10,000 officials of one country from one CSV file.

Runs the two steps of an import in-process — checking every row, then importing them all in
one transaction — against a throwaway SQLite database (or the PostgreSQL database named by
DATABASE_URL, which must be a scratch one), and prints rows per second for each step beside
a baseline measured in the same run: inserting the same people with one bulk_create, the raw
cost of writing the rows.

    .venv/bin/python bench/import_officials.py [--rows 10000]
"""

import argparse
import csv
import io
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AGENCIES = 20


def configure(scratch: Path) -> str:
    """Point Django at a scratch database and media folder; return the database engine."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadre.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    os.environ["HTTPS"] = "false"
    os.environ["CADRE_VAR_DIR"] = str(scratch)
    os.environ["MEDIA_ROOT"] = str(scratch / "media")
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch / 'bench.sqlite3'}")
    import django
    from django.conf import settings

    django.setup()
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    return "postgresql" if "postgres" in os.environ["DATABASE_URL"] else "sqlite"


def prepare() -> tuple[Any, Any]:
    """Migrate, load the reference data, and give Kenya agencies and an NCB focal point."""
    from django.core.management import call_command

    from cadre.accounts.models import Role, User
    from cadre.accounts.services import assign_role
    from cadre.directory.models import Agency, Country, Sector

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0, stdout=io.StringIO())
    kenya = Country.objects.get(iso2="KE")
    police = Sector.objects.get(code="police")
    for number in range(AGENCIES):
        Agency.objects.get_or_create(
            country=kenya,
            name=f"Bench agency {number}",
            defaults={"acronym": f"BA{number}", "sector": police},
        )
    ncb = User.objects.create_user(f"bench-ncb-{uuid.uuid4().hex[:8]}@police.example", None, country=kenya)
    assign_role(user=ncb, role=Role.objects.get(code="ncb-focal-point"), scope=kenya, notify=False)
    return kenya, ncb


def officials(count: int, run: str) -> list[list[str]]:
    genders = ["female", "male", "undisclosed"]
    languages = ["ar", "en", "fr", "es"]
    return [
        [
            f"bench-{run}-{number}@police.example",
            f"Given {number}",
            f"Family {number}",
            f"BA{number % AGENCIES}",
            "Inspector",
            "Analyst",
            genders[number % 3],
            languages[number % 4],
        ]
        for number in range(count)
    ]


def as_csv(rows: list[list[str]]) -> bytes:
    from cadre.imports.files import COLUMN_CODES

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMN_CODES)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def timed(step: Callable[[], object]) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def baseline(kenya: Any, rows: list[list[str]]) -> float:
    """The raw insert: the same people written with one bulk_create, then rolled back."""
    from django.db import transaction

    from cadre.accounts.models import User

    def insert() -> None:
        people = [
            User(email="base-" + row[0], given_names=row[1], family_name=row[2], country=kenya, password="!")  # noqa: S106 - unusable
            for row in rows
        ]
        User.objects.bulk_create(people, batch_size=1000)

    with transaction.atomic():
        elapsed = timed(insert)
        transaction.set_rollback(True)
    return elapsed


def run(count: int) -> None:
    with tempfile.TemporaryDirectory(prefix="cadre-bench-") as folder:
        engine = configure(Path(folder))
        kenya, ncb = prepare()
        rows = officials(count, uuid.uuid4().hex[:8])
        report(engine, count, measure(kenya, ncb, rows))


def measure(kenya: Any, ncb: Any, rows: list[list[str]]) -> dict[str, float]:
    from django.core.files.base import ContentFile
    from django.db import transaction

    from cadre.imports import processing
    from cadre.imports.models import ImportBatch

    seconds = {"baseline": baseline(kenya, rows)}
    batch = ImportBatch(country=kenya, uploaded_by=ncb, file_format="csv", original_name="bench.csv")
    batch.file.save("bench.csv", ContentFile(as_csv(rows)), save=True)
    seconds["validation"] = timed(lambda: processing.validate_batch(batch.pk))
    batch.refresh_from_db()
    if batch.status != ImportBatch.Status.READY:
        raise SystemExit(f"The generated file did not validate: {batch.status} {batch.problem}")
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.IMPORTING, confirmed_by=ncb)
    # An outer transaction holds back what the import does on commit (the e-mails, rendered
    # in-process without a broker), so that it is measured on its own.
    started = time.perf_counter()
    with transaction.atomic():
        seconds["import"] = timed(lambda: processing.import_batch(batch.pk))
        committing = time.perf_counter()
    seconds["on_commit"] = time.perf_counter() - committing
    seconds["total"] = time.perf_counter() - started
    batch.refresh_from_db()
    if batch.status != ImportBatch.Status.IMPORTED:
        raise SystemExit(f"The import did not complete: {batch.status} {batch.problem}")
    return seconds


def report(engine: str, count: int, seconds: dict[str, float]) -> None:
    base_rate = count / seconds["baseline"]
    print(f"Import of {count:,} officials of one country from one CSV file ({engine})")
    print(f"{'step':<44}{'seconds':>9}{'rows/s':>10}{'vs baseline':>13}")
    labels = {
        "baseline": "baseline: bulk_create of the same people",
        "validation": "check every row (preview)",
        "import": "import, one transaction (admit_person)",
        "on_commit": "on commit: e-mails rendered in-process",
        "total": "import and commit",
    }
    for key, label in labels.items():
        rate = count / seconds[key] if seconds[key] else float("inf")
        print(f"{label:<44}{seconds[key]:>9.2f}{rate:>10,.0f}{rate / base_rate:>12.3f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=10_000)
    run(parser.parse_args().rows)


if __name__ == "__main__":
    main()
