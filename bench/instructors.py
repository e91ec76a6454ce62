"""Benchmark data: an instructor pool of N instructors and about 4 N certifications, written in bulk.

Run by bench/run.py inside its scratch instance (the environment names the database): it adds N
instructors (default 5,000) with their accounts, home countries across the regions, teaching
languages with a level, crime areas; about four certifications each (default 20,000 in all) at
the four levels, mostly active, some suspended, revoked or expired, with expiries spread from last
year to three years ahead (some within the dashboard's 90 days), for one or two crime areas, a
capability now and then and, sometimes, a course of the catalogue, in one to three languages;
declared available or unavailable periods and bookings around the searched dates. Every row is
inserted with bulk_create. Then it opens each page given once, signed in as the demo
certification manager, counting its queries and what its status line reports found, and prints
everything as one JSON object.

    python bench/instructors.py --instructors 5000 --pages '[["/instructors/pool/?language=ar", "en"]]'
"""

import argparse
import json
import random
import sys
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MANAGER_EMAIL = "tan.weiming@cadre.example"  # the demo certification manager
BATCH = 1000
SEED = 5_000
LANGUAGES = ("ar", "en", "fr", "es")
PROFICIENCIES = ("B1", "B2", "C1", "C2", "native")
# Which languages a certification covers, and how often (weights add up to 100).
LANGUAGE_SETS: list[tuple[tuple[str, ...], int]] = [
    (("en",), 30),
    (("fr",), 14),
    (("es",), 10),
    (("ar",), 8),
    (("en", "fr"), 14),
    (("en", "es"), 8),
    (("en", "ar"), 7),
    (("fr", "ar"), 5),
    (("en", "fr", "es"), 4),
]
STATUSES = [("active", 72), ("expired", 16), ("suspended", 6), ("revoked", 6)]
LEVELS = [("associate", 40), ("certified", 35), ("senior", 18), ("master", 7)]
SHARE = {
    "second crime area": 0.35,
    "capability": 0.3,
    "course": 0.1,
    "declared period": 0.3,
    "unavailable": 0.35,  # of the declared periods
    "booked": 0.25,
    "rated": 0.6,
}


def weighted(rng: random.Random, choices: Sequence[tuple[Any, int]]) -> Any:
    return rng.choices([value for value, _ in choices], weights=[weight for _, weight in choices])[0]


def batches(items: Sequence[Any], size: int = BATCH) -> Any:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def with_ids(model: Any, rows: list[Any], key: str) -> list[Any]:
    """bulk_create, then the ids (looked up by a unique field on a backend that returns none)."""
    saved = []
    for chunk in batches(rows):
        created = model.objects.bulk_create(chunk)
        if any(item.pk is None for item in created):
            by_key = dict(
                model.objects.filter(**{f"{key}__in": [getattr(i, key) for i in created]}).values_list(
                    key, "pk"
                )
            )
            for item in created:
                item.pk = by_key[getattr(item, key)]
        saved.extend(created)
    return saved


class Reference:
    def __init__(self) -> None:
        from cadre.courses.models import Course
        from cadre.directory.models import Country, CrimeArea, PolicingCapability
        from cadre.instructors.models import Level

        self.countries = list(Country.objects.filter(region__isnull=False))
        self.areas = list(CrimeArea.objects.filter(is_active=True))
        self.capabilities = list(PolicingCapability.objects.filter(is_active=True))
        self.courses = list(Course.objects.filter(status=Course.Status.PUBLISHED).order_by("pk")[:200])
        self.levels = {level.code: level for level in Level.objects.all()}


def people(count: int, rng: random.Random, reference: Reference) -> list[Any]:
    from cadre.accounts.models import User

    rows = [
        User(
            email=f"bench-instructor-{number}@training.example",
            given_names=f"Instructor {number}",
            family_name=f"Bench{rng.randrange(10_000):04d}",
            country=rng.choice(reference.countries),
            preferred_language=rng.choice(LANGUAGES),
            password="!",  # noqa: S106 - unusable
        )
        for number in range(count)
    ]
    return with_ids(User, rows, "email")


def instructors(persons: list[Any], rng: random.Random) -> list[Any]:
    from decimal import Decimal

    from cadre.instructors.models import Instructor

    rows = []
    for person in persons:
        rated = rng.random() < SHARE["rated"]
        rows.append(
            Instructor(
                person=person,
                home_country=person.country,
                kind=rng.choice(("internal", "internal", "partner", "national_expert")),
                average_rating=Decimal(rng.randint(250, 500)) / 100 if rated else None,
                rating_count=rng.randint(5, 200) if rated else 0,
            )
        )
    return with_ids(Instructor, rows, "person_id")


def profile_links(saved: list[Any], rng: random.Random, reference: Reference) -> None:
    from cadre.instructors.models import Instructor, InstructorLanguage

    languages, areas = [], []
    area_link: Any = Instructor.crime_areas.through
    for instructor in saved:
        for code in rng.sample(LANGUAGES, rng.randint(1, 3)):
            languages.append(
                InstructorLanguage(
                    instructor=instructor, language=code, proficiency=rng.choice(PROFICIENCIES)
                )
            )
        for area in rng.sample(reference.areas, rng.randint(1, 2)):
            areas.append(area_link(instructor_id=instructor.pk, crimearea_id=area.pk))
    InstructorLanguage.objects.bulk_create(languages, batch_size=BATCH)
    area_link.objects.bulk_create(areas, batch_size=BATCH)


