"""Benchmark data: classroom sessions with many nominations, written in bulk.

Run by bench/run.py inside its scratch instance (the environment names the database): it adds S
sessions (default 200) of the published demo courses, past, running and upcoming, across the
regions and the four languages, and N nominations (default 20,000) of generated officials from
twelve countries, a fifth of them Kenyan (the country of the demo NCB officer who drives the
pages), in every state, with attendance and outcomes for the sessions already held. Every row is
inserted with bulk_create. Then it opens each page given once, signed in as the demo NCB officer
for Kenya, counting its queries and what its status line reports found, and prints everything
as one JSON object.

    python bench/sessions.py --sessions 200 --nominations 20000 --pages '[["/sessions/ncb/", "en"]]'
"""

import argparse
import json
import random
import sys
import time
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

from instructors import batches, weighted, with_ids

ROOT = Path(__file__).resolve().parent.parent
DEMO_EMAIL = "david.otieno@ncb.ke.example"  # the demo NCB focal point for Kenya
SEED = 6_000
LANGUAGES = ("ar", "en", "fr", "es")
COUNTRIES = ("KE", "KE", "KE", "NG", "GH", "SN", "CI", "MA", "EG", "JO", "FR", "CO", "MX", "BR", "IN")
GENDERS = ("female", "male", "female", "male", "undisclosed")
# A session's status by where its dates lie (weights add up to 100).
PAST = [("completed", 90), ("cancelled", 10)]
UPCOMING = [("open", 45), ("selection", 25), ("confirmed", 20), ("planned", 5), ("cancelled", 5)]
DECIDED = [("accepted", 60), ("waitlisted", 15), ("rejected", 15), ("withdrawn", 10)]
UNDECIDED = [("nominated", 50), ("endorsed", 50)]
# How often things happen.
SHARE = {
    "region served": 0.3,
    "decided early": 0.3,  # nominations decided while the window is still open
    "passed": 0.85,  # of those who attended enough
}
MIN_ATTENDANCE = 80


class Reference:
    def __init__(self) -> None:
        from cadre.accounts.models import User
        from cadre.courses.models import Course
        from cadre.directory.models import Agency, Country, Region

        self.courses = list(Course.objects.filter(status=Course.Status.PUBLISHED).order_by("pk")[:60])
        self.countries = {country.iso2: country for country in Country.objects.filter(iso2__in=COUNTRIES)}
        self.regions = list(Region.objects.all())
        self.agencies = list(Agency.objects.filter(country__iso2__in=COUNTRIES))
        self.manager = User.objects.get(email="nadia.benali@cadre.example")
        self.focal_point = User.objects.get(email=DEMO_EMAIL)


def officials(count: int, rng: random.Random, reference: Reference) -> list[Any]:
    from cadre.accounts.models import User

    by_country: dict[str, list[Any]] = {}
    for agency in reference.agencies:
        if agency.country is not None:
            by_country.setdefault(agency.country.iso2, []).append(agency)
    rows = []
    for number in range(count):
        iso2 = rng.choice(COUNTRIES)
        agencies = by_country.get(iso2) or [None]
        rows.append(
            User(
                email=f"bench-official-{number}@police.example",
                given_names=f"Official {number}",
                family_name=f"Bench{rng.randrange(10_000):04d}",
                country=reference.countries[iso2],
                agency=rng.choice(agencies),
                gender=rng.choice(GENDERS),
                preferred_language=rng.choice(LANGUAGES),
                password="!",  # noqa: S106 - unusable
            )
        )
    return with_ids(User, rows, "email")


