#!/usr/bin/env python
"""Load test: 50 users of mixed roles for 60 s against the production set-up on this machine.

    .venv/bin/python bench/load_test.py [--users 50] [--spawn-rate 10] [--time 60s] [--write-docs]
    make load                                  # the same, writing docs/PERFORMANCE.md

What it does, in order:

1. Prepares the database (LOAD_DATABASE_URL, default the PostgreSQL database ``sc_load``):
   migrations, the results benchmark's organisation (5,000 sellers, 2,000,000
   opportunities; LOAD_OPPORTUNITIES for a smaller one) and coaching for 500 sellers
   (bench/load/dataset.py), then ``collectstatic``.
2. Starts the production shape: two gunicorn app servers (gunicorn.conf.py, 2 workers
   with 2 threads each, DEBUG=0) on ports 8780 and 8781, and two RQ workers on the
   shared Redis queue (LOAD_REDIS_URL, default redis://127.0.0.1:6379/8; cache and task
   queue in Redis, sessions in PostgreSQL), and waits for /healthz.
3. Runs locust headless (bench/load/locustfile.py): the virtual users are spread over the
   two app servers in turn.
4. Proves that the two servers serve the same data: a note written through one is read
   back through the other.
5. Stops the app servers (SIGTERM), lets the workers finish the queue, stops them.
6. Checks every write the servers acknowledged (201 with the id, recorded by the locust
   clients): each is in the database with its id and its marker, none twice.
7. Prints the summary and, with --write-docs, writes it into docs/PERFORMANCE.md.

Exit status 1 when a target is missed (errors, p95 above 300 ms, a write lost or doubled).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
BIN = ROOT / ".venv" / "bin"
OUT = ROOT / "var" / "load"
PORTS = (8780, 8781)
DATABASE_URL = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sc_load")
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/8")
P95_TARGET_MS = 300

processes: list[tuple[str, subprocess.Popen[bytes]]] = []


def env() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "load-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGH",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on this machine; TLS ends at the proxy
        "SECURE_COOKIES": "0",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "TASKS_QUEUE": "redis",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(OUT / "mail"),
        "VAR_DIR": str(OUT),
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
        "WEB_THREADS": os.environ.get("WEB_THREADS", "2"),
    }


def run(*args: str) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env(), capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(args[:3])} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def start(name: str, *args: str) -> subprocess.Popen[bytes]:
    log = (OUT / f"{name}.log").open("wb")
    process = subprocess.Popen(args, cwd=ROOT, env=env(), stdout=log, stderr=subprocess.STDOUT)
    processes.append((name, process))
    return process


def stop(process: subprocess.Popen[bytes], timeout: float = 40) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def http(url: str, method: str = "GET", body: dict | None = None, token: str = "") -> tuple[int, bytes]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310 -- our own servers
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_healthy(port: int) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, body = http(f"http://127.0.0.1:{port}/healthz")
            if status == 200:
                return json.loads(body)
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"the app server on port {port} did not become healthy; see {OUT}/web-{port}.log")


def psql(sql: str, params: tuple[object, ...] = (), url: str = DATABASE_URL) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        cursor = connection.execute(sql, params)  # type: ignore[arg-type]
        return list(cursor.fetchall()) if cursor.description else []  # CREATE DATABASE has no rows


def ensure_database() -> None:
    """Create the load test's database when it does not exist yet."""
    from psycopg import sql

    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    name = DATABASE_URL.rsplit("/", 1)[1]
    if not psql("SELECT 1 FROM pg_database WHERE datname = %s", (name,), url=admin):
        psql(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)), url=admin)  # type: ignore[arg-type]


def machine_state() -> dict[str, object]:
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    others = psql(
        "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND datname IS NOT NULL "
        "AND datname <> %s AND pid <> pg_backend_pid()",
        (DATABASE_URL.rsplit("/", 1)[1],),
        url=admin,
    )[0][0]
    return {"load": round(os.getloadavg()[0], 1), "other_active_queries": int(others)}  # type: ignore[call-overload]


