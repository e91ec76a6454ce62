"""The instructor pathway as people go through it: a certification manager puts a candidate on
the pathway, the candidate hands in the evidence, the assessor confirms the stages and observes a
delivery against the rubric, the certification manager certifies the candidate to teach
cybercrime in Spanish, and a course manager's pool search then finds the new instructor for a
week a month from now, while leaving out, with the reason, an instructor whose certification
expires in the middle of that week. Anyone with the certificate's code checks it publicly."""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from cadre.accounts.models import User
from cadre.courses.models import Course
from cadre.directory.models import Country, CrimeArea
from cadre.instructors import services
from cadre.instructors.models import Certification, CertificationEvent, Instructor, Level
from cadre.lib.tests.samples import pdf
from conftest import person_with
from tests.e2e.conftest import DESKTOP
from tests.e2e.test_accreditation import PHONE, sideways_overflow, signed_in_page, success
from tests.e2e.test_foundation import switch_language
from tests.factories import CourseFactory

COURSE_TITLE = "Investigación de delitos cibernéticos"


@dataclass
class People:
    manager: User
    assessor: User
    candidate: User
    expiring: User


@dataclass
class Week:
    first: date
    last: date


def cybercrime() -> CrimeArea:
    return CrimeArea.objects.get(code="cybercrime")


def spanish_cyber_course() -> Course:
    course = CourseFactory(status=Course.Status.PUBLISHED, title_en=COURSE_TITLE, offered_in_es=True)
    course.crime_areas.set([cybercrime()])
    return course


def profile_for(person: User, country: Country) -> Instructor:
    return services.create_instructor_profile(
        person=person,
        by=None,
        values={
            "home_country": country,
            "crime_areas": [cybercrime()],
            "languages": {"es": "native", "en": "C1"},
        },
        check_permission=False,
    )


def certification_expiring_on(instructor: Instructor, expires_on: date) -> Certification:
    """Written directly, as the rule's tests do: context for the search, not the flow."""
    issued_on = timezone.localdate() - timedelta(days=700)
    certification = Certification(
        instructor=instructor,
        level=Level.objects.get(code="certified"),
        name_on_certificate=instructor.person.get_full_name(),
        issued_on=issued_on,
        period_started_on=issued_on,
        expires_on=expires_on,
        status=Certification.Status.ACTIVE,
        code=services.new_certification_code(),
    )
    certification.set_languages(["es"])
    certification.save()
    certification.crime_areas.set([cybercrime()])
    CertificationEvent.objects.create(certification=certification, kind="issued", expires_after=expires_on)
    return certification


def the_people(kenya: Country, france: Country, week: Week) -> People:
    people = People(
        manager=person_with(
            "certification-manager", country=france, given_names="Claire", family_name="Dubois"
        ),
        assessor=person_with(
            "instructor-assessor", country=kenya, given_names="Wanjiru", family_name="Kamau"
        ),
        candidate=person_with("instructor", country=kenya, given_names="Lucía", family_name="Fernández"),
        expiring=person_with("instructor", country=kenya, given_names="Mateo", family_name="Ruiz"),
    )
    profile_for(people.candidate, kenya)
    expiring = profile_for(people.expiring, kenya)
    certification_expiring_on(expiring, week.first + timedelta(days=2))
    return people


# --- The pathway ---------------------------------------------------------------------------------------


def start_the_candidacy(manager: Page, people: People) -> str:
    """The certification manager finds the candidate and starts a candidacy; returns its address."""
    manager.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Instructors").click()
    manager.get_by_role("link", name=people.candidate.display_name).click()
    manager.get_by_role("link", name="Start a candidacy").click()
    manager.locator("#id_level").select_option(label="Associate instructor")
    manager.get_by_label("Cybercrime", exact=True).check()
    manager.locator("input[name=languages][value=en]").uncheck()
    manager.locator("input[name=languages][value=es]").check()
    manager.get_by_label(people.assessor.display_name, exact=True).check()
    manager.get_by_role("button", name="Start the candidacy").click()
    success(manager, "The candidacy is started.")
    expect(manager.locator("h1")).to_contain_text("Pathway to Associate instructor")
    expect(manager.locator(".facts").first).to_contain_text("Spanish")
    assert re.search(r"/instructors/candidacies/\d+/$", manager.url), manager.url
    return manager.url


