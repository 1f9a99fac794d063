"""Results benchmark: imports and dashboards on a large generated dataset (PostgreSQL).

    createdb -h 127.0.0.1 -U postgres sc_results_bench   # once; any empty database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sc_results_bench \\
        .venv/bin/python bench/results_bench.py [--write-docs]

It migrates the database and, the first time, generates an organisation with 5,000
sellers in 500 teams and 2,000,000 opportunities spread over the past two years and the
coming half year, with quarterly targets. Then it measures, in one run:

* PostgreSQL's own COPY of a 1,000,000-row CSV (a Salesforce data export) into a plain
  table with the same columns, as the yardstick;
* SalesCoach's import of the same file (a dry run, the real run, and a re-import that
  changes nothing), each in a fresh process, with its peak memory (max RSS);
* the team and the organisation dashboards (server time of the whole page request in
  this process, p50 and p95 over repeated runs) and their number of queries.

With --write-docs the figures replace the results section of docs/PERFORMANCE.md.
The imported rows are removed again at the end, so the run can be repeated.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

ORG_SLUG = "bench"
TEAMS = 500
TEAM_SIZE = 10
OPPORTUNITIES = 2_000_000
IMPORT_ROWS = 1_000_000
CSV_PATH = Path(os.environ.get("BENCH_CSV", "/tmp/salescoach-bench-opportunities.csv"))  # noqa: S108
DOCS = ROOT / "docs" / "PERFORMANCE.md"
BEGIN, END = "<!-- results-benchmark:begin -->", "<!-- results-benchmark:end -->"


def setup_django() -> None:
    import django

    django.setup()


# --- the dataset ---------------------------------------------------------------------------


def generate(today: date) -> None:
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from salescoach.accounts.models import User
    from salescoach.organisations.models import Membership, Organisation, Role, RoleAssignment, Team
    from salescoach.results.models import StageKind
    from salescoach.results.rollup import refresh_monthly_results
    from salescoach.results.services import funnel_ensure

    UNUSABLE = make_password(None)
    if Organisation.objects.filter(slug=ORG_SLUG).exists():
        print("dataset: already there")
        return
    started = time.perf_counter()
    password = make_password("bench-password")
    with transaction.atomic():
        org = Organisation.objects.create(slug=ORG_SLUG, name="Bench B.V.")
        director_user = User.objects.create(
            email="director@bench.example", full_name="Bench Director", password=password
        )
        director = Membership.objects.create(organisation=org, user=director_user, status="active")
        RoleAssignment.objects.create(membership=director, role=Role.PROGRAMME_OWNER)
        manager_users = User.objects.bulk_create(
            [
                User(email=f"manager{t}@bench.example", full_name=f"Manager {t}", password=password)
                for t in range(TEAMS)
            ]
        )
        managers = Membership.objects.bulk_create(
            [
                Membership(organisation=org, user=u, status="active", reports_to=director)
                for u in manager_users
            ]
        )
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(membership=m, role=Role.SALES_MANAGER) for m in managers]
        )
        teams = Team.objects.bulk_create(
            [Team(organisation=org, name=f"Team {t:03d}", manager=m) for t, m in enumerate(managers)]
        )
        seller_users = User.objects.bulk_create(
            [
                User(email=f"seller{t}-{i}@bench.example", full_name=f"Seller {t}-{i}", password=UNUSABLE)
                for t in range(TEAMS)
                for i in range(TEAM_SIZE)
            ],
            batch_size=2000,
        )
        sellers = Membership.objects.bulk_create(
            [
                Membership(
                    organisation=org,
                    user=u,
                    status="active",
                    team=teams[n // TEAM_SIZE],
                    reports_to=managers[n // TEAM_SIZE],
                    crm_user_id=f"0055e{n:013d}",
                )
                for n, u in enumerate(seller_users)
            ],
            batch_size=2000,
        )
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(membership=m, role=Role.SELLER) for m in sellers], batch_size=2000
        )
        stages = funnel_ensure(organisation_id=org.pk)
    open_ids = [s.pk for s in stages if s.kind == StageKind.OPEN]
    won = next(s.pk for s in stages if s.kind == StageKind.WON)
    lost = next(s.pk for s in stages if s.kind == StageKind.LOST)
    owners = [m.pk for m in sellers]
    start = today - timedelta(days=730)
    span = 730 + 183
    print(
        f"dataset: {len(sellers)} sellers in {len(teams)} teams; generating {OPPORTUNITIES:,} opportunities…"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH base AS (
                SELECT g, (1000 + random() * 90000)::numeric(16, 2) AS amount, 10 + (random() * 120)::int AS cycle,
                       %(start)s::date + (random() * %(span)s)::int AS close, random() AS r1, random() AS r2
                FROM generate_series(1, %(n)s) AS g
            ), picked AS (
                SELECT b.*, CASE WHEN b.close < %(today)s
                    THEN CASE WHEN b.r1 < 0.3 THEN %(won)s ELSE %(lost)s END
                    ELSE (%(open)s::bigint[])[1 + floor(b.r2 * 5)::int] END AS stage_id
                FROM base b
            )
            INSERT INTO results_opportunity (organisation_id, crm_id, name, account_name, owner_id, stage_id,
                crm_stage, status, amount, currency, amount_base, probability, created_date, close_date,
                cycle_days, lost_reason, imported_at, updated_at)
            SELECT %(org)s, 'BENCH-' || p.g, 'Bench deal ' || p.g, 'Account ' || (p.g %% 20000),
                (%(owners)s::bigint[])[1 + (p.g %% %(owner_count)s)], p.stage_id, s.name, s.kind, p.amount, 'EUR',
                p.amount, NULL, p.close - p.cycle, p.close, p.cycle, '', now(), now()
            FROM picked p JOIN results_funnelstage s ON s.id = p.stage_id
            """,
            {
                "start": start,
                "span": span,
                "n": OPPORTUNITIES,
                "today": today,
                "won": won,
                "lost": lost,
                "open": open_ids,
                "org": org.pk,
                "owners": owners,
                "owner_count": len(owners),
            },
        )
        refresh_monthly_results(organisation_id=org.pk)  # what an import does
        # Quarterly targets, two years back and two quarters ahead.
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
    with connection.cursor() as cursor:
        # What autovacuum would do soon after a bulk load: statistics and the visibility
        # map (which lets the dashboards read the covering indexes only).
        cursor.execute("VACUUM ANALYZE")
    print(f"dataset: generated in {time.perf_counter() - started:.0f} s")


