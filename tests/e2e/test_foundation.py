"""The foundation as a person meets it: signing in, the four languages, a phone, errors."""

from pathlib import Path

from playwright.sync_api import Page, expect

from cadre.accounts.models import User
from tests.mfa import TOTP_SECRET, totp_code

PASSWORD = "correct-horse-battery-staple"


def sign_in(page: Page, base: str, user: User, *, secret: str = TOTP_SECRET) -> None:
    page.goto(base + "/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/dashboard/" in url or "/2fa/authenticate/" in url)
    if "/2fa/authenticate/" in page.url:
        page.locator("#id_code").fill(totp_code(secret))
        page.locator("#id_code").press("Enter")
    page.wait_for_url("**/dashboard/")


def switch_language(page: Page, native_name: str) -> None:
    page.locator(".language-switcher").get_by_role("button", name=native_name, exact=True).click()
    page.wait_for_load_state()


def test_signing_in_lands_on_ones_own_dashboard(
    page: Page, live_server, ncb_officer: User, screenshots: Path
):
    sign_in(page, live_server.url, ncb_officer)

    expect(page.locator("h1")).to_contain_text(ncb_officer.get_short_name())
    expect(page.locator("#roles-title + ul")).to_contain_text("Kenya")
    page.screenshot(path=screenshots / "dashboard-en.png", full_page=True)


def test_arabic_renders_right_to_left_and_translated(
    page: Page, live_server, ncb_officer: User, screenshots: Path
):
    sign_in(page, live_server.url, ncb_officer)

    switch_language(page, "العربية")

    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("navigation", name="التنقل الرئيسي")).to_be_visible()
    expect(page.locator("#profile-title")).not_to_have_text("Your profile")
    page.screenshot(path=screenshots / "dashboard-ar.png", full_page=True)


def test_navigation_shows_only_what_a_role_allows(page: Page, live_server, learner: User, dpo: User):
    sign_in(page, live_server.url, learner)
    nav = page.get_by_role("navigation", name="Main navigation")
    expect(nav.get_by_role("link", name="Dashboard")).to_be_visible()
    expect(nav.get_by_role("link", name="Audit trail")).to_have_count(0)
    expect(nav.get_by_role("link", name="Administration")).to_have_count(0)

    page.locator("form.sign-out button").click()
    sign_in(page, live_server.url, dpo)
    expect(
        page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Audit trail")
    ).to_be_visible()


def test_directory_search_in_arabic_finds_arabic_names(page: Page, live_server, learner: User):
    sign_in(page, live_server.url, learner)
    switch_language(page, "العربية")
    page.goto(live_server.url + "/directory/")

    page.locator("#id_q").fill("كينيا")

    results = page.locator("#country-results")
    expect(results).to_contain_text("كينيا")
    expect(results).not_to_contain_text("فرنسا")
    expect(page).to_have_url(live_server.url + "/directory/?q=%D9%83%D9%8A%D9%86%D9%8A%D8%A7&region=")


def test_phone_sized_pages_do_not_scroll_sideways(
    phone: Page, live_server, ncb_officer: User, screenshots: Path
):
    sign_in(phone, live_server.url, ncb_officer)

    for language, name in (("en", "English"), ("ar", "العربية")):
        switch_language(phone, name)
        for path in ("/dashboard/", "/directory/"):
            phone.goto(live_server.url + path)
            overflow = phone.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} in {language} scrolls sideways by {overflow}px"
        phone.screenshot(path=screenshots / f"directory-phone-{language}.png", full_page=True)


def test_a_missing_page_explains_itself_in_arabic(page: Page, live_server, learner: User):
    sign_in(page, live_server.url, learner)
    switch_language(page, "العربية")

    response = page.goto(live_server.url + "/no-such-page/")

    assert response is not None
    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).not_to_have_text("We could not find that page")
    expect(page.get_by_role("link", name="الانتقال إلى لوحة المتابعة")).to_be_visible()