def hand_in_the_evidence(candidate: Page, people: People, screenshots: Path) -> None:
    """The candidate finds their pathway from their own profile and hands in each stage's file."""
    candidate.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Instructors"
    ).click()
    # "Instructors" opens one's own profile form, which links to the profile itself.
    candidate.locator("main").get_by_role("link", name=people.candidate.display_name).click()
    candidate.get_by_role("link", name="Open the pathway: stages, evidence and observations").click()
    stages = candidate.locator(".pathway-stage")
    expect(stages).to_have_count(3)
    for index in range(3):
        stage = candidate.locator(".pathway-stage").nth(index)
        stage.locator("summary", has_text="Hand in evidence").click()
        form = stage.locator("form.pathway-evidence-form")
        form.locator("input[type=file]").set_input_files(
            files=[{"name": f"stage-{index + 1}.pdf", "mimeType": "application/pdf", "buffer": pdf()}]
        )
        form.locator("textarea").fill("Certificado y lista de asistencia.")
        form.get_by_role("button", name="Hand in the evidence").click()
        success(candidate, "The evidence is handed in.")
        expect(candidate.locator(".pathway-stage").nth(index)).to_contain_text(f"stage-{index + 1}.pdf")
    expect(candidate.locator(".pathway-stage--submitted")).to_have_count(3)
    candidate.screenshot(path=screenshots / "instructors-pathway-en.png", full_page=True)


def confirm_the_stages(assessor: Page, people: People) -> None:
    assessor.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="My candidates"
    ).click()
    assessor.get_by_role("link", name=people.candidate.display_name).click()
    for index in range(3):
        stage = assessor.locator(".pathway-stage").nth(index)
        stage.locator("summary", has_text="Confirm this stage").click()
        stage.get_by_role("button", name="Confirm the stage").click()
        success(assessor, "The stage is confirmed.")
    expect(assessor.locator(".pathway-stage--done")).to_have_count(3)


def record_the_observation(assessor: Page, screenshots: Path) -> str:
    """Every criterion scored, a recommendation to certify; returns the form's address."""
    assessor.get_by_role("link", name="Record an observation").click()
    address = assessor.url
    assessor.locator("#id_course").select_option(label=COURSE_TITLE)
    assessor.locator("#id_delivery").fill("Módulo 3, Nairobi, 18 investigadores")
    assessor.locator("#id_language").select_option("es")
    criteria = assessor.locator(".pathway-criterion[id^=criterion-]")
    assert criteria.count() == 6, criteria.count()
    for index in range(criteria.count()):
        criteria.nth(index).get_by_label("3 — Demonstrated").check()
    assessor.get_by_label("Certify", exact=True).check()
    assessor.locator("#id_comment").fill("Clara, bien preparada y atenta a cada participante.")
    assessor.screenshot(path=screenshots / "instructors-observation-en.png", full_page=True)
    assessor.get_by_role("button", name="Record the observation").click()
    success(assessor, "The observation is recorded.")
    observation = assessor.locator(".pathway-observation")
    expect(observation).to_contain_text("Certify")
    expect(observation.locator(".pathway-scores-list > li")).to_have_count(6)
    expect(assessor.locator("main")).to_contain_text("a certification manager can now certify the candidate")
    return address


def look_at_the_pathway_in_arabic(
    assessor: Page, pathway_url: str, observe_url: str, screenshots: Path
) -> None:
    assessor.goto(observe_url)
    switch_language(assessor, "العربية")
    expect(assessor.locator("html")).to_have_attribute("dir", "rtl")
    assessor.screenshot(path=screenshots / "instructors-observation-ar.png", full_page=True)
    assessor.goto(pathway_url)
    expect(assessor.locator("html")).to_have_attribute("dir", "rtl")
    assessor.screenshot(path=screenshots / "instructors-pathway-ar.png", full_page=True)
    assessor.set_viewport_size(PHONE)
    assessor.reload()
    assert sideways_overflow(assessor) <= 0, "the pathway page scrolls sideways at 375 px"
    assessor.screenshot(path=screenshots / "instructors-pathway-ar-phone.png", full_page=True)


def certify(manager: Page, pathway_url: str) -> str:
    """The certification manager certifies for cybercrime in Spanish; returns the public address."""
    manager.goto(pathway_url)
    manager.get_by_role("link", name="Certify").click()
    expect(manager.get_by_label("Cybercrime", exact=True)).to_be_checked()
    expect(manager.get_by_label("Spanish", exact=True)).to_be_checked()
    manager.get_by_role("button", name="Certify").click()
    success(manager, "The instructor is certified.")
    certification = manager.locator(".instructor-certification").first
    expect(certification).to_contain_text("Associate instructor")
    address = certification.get_by_role("link", name="Public verification page").get_attribute("href")
    assert address is not None
    assert re.fullmatch(r"/verify/instructor/[A-Z0-9-]+/", address), address
    return address