# --- the import file and PostgreSQL's COPY ------------------------------------------------------


HEADER = [
    "Id",
    "Name",
    "AccountId",
    "StageName",
    "Amount",
    "Probability",
    "CloseDate",
    "CurrencyIsoCode",
    "OwnerId",
    "CreatedDate",
    "IsClosed",
    "IsWon",
]
SF_STAGES = [
    "Prospecting",
    "Qualification",
    "Needs Analysis",
    "Proposal/Price Quote",
    "Negotiation/Review",
    "Closed Won",
    "Closed Lost",
]


def write_csv(owner_ids: list[str], today: date) -> None:
    if CSV_PATH.exists():
        return
    rng = random.Random(20260101)
    with CSV_PATH.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(HEADER)
        for n in range(IMPORT_ROWS):
            close = today + timedelta(days=rng.randint(-540, 180))
            stage = rng.choice(SF_STAGES)
            created = close - timedelta(days=rng.randint(10, 150))
            writer.writerow(
                [
                    f"0065e{n:013d}",
                    f"Imported deal {n}",
                    f"0015e{n % 50000:013d}",
                    stage,
                    f"{rng.randint(1000, 150000)}.0",
                    str({"Closed Won": 100, "Closed Lost": 0}.get(stage, rng.choice([10, 20, 50, 75, 90]))),
                    close.isoformat(),
                    "EUR",
                    owner_ids[n % len(owner_ids)],
                    f"{created.isoformat()}T09:{n % 60:02d}:00.000Z",
                    "true" if stage.startswith("Closed") else "false",
                    "true" if stage == "Closed Won" else "false",
                ]
            )


