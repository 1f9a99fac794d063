"""Organisation-wide insights and a seller's timeline, from the database (PostgreSQL).

    psql postgres://postgres@127.0.0.1:5432/postgres -c 'CREATE DATABASE sc_insights_bench'  # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sc_insights_bench \\
        .venv/bin/python bench/insights_org.py [--write]

The first run migrates the database and generates an organisation of 5,000 sellers in 500
teams over three years: 2,000,000 opportunities, quarterly targets, and coaching for 60%
of the sellers (staggered starts, coached sellers win 10% more once coached) with two
one-hour sessions a month, each rated, a commitment per session and a ride-along a month,
shared with the manager. Then it times, as the pages compute them:

* the organisation's insights page (``insights_report`` for the programme owner: the impact
  of coaching on three metrics with bands and the whole privacy family, the nine indicators
  for twelve months by team and band, with suppression), all from the tables;
* a team's insights page (the same family: decided for the whole organisation at once);
* one coach's effectiveness;
* a coached seller's own timeline (24 months).

Median of 5 runs after a warm-up. With --write the figures go into docs/PERFORMANCE.md.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

ORG_SLUG = "insights-bench"
TEAMS = 500
TEAM_SIZE = 10
OPPORTUNITIES = 2_000_000
DAYS = 3 * 365
REPEATS = 5


def setup() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def generate(today: date) -> bool:
    """Called in one transaction: a failed run leaves nothing behind."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from salescoach.accounts.models import User
    from salescoach.organisations.models import Membership, Organisation, Role, RoleAssignment, Team
    from salescoach.results.models import StageKind
    from salescoach.results.rollup import refresh_monthly_results
    from salescoach.results.services import funnel_ensure

    if Organisation.objects.filter(slug=ORG_SLUG).exists():
        print("dataset: already there")
        return False
    started = time.perf_counter()
    unusable = make_password(None)
    with transaction.atomic():
        org = Organisation.objects.create(slug=ORG_SLUG, name="Insights Bench B.V.")
        director = Membership.objects.create(
            organisation=org,
            user=User.objects.create(
                email="director@insights-bench.example", full_name="Director", password=unusable
            ),
            status="active",
        )
        RoleAssignment.objects.create(membership=director, role=Role.PROGRAMME_OWNER)
        users = User.objects.bulk_create(
            [
                User(email=f"manager{t}@insights-bench.example", full_name=f"Manager {t}", password=unusable)
                for t in range(TEAMS)
            ]
        )
        managers = Membership.objects.bulk_create(
            [Membership(organisation=org, user=u, status="active", reports_to=director) for u in users]
        )
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(membership=m, role=Role.SALES_MANAGER) for m in managers]
        )
        teams = Team.objects.bulk_create(
            [Team(organisation=org, name=f"Team {t:03d}", manager=m) for t, m in enumerate(managers)]
        )
        users = User.objects.bulk_create(
            [
                User(email=f"seller{n}@insights-bench.example", full_name=f"Seller {n}", password=unusable)
                for n in range(TEAMS * TEAM_SIZE)
            ],
            batch_size=5000,
        )
        sellers = Membership.objects.bulk_create(
            [
                Membership(
                    organisation=org,
                    user=u,
                    status="active",
                    team=teams[n // TEAM_SIZE],
                    reports_to=managers[n // TEAM_SIZE],
                )
                for n, u in enumerate(users)
            ],
            batch_size=5000,
        )
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(membership=m, role=Role.SELLER) for m in sellers], batch_size=5000
        )
        coaches = Membership.objects.bulk_create(
            [
                Membership(
                    organisation=org,
                    user=User.objects.create(
                        email=f"coach{c}@insights-bench.example", full_name=f"Coach {c}", password=unusable
                    ),
                    status="active",
                )
                for c in range(100)
            ]
        )
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(membership=m, role=Role.INTERNAL_COACH) for m in coaches]
        )
        stages = funnel_ensure(organisation_id=org.pk)
    won = next(s.pk for s in stages if s.kind == StageKind.WON)
    lost = next(s.pk for s in stages if s.kind == StageKind.LOST)
    open_ids = [s.pk for s in stages if s.kind == StageKind.OPEN]
    owners = [m.pk for m in sellers]
    start = today - timedelta(days=DAYS)
    print(f"dataset: {len(sellers)} sellers; generating coaching and {OPPORTUNITIES:,} opportunities...")
    with connection.cursor() as cursor:
        # Coaching: 60% of the sellers, starts spread over the middle of the three years.
        cursor.execute(
            """
            INSERT INTO coaching_coachingrelationship (organisation_id, coach_id, coachee_id, team_id, coach_kind,
                status, started_on, reporting, created_at)
            SELECT %(org)s, (%(coaches)s::bigint[])[1 + (n %% 100)], m.id, m.team_id, 'internal_coach', 'active',
                %(start)s::date + (240 + ((n * 7919) %% 600))::int, 'sessions', now()
            FROM (SELECT id, team_id, row_number() OVER (ORDER BY id) AS n FROM organisations_membership
                  WHERE id = ANY(%(owners)s)) m
            WHERE n %% 5 < 3
            """,
            {"org": org.pk, "coaches": [c.pk for c in coaches], "start": start, "owners": owners},
        )
        cursor.execute(
            """
            INSERT INTO coaching_coachingsession (relationship_id, kind, starts_at, ends_at, location, video_url,
                status, status_reason, framework, agenda, outcomes, uid, sequence, created_at, updated_at)
            SELECT r.id, CASE WHEN k = 1 THEN 'ride_along' ELSE 'one_to_one' END,
                d + make_interval(days => 3 + 12 * k, hours => 9), d + make_interval(days => 3 + 12 * k, hours => 10),
                '', '', 'scheduled', '', 'grow', '', '', gen_random_uuid(), 0, now(), now()
            FROM coaching_coachingrelationship r
            CROSS JOIN LATERAL generate_series(r.started_on, %(today)s::date - 31, interval '1 month') AS d
            CROSS JOIN generate_series(0, 1) AS k
            WHERE r.organisation_id = %(org)s
            """,
            {"org": org.pk, "today": today},
        )
        cursor.execute(
            """
            INSERT INTO coaching_sessionrating (session_id, useful, comment, rated_by_id, created_at, updated_at)
            SELECT s.id, (s.id %% 4) <> 0, '', r.coachee_id, now(), now()
            FROM coaching_coachingsession s JOIN coaching_coachingrelationship r ON r.id = s.relationship_id
            WHERE r.organisation_id = %(org)s
            """,
            {"org": org.pk},
        )
        cursor.execute(
            """
            INSERT INTO coaching_commitment (relationship_id, session_id, text, due_on, created_by_id, created_at,
                updated_at, status, reflection, visibility, unshared_visibility, shared_at)
            SELECT s.relationship_id, s.id, 'bench', s.starts_at::date + 10, r.coachee_id, s.starts_at, now(),
                CASE WHEN s.id %% 3 = 0 THEN 'not_done' ELSE 'done' END, '', 'shared_with_manager',
                'coach_and_seller', now()
            FROM coaching_coachingsession s JOIN coaching_coachingrelationship r ON r.id = s.relationship_id
            WHERE r.organisation_id = %(org)s
            """,
            {"org": org.pk},
        )
        cursor.execute(
            """
            INSERT INTO coaching_observation (session_id, appointment, rubric, self_assessed_at, observed_at,
                seller_reply, acknowledged_at, created_at, visibility, unshared_visibility, shared_at)
            SELECT s.id, '', '[]', s.ends_at, s.ends_at, '', NULL, now(), 'shared_with_manager', 'coach_and_seller', now()
            FROM coaching_coachingsession s JOIN coaching_coachingrelationship r ON r.id = s.relationship_id
            WHERE r.organisation_id = %(org)s AND s.kind = 'ride_along'
            """,
            {"org": org.pk},
        )
        cursor.execute(
            """
            INSERT INTO coaching_observationentry (observation_id, area, perspective, score, comment)
            SELECT o.id, a, p, 2 + (o.id %% 3), ''
            FROM coaching_observation o JOIN coaching_coachingsession s ON s.id = o.session_id
            JOIN coaching_coachingrelationship r ON r.id = s.relationship_id
            CROSS JOIN unnest(ARRAY['opening', 'needs_discovery']) AS a CROSS JOIN unnest(ARRAY['self', 'coach']) AS p
            WHERE r.organisation_id = %(org)s
            """,
            {"org": org.pk},
        )
        # Deals: 30% won, coached sellers win larger deals once coached.
        cursor.execute(
            """
            WITH base AS (
                SELECT g, (%(owners)s::bigint[])[1 + (g %% %(owner_count)s)] AS owner,
                       (1000 + random() * 90000)::numeric(16, 2) AS amount, 10 + (random() * 120)::int AS cycle,
                       %(start)s::date + (random() * %(span)s)::int AS close, random() AS r1, random() AS r2
                FROM generate_series(1, %(n)s) AS g
            ), picked AS (
                SELECT b.*, CASE WHEN b.close < %(today)s
                    THEN CASE WHEN b.r1 < 0.3 THEN %(won)s ELSE %(lost)s END
                    ELSE (%(open)s::bigint[])[1 + floor(b.r2 * 5)::int] END AS stage_id,
                    CASE WHEN EXISTS (SELECT 1 FROM coaching_coachingrelationship r
                                      WHERE r.coachee_id = b.owner AND r.started_on <= b.close)
                         THEN 1.1 ELSE 1.0 END AS lift
                FROM base b
            )
            INSERT INTO results_opportunity (organisation_id, crm_id, name, account_name, owner_id, stage_id,
                crm_stage, status, amount, currency, amount_base, probability, created_date, close_date,
                cycle_days, lost_reason, imported_at, updated_at)
            SELECT %(org)s, 'IB-' || p.g, 'Bench deal ' || p.g, '', p.owner, p.stage_id, s.name, s.kind,
                p.amount * p.lift, 'EUR', p.amount * p.lift, NULL, p.close - p.cycle, p.close, p.cycle, '', now(), now()
            FROM picked p JOIN results_funnelstage s ON s.id = p.stage_id
            """,
            {
                "owners": owners,
                "owner_count": len(owners),
                "start": start,
                "span": DAYS + 183,
                "n": OPPORTUNITIES,
                "today": today,
                "won": won,
                "lost": lost,
                "open": open_ids,
                "org": org.pk,
            },
        )
        refresh_monthly_results(organisation_id=org.pk)  # what an import does
        first = date(start.year, (start.month - 1) // 3 * 3 + 1, 1)
        quarters = []
        while first <= today + timedelta(days=183):
            quarters.append(first)
            first = date(first.year + (first.month + 2) // 12, (first.month + 2) % 12 + 1, 1)
        cursor.execute(
            """
            INSERT INTO results_target (organisation_id, member_id, period_kind, period_start, amount, count,
                currency, updated_at)
            SELECT %(org)s, m, 'quarter', q, 450000, 12, 'EUR', now()
            FROM unnest(%(owners)s::bigint[]) AS m CROSS JOIN unnest(%(quarters)s::date[]) AS q
            """,
            {"org": org.pk, "owners": owners, "quarters": quarters},
        )
    print(f"dataset: generated in {time.perf_counter() - started:.0f} s")
    return True


def timed(fn):  # type: ignore[no-untyped-def]
    fn()  # warm-up
    runs = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs), max(runs)


def main() -> None:
    setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        sys.exit("Run this against PostgreSQL (DATABASE_URL=postgres://...).")
    from django.utils import timezone

    today = timezone.localdate()
    from django.db import transaction

    with transaction.atomic():
        generated = generate(today)
    if generated:
        with connection.cursor() as cursor:
            # What autovacuum would do soon after a bulk load.
            cursor.execute("VACUUM ANALYZE")

    from salescoach.coaching.models import CoachingRelationship
    from salescoach.insights import selectors
    from salescoach.insights.timeline import seller_timeline
    from salescoach.organisations.models import Membership, Organisation, Team
    from salescoach.results.models import Opportunity

    org = Organisation.objects.get(slug=ORG_SLUG)
    director = Membership.objects.get(organisation=org, user__email="director@insights-bench.example")
    team = Team.objects.filter(organisation=org).order_by("name").first()
    relationship = CoachingRelationship.objects.filter(organisation=org).order_by("pk").first()
    assert team is not None and relationship is not None
    seller, coach = relationship.coachee, relationship.coach
    deals = Opportunity.objects.filter(organisation=org).count()
    lines = []

    def measure(label: str, fn, note: str = "") -> None:  # type: ignore[no-untyped-def]
        with CaptureQueriesContext(connection) as queries:
            fn()
        median, worst = timed(fn)
        lines.append(
            f"| {label} | {median * 1000:.0f} ms | {worst * 1000:.0f} ms | {len(queries)} | {note} |"
        )
        print(lines[-1])

    report = selectors.insights_report(viewer=director, team=None)
    verdict = report["impacts"][0]
    measure(
        "organisation's insights page: impact (3 metrics, bands, privacy family) + 9 indicators x 12 months by team and band",
        lambda: selectors.insights_report(viewer=director, team=None),
        f"attainment: {verdict['estimate_shown']} points ({verdict['ci_shown']}), {verdict['n_coached']} coached",
    )
    measure(
        "a team's insights page (the same organisation-wide family)",
        lambda: selectors.insights_report(viewer=director, team=team),
    )
    measure(
        "impact on attainment for one team (`GET /insights/impact`)",
        lambda: selectors.team_impact(viewer=director, team=team, metric="attainment"),
    )
    measure("one coach's effectiveness", lambda: selectors.coach_effectiveness(organisation=org, coach=coach))
    measure(
        "a coached seller's own timeline (24 months)", lambda: seller_timeline(viewer=seller, seller=seller)
    )
    measure("the same timeline as their coach sees it", lambda: seller_timeline(viewer=coach, seller=seller))

    body = "\n".join(
        [
            "## Insights from the database (issue 7)",
            "",
            "`DATABASE_URL=postgres://.../sc_insights_bench .venv/bin/python bench/insights_org.py --write` --",
            f"{TEAMS * TEAM_SIZE:,} sellers in {TEAMS} teams over three years, {deals:,} opportunities, quarterly targets,",
            "60% coached (sessions, ratings, commitments, ride-alongs), PostgreSQL on this machine",
            f"({os.cpu_count()} cores, Python {platform.python_version()}); median and worst of {REPEATS} runs after a",
            "warm-up, everything computed from the tables in this process. Targets: organisation-wide insights",
            "<= 2 s, a seller's timeline <= 100 ms.",
            "",
            "| what | median | worst | queries | notes |",
            "|---|---|---|---|---|",
            *lines,
        ]
    )
    print(body)
    if "--write" in sys.argv:
        from bench._markdown import write_section

        write_section("docs/PERFORMANCE.md", "insights-org", body)


if __name__ == "__main__":
    main()
