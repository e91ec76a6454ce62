"""Benchmark: how fast the pages people open most answer, against Django's bare minimum.

Prepares a scratch instance (a throwaway SQLite database, or the scratch database named by
DATABASE_URL) with the reference and demo data and a generated catalogue of N courses in the four
languages (bench/catalogue.py), starts gunicorn on loopback, signs in as a demo NCB officer and
drives each page with concurrent keep-alive clients for a fixed time, in the page's language.
The baseline, measured in the same run, is the health check: one request through the whole
middleware stack and one trivial query. Each page's rate is printed as a ratio of it, beside its
latency (median, 95th percentile), the queries it makes and, for the catalogue, the courses found.

The instructor pool: bench/instructors.py adds N instructors (--instructors, default 5,000) with
four certifications each (20,000), and the pool search and the instructors' dashboard are driven
signed in as the demo certification manager.

    .venv/bin/python bench/run.py [--seconds 5] [--clients 8] [--workers 2] [--courses 20000]
                                  [--instructors 5000] [--sessions 200] [--nominations 20000]

Sessions: bench/sessions.py adds S sessions (--sessions, default 200) and N nominations
(--nominations, default 20,000) of generated officials from fifteen countries, a fifth of them
Kenyan, and the NCB officer's nominations page is driven as the demo NCB officer for Kenya.

Results are also written as JSON under bench/results/ (not kept in git).
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
HOST = "127.0.0.1"
DEMO_EMAIL = "david.otieno@ncb.ke.example"
MANAGER_EMAIL = "tan.weiming@cadre.example"  # the demo certification manager
BASELINE = "/healthz"
LANGUAGE_COOKIE = "cadre_language"
SLOW = 0.1  # a page answering at less than this share of the baseline's rate is marked


@dataclass(frozen=True)
class Page:
    path: str
    language: str = "en"
    signed_in: bool = True
    person: str = DEMO_EMAIL


# The instructor pool is searched for a week a month ahead, the dates the calendar is made around.
AROUND = date.today() + timedelta(days=30)
WEEK = f"start={AROUND.isoformat()}&end={(AROUND + timedelta(days=4)).isoformat()}"
POOL_PAGES = [
    Page(f"/instructors/pool/?crime_area=cybercrime&language=ar&{WEEK}", person=MANAGER_EMAIL),
    Page(
        f"/instructors/pool/?course=cyber-first-responders&language=en&level=certified&{WEEK}",
        person=MANAGER_EMAIL,
    ),
    Page(f"/instructors/pool/?status=expiring&{WEEK}", person=MANAGER_EMAIL),
    Page("/instructors/dashboard/", person=MANAGER_EMAIL),
]

# The NCB officer's view of their country's nominations across every session (bench/sessions.py),
# on the page and through the JSON API.
SESSION_PAGES = [
    Page("/sessions/ncb/"),
    Page("/sessions/ncb/?status=accepted", "fr"),
    Page("/sessions/ncb/?q=bench", "ar"),
    Page("/api/v1/sessions/nominations/"),
    Page("/api/v1/sessions/nominations/?status=accepted&limit=100"),
]


PAGES = [
    Page(BASELINE),
    Page("/dashboard/"),
    Page("/directory/"),
    Page("/directory/?q=ken"),
    Page("/directory/KE/"),
    Page("/audit/"),
    # The catalogue, over the demo courses and the generated ones (--courses).
    Page("/courses/"),
    Page("/courses/?q=trafficking"),
    Page("/courses/?q=terrorisme", "fr"),
    Page("/courses/?q=الإرهاب", "ar"),
    Page("/courses/?q=aduanas", "es"),
    Page("/courses/?programme=cybercrime&language=fr"),
    Page("/catalogue/?q=investigation", signed_in=False),
    *POOL_PAGES,
    *SESSION_PAGES,
]


@dataclass
class Figure:
    path: str
    language: str
    requests: int
    errors: int
    per_second: float
    median_ms: float
    p95_ms: float
    ratio: float = 0.0
    queries: int | None = None
    found: int | None = None


def environment(scratch: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cadre.settings",
        SECRET_KEY=env.get("SECRET_KEY", "benchmark-only-secret-key"),
        ALLOWED_HOSTS=HOST,
        HTTPS="false",
        DEBUG="false",
        CADRE_VAR_DIR=str(scratch),
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{scratch / 'bench.sqlite3'}")
    env.pop("CELERY_BROKER_URL", None)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def session_cookie(env: dict[str, str], email: str = DEMO_EMAIL) -> str:
    """A signed-in session for a demo account (the NCB officer unless told), made the way
    Django's test client makes one."""
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "from cadre.accounts.models import User\n"
        f"client = Client(); client.force_login(User.objects.get(email={email!r}))\n"
        "print(client.cookies['sessionid'].value)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def generate(env: dict[str, str], script: str, *args: str) -> dict[str, Any]:
    """Run one of the bench's data scripts in the scratch instance; its last line is JSON."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        cwd=ROOT,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"bench/{script} failed")
    last = [line for line in done.stdout.splitlines() if line.startswith("{")][-1]
    result: dict[str, Any] = json.loads(last)
    return result


def add_catalogue(env: dict[str, str], courses: int) -> dict[str, Any]:
    """Generate the courses (bench/catalogue.py) and count each page's queries in-process."""
    pages = [[page.path, page.language, page.signed_in] for page in PAGES if page.person == DEMO_EMAIL]
    return generate(env, "catalogue.py", "--courses", str(courses), "--pages", json.dumps(pages))