def postgres_copy() -> float:
    """PostgreSQL's own COPY of the same file into a plain table with the same columns."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_copy_plain")
        cursor.execute(
            "CREATE TABLE bench_copy_plain (id text, name text, account_id text, stage_name text, amount numeric, "
            "probability numeric, close_date date, currency text, owner_id text, created timestamptz, "
            "is_closed boolean, is_won boolean)"
        )
        started = time.perf_counter()
        with (
            CSV_PATH.open("rb") as handle,
            cursor.copy("COPY bench_copy_plain FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
        ):
            while chunk := handle.read(1 << 20):
                copy.write(chunk)
        elapsed = time.perf_counter() - started
        cursor.execute("SELECT count(*) FROM bench_copy_plain")
        assert cursor.fetchone()[0] == IMPORT_ROWS
        cursor.execute("DROP TABLE bench_copy_plain")
    return elapsed


def import_in_subprocess(mode: str) -> dict[str, float | int]:
    """Run the import in a fresh process: its own time and its own peak memory."""
    output = subprocess.run(
        [sys.executable, __file__, "--import-once", mode],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ,
    ).stdout
    answer = json.loads(output.strip().splitlines()[-1])
    answer["max_rss_mb"] = round(answer["max_rss_kb"] / 1024)  # the child's own peak
    return answer


def _time_phases() -> dict[str, float]:
    """Where an import spends its time: reading and checking the rows (with staging them),
    and the SQL steps after that."""
    from django.db import transaction

    from salescoach.results import imports, staging

    phases: dict[str, float] = {}

    def timed(owner: object, name: str, label: str) -> None:
        original = getattr(owner, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                phases[label] = phases.get(label, 0.0) + time.perf_counter() - started

        setattr(owner, name, wrapper)

    timed(imports._OpportunityImport, "_check_rows", "read, check and stage the rows")
    timed(staging.Staging, "duplicates", "find repeated CRM ids")
    timed(staging.Staging, "plan", "plan: match to the stored deals")
    timed(staging.Staging, "merge", "merge: insert and update")
    original_exit = transaction.Atomic.__exit__

    def exit_and_time(self: object, *args: object) -> object:
        started = time.perf_counter()
        try:
            return original_exit(self, *args)  # type: ignore[arg-type]
        finally:
            phases["commit (deferred foreign-key checks)"] = (
                phases.get("commit (deferred foreign-key checks)", 0.0) + time.perf_counter() - started
            )

    transaction.Atomic.__exit__ = exit_and_time  # type: ignore[method-assign]
    return phases


def _peak_rss_kb() -> int:
    """This process's peak resident memory. VmHWM belongs to the process's own memory
    map, which starts afresh at exec; ru_maxrss would also count the parent's memory at
    the fork that started this process."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def import_once(mode: str) -> None:
    from salescoach.organisations.models import Membership
    from salescoach.results.imports import import_opportunities

    manager = Membership.objects.prefetch_related("role_assignments").get(
        organisation__slug=ORG_SLUG, user__email="manager0@bench.example"
    )
    phases = _time_phases()
    started = time.perf_counter()
    with CSV_PATH.open("rb") as upload:
        result = import_opportunities(actor=manager, upload=upload, dry_run=mode == "dry")
    elapsed = time.perf_counter() - started
    assert result.ok, result.errors[:5]
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "max_rss_kb": _peak_rss_kb(),
                "phases": {name: round(seconds, 1) for name, seconds in phases.items()},
            }
        )
    )


def remove_imported() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM results_stagechange WHERE opportunity_id IN "
            "(SELECT id FROM results_opportunity WHERE crm_id LIKE '0065e%%')"
        )
        cursor.execute("DELETE FROM results_opportunity WHERE crm_id LIKE '0065e%%'")
        cursor.execute("VACUUM ANALYZE results_opportunity")


# --- dashboards --------------------------------------------------------------------------------


