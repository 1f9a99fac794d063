"""Every demo login sees a home page that fits the role, in Dutch and in English, and
can open the main pages of its navigation without errors or CSP violations."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# e-mail -> text that only that role's home page shows, per language
DEMO_HOMES = {
    "director@noordwind.example": {"nl": "Jouw organisatie", "en": "Your organisation"},
    "manager@noordwind.example": {"nl": "Jouw team", "en": "Your team"},
    "seller@noordwind.example": {"nl": "Waar je werkt", "en": "Where you work"},
    "coach@kompas-coaching.example": {"nl": "Kies een organisatie", "en": "Choose an organisation"},
    "peercoach@noordwind.example": {"nl": "Waar je werkt", "en": "Where you work"},
    "consultant@noordwind.example": {"nl": "Waar je werkt", "en": "Where you work"},
    "outsider@zuidwest.example": {"nl": "Jouw organisatie", "en": "Your organisation"},
}
LOG_OUT = {"nl": "Uitloggen", "en": "Log out"}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("email", list(DEMO_HOMES))
def test_demo_login_home_and_main_pages(
    email: str, language: str, live_server: Any, demo_data: None, browser: Any
) -> None:
    context = browser.new_context(locale=language, extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    log_in(page, live_server.url, email)
    assert DEMO_HOMES[email][language] in page.content(), page.url
    if "/o/" not in page.url:  # the external coach chooses between two organisations
        page.locator("a.list-group-item").first.click()
        page.wait_for_load_state("networkidle")
    page.locator("nav .dropdown-toggle").last.click()
    expect(page.get_by_role("button", name=LOG_OUT[language])).to_be_visible()

    nav_links = page.locator("#main-nav .navbar-nav a.nav-link, #main-nav .navbar-nav a.dropdown-item")
    hrefs = [nav_links.nth(i).get_attribute("href") for i in range(nav_links.count())]
    assert hrefs, "every role has at least a home link"
    for href in hrefs:
        response = page.goto(f"{live_server.url}{href}")
        assert response is not None and response.status == 200, href
        assert page.locator("h1").first.is_visible(), href
    page.goto(f"{live_server.url}/accounts/settings/")
    assert page.locator("h1").first.is_visible()
    assert not problems, problems
    context.close()
