"""Per-person rate limits on costly work (imports, analyses), counted in the shared cache
so that every app server enforces the same limit.

A fixed one-minute window per person and kind of work. When Redis is down the cache
ignores errors and the limit lets requests through rather than refusing them.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.utils.functional import Promise

WINDOW_SECONDS = 60


class RateLimited(Exception):
    """Too many requests of one kind by one person; answered 429 with Retry-After."""

    def __init__(self, message: str | Promise, retry_after: int) -> None:
        super().__init__(str(message))
        self.retry_after = retry_after


def allow(kind: str, person: int | str, per_minute: int) -> tuple[bool, int]:
    """(allowed, seconds until the window ends) for one more request of `kind` by `person`."""
    window = int(time.time() // WINDOW_SECONDS)
    key = f"throttle:{kind}:{person}:{window}"
    if cache.add(key, 1, timeout=WINDOW_SECONDS + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=WINDOW_SECONDS + 5)
            count = 1
    retry_after = WINDOW_SECONDS - int(time.time()) % WINDOW_SECONDS
    return count <= per_minute, retry_after


def enforce(kind: str, person: int | str, per_minute: int, message: str | Promise) -> None:
    """Raise RateLimited when `person` is over the limit for `kind`."""
    allowed, retry_after = allow(kind, person, per_minute)
    if not allowed:
        raise RateLimited(message, retry_after)
