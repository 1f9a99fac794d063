"""Speed of the programme health pages on the demo data (issue 6).

    .venv/bin/python bench/programmes_health.py          # print the figures
    .venv/bin/python bench/programmes_health.py --write  # and write them to docs/PERFORMANCE.md

Builds a fresh SQLite database in a temporary directory (or uses DATABASE_URL when set),
loads the demo (five Noordwind programmes), and requests the overview and each health
page as the programme owner: the median of several requests after a warm-up, with the
number of database queries (which the test suite holds constant however many programmes,
coaches and evidence records there are).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RUNS = 7


def main() -> None:
    workdir = tempfile.mkdtemp(prefix="salescoach-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "1"
    os.environ["VAR_DIR"] = workdir
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench._markdown import write_section
    from salescoach.organisations.demo import DEMO_PASSWORD
    from salescoach.programmes.models import Programme
    from salescoach.programmes.selectors import programme_health

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    assert client.login(username="director@noordwind.example", password=DEMO_PASSWORD)
    programmes = list(
        Programme.objects.filter(organisation__slug="noordwind").select_related(
            "organisation", "team__manager__user", "team__manager__reports_to__user"
        )
    )
    pages = [("overview of all teams", "/o/noordwind/programmes/")] + [
        (f"health: {p.team.name}", f"/o/noordwind/programmes/{p.pk}/") for p in programmes
    ]
    rows = []
    for label, url in pages:
        client.get(url)
        times = []
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
            assert response.status_code == 200, url
        rows.append((label, statistics.median(times) * 1000, len(queries.captured_queries)))
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            programme_health(programmes=programmes)
            times.append(time.perf_counter() - start)
    rows.append(
        (
            f"safeguards of all {len(programmes)} programmes, with trends (selector only)",
            statistics.median(times) * 1000,
            len(queries.captured_queries),
        )
    )
    database = connection.vendor
    body = "\n".join(
        [
            "## Programmes: health pages (issue 6)",
            "",
            f"`.venv/bin/python bench/programmes_health.py --write` -- the demo on {database}, as the",
            f"programme owner, in Dutch; median of {RUNS} requests after a warm-up on this machine",
            f"({os.cpu_count()} cores, Python {platform.python_version()}). Target: a health page or the",
            "overview under 500 ms, with a number of queries that does not grow with the data.",
            "",
            "| page | time | queries |",
            "|---|---|---|",
            *[f"| {label} | {ms:.0f} ms | {n} |" for label, ms, n in rows],
        ]
    )
    print(body)
    if "--write" in sys.argv:
        write_section("docs/PERFORMANCE.md", "programmes-health", body)


if __name__ == "__main__":
    main()