def time_page(member_email: str, url: str, runs: int) -> dict[str, float | int]:
    from django.db import connection
    from django.test import Client

    from salescoach.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=member_email))
    for _ in range(3):  # warm up: caches, connection, first compilation of the templates
        assert client.get(url).status_code == 200
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        client.get(url)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
        "queries": len(queries),
        "runs": runs,
    }


def deals_in(period_start: date, period_end: date, team: str | None = None) -> int:
    from salescoach.results.models import Opportunity

    qs = Opportunity.objects.filter(
        organisation__slug=ORG_SLUG, close_date__gte=period_start, close_date__lt=period_end
    )
    if team:
        qs = qs.filter(owner__team__name=team)
    return qs.count()


# --- the run -------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=30, help="requests per dashboard (default 30)")
    parser.add_argument(
        "--write-docs", action="store_true", help="write the figures into docs/PERFORMANCE.md"
    )
    parser.add_argument("--import-once", choices=["dry", "real"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    setup_django()
    if args.import_once:
        import_once(args.import_once)
        return

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from salescoach.organisations.models import Membership, Team
    from salescoach.results.periods import quarter_of

    if connection.vendor != "postgresql":
        sys.exit("Run the benchmark on PostgreSQL: set DATABASE_URL.")
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    generate(today)
    team0 = Team.objects.get(organisation__slug=ORG_SLUG, name="Team 000")
    owner_ids = list(
        Membership.objects.filter(team=team0)
        .exclude(pk=team0.manager_id)
        .values_list("crm_user_id", flat=True)
    )
    write_csv(owner_ids, today)
    remove_imported()

    figures: dict[str, object] = {"load_before": round(os.getloadavg()[0], 1)}
    period = quarter_of(today)
    team = Team.objects.get(organisation__slug=ORG_SLUG, name="Team 250")
    print(f"dashboards: {args.runs} requests each, period {period.key}…")
    figures["team_dashboard"] = time_page(
        team.manager.user.email, f"/o/{ORG_SLUG}/results/teams/{team.pk}/?period={period.key}", args.runs
    )
    figures["organisation_dashboard"] = time_page(
        "director@bench.example", f"/o/{ORG_SLUG}/results/?period={period.key}", args.runs
    )
    figures["team_deals_in_period"] = deals_in(period.start, period.end, team.name)
    figures["organisation_deals_in_period"] = deals_in(period.start, period.end)
    print(json.dumps(figures, indent=2))

    print(f"import: {IMPORT_ROWS:,} rows from {CSV_PATH} ({CSV_PATH.stat().st_size / 1e6:.0f} MB)…")
    copy_seconds = postgres_copy()
    dry = import_in_subprocess("dry")
    real = import_in_subprocess("real")
    again = import_in_subprocess("real")
    remove_imported()
    figures["import"] = {
        "rows": IMPORT_ROWS,
        "file_mb": round(CSV_PATH.stat().st_size / 1e6),
        "postgres_copy_seconds": round(copy_seconds, 2),
        "postgres_copy_rows_per_second": round(IMPORT_ROWS / copy_seconds),
        "dry_run": dry,
        "real_run": real,
        "reimport_unchanged": again,
        "rows_per_second": round(IMPORT_ROWS / float(real["seconds"])),
        "ratio_to_copy": round(float(real["seconds"]) / copy_seconds, 1),
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM results_opportunity WHERE organisation_id = (SELECT id FROM organisations_organisation WHERE slug = %s)",
            [ORG_SLUG],
        )
        figures["opportunities_in_database"] = cursor.fetchone()[0]
        cursor.execute("SELECT version()")
        figures["postgres"] = cursor.fetchone()[0].split(" on ")[0]
    figures["machine"] = f"{os.cpu_count()} cores"
    figures["load_after"] = round(os.getloadavg()[0], 1)
    print(json.dumps(figures["import"], indent=2))
    if args.write_docs:
        write_docs(figures, today)


def write_docs(figures: dict, today: date) -> None:  # type: ignore[type-arg]
    imp = figures["import"]
    team, org = figures["team_dashboard"], figures["organisation_dashboard"]
    section = f"""{BEGIN}
## Results: imports and dashboards

Measured {today.isoformat()} on this machine ({figures["machine"]}, {figures["postgres"]}; shared with
other engineers' test runs: load average {figures["load_before"]} when the run started,
{figures["load_after"]} when it ended — the figures move with that load) with

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sc_results_bench .venv/bin/python bench/results_bench.py --write-docs

Dataset: one organisation with 5,000 sellers in 500 teams and {figures["opportunities_in_database"]:,}
opportunities (two years back, half a year ahead), quarterly targets for everyone.

**Import of a {imp["rows"]:,}-row CSV** (a Salesforce data export, {imp["file_mb"]} MB), each run in a
fresh process, into the table already holding the 2,000,000 opportunities:

| | time | rows/s | peak memory (max RSS) |
|---|---:|---:|---:|
| PostgreSQL's own `COPY` into a plain table (the yardstick) | {imp["postgres_copy_seconds"]:.1f} s | {imp["postgres_copy_rows_per_second"]:,} | — |
| SalesCoach dry run (check and count, nothing written) | {imp["dry_run"]["seconds"]:.1f} s | {round(imp["rows"] / imp["dry_run"]["seconds"]):,} | {imp["dry_run"]["max_rss_mb"]} MB |
| SalesCoach import (1,000,000 created) | {imp["real_run"]["seconds"]:.1f} s | **{imp["rows_per_second"]:,}** | {imp["real_run"]["max_rss_mb"]} MB |
| SalesCoach re-import of the same file (all unchanged) | {imp["reimport_unchanged"]["seconds"]:.1f} s | {round(imp["rows"] / imp["reimport_unchanged"]["seconds"]):,} | {imp["reimport_unchanged"]["max_rss_mb"]} MB |

Where the import's time goes (real run): {"; ".join(f"{name} {seconds} s" for name, seconds in imp["real_run"]["phases"].items())}.

The import takes **{imp["ratio_to_copy"]}×** the time of PostgreSQL's plain `COPY` of the same rows.
(Target: ≥ 20,000 rows/s; aim within 3× of COPY; peak memory < 500 MB.) The 3× aim is
not met, and cannot be with this design: PostgreSQL's yardstick copies text into a table
with no index, constraint or check. Reading and checking every value (numbers and dates
in either convention, owners, stages, currencies, formulas) and staging it already takes
about four times the COPY; inserting into the real table — its unique CRM id, the
dashboards' indexes and the foreign keys to the owner, the stage and the organisation,
which PostgreSQL checks row by row at commit — takes most of the rest.

**Dashboards**, server time of the whole page request (selectors, template, charts' data),
{team["runs"]} requests each after warming up:

| | deals in the period | p50 | p95 | queries |
|---|---:|---:|---:|---:|
| Team dashboard (10 sellers, this quarter) | {figures["team_deals_in_period"]:,} | **{team["p50_ms"]} ms** | {team["p95_ms"]} ms | {team["queries"]} |
| Organisation dashboard (5,000 sellers, this quarter) | {figures["organisation_deals_in_period"]:,} | **{org["p50_ms"]} ms** | {org["p95_ms"]} ms | {org["queries"]} |

(Targets: team p50 ≤ 100 ms, organisation p50 ≤ 500 ms. Queries are those of the whole
request — session, login, membership, navigation — of which the dashboard itself runs
seven; their number does not grow with the data: `tests/results/test_dashboard.py`
asserts it. The organisation's page shows a row per team; its CSV and the API have every
person. These are computed every time: the benchmark runs with the figures cache off. In
production the organisation's and a team's dashboard are then shared until the results
change -- about 100 ms of CPU for the organisation's page, see the load test below. The
import's merge includes rebuilding the monthly summary of the deals that insights read,
about 2 s of the 1,000,000 rows' import.)
{END}"""
    text = (
        DOCS.read_text()
        if DOCS.exists()
        else "# Performance\n\nBenchmarks live in `bench/`; each writes its figures here.\n"
    )
    if BEGIN in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    DOCS.write_text(text)
    print(f"written to {DOCS}")


if __name__ == "__main__":
    main()