def certification(number: int, instructor: Any, rng: random.Random, reference: Reference, today: date) -> Any:
    from cadre.instructors.models import Certification

    level = reference.levels[weighted(rng, LEVELS)]
    status = weighted(rng, STATUSES)
    expires = today + timedelta(
        days=rng.randint(-30, 3 * 365) if status != "expired" else -rng.randint(1, 700)
    )
    issued = expires - timedelta(days=30 * level.validity_months)
    item = Certification(
        instructor=instructor,
        level=level,
        name_on_certificate=f"{instructor.person.given_names} {instructor.person.family_name}",
        issued_on=issued,
        period_started_on=issued,
        expires_on=expires,
        status=status,
        status_reason="Complaint under review." if status == "suspended" else "",
        code=f"BENCH{number:09d}",
    )
    item.set_languages(weighted(rng, LANGUAGE_SETS))
    return item


def certifications(
    saved: list[Any], count: int, rng: random.Random, reference: Reference, today: date
) -> int:
    from cadre.instructors.models import Certification

    holders = [saved[number % len(saved)] for number in range(count)]  # everyone holds about count / N
    rng.shuffle(holders)
    made = with_ids(
        Certification,
        [certification(number, holder, rng, reference, today) for number, holder in enumerate(holders)],
        "code",
    )
    area_link: Any = Certification.crime_areas.through
    capability_link: Any = Certification.capabilities.through
    course_link: Any = Certification.courses.through
    areas, capabilities, courses = [], [], []
    for item in made:
        extra = 2 if rng.random() < SHARE["second crime area"] else 1
        for area in rng.sample(reference.areas, extra):
            areas.append(area_link(certification_id=item.pk, crimearea_id=area.pk))
        if rng.random() < SHARE["capability"]:
            capability = rng.choice(reference.capabilities)
            capabilities.append(
                capability_link(certification_id=item.pk, policingcapability_id=capability.pk)
            )
        if reference.courses and rng.random() < SHARE["course"]:
            courses.append(course_link(certification_id=item.pk, course_id=rng.choice(reference.courses).pk))
    for link, rows in ((area_link, areas), (capability_link, capabilities), (course_link, courses)):
        link.objects.bulk_create(rows, batch_size=BATCH)
    return len(made)


def calendar(saved: list[Any], rng: random.Random, reference: Reference, around: date) -> None:
    """Declared periods and bookings around the searched dates."""
    from cadre.instructors.models import Assignment, AvailabilityPeriod

    periods, bookings = [], []
    for instructor in saved:
        if rng.random() < SHARE["declared period"]:
            starts = around + timedelta(days=rng.randint(-20, 20))
            kind = "unavailable" if rng.random() < SHARE["unavailable"] else "available"
            periods.append(
                AvailabilityPeriod(
                    instructor=instructor,
                    kind=kind,
                    starts_on=starts,
                    ends_on=starts + timedelta(days=rng.randint(3, 30)),
                )
            )
        if reference.courses and rng.random() < SHARE["booked"]:
            starts = around + timedelta(days=rng.randint(-60, 60))
            bookings.append(
                Assignment(
                    instructor=instructor,
                    course=rng.choice(reference.courses),
                    language=rng.choice(LANGUAGES),
                    starts_on=starts,
                    ends_on=starts + timedelta(days=rng.randint(0, 4)),
                )
            )
    AvailabilityPeriod.objects.bulk_create(periods, batch_size=BATCH)
    Assignment.objects.bulk_create(bookings, batch_size=BATCH)


def fill(count: int, certified: int, around: date) -> dict[str, float]:
    """Add the pool; returns the seconds each step took."""
    from catalogue import analyse
    from django.db import transaction
    from django.utils import timezone

    rng = random.Random(SEED)  # noqa: S311 - benchmark data, not secrets
    reference = Reference()
    seconds: dict[str, float] = {}
    with transaction.atomic():
        started = time.perf_counter()
        saved = instructors(people(count, rng, reference), rng)
        profile_links(saved, rng, reference)
        seconds["instructors"] = time.perf_counter() - started
        started = time.perf_counter()
        certifications(saved, certified, rng, reference, timezone.localdate())
        seconds["certifications"] = time.perf_counter() - started
        started = time.perf_counter()
        calendar(saved, rng, reference, around)
        seconds["calendar"] = time.perf_counter() - started
    started = time.perf_counter()
    analyse()
    seconds["analyse"] = time.perf_counter() - started
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--instructors", type=int, default=5_000, help="how many instructors to add")
    parser.add_argument(
        "--certifications", type=int, default=None, help="how many certifications (default: 4 per instructor)"
    )
    parser.add_argument("--around", default="", help="ISO date the calendar is generated around")
    parser.add_argument("--pages", default="[]", help="JSON list of [path, language]")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from catalogue import count_queries
    from django.utils import timezone

    around = date.fromisoformat(args.around) if args.around else timezone.localdate() + timedelta(days=30)
    certified = args.certifications if args.certifications is not None else 4 * args.instructors
    seconds = fill(args.instructors, certified, around) if args.instructors > 0 else {}
    pages = [(str(path), str(language), True) for path, language in json.loads(args.pages)]
    print(json.dumps({"seconds": seconds, "pages": count_queries(pages, email=MANAGER_EMAIL)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
