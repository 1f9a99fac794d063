"""Insights pages: who may open them, what they show in English and Dutch, and that the
CSV and the PDF report show the same figures as the page."""

from __future__ import annotations

import csv
import io
import re

import pytest

from salescoach.organisations.models import Role
from tests.conftest import People
from tests.factories import MembershipFactory
from tests.insights.world import add_coaching_activity, build_world, first_of

pytestmark = pytest.mark.django_db


def period_of(world) -> str:  # type: ignore[no-untyped-def]
    last = first_of(world.first_month + world.months - 1)
    return f"{last.year}-{last.month:02d}"


@pytest.fixture
def world(people: People):  # type: ignore[no-untyped-def]
    w = build_world(organisation=people.org, team=people.team, n_sellers=30, months=24, effect=0.2)
    add_coaching_activity(w)
    return w


def figures_of(html: str) -> list[str]:
    """The figure cells of a page or report, in order."""
    return [
        re.sub(r"\s+", " ", cell).strip() for cell in re.findall(r'class="[^"]*figure[^"]*">([^<]*)<', html)
    ]


def test_the_team_page_shows_impact_and_indicators(
    people: People, world, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(people.manager)
    url = f"/o/{people.org.slug}/insights/teams/{people.team.pk}/?period={period_of(world)}"
    with django_assert_max_num_queries(40):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The data show an effect." in html
    assert 'id="chart-indicator-attainment"' in html and 'id="chart-impact-attainment"' in html
    assert "insights-chart-data" in html and "vendor/chartjs/chart.umd.min.js" in html
    assert "Sessions found useful" not in html  # a manager does not see session ratings
    dutch = client_for(people.manager, "nl").get(url).content.decode()
    assert "Leidende en volgende indicatoren" in dutch


def test_who_may_open_which_page(people: People, world, client_for) -> None:  # type: ignore[no-untyped-def]
    slug = people.org.slug
    seller = world.coached[0]
    expected = {
        f"/o/{slug}/insights/": {people.owner: 200, people.seller: 200, world.coach: 200},
        f"/o/{slug}/insights/organisation/": {people.owner: 200, people.manager: 403, people.seller: 403},
        f"/o/{slug}/insights/teams/{people.team.pk}/": {
            people.owner: 200,
            people.manager: 200,
            people.seller: 403,
            people.other_manager: 404,
            world.coach: 404,
        },
        f"/o/{slug}/insights/timeline/{seller.pk}/": {
            seller: 200,
            world.coach: 200,
            people.manager: 404,
            people.owner: 404,
        },
        f"/o/{slug}/insights/coaches/{world.coach.pk}/": {
            world.coach: 200,
            people.owner: 200,
            people.manager: 404,
            seller: 404,
        },
    }
    for url, answers in expected.items():
        for member, status in answers.items():
            assert client_for(member).get(url).status_code == status, (url, member.user.email)


def test_the_csv_has_the_figures_of_the_page(people: People, world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(people.manager)
    base = f"/o/{people.org.slug}/insights/teams/{people.team.pk}/"
    response = client.get(f"{base}export.csv?period={period_of(world)}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    attainment = next(r for r in rows if r[0] == "attainment")
    assert attainment[-1] == "effect"
    page = client.get(f"{base}?period={period_of(world)}").content.decode()
    estimate = float(attainment[1])
    assert f"{estimate * 100:+.1f}" in page
    last = [r for r in rows if len(r) == 5 and r[0] == "attainment" and r[2] == period_of(world)][0]
    assert f"{float(last[3]) * 100:.1f}%" in page


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_pdf_report_shows_the_same_figures_as_the_page(
    people: People, world, client_for, language: str
) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    client = client_for(people.owner, language)
    base = f"/o/{people.org.slug}/insights/teams/{people.team.pk}/"
    page = client.get(f"{base}?period={period_of(world)}").content.decode()
    response = client.get(f"{base}report.pdf?period={period_of(world)}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = re.sub(r"\s+", " ", text)
    figures = [f for f in figures_of(page) if f not in {"—", ""}]
    assert len(figures) > 30
    for figure in figures:
        assert figure.replace(" ", "") in text.replace(" ", ""), figure
    heading = "Does coaching work?" if language == "en" else "Werkt coaching?"
    assert heading in text


def test_the_organisation_page_has_bands_and_the_csv_too(people: People, world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(people.owner)
    page = client.get(f"/o/{people.org.slug}/insights/organisation/?period={period_of(world)}")
    assert page.status_code == 200
    assert "Performance band: Core 60%" in page.content.decode()
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/o/{people.org.slug}/insights/organisation/export.csv").content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert {r[1] for r in rows if len(r) == 5 and r[0] == "attainment"} == {"all", "top", "core", "bottom"}


def test_the_timeline_page_and_the_coach_page(people: People, world, client_for) -> None:  # type: ignore[no-untyped-def]
    seller = world.coached[0]
    own = client_for(seller).get(
        f"/o/{people.org.slug}/insights/timeline/{seller.pk}/?period={period_of(world)}"
    )
    html = own.content.decode()
    assert "Your timeline" in html and 'id="chart-results"' in html and "timeline-chart-data" in html
    coach_view = (
        client_for(world.coach).get(f"/o/{people.org.slug}/insights/timeline/{seller.pk}/").content.decode()
    )
    assert 'id="chart-results"' not in coach_view  # no agreed result indicators
    coach_page = client_for(world.coach).get(
        f"/o/{people.org.slug}/insights/coaches/{world.coach.pk}/?period={period_of(world)}"
    )
    assert "15 coachees." in coach_page.content.decode()
    other = MembershipFactory(organisation=people.org, roles=[Role.SENIOR_SELLER])
    assert client_for(other).get(f"/o/{people.org.slug}/insights/coaches/{other.pk}/").status_code == 404
