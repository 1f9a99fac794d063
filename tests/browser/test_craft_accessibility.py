"""The craft pages meet the same basic accessibility checks as the main pages, for the
roles that use them, with the demo data in place."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import UNNAMED_CONTROLS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "peercoach@noordwind.example": [
        "/o/noordwind/coaching-style/practice/",
        "/o/noordwind/coaching-style/trend/",
    ],
    "director@noordwind.example": ["/o/noordwind/coaching-style/overview/"],
    "consultant@noordwind.example": ["/o/noordwind/intake/"],
}


def test_craft_pages_are_accessible(live_server: Any, demo_data: None, browser: Any) -> None:
    for email, paths in PAGES.items():
        page = browser.new_page(locale="nl-NL")
        log_in(page, live_server.url, email)
        if email.startswith("consultant"):
            page.goto(live_server.url + paths[0])
            result = page.locator("main a[href*='/intake/']").filter(has_text="Bekijk het resultaat")
            paths = [*paths, result.get_attribute("href") or ""]
        for path in paths:
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")  # the live assistant has answered
            assert page.locator("html").get_attribute("lang") == "nl", path
            assert page.locator("h1").count() == 1, path
            assert page.evaluate(UNNAMED_CONTROLS) == [], path
            page.keyboard.press("Tab")
            assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#main", path
        page.close()
