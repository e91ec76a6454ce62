"""A classroom session as people run it, once in English and once in Arabic: a course manager
schedules it, is refused an uncertified instructor with the rule's reason and books a certified
one, and opens nominations; two NCBs nominate their officials and their heads endorse; the
manager selects two and waitlists the third; a place freed (withdrawn by the NCB in English,
declined by the participant in Arabic) goes to the waitlisted official; the instructor takes
attendance on a phone and a participant checks in with the day's code; the manager completes the
session; a participant answers the level 1 questionnaire, and anyone checks their certificate.

Every text asserted is the server's own translation of it (English, or Arabic as far as the
catalogue translates it), so the assertions hold in both languages."""

import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone, translation
from playwright.sync_api import Browser, Page, expect

from cadre.accounts.models import User
from cadre.assessments.models import EvaluationResponse
from cadre.certificates.models import Certificate
from cadre.courses.models import Course
from cadre.directory.models import Country
from cadre.training_sessions.models import Nomination, Session
from tests.e2e.conftest import DESKTOP
from tests.e2e.sessions_setup import (
    ARABIC,
    ENGLISH,
    People,
    Run,
    course_for,
    nomination_of,
    the_day_comes,
    the_people,
)
from tests.e2e.test_accreditation import PHONE, sideways_overflow
from tests.e2e.test_foundation import sign_in, switch_language

Status = Nomination.Status
NATIVE_NAMES = {"ar": "العربية"}


def tr(run: Run, text: str, **params: object) -> str:
    """`text` as the server shows it in the run's language."""
    with translation.override(run.language):
        translated = translation.gettext(text)
    return translated % params if params else translated


def success(page: Page, run: Run, text: str, **params: object) -> None:
    expect(page.locator(".message--success")).to_contain_text(tr(run, text, **params))


def check_direction(page: Page, run: Run) -> None:
    expect(page.locator("html")).to_have_attribute("lang", run.language)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if run.language == "ar" else "ltr")


def shoot(page: Page, screenshots: Path, name: str, run: Run) -> None:
    page.screenshot(path=screenshots / f"sessions-{name}-{run.language}.png", full_page=True)


def open_as(browser: Browser, base: str, person: User, run: Run, viewport: Any = DESKTOP) -> Page:
    page = browser.new_context(viewport=viewport).new_page()
    sign_in(page, base, person)
    if run.language in NATIVE_NAMES:
        switch_language(page, NATIVE_NAMES[run.language])
    check_direction(page, run)
    return page


def nav(page: Page, path: str) -> None:
    page.locator(f"nav a[href='{path}']").first.click()


# --- 1. Scheduling: the plan, the instructors, nominations open --------------------------------


def schedule(manager: Page, run: Run, course: Course, screenshots: Path) -> int:
    """The manager schedules a one-day session tomorrow (where it takes place), taking
    nominations today; returns its id."""
    today = timezone.localdate()
    tomorrow = max(today, datetime.now(ZoneInfo(run.time_zone)).date()) + timedelta(days=1)
    nav(manager, "/sessions/")
    manager.locator("main a[href='/sessions/new/']").click()
    check_direction(manager, run)
    manager.locator("#id_course").select_option(str(course.pk))
    manager.locator("#id_language").select_option(run.language)
    manager.locator("#id_place").fill(run.says["place"])
    manager.locator("#id_city").fill(run.city)
    manager.locator("#id_country").select_option(str(Country.objects.get(iso2=run.host).pk))
    manager.locator("#id_time_zone").fill(run.time_zone)
    manager.locator("#id_capacity").fill("2")
    manager.locator("#id_nominations_open_on").fill(today.isoformat())
    manager.locator("#id_nominations_close_on").fill(today.isoformat())
    manager.locator("#id_days-0-date").fill(tomorrow.isoformat())
    manager.locator("#id_days-0-starts_at").fill("08:30")
    manager.locator("#id_days-0-ends_at").fill("16:30")
    manager.locator("#id_joining_instructions").fill(run.says["joining"])
    shoot(manager, screenshots, "schedule", run)
    manager.locator("main form .form__actions button[type=submit]").click()
    success(manager, run, "The session is scheduled. Add its instructors, then open nominations.")
    found = re.search(r"/sessions/(\d+)/$", manager.url)
    assert found, manager.url
    expect(manager.locator("h1")).to_contain_text(run.course_title)
    return int(found.group(1))


