"""Fault: a worker is killed (SIGKILL) in the middle of a large import.

Real processes on PostgreSQL: a db_worker runs the import; the test kills it while the
import is under way. Afterwards the import has either completed or left nothing; once
the stalled job is picked up again and a worker runs, it completes -- exactly once.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from salescoach.imports.models import ImportJob, ImportStatus
from salescoach.organisations.models import Role
from salescoach.results.models import Opportunity
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
ROWS = 120_000
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


def export_csv(owner_ids: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    today = date(2026, 11, 1)
    for n in range(ROWS):
        close = today - timedelta(days=n % 400)
        writer.writerow(
            [
                f"006F{n:012d}",
                f"Deal {n}",
                f"001F{n % 900:012d}",
                "Prospecting",
                f"{1000 + n % 5000}.00",
                "10",
                close.isoformat(),
                "EUR",
                owner_ids[n % len(owner_ids)],
                f"{(close - timedelta(days=30)).isoformat()}T09:00:00.000Z",
                "false",
                "false",
            ]
        )
    return out.getvalue().encode()


def environment() -> dict[str, str]:
    settings = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "TASKS_QUEUE": "database",
        "DATABASE_URL": f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def manage(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


def start_worker() -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--queue-name",
            "default",
            "--interval",
            "0.2",
            "--no-startup-delay",
            "--no-reload",
        ],
        cwd=ROOT,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(condition, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_worker_killed_mid_import_leaves_nothing_and_the_import_then_completes() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("real worker processes need a database they can share: PostgreSQL")
    org = OrganisationFactory(slug="fault-org")
    owner = MembershipFactory(organisation=org, roles=[Role.PROGRAMME_OWNER])
    sellers = [
        MembershipFactory(organisation=org, roles=[Role.SELLER], crm_user_id=f"005F{i:08d}")
        for i in range(20)
    ]
    job = ImportJob.objects.create(
        organisation=org,
        created_by=owner,
        kind="opportunities",
        filename="export.csv",
        status=ImportStatus.IMPORTING,
        preview={"created": ROWS, "updated": 0, "unchanged": 0, "errors": []},
    )
    job.file.save("fault-export.csv", ContentFile(export_csv([s.crm_user_id for s in sellers])))
    manage(
        "shell",
        "--no-imports",
        "-c",
        f"from salescoach.imports.tasks import run_import_job; run_import_job.enqueue({job.pk}, False)",
    )

    worker = start_worker()
    try:
        # Kill it while it works through the file (the import writes only at the end).
        wait_for(lambda: ImportJob.objects.get(pk=job.pk).rows_done >= 20_000, 120, "the import to get going")
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()

    job.refresh_from_db()
    written = Opportunity.objects.filter(organisation=org).count()
    assert (job.status, written) in {(ImportStatus.IMPORTING, 0), (ImportStatus.DONE, ROWS)}, (
        job.status,
        written,
    )
    assert written == 0, "killed half-way: nothing is written"

    # The scheduler notices the silent job and queues it again; a new worker completes it.
    manage(
        "shell",
        "--no-imports",
        "-c",
        "from datetime import timedelta; from django.utils import timezone;"
        "from salescoach.imports.services import resume_stalled_imports;"
        "print(resume_stalled_imports(now=timezone.now() + timedelta(hours=1)))",
    )
    worker = start_worker()
    try:
        wait_for(
            lambda: ImportJob.objects.get(pk=job.pk).status == ImportStatus.DONE, 240, "the import to finish"
        )
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
    job.refresh_from_db()
    assert job.result["created"] == ROWS and job.result["errors"] == []
    assert Opportunity.objects.filter(organisation=org).count() == ROWS  # exactly once
    assert job.attempts == 2
    assert timezone.now() - job.finished_at < timedelta(minutes=10)
