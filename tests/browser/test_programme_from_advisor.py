"""In a real browser, in Dutch: the programme owner of Zuidwest runs the advisor for a
team, sets up a programme from its recommendation and lands on the programme's health
-- without console errors or CSP violations."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import UNNAMED_CONTROLS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_advisor_to_programme_in_dutch(live_server: Any, demo_data: None, browser: Any) -> None:
    context = browser.new_context(locale="nl", extra_http_headers={"Accept-Language": "nl"})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    log_in(page, live_server.url, "outsider@zuidwest.example")

    page.goto(f"{live_server.url}/o/zuidwest/programmes/")
    expect(page.locator("h1")).to_have_text("Coachingprogramma's")
    page.get_by_role("link", name="Welk model past?").click()
    page.locator("#advisor-team").select_option(label="Verkoop Zeeland")
    page.wait_for_load_state("networkidle")
    page.get_by_label("Hoeveel uur per maand kan de manager aan coaching besteden?").fill("2")
    page.locator("input[name=manager_trained][value=no]").check()
    page.locator("input[name=budget_internal_coach][value=no]").check()
    page.locator("input[name=budget_external_coach][value=yes]").check()
    page.locator("input[name=trust][value=low]").check()
    page.get_by_role("button", name="Advies geven").click()
    expect(page.locator("#advice")).to_contain_text("Een externe coach")
    expect(page.locator("#advice")).to_contain_text("Hoe de adviseur redeneerde")

    page.get_by_role("link", name="Zet een programma op met dit model").click()
    expect(page.locator("main")).to_contain_text("Ingevuld vanuit het advies")
    expect(page.locator("input[name=coaching_models][value=external_coach]")).to_be_checked()
    team = page.locator("select[name=team]")
    assert team.locator("option:checked").inner_text() == "Verkoop Zeeland"
    # Saving without a coach for the recommended model says so, and saves nothing.
    page.get_by_label("Doelen").fill("Verkopers durven hun eigen aanpak te kiezen, met een coach van buiten.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main")).to_contain_text("heeft geen coach")
    page.get_by_label("Ingrid Hoekstra").check()
    page.get_by_role("button", name="Opslaan").click()

    expect(page.locator("h1")).to_have_text("Gezondheid van het programma: Verkoop Zeeland")
    safeguards = page.locator("#safeguards")
    expect(safeguards).to_contain_text("Inwerken van de externe coach")
    expect(safeguards).to_contain_text("Vertrouwen in de externe coach (pulsmeting)")
    expect(safeguards).to_contain_text("Volgende stap")
    assert page.evaluate(UNNAMED_CONTROLS) == []
    page.goto(f"{live_server.url}/o/zuidwest/programmes/")
    expect(page.locator("#programme-overview")).to_contain_text("Verkoop Zeeland")
    assert page.evaluate(UNNAMED_CONTROLS) == []
    assert not problems, problems
    context.close()
