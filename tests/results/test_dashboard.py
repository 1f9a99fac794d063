"""Dashboard figures against figures computed by hand, the fixed number of queries,
the pages, the charts' data and the CSV export."""

from __future__ import annotations

import csv
import io
import itertools
import json
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from salescoach.organisations.models import Role
from salescoach.results import selectors
from salescoach.results.models import ExchangeRate, Opportunity, Target
from salescoach.results.periods import parse_period
from salescoach.results.services import funnel_ensure
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

Q1 = parse_period("2026-Q1")


def D(value: str) -> Decimal:
    return Decimal(value)


_numbers = itertools.count(1)


def deal(
    people,
    owner,
    stage_name: str,
    amount: str,
    close: date,
    *,
    created: date | None = None,
    probability=None,
    currency="EUR",
    base=None,
):
    stages = {s.name: s for s in funnel_ensure(organisation_id=people.org.pk)}
    stage = stages[stage_name]
    number = next(_numbers)
    return Opportunity.objects.create(
        organisation=people.org,
        crm_id=f"T-{number}",
        name=f"Deal {number}",
        owner=owner,
        stage=stage,
        crm_stage=stage.name,
        status=stage.kind,
        amount=D(amount),
        currency=currency,
        amount_base=D(amount) if base is None and currency == "EUR" else base,
        probability=probability,
        created_date=created,
        close_date=close,
        cycle_days=(close - created).days if created else None,
    )


@pytest.fixture
def figures(sales):
    """Seller: quarter target 100,000 / 4 deals. Colleague: month targets 10k, 10k, 20k.
    Deals closing in Q1 2026 as in the docstrings of the tests below."""
    p = sales
    ExchangeRate.objects.create(organisation=p.org, currency="USD", rate=D("0.9"))
    Target.objects.create(
        organisation=p.org,
        member=p.seller,
        period_kind="quarter",
        period_start=date(2026, 1, 1),
        amount=D("100000"),
        count=4,
    )
    for month, amount in ((1, "10000"), (2, "10000"), (3, "20000")):
        Target.objects.create(
            organisation=p.org,
            member=p.colleague,
            period_kind="month",
            period_start=date(2026, month, 1),
            amount=D(amount),
        )
    # Seller
    deal(p, p.seller, "Won", "30000", date(2026, 1, 31), created=date(2026, 1, 1))
    deal(p, p.seller, "Won", "20000", date(2026, 2, 20), created=date(2025, 12, 1))
    deal(p, p.seller, "Lost", "10000", date(2026, 2, 1))
    deal(p, p.seller, "Proposal", "40000", date(2026, 3, 15))  # 60% by the stage
    deal(p, p.seller, "Negotiation", "10000", date(2026, 2, 27), probability=50)  # its own 50%
    deal(p, p.seller, "Proposal", "99999", date(2026, 4, 1))  # next quarter: not counted
    # Colleague
    deal(
        p,
        p.colleague,
        "Won",
        "50000",
        date(2026, 3, 3),
        created=date(2026, 2, 1),
        currency="USD",
        base=D("45000"),
    )
    deal(p, p.colleague, "Qualified", "10000", date(2026, 3, 20), currency="GBP", base=None)  # no rate
    deal(p, p.colleague, "Lost", "1000", date(2026, 1, 10))
    deal(p, p.colleague, "Lost", "2000", date(2026, 3, 30))
    # Another team: only in the organisation's figures.
    deal(p, p.other_seller, "Won", "7000", date(2026, 1, 5), created=date(2025, 12, 6))
    return p


