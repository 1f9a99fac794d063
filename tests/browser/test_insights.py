"""Insights in a real browser: the vendored Chart.js draws the charts of the insights page
and of a seller's timeline under the strict Content-Security-Policy (no inline script,
no CDN), and the PDF report renders."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import UNNAMED_CONTROLS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Whether a canvas has anything painted on it (an undrawn canvas is fully transparent).
PAINTED = """(id) => {
  const c = document.getElementById(id);
  if (!c) return null;
  const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
  return false;
}"""


def watch(page: Any, base: str) -> tuple[list[str], list[str]]:
    problems: list[str] = []
    outside: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "request", lambda request: outside.append(request.url) if not request.url.startswith(base) else None
    )
    return problems, outside


def test_the_insights_page_draws_its_charts_and_the_pdf_renders(
    live_server: Any, demo_data: None, browser: Any
) -> None:
    page = browser.new_page(locale="nl-NL")
    problems, outside = watch(page, live_server.url)
    log_in(page, live_server.url, "director@noordwind.example")
    page.goto(live_server.url + "/o/noordwind/insights/organisation/")
    page.locator("html[data-insights-charts='drawn']").wait_for(state="attached")
    canvases = page.evaluate("() => [...document.querySelectorAll('canvas')].map(c => c.id)")
    assert "chart-impact-attainment" in canvases and "chart-indicator-attainment" in canvases
    for canvas in canvases:
        assert page.evaluate(PAINTED, canvas), canvas
    assert page.locator("h1").count() == 1
    assert page.evaluate(UNNAMED_CONTROLS) == []
    pdf = page.request.get(live_server.url + "/o/noordwind/insights/organisation/report.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    assert problems == [] and outside == []
    page.close()


def test_a_sellers_timeline_draws_its_charts(live_server: Any, demo_data: None, browser: Any) -> None:
    page = browser.new_page(locale="en-GB")
    problems, outside = watch(page, live_server.url)
    log_in(page, live_server.url, "seller@noordwind.example")
    page.goto(live_server.url + "/o/noordwind/insights/")
    page.get_by_role("link", name="Your timeline").click()
    page.locator("html[data-timeline-charts='drawn']").wait_for(state="attached")
    for canvas in ("chart-sessions", "chart-commitments", "chart-skills", "chart-results"):
        assert page.evaluate(PAINTED, canvas), canvas
    assert page.evaluate(UNNAMED_CONTROLS) == []
    assert problems == [] and outside == []
    page.close()
