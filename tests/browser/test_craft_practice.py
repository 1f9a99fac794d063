"""The ask-don't-tell assistant in a real browser: a coach types a directive on the
practice page, sees it flagged as telling with a suggested open question, and puts the
suggestion in the text with one click."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from salescoach.organisations.models import Role
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("language", "directive", "suggestion", "open_label"),
    [
        (
            "nl",
            "Je moet de klant eerder bellen.",
            "Wat zou er gebeuren als je de klant eerder belt?",
            "Open vraag",
        ),
        (
            "en",
            "You should call the client earlier.",
            "What might happen if you call the client earlier?",
            "Open question",
        ),
    ],
)
def test_a_typed_directive_is_flagged_with_a_suggestion(
    language: str, directive: str, suggestion: str, open_label: str, live_server: Any, browser: Any
) -> None:
    organisation = OrganisationFactory(slug="practice-org", name="Practice Org")
    MembershipFactory(
        organisation=organisation, user__email="coach@practice.example", roles=[Role.INTERNAL_COACH]
    )
    context = browser.new_context(locale=language, extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    log_in(page, live_server.url, "coach@practice.example", PASSWORD)
    page.goto(f"{live_server.url}/o/practice-org/coaching-style/practice/")
    field = page.locator("#id_text")
    field.click()
    field.press_sequentially(directive, delay=20)

    flagged = page.locator('.style-assistant [data-label="directive"]')
    expect(flagged).to_be_visible()
    expect(flagged.locator("mark.style-cue")).to_have_text("Je moet" if language == "nl" else "You should")
    expect(flagged.locator(".style-suggestion-text")).to_have_text(suggestion)

    # One click puts the open question in place of the directive, and it is analysed again.
    flagged.get_by_role("button").click()
    expect(field).to_have_value(suggestion)
    asked = page.locator('.style-assistant [data-label="open_question"]')
    expect(asked).to_be_visible()
    expect(asked.locator(".style-badge")).to_have_text(open_label)
    expect(page.locator('.style-assistant [data-label="directive"]')).to_have_count(0)
    assert not problems, problems
    context.close()
