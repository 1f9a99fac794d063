"""Background work is never lost when the queue is unreachable: it is held in the
database and relayed when the queue is back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from redis.exceptions import ConnectionError as RedisConnectionError

from salescoach.core.models import HeldTask
from salescoach.core.queue import enqueue_on_commit, relay_held_tasks
from salescoach.organisations import services
from salescoach.organisations.models import Role
from salescoach.organisations.tasks import send_invitations
from tests.conftest import People

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_work_is_held_while_the_queue_is_down_and_relayed_when_it_is_back(
    people: People, django_capture_on_commit_callbacks
) -> None:
    down = mock.patch.object(type(send_invitations), "enqueue", side_effect=RedisConnectionError("down"))
    with down, django_capture_on_commit_callbacks(execute=True):
        member = services.member_invite(
            actor=people.owner, email="held@example.com", full_name="Held", roles=[Role.SELLER]
        )
    assert member.pk  # the page's work is done...
    assert mail.outbox == []  # ...the e-mail waits
    held = HeldTask.objects.get()
    assert held.task_path == "salescoach.organisations.tasks.send_invitations"

    with mock.patch.object(type(send_invitations), "enqueue", side_effect=RedisConnectionError("still down")):
        assert relay_held_tasks() == 0
    assert HeldTask.objects.get().attempts == 1

    assert relay_held_tasks() == 1  # the queue is back
    assert not HeldTask.objects.exists()
    assert [m.to for m in mail.outbox] == [["held@example.com"]]


def test_enqueue_on_commit_waits_for_the_commit(people: People, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue_on_commit(send_invitations, [])
    assert len(callbacks) == 1


def _redis_up() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_connect_timeout=0.5).ping())
    except redis.exceptions.ConnectionError:
        return False


@pytest.mark.postgres
def test_the_redis_queue_runs_work_with_rq_workers(tmp_path: Path) -> None:
    """End to end in separate processes: the app enqueues on Redis, an RQ worker runs it."""
    if not _redis_up():
        if os.environ.get("CI"):
            pytest.fail("Redis must run in CI (127.0.0.1:6379)")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    import redis

    redis.Redis.from_url("redis://127.0.0.1:6379/15").flushdb()
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "TASKS_QUEUE": "redis",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    def manage(*args: str) -> str:
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    manage("migrate", "-v0")
    count = "import django_rq; q = django_rq.get_queue('default'); print(q.count, q.finished_job_registry.count, q.failed_job_registry.count)"
    manage(
        "shell",
        "--no-imports",
        "-c",
        "from salescoach.core.queue import enqueue_or_hold;"
        "from salescoach.organisations.tasks import send_invitations;"
        "enqueue_or_hold(send_invitations, [])",
    )
    assert manage("shell", "--no-imports", "-c", count).split() == ["1", "0", "0"]  # waiting on Redis
    manage("rqworker", "default", "--burst", "--job-class", "django_tasks_rq.Job")
    assert manage("shell", "--no-imports", "-c", count).split() == ["0", "1", "0"]  # done by the worker
