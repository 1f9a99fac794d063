"""The results dashboards in a real browser: the vendored Chart.js draws every chart under
the strict Content-Security-Policy (no inline script, no CDN), and the pages are
accessible like the others."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import UNNAMED_CONTROLS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_charts_are_drawn_without_breaking_the_security_policy(
    live_server: Any, demo_data: None, browser: Any
) -> None:
    page = browser.new_page(locale="nl-NL")
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    outside: list[str] = []
    page.on(
        "request",
        lambda request: outside.append(request.url) if not request.url.startswith(live_server.url) else None,
    )
    log_in(page, live_server.url, "manager@noordwind.example")
    page.goto(live_server.url + "/o/noordwind/results/")
    page.locator("html[data-results-charts='drawn']").wait_for(state="attached")
    for chart in ("chart-people", "chart-funnel", "chart-forecast", "chart-months"):
        # Chart.js sets the canvas size when it draws; an undrawn canvas keeps 300 x 150.
        size = page.evaluate(
            f"() => {{ const c = document.getElementById('{chart}'); return [c.width, c.height]; }}"
        )
        assert size != [300, 150], chart
    assert page.locator("h1").count() == 1
    assert page.evaluate(UNNAMED_CONTROLS) == []
    assert problems == []
    assert outside == []
    page.close()


def test_the_organisation_dashboard_leads_to_a_team_and_a_person(
    live_server: Any, demo_data: None, browser: Any
) -> None:
    page = browser.new_page(locale="en-GB")
    log_in(page, live_server.url, "director@noordwind.example")
    page.goto(live_server.url + "/o/noordwind/results/")
    page.get_by_role("link", name="Team West").click()
    page.wait_for_load_state()
    assert "/results/teams/" in page.url
    page.get_by_role("link", name="Sanne de Vries").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Sanne de Vries"
    page.get_by_role("link", name="Deals").first.click()
    page.wait_for_load_state()
    assert page.locator("tbody tr").count() > 0
    page.close()
