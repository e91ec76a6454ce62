"""Personal data as a person and the data protection officer meet it: the notice in Arabic,
downloading one's data, asking for erasure, and the officer completing it."""

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from cadre.accounts.models import User
from cadre.privacy.models import DataRequest
from tests.e2e.test_foundation import sign_in, switch_language


def read_notice_in_arabic(page: Page, base: str) -> None:
    switch_language(page, "العربية")
    page.goto(base + "/privacy/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#activity-audit-trail")).to_have_text("سجل التدقيق")


def download_own_data(page: Page, base: str, person: User) -> dict:
    page.goto(base + "/privacy/my-data/")
    with page.expect_download() as download:
        page.locator("a[href$='/privacy/my-data.json']").click()
    path = download.value.path()
    assert download.value.suggested_filename.startswith("cadre-my-data-")
    return json.loads(Path(path).read_text(encoding="utf-8"))


def ask_for_erasure(page: Page, base: str) -> None:
    page.goto(base + "/privacy/requests/")
    page.locator("input[name=kind][value=erasure]").check()
    page.locator("#id_reason").fill("I have left the police service.")
    page.locator("main form.form button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()


def complete_erasure(page: Page, base: str, person: User) -> None:
    page.goto(base + "/privacy/queue/")
    page.get_by_role("link", name=person.display_name).click()
    page.locator("#id_response").fill("Your personal data has been erased.")
    page.locator("button[formaction$='/complete/']").click()
    page.wait_for_url("**/privacy/queue/")


def test_a_learner_has_their_data_erased(
    page: Page, live_server, learner: User, dpo: User, screenshots: Path
):
    name, people = learner.display_name, User.objects.count()
    sign_in(page, live_server.url, learner)
    read_notice_in_arabic(page, live_server.url)
    page.screenshot(path=screenshots / "privacy-notice-ar.png", full_page=True)

    export = download_own_data(page, live_server.url, learner)
    assert export["profile"]["email"] == learner.email
    assert export["profile"]["family_name"] == learner.family_name
    assert [grant["role"] for grant in export["roles"]] == ["متدرب"]  # the role, in Arabic
    assert any(entry["action"] == "accounts.role_assigned" for entry in export["audit_entries"])

    ask_for_erasure(page, live_server.url)
    page.locator("form.sign-out button").click()
    switch_language(page, "English")

    sign_in(page, live_server.url, dpo)
    complete_erasure(page, live_server.url, learner)
    page.goto(live_server.url + "/privacy/queue/?status=completed&kind=&q=")
    expect(page.locator("main table")).not_to_contain_text(name)
    expect(page.locator("main table")).to_contain_text("Anonymised person")
    expect(page.locator("#request-counts")).to_contain_text("Completed: 1")

    learner.refresh_from_db()
    assert learner.anonymised_at is not None
    assert learner.country.iso2 == "KE"
    assert User.objects.count() == people
    assert DataRequest.objects.get().status == DataRequest.Status.COMPLETED
