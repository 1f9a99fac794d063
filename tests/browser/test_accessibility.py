"""Basic accessibility of the main pages: names for every control, one h1, a language,
a skip link reached first by keyboard, and visible focus."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNNAMED_CONTROLS = """
() => [...document.querySelectorAll('input, select, textarea, button, a[href]')]
  .filter(el => el.type !== 'hidden' && el.offsetParent !== null)
  .filter(el => {
    const labelled = (el.labels && el.labels.length) || el.getAttribute('aria-label')
      || el.getAttribute('aria-labelledby') || (el.textContent || '').trim() || el.getAttribute('title');
    return !labelled;
  })
  .map(el => el.outerHTML.slice(0, 120))
"""


def test_main_pages_are_accessible(live_server: Any, demo_data: None, browser: Any) -> None:
    page = browser.new_page(locale="nl-NL")
    log_in(page, live_server.url, "director@noordwind.example")
    paths = [
        "/o/noordwind/",
        "/o/noordwind/teams/",
        "/o/noordwind/people/",
        "/o/noordwind/people/invite/",
        "/o/noordwind/imports/members/",
        "/o/noordwind/invitations/",
        "/accounts/settings/",
        "/accounts/tokens/",
    ]
    for path in paths:
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == "nl", path
        assert page.locator("h1").count() == 1, path
        assert page.evaluate(UNNAMED_CONTROLS) == [], path
        assert page.locator("img:not([alt])").count() == 0, path
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.getAttribute('href')")
        assert focused == "#main", path
    page.close()


def test_login_page_is_usable_with_the_keyboard_only(live_server: Any, demo_data: None, browser: Any) -> None:
    page = browser.new_page(locale="en-GB")
    page.goto(live_server.url + "/accounts/login/")
    # The e-mail field has the focus when the page opens.
    assert page.evaluate("() => document.activeElement.name") == "username"
    page.keyboard.type("seller@noordwind.example")
    page.keyboard.press("Tab")
    page.keyboard.type("salescoach-demo")
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert "/o/noordwind/" in page.url
    page.close()