# --- The pool ------------------------------------------------------------------------------------------


def search_the_pool(course_manager: Page, people: People, week: Week, screenshots: Path) -> None:
    course_manager.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Instructors"
    ).click()
    course_manager.get_by_role("link", name="Search the instructor pool").click()
    course_manager.locator("#id_crime_area").select_option(label="Cybercrime")
    course_manager.locator("#id_language").select_option("es")
    course_manager.locator("#id_start").fill(week.first.isoformat())
    course_manager.locator("#id_end").fill(week.last.isoformat())
    course_manager.locator("form.pool-filters").get_by_role("button", name="Search").click()
    expect(course_manager).to_have_url(re.compile(rf"end={week.last.isoformat()}"))
    results = course_manager.locator("#pool-results")
    expect(results.locator(".pool-summary")).to_contain_text("in Spanish")
    matches = results.locator(".pool-results > li")
    expect(matches).to_have_count(1)
    expect(matches).to_contain_text(people.candidate.display_name)
    excluded = results.locator(".pool-excluded-table tbody tr", has_text=people.expiring.display_name)
    expect(excluded).to_contain_text("before the last day")
    expect(results.locator(".pool-tally")).to_contain_text("Certification expires before the last day")
    course_manager.screenshot(path=screenshots / "instructors-pool-en.png", full_page=True)


def look_at_the_pool_in_arabic(course_manager: Page, people: People, screenshots: Path) -> None:
    switch_language(course_manager, "العربية")
    expect(course_manager.locator("html")).to_have_attribute("dir", "rtl")
    results = course_manager.locator("#pool-results")
    expect(results.locator(".pool-results > li")).to_contain_text(people.candidate.display_name)
    expect(results.locator(".pool-excluded-table")).to_contain_text(people.expiring.display_name)
    expect(results.locator(".pool-tally")).not_to_contain_text("Certification expires")
    course_manager.screenshot(path=screenshots / "instructors-pool-ar.png", full_page=True)
    course_manager.set_viewport_size(PHONE)
    course_manager.reload()
    assert sideways_overflow(course_manager) <= 0, "the pool page scrolls sideways at 375 px"
    course_manager.screenshot(path=screenshots / "instructors-pool-ar-phone.png", full_page=True)


def verify_as_a_visitor(visitor: Page, address: str, people: People) -> None:
    visitor.goto(address)
    expect(visitor.locator(".instructor-verify__verdict")).to_contain_text("This certificate is genuine")
    expect(visitor.locator(".instructor-verify__verdict")).to_contain_text(people.candidate.get_full_name())
    expect(visitor.locator(".instructor-verify")).to_contain_text("Cybercrime")
    expect(visitor.locator(".instructor-verify")).to_contain_text("Spanish")


def test_a_candidate_is_certified_and_found_by_the_pool_search(
    browser: Browser,
    live_server: Any,
    course_manager: User,
    kenya: Country,
    france: Country,
    screenshots: Path,
    settings: Any,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path  # the evidence files
    base = live_server.url
    first = timezone.localdate() + timedelta(days=30)
    week = Week(first=first, last=first + timedelta(days=4))
    people = the_people(kenya, france, week)
    spanish_cyber_course()

    manager = signed_in_page(browser, base, people.manager)
    pathway_url = start_the_candidacy(manager, people)

    candidate = signed_in_page(browser, base, people.candidate)
    hand_in_the_evidence(candidate, people, screenshots)
    candidate.context.close()

    assessor = signed_in_page(browser, base, people.assessor)
    confirm_the_stages(assessor, people)
    observe_url = record_the_observation(assessor, screenshots)
    look_at_the_pathway_in_arabic(assessor, pathway_url, observe_url, screenshots)
    assessor.context.close()

    address = certify(manager, pathway_url)
    manager.context.close()

    pool = signed_in_page(browser, base, course_manager)
    search_the_pool(pool, people, week, screenshots)
    look_at_the_pool_in_arabic(pool, people, screenshots)
    pool.context.close()

    visitor = browser.new_context(viewport=DESKTOP).new_page()  # nobody signed in
    verify_as_a_visitor(visitor, base + address, people)
    visitor.context.close()
