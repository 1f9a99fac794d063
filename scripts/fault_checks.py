#!/usr/bin/env python
"""Fault checks against the production shape, with real processes.

Runs the app with gunicorn (2 workers) on its own PostgreSQL database, and checks:

1. SIGTERM: an app server finishes the request it is serving before it exits.
2. Redis down: pages keep working; work that needs the queue is held in PostgreSQL and
   done once Redis is back (a private redis-server, so the machine's own is untouched).
3. PostgreSQL restarted during load (needs root and pg_ctlcluster, as in CI): requests
   fail cleanly -- 503 with a JSON or page answer, never a stack trace -- and the app
   recovers without being restarted.
4. Backup and restore: scripts/backup.sh, then scripts/restore_check.sh.

    .venv/bin/python scripts/fault_checks.py [--skip-postgres-restart]

Prints one line per check and writes the figures to docs/RELIABILITY.md with --write.
Exit status 1 when a check fails. The worker-killed-mid-import fault is a test
(tests/faults/test_worker_killed.py).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
DB = "salescoach_fault_checks"
results: list[tuple[str, bool, str]] = []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def psql(sql: str, url: str = ADMIN) -> str:
    return subprocess.run(
        ["psql", url, "-tAqc", sql], check=True, capture_output=True, text=True
    ).stdout.strip()


def env(**extra: str) -> dict[str, str]:
    base = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "fault-checks-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
    base.update(extra)
    return base


def manage(*args: str, **extra: str) -> str:
    done = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env(**extra), capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    return done.stdout


def request(
    url: str,
    method: str = "GET",
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> tuple[int, bytes, dict[str, str]]:
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


class Server:
    def __init__(self, **extra: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="fault-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "-c",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--graceful-timeout",
                "30",
                "config.wsgi",
            ],
            cwd=ROOT,
            env=env(**extra),
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if request(self.url + "/healthz/live", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not start: " + Path(self.log.name).read_text()[-2000:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()


def check(name: str) -> Callable[[Callable[[], str]], Callable[[], None]]:
    def wrap(fn: Callable[[], str]) -> Callable[[], None]:
        def run() -> None:
            started = time.monotonic()
            try:
                detail = fn()
                results.append((name, True, f"{detail} ({time.monotonic() - started:.1f} s)"))
            except Exception as error:  # a failed check is reported, the others still run
                results.append((name, False, f"{type(error).__name__}: {error}"))
            print(("PASS " if results[-1][1] else "FAIL ") + name + " -- " + results[-1][2], flush=True)

        return run

    return wrap


def token_for(email: str, **extra: str) -> str:
    return manage("create_api_token", email, "--organisation", "noordwind", **extra).strip()


@check("SIGTERM: an app server finishes the requests it is serving")
def sigterm() -> str:
    server = Server()
    token = token_for("director@noordwind.example")
    rows = "".join(f"sig{i}@example.com,Person {i},seller\n" for i in range(15000))
    body, boundary = multipart(
        {"dry_run": "true"}, "file", "people.csv", ("email,full name,roles\n" + rows).encode()
    )
    answer: dict[str, object] = {}

    def slow_request() -> None:
        answer["status"], answer["body"], _ = request(
            server.url + "/api/v1/imports/members",
            "POST",
            body,
            {"Authorization": f"Bearer {token}", "Content-Type": f"multipart/form-data; boundary={boundary}"},
            timeout=120,
        )

    thread = threading.Thread(target=slow_request)
    thread.start()
    time.sleep(0.8)  # the request is being served
    server.process.send_signal(signal.SIGTERM)
    thread.join(timeout=120)
    server.process.wait(timeout=60)
    status = answer.get("status")
    created = json.loads(answer["body"])["created"] if status == 200 else None  # type: ignore[arg-type]
    assert status == 200 and created == 15000, f"answer {status}"
    return f"the request in flight answered 200 (created would be {created}); the server then exited with {server.process.returncode}"


def multipart(fields: dict[str, str], file_field: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = "faultcheckboundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
        f"Content-Type: text/csv\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), boundary


@check("Redis down: pages keep working; queued work waits and is done when Redis returns")
def redis_down() -> str:
    port = free_port()
    redis_dir = tempfile.mkdtemp(prefix="fault-redis-")
    redis_cmd = [
        "redis-server",
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        redis_dir,
    ]
    mail_dir = tempfile.mkdtemp(prefix="fault-mail-")
    extra = {"REDIS_URL": f"redis://127.0.0.1:{port}/0", "TASKS_QUEUE": "redis", "EMAIL_FILE_PATH": mail_dir}
    redis = subprocess.Popen(redis_cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    server = Server(**extra)
    try:
        token = token_for("director@noordwind.example", **extra)
        redis.terminate()
        redis.wait(timeout=10)
        statuses = Counter()
        for path in ("/accounts/login/", "/healthz/live"):
            statuses[request(server.url + path)[0]] += 1
        api = request(server.url + "/api/v1/teams", headers={"Authorization": f"Bearer {token}"})[0]
        statuses[api] += 1
        invite = request(
            server.url + "/api/v1/members",
            "POST",
            json.dumps(
                {"email": "while.redis.down@example.com", "full_name": "Redis Down", "roles": ["seller"]}
            ).encode(),
            {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )[0]
        health = request(server.url + "/healthz")[0]
        assert set(statuses) == {200} and invite == 201, (statuses, invite)
        held = manage(
            "shell",
            "--no-imports",
            "-c",
            "from salescoach.core.models import HeldTask; print(HeldTask.objects.count())",
            **extra,
        ).strip()
        assert held == "1" and not os.listdir(mail_dir), (held, os.listdir(mail_dir))
        redis = subprocess.Popen(redis_cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        manage("run_scheduler", "--once", **extra)  # relays the held work
        manage("rqworker", "default", "--burst", "--job-class", "django_tasks_rq.Job", **extra)
        held_after = manage(
            "shell",
            "--no-imports",
            "-c",
            "from salescoach.core.models import HeldTask; print(HeldTask.objects.count())",
            **extra,
        ).strip()
        sent = os.listdir(mail_dir)
        assert held_after == "0" and sent, (held_after, sent)
        return (
            f"with Redis stopped: pages and API 200, invitation 201 (its e-mail held), /healthz {health}; "
            f"after Redis returned the held e-mail was sent ({len(sent)} message file)"
        )
    finally:
        server.stop()
        redis.terminate()
        shutil.rmtree(redis_dir, ignore_errors=True)


@check("PostgreSQL restarted during load: clean 503s, then recovery without restarting the app")
def postgres_restart() -> str:
    cluster = sorted(os.listdir("/etc/postgresql"))[-1]
    server = Server()
    token = token_for("director@noordwind.example")
    stop = threading.Event()
    seen: Counter[int] = Counter()
    bodies_with_trace: list[str] = []

    def load() -> None:
        while not stop.is_set():
            for path, headers in (
                ("/api/v1/teams", {"Authorization": f"Bearer {token}"}),
                ("/accounts/login/", {}),
            ):
                try:
                    status, body, _ = request(server.url + path, headers=headers, timeout=10)
                except OSError:
                    status, body = -1, b""
                seen[status] += 1
                if b"Traceback" in body or b"OperationalError" in body:
                    bodies_with_trace.append(body[:200].decode(errors="replace"))

    threads = [threading.Thread(target=load) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(2)
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart", "-m", "fast"],
        check=True,
        capture_output=True,
    )
    time.sleep(3)
    stop.set()
    for t in threads:
        t.join()
    after = [
        request(server.url + "/api/v1/teams", headers={"Authorization": f"Bearer {token}"})[0]
        for _ in range(10)
    ]
    server.stop()
    assert not bodies_with_trace, bodies_with_trace[:3]
    assert set(seen) <= {200, 503}, dict(seen)
    assert after == [200] * 10, after
    return f"during the restart: {dict(sorted(seen.items()))} (no 500, no stack trace); after it: 10 × 200, same server processes"


@check("Backup with pg_dump and a tested restore")
def backup_restore() -> str:
    dump = Path(tempfile.mkdtemp(prefix="fault-backup-")) / "salescoach.dump"
    subprocess.run(
        ["sh", "scripts/backup.sh", str(dump)], cwd=ROOT, env=env(), check=True, capture_output=True
    )
    done = subprocess.run(
        ["sh", "scripts/restore_check.sh", str(dump), ADMIN],
        cwd=ROOT,
        env=env(),
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1] + f"; dump {dump.stat().st_size // 1024} KB"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-postgres-restart", action="store_true")
    parser.add_argument("--write", action="store_true", help="write the results to docs/RELIABILITY.md")
    options = parser.parse_args()
    psql(f'DROP DATABASE IF EXISTS "{DB}"')
    psql(f'CREATE DATABASE "{DB}"')
    try:
        manage("migrate", "--noinput", "-v0")
        manage("createcachetable")
        manage("collectstatic", "--noinput", "-v0")
        manage("load_demo", "--allow-production")
        sigterm()
        redis_down()
        if not options.skip_postgres_restart:
            postgres_restart()
        backup_restore()
    finally:
        subprocess.run(
            ["psql", ADMIN, "-qc", f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)'], capture_output=True
        )
    if options.write:
        write_docs()
    return 0 if all(ok for _, ok, _ in results) else 1


def write_docs() -> None:
    path = ROOT / "docs" / "RELIABILITY.md"
    text = path.read_text() if path.exists() else ""
    start, end = "<!-- fault-checks:start -->", "<!-- fault-checks:end -->"
    table = "\n".join(f"| {name} | {'pass' if ok else 'FAIL'} | {detail} |" for name, ok, detail in results)
    block = (
        f"{start}\nMeasured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with "
        f"`.venv/bin/python scripts/fault_checks.py --write` (load average {os.getloadavg()[0]:.1f}):\n\n"
        f"| fault | result | what happened |\n|---|---|---|\n{table}\n{end}"
    )
    if start in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text)


if __name__ == "__main__":
    sys.exit(main())
