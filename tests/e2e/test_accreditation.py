"""Accreditation as people go through it: a course manager writes a course in French and asks
for its accreditation, a quality officer assigns the reviewers, the course manager brings the
evidence of the five steps, the reviewers record their findings, the quality officer decides,
and anyone holding the certificate's code checks it on the public page, in Arabic too."""

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, expect

from cadre.accounts.models import User
from cadre.directory.models import Country
from cadre.lib.tests.samples import pdf
from cadre.standards.models import SatStep
from conftest import person_with
from tests.e2e.conftest import DESKTOP
from tests.e2e.test_foundation import sign_in, switch_language
from tests.factories import CourseFactory

TITLE = "Enquêtes sur la cybercriminalité financière"
SUMMARY = "Suivre les flux de cryptoactifs et saisir les avoirs numériques."
PHONE = {"width": 375, "height": 740}


def signed_in_page(browser: Browser, base: str, user: User) -> Page:
    page = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(page, base, user)
    return page


def reviewer(country: Country, given_names: str, family_name: str) -> User:
    """Holds the accreditation reviewer role (scoped to some course, as the role is)."""
    return person_with(
        "accreditation-reviewer",
        CourseFactory(),
        country=country,
        given_names=given_names,
        family_name=family_name,
    )


def success(page: Page, text: str) -> None:
    expect(page.locator(".message--success")).to_contain_text(text)


def sideways_overflow(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


def write_and_publish_a_french_course(page: Page) -> None:
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Catalogue").click()
    page.get_by_role("link", name="New course").click()
    page.locator("#id_title_fr").fill(TITLE)
    page.locator("#id_summary_fr").fill(SUMMARY)
    page.locator("#id_duration_value").fill("5")
    page.locator("#id_duration_unit").select_option("days")
    page.locator("#id_course_type").select_option(label="Specialised crime course")
    page.locator("#id_delivery_mode").select_option(label="Blended (in person and online)")
    page.locator("input[name=languages][value=fr]").check()
    page.locator("main form button[type=submit]").click()
    success(page, "")
    page.get_by_role("button", name="Publish").click()
    success(page, "published")


def assign(page: Page, person: User, kind: str, organisation: str = "") -> None:
    page.locator("summary", has_text="Assign a reviewer").click()
    page.locator("#id_reviewer").select_option(label=f"{person.display_name} ({person.email})")
    page.locator("#id_kind").select_option(label=kind)
    page.locator("#id_organisation").fill(organisation)
    page.get_by_role("button", name="Assign", exact=True).click()
    success(page, "The reviewer is assigned")


def open_step(page: Page, case_url: str, position: int) -> None:
    page.goto(case_url)
    page.locator(".acc-stepper a").nth(position - 1).click()
    expect(page.locator("#step-title")).to_contain_text(f"Step {position}:")


def bring_evidence_and_submit(page: Page, step: str) -> None:
    upload = page.locator("form.acc-upload")
    upload.locator("input[name=title]").fill(f"Dossier de l'étape « {step} »")
    upload.locator("input[type=file]").set_input_files(
        files=[{"name": f"{step}.pdf", "mimeType": "application/pdf", "buffer": pdf()}]
    )
    upload.get_by_role("button", name="Add the evidence").click()
    success(page, "The evidence is added.")
    expect(page.locator(".acc-evidence")).to_contain_text(f"{step}.pdf")
    page.get_by_role("button", name="Submit this step for review").click()
    success(page, "The step is submitted to the reviewers.")


def record_met_everywhere(page: Page) -> None:
    findings = page.locator(".acc-my-findings form")
    ratings = findings.locator("select[name^=rating_]")
    assert ratings.count() > 0, "the step has no criterion to rate"
    for index in range(ratings.count()):
        ratings.nth(index).select_option("met")
    findings.get_by_role("button", name="Save your findings").click()
    success(page, "Your findings are saved.")


def go_through_the_five_steps(manager: Page, leader: Page, external: Page, case_url: str) -> None:
    """The course manager brings the evidence of each step, both reviewers find every
    criterion met, and the lead reviewer marks the step reviewed."""
    for position, step in enumerate(SatStep.values, start=1):
        open_step(manager, case_url, position)
        bring_evidence_and_submit(manager, step)
        for person in (leader, external):
            open_step(person, case_url, position)
            record_met_everywhere(person)
        leader.get_by_role("button", name="Mark this step reviewed").click()
        success(leader, "The step is reviewed.")


def decide_and_find_the_certificate(officer: Page, case_url: str) -> tuple[str, str]:
    """The quality officer accredits; returns the certificate's code and public address."""
    officer.goto(case_url)
    officer.get_by_role("link", name="Decide").click()
    officer.get_by_label("Accredited", exact=True).check()
    officer.get_by_role("button", name="Record the decision").click()
    success(officer, "The decision is recorded")
    decision = officer.locator(".acc-decision")
    expect(decision).to_contain_text("Accredited")
    decision.locator("a[href*='/certificates/']").click()
    code = officer.locator("h1 [dir=ltr]").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9-]{6,32}", code), code
    expect(officer.locator(".facts")).to_contain_text(code)
    address = officer.locator(f"main a[href$='/verify/accreditation/{code}/']").get_attribute("href")
    assert address is not None
    return code, address


