"""The ask-don't-tell assistant where coaches work: preparing a session (issue 8, "Done
when") and writing ride-along feedback. A directive typed by the coach is flagged with an
open question to use instead; saving the preparation counts in the coach's own trend."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from salescoach.coaching.models import CoachingSession, SessionKind
from salescoach.craft.models import StyleSample
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _upcoming_session() -> CoachingSession:
    return (
        CoachingSession.objects.filter(
            relationship__coach__user__email="coach@kompas-coaching.example",
            relationship__coachee__user__email="seller@noordwind.example",
            starts_at__gt=timezone.now(),
            kind=SessionKind.ONE_TO_ONE,
        )
        .order_by("starts_at")
        .first()
    )


def test_directive_in_session_preparation_is_flagged(live_server: Any, demo_data: None, browser: Any) -> None:
    session = _upcoming_session()
    assert session is not None, "the demo has an upcoming session of Ingrid with Sanne"
    before = StyleSample.objects.count()
    context = browser.new_context(locale="nl", extra_http_headers={"Accept-Language": "nl"})
    page = context.new_page()
    log_in(page, live_server.url, "coach@kompas-coaching.example")
    page.goto(f"{live_server.url}/o/noordwind/coaching/sessions/{session.pk}/prepare/?framework=grow")
    field = page.locator("#own-goal")
    field.click()
    field.press_sequentially("Je moet de klant eerder bellen.", delay=15)

    box = page.locator("#own-goal ~ .style-assistant")
    flagged = box.locator('[data-label="directive"]')
    expect(flagged).to_be_visible()
    expect(flagged.locator(".style-suggestion-text")).to_have_text(
        "Wat zou er gebeuren als je de klant eerder belt?"
    )
    flagged.get_by_role("button").click()
    expect(field).to_have_value("Wat zou er gebeuren als je de klant eerder belt?")

    page.get_by_role("button", name="Voorbereiding opslaan").click()
    page.wait_for_load_state("networkidle")
    assert StyleSample.objects.count() == before + 1
    sample = StyleSample.objects.latest("pk")
    assert (
        sample.source == "session_preparation" and sample.coach.user.email == "coach@kompas-coaching.example"
    )
    context.close()


def test_session_preparation_page_offers_the_assistant_for_every_stage(
    live_server: Any, demo_data: None, browser: Any
) -> None:
    session = _upcoming_session()
    assert session is not None
    page = browser.new_page(locale="en-GB")
    log_in(page, live_server.url, "coach@kompas-coaching.example")
    page.goto(f"{live_server.url}/o/noordwind/coaching/sessions/{session.pk}/prepare/?framework=grow")
    expect(page.locator(".style-assistant")).to_have_count(4)  # Goal, Reality, Options, Will
    assert session.starts_at > timezone.now() - timedelta(minutes=1)
    page.close()