def test_person_figures_match_hand_computed_ones(figures) -> None:
    data = selectors.dashboard(viewer=figures.manager, period=Q1, team=figures.team)
    by_person = {p.member.pk: p.figures for p in data.people}
    s = by_person[figures.seller.pk]
    assert (s.target_amount, s.target_count) == (D("100000.00"), 4)
    assert (s.won_amount, s.won_count, s.lost_count) == (D("50000.00"), 2, 1)
    assert s.attainment == D("50.0") and s.count_attainment == D("50.0")
    assert (s.open_amount, s.open_count) == (D("50000.00"), 2)
    assert s.weighted == D("29000.00")  # 40,000 x 60% + 10,000 x 50%
    assert s.forecast == D("79000.00") and s.forecast_attainment == D("79.0")
    assert s.win_rate == D("66.7")  # 2 of 3
    assert s.average_deal_size == D("25000.00")
    assert s.cycle_days == D("55.5")  # (30 + 81) / 2
    assert s.coverage == D("1.00")  # 50,000 pipeline for 50,000 still to win
    c = by_person[figures.colleague.pk]
    assert c.target_amount == D("40000.00")  # the sum of its month targets
    assert (c.won_amount, c.attainment) == (D("45000.00"), D("112.5"))  # 50,000 USD at 0.9
    assert (c.open_amount, c.open_count, c.unconverted) == (D("0"), 1, 1)  # GBP without a rate
    assert c.coverage is None  # the target is met
    assert c.win_rate == D("33.3") and c.cycle_days == D("30.0")


def test_team_totals_months_and_funnel(figures) -> None:
    data = selectors.dashboard(viewer=figures.manager, period=Q1, team=figures.team)
    t = data.total
    assert (t.target_amount, t.won_amount, t.won_count, t.lost_count) == (D("140000.00"), D("95000.00"), 3, 3)
    assert t.attainment == D("67.9") and t.forecast == D("124000.00") and t.forecast_attainment == D("88.6")
    assert t.win_rate == D("50.0") and t.average_deal_size == D("31666.67") and t.cycle_days == D("47.0")
    assert t.coverage == D("1.11")  # 50,000 / 45,000
    months = [(m.period.key, m.won_amount, m.forecast, m.target_amount) for m in data.months]
    assert months == [
        ("2026-01", D("30000.00"), D("30000.00"), D("43333.33")),
        ("2026-02", D("20000.00"), D("25000.00"), D("43333.33")),
        ("2026-03", D("45000.00"), D("69000.00"), D("53333.33")),
    ]
    funnel = {s.stage.name: (s.count, s.amount, s.weighted) for s in data.stages}
    assert funnel["Proposal"] == (1, D("40000.00"), D("24000.00"))
    assert funnel["Negotiation"] == (1, D("10000.00"), D("5000.00"))
    assert funnel["Qualified"] == (1, D("0"), D("0"))
    assert funnel["Won"][:2] == (3, D("95000.00"))
    assert funnel["Lost"][:2] == (3, D("13000.00"))
    assert funnel["Prospect"] == (0, D("0"), D("0"))


def test_month_and_year_targets(figures) -> None:
    march = selectors.dashboard(viewer=figures.manager, period=parse_period("2026-03"), team=figures.team)
    by_person = {p.member.pk: p.figures for p in march.people}
    assert by_person[figures.seller.pk].target_amount == D("33333.33")  # a third of the quarter
    assert by_person[figures.colleague.pk].target_amount == D("20000.00")  # its own month target
    year = selectors.dashboard(viewer=figures.manager, period=parse_period("2026"), team=figures.team)
    assert year.total.target_amount == D("140000.00")
    assert year.total.open_amount == D("149999.00")  # the April deal counts in the year


def test_the_organisation_dashboard_has_every_team(figures) -> None:
    data = selectors.dashboard(viewer=figures.owner, period=Q1)
    assert data.total.won_amount == D("102000.00")
    assert figures.other_seller.pk in {p.member.pk for p in data.people}


def _queries(func) -> int:
    with CaptureQueriesContext(connection) as captured:
        func()
    return len(captured.captured_queries)


def _grow(people, n: int) -> None:
    """More people, teams' worth of deals and targets."""
    for _i in range(n):
        member = MembershipFactory(
            organisation=people.org, roles=[Role.SELLER], team=people.team, reports_to=people.manager
        )
        Target.objects.create(
            organisation=people.org,
            member=member,
            period_kind="quarter",
            period_start=date(2026, 1, 1),
            amount=D("1000"),
        )
        for j in range(5):
            deal(
                people,
                member,
                ["Won", "Lost", "Proposal", "Prospect", "Won"][j],
                "100",
                date(2026, 1 + j % 3, 10),
            )


