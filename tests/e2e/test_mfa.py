"""Strong sign-in in the browser: setting up an authenticator app, and the lockout page."""

from allauth.mfa.models import Authenticator
from playwright.sync_api import Page, expect

from cadre.accounts.models import User
from tests.e2e.test_foundation import PASSWORD, sign_in, switch_language
from tests.mfa import totp_code


def submit(page: Page) -> None:
    page.locator("main form button[type=submit]").first.click()


def test_an_ncb_officer_sets_up_totp_then_signs_in_with_a_code(page: Page, live_server, ncb_officer: User):
    Authenticator.objects.filter(user=ncb_officer).delete()
    base = live_server.url

    page.goto(base + "/accounts/login/")
    page.locator("#id_login").fill(ncb_officer.email)
    page.locator("#id_password").fill(PASSWORD)
    submit(page)
    page.wait_for_url("**/accounts/2fa/")
    expect(page.locator(".messages")).to_contain_text("two-factor authentication")

    page.locator("main a[href='/accounts/2fa/totp/activate/']").click()
    page.locator("#id_password").fill(PASSWORD)  # allauth asks for the password again first
    submit(page)
    page.wait_for_url("**/totp/activate/")
    secret = page.locator("#authenticator_secret").input_value()
    expect(page.locator("img.qr-code")).to_be_visible()
    page.locator("#id_code").fill(totp_code(secret))
    submit(page)

    page.wait_for_url("**/recovery-codes/")
    assert len(page.locator("#recovery_codes").input_value().split()) == 10
    page.locator("form.sign-out button").click()
    page.wait_for_url(base + "/")

    sign_in(page, base, ncb_officer, secret=secret)
    expect(page.locator("h1")).to_contain_text(ncb_officer.get_short_name())


def test_the_lockout_page_in_arabic(page: Page, live_server, learner: User, settings):
    settings.AXES_FAILURE_LIMIT = 3
    page.goto(live_server.url + "/accounts/login/")
    switch_language(page, "العربية")

    for _ in range(3):
        page.locator("#id_login").fill(learner.email)
        page.locator("#id_password").fill("not-the-password-123")
        submit(page)
        page.wait_for_load_state()

    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.locator("main")).to_contain_text("ساعة")
    expect(page.locator("main a[href='/accounts/password/reset/']")).to_be_visible()