def cpu_snapshot() -> dict[str, dict[int, float]]:
    """CPU seconds used so far by the app servers' processes and by the PostgreSQL
    backends serving the load test's database (by process id)."""
    import psutil

    def used(process: psutil.Process) -> float:
        try:
            times = process.cpu_times()
        except psutil.Error:
            return 0.0
        return float(times.user + times.system)

    web: dict[int, float] = {}
    for name, popen in processes:
        if name.startswith("web-") and popen.poll() is None:
            master = psutil.Process(popen.pid)
            for process in [master, *master.children(recursive=True)]:
                web[process.pid] = used(process)
    name = DATABASE_URL.rsplit("/", 1)[1]
    pids = [row[0] for row in psql("SELECT pid FROM pg_stat_activity WHERE datname = %s", (name,))]
    database = {int(pid): used(psutil.Process(int(pid))) for pid in pids if psutil.pid_exists(int(pid))}  # type: ignore[call-overload]
    machine = psutil.cpu_times()
    busy = machine.user + machine.nice + machine.system + machine.irq + machine.softirq + machine.steal
    return {"web": web, "database": database, "machine": {0: float(busy)}}


def cpu_used(before: dict[str, dict[int, float]], after: dict[str, dict[int, float]]) -> dict[str, float]:
    return {
        kind: round(sum(seconds - before[kind].get(pid, 0.0) for pid, seconds in after[kind].items()), 1)
        for kind in after
    }


def queue_length() -> int:
    import redis

    return int(redis.Redis.from_url(REDIS_URL).llen("rq:queue:default"))


# --- the acknowledged writes -------------------------------------------------------------------


TABLES = {
    "note": ("coaching_note", "text"),
    "commitment": ("coaching_commitment", "text"),
    "session": ("coaching_coachingsession", "location"),
}


def check_writes(acks_file: Path, run_started: str) -> dict[str, dict[str, int]]:
    """Every acknowledged create is in the database with its id and marker, exactly once."""
    acks = [json.loads(line) for line in acks_file.read_text().splitlines() if line.strip()]
    result: dict[str, dict[str, int]] = {}
    for kind, (table, column) in TABLES.items():
        mine = [a for a in acks if a["kind"] == kind]
        ids = [a["id"] for a in mine]
        # table and column are the constants above
        rows = dict(psql(f"SELECT id, {column} FROM {table} WHERE id = ANY(%s)", (ids,)))  # noqa: S608
        found = sum(1 for a in mine if a["marker"] in str(rows.get(a["id"], "")))
        # Rows of this run in the table (its markers), acknowledged or not, and markers seen twice.
        run_id = mine[0]["marker"].split()[1] if mine else "none"
        query = f"SELECT {column} FROM {table} WHERE {column} LIKE %s"  # noqa: S608
        stored = [str(text) for (text,) in psql(query, (f"%[load {run_id} %",))]
        markers = Counter(re.findall(r"\[load [0-9a-f]+ [0-9a-f]+\]", "\n".join(stored)))
        result[kind] = {
            "acknowledged": len(mine),
            "distinct_ids": len(set(ids)),
            "found": found,
            "rows_of_this_run": len(stored),
            "twice": sum(1 for n in markers.values() if n > 1),
        }
    return result


# --- the locust figures ------------------------------------------------------------------------


def read_stats(prefix: Path) -> list[dict[str, str]]:
    with (prefix.parent / f"{prefix.name}_stats.csv").open() as handle:
        return list(csv.DictReader(handle))


