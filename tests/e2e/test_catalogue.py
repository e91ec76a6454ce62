"""The catalogue as people meet it: a visitor searching the public catalogue in Arabic, and a
course manager writing a course in French, publishing it and finding it in the catalogue."""

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from cadre.accounts.models import User
from cadre.courses.tests.conftest import make_course
from tests.e2e.test_foundation import sign_in, switch_language


def test_a_visitor_searches_the_public_catalogue_in_arabic(page: Page, live_server, screenshots: Path):
    make_course(
        title_ar="مكافحة الاتجار بالبشر",
        summary_ar="تحديد الضحايا والتحقيق في شبكات الاتجار.",
        offered_in_ar=True,
        public=True,
    )
    make_course(title_en="Firearms tracing", title_fr="Traçage des armes", offered_in_fr=True, public=True)
    make_course(title_en="Internal notices course", public=False)

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Browse the course catalogue").click()
    expect(page.locator("#course-results")).to_contain_text("Firearms tracing")
    expect(page.locator("#course-results")).not_to_contain_text("Internal notices course")

    switch_language(page, "العربية")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    page.locator("#id_q").fill("الاتجار")

    results = page.locator("#course-results")
    expect(results).to_contain_text("مكافحة الاتجار بالبشر")
    expect(results).not_to_contain_text("Firearms tracing")
    expect(results.locator("[data-language=ar]")).to_have_count(1)
    # The search is in the address, to share.
    expect(page).to_have_url(re.compile(r"/catalogue/\?q=%D8%A7%D9%84%D8%A7%D8%AA%D8%AC%D8%A7%D8%B1&"))
    page.screenshot(path=screenshots / "catalogue-ar.png", full_page=True)


def test_a_course_manager_writes_a_course_in_french_and_publishes_it(
    page: Page, live_server, course_manager: User
):
    sign_in(page, live_server.url, course_manager)
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Catalogue").click()
    page.get_by_role("link", name="New course").click()

    page.locator("#id_title_fr").fill("Enquêtes sur la fraude aux faux ordres de virement")
    page.locator("#id_summary_fr").fill("Remonter les flux financiers des escroqueries au président.")
    page.locator("#id_duration_value").fill("3")
    page.locator("#id_duration_unit").select_option("days")
    page.locator("#id_course_type").select_option(label="Specialised crime course")
    page.locator("#id_delivery_mode").select_option(label="Blended (in person and online)")
    page.locator("input[name=languages][value=fr]").check()
    page.locator("main form button[type=submit]").click()

    expect(page.locator(".message--success")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".message--success")).to_contain_text("published")

    page.goto(live_server.url + "/courses/?q=fraude&language=fr")
    results = page.locator("#course-results")
    expect(results).to_contain_text("Enquêtes sur la fraude aux faux ordres de virement")
    expect(results.locator("[data-language=fr]")).to_have_count(1)