def check_the_catalogue_mark(manager: Page, base: str) -> None:
    manager.goto(base + "/courses/")
    manager.get_by_label("Accredited courses only").check()
    expect(manager).to_have_url(re.compile(r"accredited=on"))
    results = manager.locator("#course-results")
    expect(results.locator(".course-list > li")).to_have_count(1)
    expect(results).to_contain_text(TITLE)
    expect(results.locator(".badge--accredited")).to_contain_text("Accredited until")


def look_at_the_case_in_arabic(manager: Page, case_url: str, screenshots: Path) -> None:
    manager.goto(case_url)
    switch_language(manager, "العربية")
    expect(manager.locator("html")).to_have_attribute("dir", "rtl")
    manager.screenshot(path=screenshots / "accreditation-case-ar.png", full_page=True)
    manager.set_viewport_size(PHONE)
    manager.reload()
    manager.screenshot(path=screenshots / "accreditation-case-ar-phone.png", full_page=True)
    assert sideways_overflow(manager) <= 0, "the case page scrolls sideways at 375 px"


def verify_as_a_visitor(visitor: Page, address: str, code: str, screenshots: Path) -> None:
    visitor.goto(address)
    expect(visitor.locator("h1")).to_contain_text(code)
    expect(visitor.locator(".acc-verify__verdict")).to_contain_text("genuine and valid until")
    expect(visitor.locator(".acc-verify")).to_contain_text(TITLE)
    expect(visitor.locator(".acc-status--valid")).to_have_text("Valid")
    visitor.screenshot(path=screenshots / "accreditation-verify-en.png", full_page=True)

    switch_language(visitor, "العربية")
    expect(visitor.locator("html")).to_have_attribute("dir", "rtl")
    expect(visitor.locator("html")).to_have_attribute("lang", "ar")
    expect(visitor.locator(".acc-verify")).to_contain_text(TITLE)  # only the French title exists
    expect(visitor.locator(".acc-verify__verdict")).not_to_contain_text("genuine")
    # The code keeps its left-to-right order but stays beside its label, on the right.
    code_box = visitor.locator(".facts", has_text=code).get_by_text(code, exact=True).bounding_box()
    assert code_box is not None
    assert code_box["x"] > DESKTOP["width"] / 2, code_box
    visitor.screenshot(path=screenshots / "accreditation-verify-ar.png", full_page=True)

    visitor.set_viewport_size(PHONE)
    visitor.reload()
    assert sideways_overflow(visitor) <= 0, "the verification page scrolls sideways at 375 px"
    visitor.screenshot(path=screenshots / "accreditation-verify-ar-phone.png", full_page=True)


def test_a_french_course_is_accredited_and_its_certificate_verified_in_arabic(
    browser: Browser,
    live_server: Any,
    course_manager: User,
    quality_officer: User,
    kenya: Country,
    france: Country,
    screenshots: Path,
    settings: Any,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path  # the evidence files
    base = live_server.url
    lead = reviewer(kenya, "Wanjiru", "Kamau")
    partner = reviewer(france, "Élodie", "Marchand")

    manager = signed_in_page(browser, base, course_manager)
    write_and_publish_a_french_course(manager)
    manager.get_by_role("link", name="Ask for accreditation").click()
    manager.get_by_role("button", name="Open the case").click()
    success(manager, "The case is open.")
    expect(manager.locator("h1")).to_contain_text(TITLE)
    case_url = manager.url
    assert re.search(r"/accreditation/[A-Z0-9-]+/$", case_url), case_url

    officer = signed_in_page(browser, base, quality_officer)
    officer.goto(case_url)
    assign(officer, lead, "Lead reviewer")
    assign(officer, partner, "External partner", "École nationale supérieure de la police")
    expect(officer.locator(".acc-reviewers")).to_contain_text("Élodie Marchand")

    leader = signed_in_page(browser, base, lead)
    external = signed_in_page(browser, base, partner)
    go_through_the_five_steps(manager, leader, external, case_url)
    leader.context.close()
    external.context.close()
    manager.goto(case_url)
    expect(manager.locator(".acc-stepper__step--reviewed")).to_have_count(len(SatStep.values))
    manager.screenshot(path=screenshots / "accreditation-case-en.png", full_page=True)

    code, address = decide_and_find_the_certificate(officer, case_url)
    officer.context.close()

    check_the_catalogue_mark(manager, base)
    look_at_the_case_in_arabic(manager, case_url, screenshots)
    manager.context.close()

    visitor = browser.new_context(viewport=DESKTOP).new_page()  # nobody signed in
    verify_as_a_visitor(visitor, address, code, screenshots)
    visitor.context.close()