def summary_rows(stats: list[dict[str, str]]) -> list[dict[str, object]]:
    rows = []
    for row in stats:
        name = row["Name"] if row["Name"] != "Aggregated" else "all requests"
        rows.append(
            {
                "name": name,
                "method": row["Type"],
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50": row["50%"],
                "p95": row["95%"],
                "p99": row["99%"],
                "max": row["Max Response Time"].split(".")[0],
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=int, default=10)
    parser.add_argument("--time", default="60s")
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument(
        "--from-figures",
        metavar="FILE",
        help="no run: write the figures of an earlier run (var/load/figures.json)",
    )
    args = parser.parse_args()
    if args.from_figures:
        figures = json.loads(Path(args.from_figures).read_text())
        figures.setdefault("login_cpu_ms", login_cpu_ms())
        report = render(figures, args)
        print(report)
        if args.write_docs:
            from _markdown import write_section

            write_section("docs/PERFORMANCE.md", "load-test", report)
        return

    OUT.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(OUT / "mail", ignore_errors=True)
    (OUT / "mail").mkdir()
    accounts = OUT / "accounts.json"
    acks = OUT / "acks.jsonl"
    acks.unlink(missing_ok=True)
    prefix = OUT / "locust"

    ensure_database()
    print("preparing the dataset (the first time this generates 2,000,000 opportunities)…", flush=True)
    print(run(str(BIN / "python"), "bench/load/dataset.py", str(accounts)).strip())
    run(str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0")
    data = json.loads(accounts.read_text())

    figures: dict[str, object] = {
        "started": time.strftime("%Y-%m-%d %H:%M"),
        "sizes": data["sizes"],
        "before": machine_state(),
        "postgres": str(psql("SHOW server_version")[0][0]).split()[0],
        "cores": os.cpu_count(),
    }
    try:
        for port in PORTS:
            start(
                f"web-{port}",
                str(BIN / "gunicorn"),
                "-c",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "config.wsgi",
            )
        for n in (1, 2):
            start(
                f"worker-{n}",
                str(BIN / "python"),
                "manage.py",
                "rqworker",
                "default",
                "--job-class",
                "django_tasks_rq.Job",
            )
        health = [wait_healthy(port) for port in PORTS]
        print(f"two app servers healthy: {[h['checks'] for h in health]}", flush=True)

        # Warm up each app server's workers (templates, connections), outside the figures.
        for port in PORTS:
            for _ in range(4):
                http(f"http://127.0.0.1:{port}/accounts/login/")
        # The organisation-wide figures, as the first visitor after an import computes them
        # for everyone (salescoach/results/cache.py).
        print(run(str(BIN / "python"), "bench/load/dataset.py", "--warm").strip(), flush=True)

        print(f"locust: {args.users} users, {args.spawn_rate}/s, {args.time}…", flush=True)
        hosts = ",".join(f"http://127.0.0.1:{p}" for p in PORTS)
        cpu_before = cpu_snapshot()
        started = time.monotonic()
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        locust = subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                "bench/load/locustfile.py",
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(args.spawn_rate),
                "-t",
                args.time,
                "--csv",
                str(prefix),
                "--host",
                f"http://127.0.0.1:{PORTS[0]}",
                "--only-summary",
                "--stop-timeout",
                "10",
            ],
            cwd=ROOT,
            env={**os.environ, "LOAD_ACCOUNTS": str(accounts), "LOAD_ACKS": str(acks), "LOAD_HOSTS": hosts},
            capture_output=True,
            text=True,
        )
        (OUT / "locust.log").write_text(locust.stdout + locust.stderr)
        children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        figures["seconds"] = round(time.monotonic() - started)
        figures["cpu"] = {
            **cpu_used(cpu_before, cpu_snapshot()),
            "locust": round(
                children_after.ru_utime
                + children_after.ru_stime
                - children_before.ru_utime
                - children_before.ru_stime,
                1,
            ),
        }
        figures["after"] = machine_state()

        # The same data through both servers: a note written through one, read through the other.
        coach = data["coaches"][0]
        relationship = coach["relationships"][0]["relationship"]
        marker = f"[load cross-server {time.time():.0f}] written through {PORTS[0]}, read through {PORTS[1]}"
        status, body = http(
            f"http://127.0.0.1:{PORTS[0]}/api/v1/coaching/notes",
            "POST",
            {"relationship_id": relationship, "text": marker},
            coach["token"],
        )
        note_id = json.loads(body)["id"] if status == 201 else None
        read_status, read_body = http(
            f"http://127.0.0.1:{PORTS[1]}/api/v1/coaching/notes/{note_id}", token=coach["token"]
        )
        figures["cross_server"] = {
            "written": status,
            "read": read_status,
            "same": read_status == 200 and json.loads(read_body)["text"] == marker,
        }
    finally:
        for name, process in processes:
            if name.startswith("web-"):
                stop(process)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and queue_length():
            time.sleep(0.5)
        time.sleep(2)  # the job in hand
        for name, process in processes:
            if name.startswith("worker-"):
                stop(process)

    logs = {name: (OUT / f"{name}.log").read_text(errors="replace") for name, _ in processes}
    # gunicorn's access log: '<request id> "<method> <path>" <status> <bytes> <ms>ms'
    per_server = {}
    for port in PORTS:
        statuses = Counter(m.group(1) for m in re.finditer(r'" (\d{3}) ', logs[f"web-{port}"]))
        per_server[port] = {
            "requests": sum(statuses.values()),
            "5xx": sum(n for s, n in statuses.items() if s[0] == "5"),
        }
    per_worker = {n: len(re.findall(r"Job OK|Successfully completed", logs[f"worker-{n}"])) for n in (1, 2)}
    figures["servers"] = per_server
    figures["workers"] = per_worker
    # Messages, not files: the file backend appends to one file when two share a second.
    figures["mails"] = sum(
        line.startswith("Subject:")
        for path in (OUT / "mail").iterdir()
        for line in path.read_text().splitlines()
    )
    figures["queue_left"] = queue_length()
    figures["writes"] = check_writes(acks, figures["started"])
    stats = read_stats(prefix)
    figures["rows"] = summary_rows(stats)
    figures["locust_exit"] = locust.returncode
    figures["login_cpu_ms"] = login_cpu_ms()
    (OUT / "figures.json").write_text(json.dumps(figures, indent=1))

    report = render(figures, args)
    print(report)
    if args.write_docs:
        from _markdown import write_section

        write_section("docs/PERFORMANCE.md", "load-test", report)
        print("written to docs/PERFORMANCE.md")
    total = next(r for r in figures["rows"] if r["name"] == "all requests")
    writes_ok = all(
        w["found"] == w["acknowledged"] == w["distinct_ids"] and w["twice"] == 0
        for w in figures["writes"].values()
    )
    ok = total["failures"] == 0 and float(total["p95"]) <= P95_TARGET_MS and writes_ok
    sys.exit(0 if ok else 1)


