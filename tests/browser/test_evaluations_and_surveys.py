"""In a real browser: the demo seller sees her evaluation in its own look (not coaching),
comments and signs it, answers the open pulse survey anonymously, and downloads her data
-- without console errors or CSP violations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_seller_signs_her_evaluation_and_answers_a_survey(
    live_server: Any, demo_data: None, browser: Any
) -> None:
    context = browser.new_context(
        locale="nl", extra_http_headers={"Accept-Language": "nl"}, accept_downloads=True
    )
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, live_server.url, "seller@noordwind.example")

    page.get_by_role("link", name="Beoordelingen").first.click()
    page.locator("main table a").first.click()
    band = page.locator(".evaluation-band")
    expect(band).to_contain_text("Dit is een beoordeling, geen coaching.")
    # The band's own colour, from the stylesheet (no inline styles).
    assert band.evaluate("el => getComputedStyle(el).backgroundImage").startswith("repeating-linear-gradient")
    assert page.evaluate("document.body.classList.contains('evaluation-zone')")
    page.locator("textarea[name=seller_comment]").fill("Ik herken het beeld over de forecast.")
    page.get_by_role("button", name="Reactie opslaan").click()
    page.get_by_role("button", name="Ondertekenen").click()
    expect(page.locator("main")).to_contain_text("Ondertekend op")

    page.get_by_role("link", name="Enquêtes").first.click()
    page.get_by_role("link", name="Invullen").first.click()
    for group in page.locator("fieldset").all():
        group.locator("input[type=radio]").nth(3).check()
    page.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(page.locator("main")).to_contain_text("Je antwoorden zijn anoniem opgeslagen")
    expect(page.locator("main")).to_contain_text("Je hebt meegedaan")

    page.get_by_role("link", name="Privacy").first.click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download je gegevens (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text())
    assert data["evaluations"][0]["your_comments"] == "Ik herken het beeld over de forecast."
    assert any(p["took_part"] for p in data["surveys"]["participation"])
    assert not problems, problems
    context.close()