def book_instructors(manager: Page, run: Run, people: People) -> None:
    """The rule refuses the uncertified instructor, saying why; the certified one is booked."""
    manager.locator("main a[href$='/instructors/']").first.click()
    manager.locator("#id_q").fill(people.uncertified.family_name)
    manager.locator("form.filters button[type=submit]").click()
    refused = manager.locator("tbody tr")
    expect(refused).to_have_count(1)
    expect(refused).to_contain_text(people.uncertified.display_name)
    expect(refused.locator("td").first).to_contain_text(tr(run, "May not deliver:"))
    expect(refused.locator("td li")).to_contain_text(tr(run, "No active certification."))
    expect(refused.locator("button")).to_have_count(0)  # no booking, and no override for a manager

    manager.locator("#id_q").fill(people.instructor.family_name)
    manager.locator("form.filters button[type=submit]").click()
    allowed = manager.locator("tbody tr", has_text=people.instructor.display_name)
    expect(allowed.locator("td").first).to_contain_text(tr(run, "May deliver"))
    allowed.locator("form button[type=submit]").click()
    success(manager, run, "%(name)s is booked for the session.", name=people.instructor.display_name)
    expect(manager.locator("#session-instructors + ul")).to_contain_text(people.instructor.display_name)


def move_on(manager: Page, run: Run, done: str) -> None:
    """The session page's button moving the session to its next state."""
    manager.locator("main form[action$='/status/'] button").click()
    success(manager, run, done)
    check_direction(manager, run)


# --- 2. Nominating and endorsing --------------------------------------------------------------------


def nominate(focal: Page, run: Run, session_id: int, officials: list[User]) -> None:
    nav(focal, "/sessions/ncb/")
    focal.locator(f"main a[href^='/sessions/{session_id}/nominate/']").click()
    check_direction(focal, run)
    for official in officials:
        focal.locator(f"#select-{official.pk}").check()
    focal.locator("#id_motivation").fill(run.says["motivation"])
    focal.locator("#id_criteria_confirmed").check()
    focal.locator("main form[method=post] .form__actions button[type=submit]").click()
    expect(focal.locator(".message--success")).to_be_visible()
    for official in officials:
        assert nomination_of(official).status == Status.NOMINATED


def endorse(head: Page, run: Run, officials: list[User]) -> None:
    nav(head, "/sessions/ncb/")
    boxes = head.locator("main input[name=selected]")
    expect(boxes).to_have_count(len(officials))
    for index in range(len(officials)):
        boxes.nth(index).check()
    head.locator("main form[action$='/nominations/endorse/'] .form__actions button").click()
    expect(head.locator(".message--success")).to_be_visible()
    check_direction(head, run)
    for official in officials:
        assert nomination_of(official).status == Status.ENDORSED


# --- 3. Selection ------------------------------------------------------------------------------------


def row_status(page: Page, run: Run, official: User, label: str) -> None:
    expect(page.locator(f"#nomination-{nomination_of(official).pk} td").nth(1)).to_contain_text(
        tr(run, label)
    )


def decide(manager: Page, run: Run, official: User, decision: str, label: str) -> None:
    """One decision from the nominee's row; the page comes back with the row's new status."""
    row = manager.locator(f"#nomination-{nomination_of(official).pk}")
    row.locator(f"button[name=decision][value={decision}]").click()
    row_status(manager, run, official, label)
    expect(manager.locator(".message--success")).to_be_visible()