def add_instructors(env: dict[str, str], instructors: int) -> dict[str, Any]:
    """Generate the instructor pool (bench/instructors.py) and count the pool pages' queries."""
    pages = [[page.path, page.language] for page in POOL_PAGES]
    return generate(
        env,
        "instructors.py",
        "--instructors",
        str(instructors),
        "--around",
        AROUND.isoformat(),
        "--pages",
        json.dumps(pages),
    )


def add_sessions(env: dict[str, str], sessions: int, nominations: int) -> dict[str, Any]:
    """Generate sessions and nominations (bench/sessions.py) and count the NCB pages' queries."""
    pages = [[page.path, page.language] for page in SESSION_PAGES]
    return generate(
        env,
        "sessions.py",
        "--sessions",
        str(sessions),
        "--nominations",
        str(nominations),
        "--pages",
        json.dumps(pages),
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "cadre.wsgi",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--timeout",
            "300",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start within 30 seconds")


def headers_for(page: Page, cookies_by_person: dict[str, str]) -> dict[str, str]:
    cookies = [f"{LANGUAGE_COOKIE}={page.language}"]
    if page.signed_in:
        cookies.append(f"sessionid={cookies_by_person[page.person]}")
    return {"Cookie": "; ".join(cookies), "Accept-Language": page.language}


def drive(port: int, page: Page, cookie: dict[str, str], clients: int, seconds: float) -> Figure:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    path = quote(page.path, safe="/?=&")
    headers = headers_for(page, cookie)

    def client() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=600)
        mine: list[float] = []
        failed = 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != HTTPStatus.OK:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
            mine.append(time.perf_counter() - started)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return Figure(
        path=page.path,
        language=page.language if page.signed_in else f"{page.language}, public",
        requests=len(latencies),
        errors=errors[0],
        per_second=len(latencies) / elapsed,
        median_ms=statistics.median(latencies) * 1000,
        p95_ms=latencies[int(len(latencies) * 0.95) - 1] * 1000,
    )