@pytest.mark.parametrize("scope", ["team", "organisation", "person"])
def test_every_dashboard_runs_a_fixed_number_of_queries(figures, scope: str) -> None:
    def run() -> None:
        kwargs = (
            {"team": figures.team}
            if scope == "team"
            else {"member": figures.seller}
            if scope == "person"
            else {}
        )
        viewer = figures.owner if scope == "organisation" else figures.manager
        data = selectors.dashboard(viewer=viewer, period=Q1, **kwargs)
        assert data.people

    run()  # the viewer's roles are loaded once and then known
    small = _queries(run)
    _grow(figures, 12)
    assert _queries(run) == small
    assert small <= 8


@pytest.mark.parametrize("path", ["", "teams/{team}/", "people/{seller}/"])
def test_the_dashboard_pages_run_a_fixed_number_of_queries(figures, client_for, path: str) -> None:
    client = client_for(figures.manager)
    url = (
        f"/o/{figures.org.slug}/results/"
        + path.format(team=figures.team.pk, seller=figures.seller.pk)
        + "?period=2026-Q1"
    )

    def run() -> None:
        assert client.get(url).status_code == 200

    small = _queries(run)
    _grow(figures, 12)
    assert _queries(run) == small


def test_the_page_carries_the_chart_data_and_loads_the_vendored_chart_library(figures, client_for) -> None:
    response = client_for(figures.manager).get(
        f"/o/{figures.org.slug}/results/?period=2026-Q1&team={figures.team.pk}"
    )
    html = response.content.decode()
    assert '<script id="results-chart-data" type="application/json">' in html
    assert "/static/vendor/chartjs/chart.umd.min.js" in html and "/static/results/dashboard.js" in html
    assert "cdn" not in html.lower()
    data = json.loads(
        html.split('<script id="results-chart-data" type="application/json">')[1].split("</script>")[0]
    )
    assert data["forecast"] == {"won": 95000.0, "weighted": 29000.0, "target": 140000.0}
    assert data["funnel"]["stages"] == ["Prospect", "Qualified", "Solution", "Proposal", "Negotiation"]
    assert (
        "Content-Security-Policy" in response and "script-src 'self'" in response["Content-Security-Policy"]
    )


def test_csv_export_has_the_figures_and_harmless_cells(figures, client_for) -> None:
    figures.seller.user.full_name = '=HYPERLINK("http://evil")'
    figures.seller.user.save()
    figures.colleague.user.full_name = "+31 Carla"
    figures.colleague.user.save()
    response = client_for(figures.manager).get(
        f"/o/{figures.org.slug}/results/export.csv?period=2026-Q1&team={figures.team.pk}"
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil")' in names and "'+31 Carla" in names
    seller = next(row for row in rows if row[0].startswith("'=HYPERLINK"))
    assert seller[3:6] == ["100000.00", "50000.00", "50.0"]
    assert rows[-1][0] == "Total" and rows[-1][4] == "95000.00"
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell


def test_seller_months_for_insights(figures) -> None:
    rows = {(r.seller_id, r.period): r for r in selectors.seller_months(organisation_id=figures.org.pk)}
    jan, feb, mar = (2026 * 12 + m - 1 for m in (1, 2, 3))
    seller = figures.seller.pk
    assert rows[(seller, jan)].won_amount == 30000.0 and rows[(seller, jan)].won_cycle_days == 30.0
    assert (rows[(seller, feb)].won_amount, rows[(seller, feb)].won, rows[(seller, feb)].lost) == (
        20000.0,
        1,
        1,
    )
    assert abs(rows[(seller, feb)].target - 100000 / 3) < 0.01  # a third of the quarter's target
    colleague = figures.colleague.pk
    assert rows[(colleague, mar)].target == 20000.0 and rows[(colleague, mar)].won_amount == 45000.0
    assert rows[(colleague, mar)].lost == 1 and rows[(colleague, jan)].lost == 1
    assert all(r.won + r.lost > 0 or r.target is not None for r in rows.values())
