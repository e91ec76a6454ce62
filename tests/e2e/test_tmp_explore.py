def test_explore(page, live_server, ncb_officer):
    page.goto(live_server.url + "/accounts/login/")
    print(page.locator("form.form").inner_html())
    page.get_by_label("Email").fill(ncb_officer.email)
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/dashboard/")
    print(page.locator("main").inner_text())
    print(page.locator("header").inner_html())