def shown(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def report(
    figures: list[Figure],
    engine: str,
    *,
    catalogue: dict[str, Any],
    courses: int,
    pool: dict[str, Any],
    size: int,
    nominated: dict[str, Any],
    nominations: int,
) -> None:
    baseline = figures[0].per_second
    counted = {row["path"]: row for row in [*catalogue["pages"], *pool["pages"], *nominated["pages"]]}
    for figure in figures:
        figure.ratio = figure.per_second / baseline
        figure.queries = counted.get(figure.path, {}).get("queries")
        figure.found = counted.get(figure.path, {}).get("found")
    steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in catalogue["seconds"].items())
    print(f"\nCatalogue: {courses:,} generated courses added to the demo ones ({steps or 'none'})")
    steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in pool["seconds"].items())
    print(f"Instructors: {size:,} generated, {4 * size:,} certifications ({steps or 'none'})")
    steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in nominated["seconds"].items())
    print(f"Sessions: {nominations:,} generated nominations ({steps or 'none'})")
    print(f"Pages on {engine}, against the baseline {BASELINE} measured in the same run\n")
    wide = max(44, *(len(f.path) for f in figures))
    print(
        f"{'page':{wide}} {'language':>10} {'req/s':>8} {'× baseline':>11} {'median ms':>10} {'p95 ms':>8}"
        f" {'queries':>8} {'found':>7} {'errors':>7}"
    )
    for f in figures:
        mark = " <" if f.ratio < SLOW else ""
        print(
            f"{f.path:{wide}} {f.language:>10} {f.per_second:8.1f} {f.ratio:11.3f} {f.median_ms:10.1f}"
            f" {f.p95_ms:8.1f} {shown(f.queries):>8} {shown(f.found):>7} {f.errors:7}{mark}"
        )
    if any(f.ratio < SLOW for f in figures):
        print(f"\n< : below {SLOW} of the baseline's rate")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"pages-{time.strftime('%Y%m%d-%H%M%S')}.json"
    document = {
        "engine": engine,
        "courses": courses,
        "catalogue_seconds": catalogue["seconds"],
        "instructors": size,
        "instructors_seconds": pool["seconds"],
        "nominations": nominations,
        "nominations_seconds": nominated["seconds"],
    }
    document["figures"] = [asdict(f) for f in figures]
    out.write_text(json.dumps(document, indent=2, ensure_ascii=False))
    print(f"\nWritten to {out.relative_to(ROOT)}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=5.0, help="how long each page is driven")
    parser.add_argument("--clients", type=int, default=8, help="concurrent keep-alive clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument(
        "--courses", type=int, default=20_000, help="generated courses added to the catalogue (0: none)"
    )
    parser.add_argument(
        "--instructors",
        type=int,
        default=5_000,
        help="generated instructors, four certifications each, added to the pool (0: none)",
    )
    parser.add_argument("--sessions", type=int, default=200, help="generated sessions (0: none)")
    parser.add_argument(
        "--nominations", type=int, default=20_000, help="generated nominations across the sessions"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cadre-bench-") as folder:
        env = environment(Path(folder))
        engine = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
        print(f"Preparing a scratch instance on {engine}…")
        for command in (
            ["migrate", "--no-input"],
            ["collectstatic", "--no-input"],
            ["load_reference"],
            ["load_demo"],
        ):
            manage(env, *command)
        print(f"Adding {args.courses:,} generated courses…")
        catalogue = add_catalogue(env, args.courses)
        print(f"Adding {args.instructors:,} generated instructors…")
        pool = add_instructors(env, args.instructors)
        print(f"Adding {args.sessions:,} generated sessions with {args.nominations:,} nominations…")
        nominated = add_sessions(env, args.sessions, args.nominations)
        cookie = {email: session_cookie(env, email) for email in {page.person for page in PAGES}}
        port = free_port()
        server = start_server(env, port, args.workers)
        try:
            drive(port, PAGES[0], cookie, args.clients, 1.0)  # warm every worker up
            figures = [drive(port, page, cookie, args.clients, args.seconds) for page in PAGES]
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(
        figures,
        engine,
        catalogue=catalogue,
        courses=args.courses,
        pool=pool,
        size=args.instructors,
        nominated=nominated,
        nominations=args.nominations if args.sessions else 0,
    )
    return 1 if any(f.errors for f in figures) else 0


if __name__ == "__main__":
    sys.exit(main())