def select(manager: Page, run: Run, people: People, screenshots: Path) -> None:
    manager.locator("main a[href$='/selection/']").first.click()
    check_direction(manager, run)
    expect(manager.locator("tbody tr[id^=nomination-]")).to_have_count(3)
    decide(manager, run, people.leaving, "accept", "Accepted")
    decide(manager, run, people.staying, "accept", "Accepted")
    decide(manager, run, people.waiting, "waitlist", "Waitlisted")
    row_status(manager, run, people.leaving, "Accepted")
    assert nomination_of(people.waiting).waitlist_position == 1
    # The balance by country: one of each country accepted, two of three nominated from the first.
    by_country = manager.locator("#balance-heading ~ details").first
    expect(by_country.locator("summary")).to_contain_text(tr(run, "Country"))
    with translation.override(run.language):  # named in the reader's language
        first, second = (str(Country.objects.get(iso2=code).name) for code in run.countries)
    expect(by_country.locator("tbody tr", has_text=first).locator("td").nth(0)).to_have_text(
        re.compile(r"^1 \(")
    )
    expect(by_country.locator("tbody tr", has_text=first).locator("td").nth(1)).to_have_text(
        re.compile(r"^2 \(")
    )
    expect(by_country.locator("tbody tr", has_text=second).locator("td").nth(0)).to_have_text(
        re.compile(r"^1 \(")
    )
    expect(manager.locator("#seats-heading + dl")).to_contain_text("2")
    shoot(manager, screenshots, "selection", run)


# --- 4. A place freed goes to the waitlist -----------------------------------------------------------


def withdraw_as_the_ncb(focal: Page, run: Run, official: User) -> None:
    nav(focal, "/sessions/ncb/")
    focal.locator(f"main a[href='/sessions/nominations/{nomination_of(official).pk}/']").click()
    focal.locator("main a[href$='/withdraw/']").click()
    focal.locator("textarea[name=reason]").fill(run.says["withdrawal"])
    focal.locator("main form .form__actions button[type=submit]").click()
    success(focal, run, "The nomination is withdrawn.")
    assert nomination_of(official).status == Status.WITHDRAWN


def answer_the_invitation(participant: Page, run: Run, answer: str) -> None:
    nav(participant, "/sessions/my/")
    participant.locator("main a[href$='/invitation/']").click()
    check_direction(participant, run)
    participant.locator(f"input[name=answer][value={answer}]").check()
    if answer == "decline":
        participant.locator("textarea[name=reason]").fill(run.says["declining"])
    participant.locator("main form .form__actions button[type=submit]").click()
    if answer == "decline":
        success(participant, run, "You have declined your place; it goes to someone on the waitlist.")
    else:
        success(participant, run, "Thank you: your place is confirmed.")


def free_a_place(browser: Browser, base: str, run: Run, people: People, focal_1: Page) -> None:
    if run.place_freed_by == "withdrawal":
        withdraw_as_the_ncb(focal_1, run, people.leaving)
        return
    leaving = open_as(browser, base, people.leaving, run)
    answer_the_invitation(leaving, run, "decline")
    leaving.context.close()
    assert nomination_of(people.leaving).response == Nomination.Response.DECLINED


def see_the_promotion(manager: Page, run: Run, people: People, session_id: int) -> None:
    promoted = nomination_of(people.waiting)
    assert promoted.status == Status.ACCEPTED
    assert promoted.promoted_at is not None
    invitations = [sent for sent in mail.outbox if sent.to == [people.waiting.email] and sent.attachments]
    assert len(invitations) == 1, "the promoted official gets the invitation with its letter"
    manager.goto(manager.url.split("/sessions/")[0] + f"/sessions/{session_id}/selection/")
    row_status(manager, run, people.waiting, "Accepted")
    row_status(manager, run, people.leaving, "Withdrawn")
    expect(manager.locator(f"#nomination-{promoted.pk} a[href$='/letter/']")).to_be_visible()


# --- 5. The day: attendance on a phone, and a check-in with the day's code -------------------------


def open_the_session(page: Page, run: Run, session_id: int) -> None:
    nav(page, "/sessions/")
    page.locator(f"main a[href='/sessions/{session_id}/']").click()
    check_direction(page, run)


