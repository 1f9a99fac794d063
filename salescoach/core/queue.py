"""Putting background work on the queue without ever losing it.

Call sites use ``enqueue_on_commit(task, *args)``: the work is queued once the current
transaction has committed. If the queue cannot be reached (Redis down), the work is held
in the database and ``relay_held_tasks`` -- run by every scheduler tick -- puts it on the
queue when the queue is back. The page that caused the work never fails because of it.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils.module_loading import import_string
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from salescoach.core.models import HeldTask

logger = logging.getLogger(__name__)

QUEUE_UNREACHABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)


def enqueue_or_hold(task: Any, *args: Any, **kwargs: Any) -> None:
    try:
        task.enqueue(*args, **kwargs)
    except QUEUE_UNREACHABLE as error:
        logger.warning("task queue unreachable (%s); holding %s", type(error).__name__, task.module_path)
        HeldTask.objects.create(task_path=task.module_path, args=list(args), kwargs=kwargs)


def enqueue_on_commit(task: Any, *args: Any, **kwargs: Any) -> None:
    transaction.on_commit(lambda: enqueue_or_hold(task, *args, **kwargs))


def relay_held_tasks(limit: int = 500) -> int:
    """Queue held work, oldest first; stops at the first failure. Returns how many went."""
    relayed = 0
    with transaction.atomic():
        for held in HeldTask.objects.select_for_update(skip_locked=True)[:limit]:
            task = import_string(held.task_path)
            try:
                task.enqueue(*held.args, **held.kwargs)
            except QUEUE_UNREACHABLE:
                HeldTask.objects.filter(pk=held.pk).update(attempts=held.attempts + 1)
                break
            held.delete()
            relayed += 1
    if relayed:
        logger.info("relayed %d held task(s) to the queue", relayed)
    return relayed