def login_cpu_ms() -> float:
    """CPU time of one password check with the production hasher (Argon2id,
    salescoach/accounts/hashers.py): what every login costs the app server."""
    from argon2 import PasswordHasher

    sys.path.insert(0, str(ROOT))
    from salescoach.accounts.hashers import Argon2idHasher as H

    hasher = PasswordHasher(time_cost=H.time_cost, memory_cost=H.memory_cost, parallelism=H.parallelism)
    encoded = hasher.hash("load-test")
    started = time.process_time()
    hasher.verify(encoded, "load-test")
    return round((time.process_time() - started) * 1000)


def cpu_line(figures: dict, total: dict) -> str:
    """What the run cost in CPU time: a figure that does not depend on how busy the
    machine was, unlike the response times."""
    cpu = figures["cpu"]
    requests = max(int(total["requests"]), 1)
    per_request = (cpu["web"] + cpu["database"]) / requests * 1000
    logins = sum(int(r["requests"]) for r in figures["rows"] if r["name"] == "login (POST)")
    login_seconds = logins * figures["login_cpu_ms"] / 1000
    without_logins = (cpu["web"] + cpu["database"] - login_seconds) / max(requests - logins, 1) * 1000
    return (
        f"**CPU time** during the run: app servers {cpu['web']} s, PostgreSQL backends of the load "
        f"test's database {cpu['database']} s (without parallel query workers), locust {cpu['locust']} s; "
        f"the whole machine {cpu['machine']} s of the {figures['cores'] * figures['seconds']:.0f} its "
        f"{figures['cores']} cores had "
        f"({cpu['machine'] - cpu['web'] - cpu['database'] - cpu['locust']:.0f} s by everything else, "
        "chiefly other engineers' test runs; also the RQ workers, Redis and PostgreSQL's parallel workers) — "
        f"**{per_request:.0f} ms of server CPU per request** on average, so two cores of its own would "
        f"serve about {2000 / per_request:.0f} requests per second of this mix. Of that, the {logins} logins "
        f"took about {login_seconds:.0f} s: a password check is {figures['login_cpu_ms']} ms of CPU (Argon2id "
        f"with OWASP's parameters). Without them a request costs {without_logins:.0f} ms of "
        f"server CPU ({2000 / without_logins:.0f} requests per second on two cores of its own)."
    )


