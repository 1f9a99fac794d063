"""Speed of the coaching workspace's busiest pages on the demo data (issue 3).

    .venv/bin/python bench/coaching_pages.py          # print the figures
    .venv/bin/python bench/coaching_pages.py --write  # and write them to docs/PERFORMANCE.md

Builds a fresh SQLite database in a temporary directory (or uses DATABASE_URL when set),
loads the demo, and requests each page as the person who uses it: the median of several
requests after a warm-up, with the number of database queries (which the test suite
holds constant whatever the number of coachees, notes or sessions).
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
    from salescoach.coaching.models import CoachingRelationship, CoachingSession, Note
    from salescoach.organisations.demo import DEMO_PASSWORD

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    start = time.perf_counter()
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    load_seconds = time.perf_counter() - start

    sanne = CoachingRelationship.objects.get(coachee__user__email="seller@noordwind.example")
    session = sanne.sessions.filter(kind="one_to_one", status="scheduled").order_by("-starts_at")[1]
    ride = sanne.sessions.filter(kind="ride_along", observation__acknowledged_at__isnull=False).last()
    assert ride is not None
    coachees = CoachingRelationship.objects.filter(
        coach__user__email="coach@kompas-coaching.example", organisation__slug="noordwind"
    ).count()
    pages = [
        ("seller", "seller@noordwind.example", "/o/noordwind/", "home"),
        (f"coach of {coachees}", "coach@kompas-coaching.example", "/o/noordwind/", "home"),
        ("manager", "manager@noordwind.example", "/o/noordwind/", "home"),
        ("programme owner", "director@noordwind.example", "/o/noordwind/coaching/", "all relationships"),
        (
            "seller",
            "seller@noordwind.example",
            f"/o/noordwind/coaching/{sanne.pk}/?notes=all&commitments=all",
            "a year of coaching, everything shown",
        ),
        (
            "coach",
            "coach@kompas-coaching.example",
            f"/o/noordwind/coaching/sessions/{session.pk}/",
            "session",
        ),
        (
            "coach",
            "coach@kompas-coaching.example",
            f"/o/noordwind/coaching/sessions/{session.pk}/prepare/",
            "preparation with the question bank",
        ),
        (
            "seller",
            "seller@noordwind.example",
            f"/o/noordwind/coaching/sessions/{ride.pk}/ride-along/",
            "ride-along side by side",
        ),
        ("seller", "seller@noordwind.example", f"/o/noordwind/coaching/{sanne.pk}/plan/", "development plan"),
        ("seller", "seller@noordwind.example", "/me/export/", "personal data export"),
        ("coach", "coach@kompas-coaching.example", "/me/export/", "personal data export"),
    ]
    clients: dict[str, Client] = {}
    rows = []
    for who, email, url, what in pages:
        if email not in clients:
            clients[email] = Client(HTTP_ACCEPT_LANGUAGE="nl")
            assert clients[email].login(username=email, password=DEMO_PASSWORD)
        client = clients[email]
        assert client.get(url).status_code == 200, url
        times = []
        queries = 0
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as context:
                began = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - began)
            assert response.status_code == 200
            queries = len(context.captured_queries)
        rows.append((what, who, url.split("?")[0], statistics.median(times) * 1000, queries))

    counts = (
        CoachingRelationship.objects.count(),
        CoachingSession.objects.count(),
        Note.objects.count(),
    )
    lines = [
        "## Coaching workspace: pages on the demo data (issue 3)",
        "",
        "`.venv/bin/python bench/coaching_pages.py --write` -- the demo organisation "
        f"({counts[0]} relationships, {counts[1]} sessions, {counts[2]} notes) on "
        f"{connection.vendor}, Django's test client, median of {RUNS} requests after a warm-up, on "
        f"this machine ({os.cpu_count()} cores, Python {platform.python_version()}). "
        f"Loading the demo took {load_seconds:.1f} s.",
        "",
        "| page | as | time | queries |",
        "|---|---|---|---|",
    ]
    for what, who, url, ms, queries in rows:
        lines.append(f"| {what} (`{url}`) | {who} | {ms:.0f} ms | {queries} |")
    lines += [
        "",
        "The query counts do not grow with the number of coachees, sessions or notes:",
        "tests/coaching/test_pages.py holds them equal for 3 and for 15 coachees.",
    ]
    body = "\n".join(lines)
    print(body)
    if "--write" in sys.argv:
        write_section("docs/PERFORMANCE.md", "coaching-pages", body)


if __name__ == "__main__":
    main()