def take_attendance(instructor: Page, run: Run, session_id: int, late: User, screenshots: Path) -> str:
    """The instructor marks one participant late (with the time they came); returns the address
    of the day's check-in, from the room screen."""
    open_the_session(instructor, run, session_id)
    instructor.locator(f"main a[href='/sessions/{session_id}/attendance/']").click()
    check_direction(instructor, run)
    row = instructor.locator(f"#participant-{nomination_of(late).pk}")
    row.locator(".att-more summary").click()
    row.locator("input[name=arrived_at]").fill("08:55")
    row.locator("button.att-choice--late").click()
    marked = instructor.locator(f"#participant-{nomination_of(late).pk}")
    expect(marked).to_have_class(re.compile(r"\batt-row--late\b"))
    expect(marked.locator("button.att-choice--late")).to_have_attribute("aria-pressed", "true")
    expect(marked.locator(".att-recorded")).to_contain_text("08:55")
    expect(instructor.locator("#att-counts .att-count--late .att-count__number")).to_have_text("1")
    assert sideways_overflow(instructor) <= 0, "the attendance sheet scrolls sideways at 375 px"
    shoot(instructor, screenshots, "attendance-phone", run)
    instructor.locator("main a[href*='/check-in-screen/']").click()
    address = instructor.locator(".att-screen__address a").get_attribute("href")
    assert address is not None
    assert re.search(r"/sessions/check-in/[\w-]+/$", address), address
    shoot(instructor, screenshots, "check-in-screen-phone", run)
    return address


def check_in(participant: Page, run: Run, address: str) -> None:
    participant.goto(address)
    check_direction(participant, run)
    participant.locator(".att-checkin__button").click()
    expect(participant.locator(".att-checkin .message--success")).to_be_visible()


def see_the_check_in(instructor: Page, session_id: int, participant: User) -> None:
    instructor.goto(instructor.url.split("/sessions/")[0] + f"/sessions/{session_id}/attendance/")
    row = instructor.locator(f"#participant-{nomination_of(participant).pk}")
    expect(row).to_have_class(re.compile(r"\batt-row--(present|late)\b"))
    expect(instructor.locator("#att-counts .att-count:last-child .att-count__number")).to_have_text("0")


# --- 6. Completion, the level 1 questionnaire and the certificate --------------------------------


def complete(manager: Page, run: Run, session_id: int) -> None:
    manager.goto(manager.url.split("/sessions/")[0] + f"/sessions/{session_id}/")
    manager.locator("main form[action$='/complete/'] button").click()
    success(manager, run, "The session is completed.")
    for key in ("waiting", "staying"):
        assert Nomination.objects.get(
            session_id=session_id, person__given_names=run.names[key][0]
        ).outcome == (Nomination.Outcome.COMPLETED)
    assert Certificate.objects.filter(kind=Certificate.Kind.COMPLETION).count() == 2


def answer_the_questionnaire(participant: Page, run: Run, session_id: int, screenshots: Path) -> None:
    open_the_session(participant, run, session_id)
    participant.locator(f"main a[href='/evaluation/sessions/{session_id}/reaction/']").click()
    check_direction(participant, run)
    ratings = participant.locator("fieldset.pathway-criterion")
    assert ratings.count() >= 3, ratings.count()
    for index in range(ratings.count()):
        ratings.nth(index).locator("input[type=radio][value='5']").check()
    comments = participant.locator("div.pathway-criterion textarea")
    if comments.count():
        comments.first.fill(run.says["comment"])
    shoot(participant, screenshots, "questionnaire", run)
    participant.locator("main form .form__actions button[type=submit]").click()
    success(participant, run, "Thank you: your answers are recorded.")
    assert EvaluationResponse.objects.filter(session_id=session_id).count() == 1


def find_the_certificate(participant: Page, run: Run, screenshots: Path) -> tuple[str, str]:
    """The participant's certificate page; returns its code and the path of its public address
    (the page gives it on the site's configured address, not the test server's)."""
    nav(participant, "/certificates/")
    participant.locator("main tbody a[href^='/certificates/']").first.click()
    check_direction(participant, run)
    code = participant.locator("h1 [dir=ltr]").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9-]{6,40}", code), code
    expect(participant.locator("main .facts").first).to_contain_text(code)
    expect(participant.locator("main .facts").first).to_contain_text(run.course_title)
    address = participant.locator(".cert-address a").get_attribute("href")
    assert address is not None
    assert address.endswith(f"/verify/certificate/{code}/"), address
    shoot(participant, screenshots, "certificate", run)
    return code, f"/verify/certificate/{code}/"


