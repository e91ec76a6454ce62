"""Registering in Arabic, confirming the address, being approved by one's NCB, signing in."""

import re

from django.core import mail
from playwright.sync_api import Browser, Page, expect

from cadre.accounts.models import Role
from cadre.accounts.services import assign_role
from cadre.directory.models import Country
from tests.factories import AgencyFactory, UserFactory
from tests.mfa import give_totp, totp_code

PASSWORD = "a-long-enough-passphrase"
STAFF_PASSWORD = "correct-horse-battery-staple"


def sign_in(page: Page, base: str, email: str, password: str) -> None:
    page.goto(base + "/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()


def register(page: Page, base: str, kenya: Country, agency_pk: int) -> None:
    page.goto(base + "/accounts/signup/")
    page.get_by_role("button", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator("#id_email").fill("amani.juma@police.ke.example")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("#id_given_names").fill("Amani")
    page.locator("#id_family_name").fill("Juma")
    page.locator("#id_country").select_option(str(kenya.pk))
    page.locator("#id_agency").select_option(str(agency_pk))  # loaded by htmx for the country
    page.locator("#id_rank").fill("Constable")
    page.locator("#id_position").fill("Investigator")
    page.locator("#id_supervisor_name").fill("Insp. Ouma")
    page.locator("#id_supervisor_email").fill("ouma@police.ke.example")
    page.locator("#id_preferred_language").select_option("ar")
    page.locator("#id_gender").select_option("female")
    page.locator("#id_accept_terms").check()
    page.locator("#id_accept_privacy").check()
    page.locator("main form.form button[type=submit]").click()
    page.wait_for_url("**/accounts/confirm-email/")


def confirm_address(page: Page) -> None:
    [message] = [m for m in mail.outbox if "amani.juma@police.ke.example" in m.to]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    assert link is not None, message.body
    page.goto(link.group(0))
    page.locator("main form button[type=submit]").click()


def test_register_in_arabic_be_approved_and_sign_in(
    page: Page, browser: Browser, live_server, kenya: Country
):
    agency = AgencyFactory(country=kenya, name="Directorate of Criminal Investigations", acronym="DCI")
    focal_point = UserFactory(country=kenya, email="focal.point@ncb.ke.example")
    assign_role(user=focal_point, role=Role.objects.get(code="ncb-focal-point"), scope=kenya, notify=False)
    give_totp(focal_point)
    base = live_server.url

    register(page, base, kenya, agency.pk)
    confirm_address(page)

    sign_in(page, base, "amani.juma@police.ke.example", PASSWORD)
    page.wait_for_url("**/vetting/my-request/")
    expect(page.locator(".vetting-status--pending")).to_be_visible()

    ncb = browser.new_context().new_page()
    sign_in(ncb, base, focal_point.email, STAFF_PASSWORD)
    ncb.wait_for_url("**/2fa/authenticate/")  # an NCB officer signs in with a second factor
    ncb.locator("#id_code").fill(totp_code())
    ncb.locator("#id_code").press("Enter")
    ncb.wait_for_url("**/dashboard/")
    ncb.goto(base + "/vetting/")
    ncb.get_by_role("link", name="Amani Juma").click()
    ncb.locator("form[action$='/approve/'] button").click()
    expect(ncb.locator(".vetting-status--approved").first).to_be_visible()
    ncb.context.close()

    page.goto(base + "/dashboard/")
    page.wait_for_url("**/dashboard/")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("h1")).to_contain_text("Amani")