def sessions(count: int, rng: random.Random, reference: Reference, today: date) -> list[Any]:
    from cadre.training_sessions.models import Session, SessionDay

    rows = []
    for number in range(count):
        starts = today + timedelta(days=rng.randrange(-400, 240))
        status = weighted(rng, PAST if starts < today else UPCOMING)
        course = rng.choice(reference.courses)
        rows.append(
            Session(
                code=f"bench-{number:05d}",
                course=course,
                language=rng.choice(LANGUAGES),
                time_zone="Africa/Nairobi",
                city=f"City {number % 40}",
                region=rng.choice(reference.regions) if rng.random() < SHARE["region served"] else None,
                capacity=rng.choice((20, 25, 30, 40)),
                starts_on=starts,
                ends_on=starts + timedelta(days=4),
                nominations_open_on=starts - timedelta(days=90),
                nominations_close_on=starts - timedelta(days=30),
                manager=reference.manager,
                status=status,
            )
        )
    saved = with_ids(Session, rows, "code")
    days = [
        SessionDay(
            session=session,
            date=session.starts_on + timedelta(days=offset),
            starts_at=clock(9),
            ends_at=clock(17),
        )
        for session in saved
        for offset in range(5)
    ]
    for chunk in batches(days):
        SessionDay.objects.bulk_create(chunk)
    return saved


def nomination(session: Any, person: Any, rng: random.Random, reference: Reference) -> Any:
    from cadre.training_sessions.models import Nomination

    decided = (
        session.status in ("selection", "confirmed", "completed", "cancelled")
        or rng.random() < SHARE["decided early"]
    )
    status = weighted(rng, DECIDED if decided else UNDECIDED)
    held = session.status == "completed" and status == "accepted"
    attendance = rng.choice((100, 100, 90, 80, 60, 40)) if held else None
    outcome = "pending"
    if attendance is not None:
        outcome = (
            "completed"
            if attendance >= MIN_ATTENDANCE and rng.random() < SHARE["passed"]
            else "not_completed"
        )
    return Nomination(
        session=session,
        person=person,
        country_id=person.country_id,
        status=status,
        motivation="Works on the cases the course covers.",
        nominated_by=reference.focal_point if person.country.iso2 == "KE" else None,
        waitlist_position=rng.randrange(1, 50) if status == "waitlisted" else None,
        response="confirmed" if held else "pending",
        attendance_percent=attendance,
        outcome=outcome,
    )


def nominations(
    count: int, people: list[Any], saved: list[Any], rng: random.Random, reference: Reference
) -> None:
    from cadre.training_sessions.models import Nomination

    seen: set[tuple[int, int]] = set()
    rows: list[Any] = []
    while len(rows) < count:
        session, person = rng.choice(saved), rng.choice(people)
        if (session.pk, person.pk) in seen:
            continue
        seen.add((session.pk, person.pk))
        rows.append(nomination(session, person, rng, reference))
    for chunk in batches(rows):
        Nomination.objects.bulk_create(chunk)


def fill(session_count: int, nomination_count: int) -> dict[str, float]:
    from catalogue import analyse
    from django.db import transaction
    from django.utils import timezone

    rng = random.Random(SEED)  # noqa: S311 - benchmark data, not secrets
    reference = Reference()
    seconds: dict[str, float] = {}
    with transaction.atomic():
        started = time.perf_counter()
        people = officials(max(nomination_count // 4, 100), rng, reference)
        seconds["officials"] = time.perf_counter() - started
        started = time.perf_counter()
        saved = sessions(session_count, rng, reference, timezone.localdate())
        nominations(nomination_count, people, saved, rng, reference)
        seconds["nominations"] = time.perf_counter() - started
    started = time.perf_counter()
    analyse()
    seconds["analyse"] = time.perf_counter() - started
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=200, help="how many sessions to add")
    parser.add_argument("--nominations", type=int, default=20_000, help="how many nominations to add")
    parser.add_argument("--pages", default="[]", help="JSON list of [path, language]")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from catalogue import count_queries

    seconds = fill(args.sessions, args.nominations) if args.sessions > 0 else {}
    pages = [(str(path), str(language), True) for path, language in json.loads(args.pages)]
    print(json.dumps({"seconds": seconds, "pages": count_queries(pages, email=DEMO_EMAIL)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
