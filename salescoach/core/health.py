"""What /healthz checks: the database answers, migrations are applied, the queue is reachable."""

from __future__ import annotations

import logging

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

logger = logging.getLogger(__name__)


def _database() -> str:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _migrations() -> str:
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return "ok" if not plan else "pending"


def _queue() -> str:
    from django_tasks import default_task_backend

    backend = type(default_task_backend).__name__
    if backend == "DatabaseBackend":
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.exists()
    elif backend == "RQBackend":
        import django_rq

        django_rq.get_connection("default").ping()
    return "ok"


def health_checks() -> dict[str, str]:
    results: dict[str, str] = {}
    for name, check in (("database", _database), ("migrations", _migrations), ("queue", _queue)):
        try:
            results[name] = check()
        except Exception:  # a failing dependency is reported, never raised
            logger.warning("health check %s failed", name, exc_info=True)
            results[name] = "unavailable"
    return results