def render(figures: dict, args: argparse.Namespace) -> str:
    sizes = figures["sizes"]
    rows = figures["rows"]
    total = next(r for r in rows if r["name"] == "all requests")
    writes = figures["writes"]
    lines = [
        "## Load: 50 users of mixed roles against the production set-up (issue 9)",
        "",
        f"Measured {figures['started']} on this machine ({figures['cores']} cores, PostgreSQL {figures['postgres']}, "
        f"Redis; shared with other engineers' test runs: load average {figures['before']['load']} before the run "
        f"and {figures['after']['load']} after it, {figures['before']['other_active_queries']} and "
        f"{figures['after']['other_active_queries']} queries of other databases running at those moments) with",
        "",
        "    make load          # = .venv/bin/python bench/load_test.py --write-docs",
        "",
        "**Set-up** (all on this machine, started by the runner): two app servers, each "
        "`gunicorn -c gunicorn.conf.py config.wsgi` with 2 workers × 2 threads, DEBUG=0; "
        "PostgreSQL (data and sessions); Redis (cache and task queue, `TASKS_QUEUE=redis`); two "
        "`rqworker`s. The locust client runs on the same two cores. The virtual users are "
        "spread over the two app servers in turn.",
        "",
        f"**Dataset**: the results benchmark's organisation — {sizes['members']:,} members in "
        f"{sizes['teams']} teams, {sizes['opportunities']:,} opportunities, {sizes['targets']:,} targets — "
        f"plus coaching: {sizes['relationships']} relationships (50 internal coaches × 10 sellers), "
        f"{sizes['sessions']:,} sessions, {sizes['notes']:,} notes, {sizes['commitments']:,} commitments "
        "(counts at the start of the run).",
        "",
        f"**Scenario** (`bench/load/locustfile.py`): {args.users} users for {args.time}, {args.spawn_rate} started "
        "per second, 0.5–2.5 s between actions. Sellers (25 of 50) log in through the login page "
        "(CSRF), open their home page, coaching relationship and results, and write commitments, notes "
        "and ride-along self-assessments through `/api/v1` with the session and CSRF header; coaches "
        "(13) use an API token to list sessions, prepare the coming session, plan sessions, write "
        "notes and ride-along observations; managers (8) and programme owners (4) log in and open the "
        "team and organisation dashboards, the dashboard API, insights and the coaching overview.",
        "",
        f"**Result**: {total['requests']:,} requests, **{total['failures']} errors**, "
        f"p50 {total['p50']} ms, **p95 {total['p95']} ms**, p99 {total['p99']} ms "
        f"(targets: 0 errors, p95 ≤ {P95_TARGET_MS} ms).",
        "",
        cpu_line(figures, total),
        "",
        "| request | requests | errors | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in sorted(rows, key=lambda r: (r["name"] == "all requests", r["name"])):
        name = r["name"] if r["name"] == "all requests" else f"{r['name']}"
        lines.append(
            f"| {name} | {r['requests']:,} | {r['failures']} | {r['p50']} | {r['p95']} | {r['p99']} | {r['max']} |"
        )
    lines += [
        "",
        "(locust's percentiles are rounded to two significant figures above 100 ms.)",
        "",
        "**Acknowledged writes**, checked in the database after the run (every 201 with the new id "
        "recorded by the clients, each carrying a unique marker in its text):",
        "",
        "| kind | acknowledged | found with id and marker | rows of this run | stored twice |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind, w in writes.items():
        lines.append(
            f"| {kind} | {w['acknowledged']:,} | {w['found']:,} | {w['rows_of_this_run']:,} | {w['twice']} |"
        )
    servers = figures["servers"]
    workers = figures["workers"]
    cross = figures["cross_server"]
    lines += [
        "",
        "**Two app servers, two workers, one set of data**: the servers answered "
        + " and ".join(f"{s['requests']:,} requests on port {p} ({s['5xx']} 5xx)" for p, s in servers.items())
        + "; the workers ran "
        + " and ".join(f"{n:,} jobs (worker {w})" for w, n in workers.items())
        + f" from the shared Redis queue ({figures['mails']:,} e-mails written, {figures['queue_left']} jobs left); "
        + f"a note written through port {PORTS[0]} (answer {cross['written']}) was read back through port "
        + f"{PORTS[1]} (answer {cross['read']}, same text: {'yes' if cross['same'] else 'NO'}).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
