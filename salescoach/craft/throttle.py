"""A generous per-person limit on analyses, so that a runaway script cannot hog the workers.

The live component sends one request per pause in typing (debounced), far below the
limit; the API answers 429 with Retry-After above it.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 60


def limit_per_minute() -> int:
    return int(getattr(settings, "CRAFT_ANALYSES_PER_MINUTE", 120))


def allow_analysis(user_id: int) -> tuple[bool, int]:
    """(allowed, seconds until the window ends) for one more analysis by this user."""
    window = int(time.time() // WINDOW_SECONDS)
    key = f"craft-analyse:{user_id}:{window}"
    if cache.add(key, 1, timeout=WINDOW_SECONDS + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=WINDOW_SECONDS + 5)
            count = 1
    retry_after = WINDOW_SECONDS - int(time.time()) % WINDOW_SECONDS
    return count <= limit_per_minute(), retry_after