def verify_as_a_visitor(browser: Browser, run: Run, address: str, holder: User, screenshots: Path) -> None:
    visitor = browser.new_context(viewport=DESKTOP).new_page()  # nobody signed in
    visitor.goto(address)
    if run.language in NATIVE_NAMES:
        switch_language(visitor, NATIVE_NAMES[run.language])
    check_direction(visitor, run)
    expect(visitor.locator(".cert-verify--valid")).to_be_visible()
    verdict = visitor.locator(".cert-verify__verdict")
    expect(verdict).to_contain_text(holder.get_full_name())
    expect(visitor.locator(".cert-verify .facts")).to_contain_text(run.course_title)
    expect(visitor.locator(".cert-status--valid")).to_be_visible()
    if run.language == "ar":  # what people wrote keeps its direction but stays on the right
        for value in visitor.locator(".cert-verify .facts dd bdi").all():
            box = value.bounding_box()
            assert box is not None
            assert box["x"] + box["width"] > DESKTOP["width"] / 2, box
    shoot(visitor, screenshots, "verify", run)
    visitor.set_viewport_size(PHONE)
    visitor.reload()
    assert sideways_overflow(visitor) <= 0, "the verification page scrolls sideways at 375 px"
    shoot(visitor, screenshots, "verify-phone", run)
    visitor.context.close()


# --- The whole run ------------------------------------------------------------------------------------


@pytest.mark.parametrize("run", [ENGLISH, ARABIC], ids=["en", "ar"])
def test_a_session_from_scheduling_to_a_verified_certificate(
    browser: Browser, live_server: Any, reference_data: None, screenshots: Path, run: Run
) -> None:
    base = live_server.url
    course = course_for(run)
    people = the_people(run, course)

    manager = open_as(browser, base, people.manager, run)
    session_id = schedule(manager, run, course, screenshots)
    book_instructors(manager, run, people)
    move_on(manager, run, "Nominations are open.")

    focal_1 = open_as(browser, base, people.focal_1, run)
    nominate(focal_1, run, session_id, [people.leaving, people.waiting])
    focal_2 = open_as(browser, base, people.focal_2, run)
    nominate(focal_2, run, session_id, [people.staying])
    focal_2.context.close()
    for head, officials in (
        (people.head_1, [people.leaving, people.waiting]),
        (people.head_2, [people.staying]),
    ):
        page = open_as(browser, base, head, run)
        endorse(page, run, officials)
        page.context.close()

    manager.goto(f"{base}/sessions/{session_id}/")
    move_on(manager, run, "The session is in selection.")
    select(manager, run, people, screenshots)

    free_a_place(browser, base, run, people, focal_1)
    focal_1.context.close()
    see_the_promotion(manager, run, people, session_id)
    staying = open_as(browser, base, people.staying, run)
    answer_the_invitation(staying, run, "confirm")

    manager.goto(f"{base}/sessions/{session_id}/")
    move_on(manager, run, "The session is confirmed.")
    the_day_comes(Session.objects.get(pk=session_id))
    manager.reload()
    move_on(manager, run, "The session is running.")

    instructor = open_as(browser, base, people.instructor, run, viewport=PHONE)
    address = take_attendance(instructor, run, session_id, people.waiting, screenshots)
    check_in(staying, run, address)
    see_the_check_in(instructor, session_id, people.staying)
    instructor.context.close()

    complete(manager, run, session_id)
    manager.context.close()
    answer_the_questionnaire(staying, run, session_id, screenshots)
    _code, path = find_the_certificate(staying, run, screenshots)
    staying.context.close()
    verify_as_a_visitor(browser, run, base + path, people.staying, screenshots)
