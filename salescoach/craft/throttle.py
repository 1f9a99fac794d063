"""A generous per-person limit on analyses, so that a runaway script cannot hog the workers.

The live component sends one request per pause in typing (debounced), far below the
limit; the API answers 429 with Retry-After above it.
"""

from __future__ import annotations

from django.conf import settings

from salescoach.core import throttle


def allow_analysis(user_id: int) -> tuple[bool, int]:
    """(allowed, seconds until the window ends) for one more analysis by this user."""
    return throttle.allow("craft-analyse", user_id, settings.CRAFT_ANALYSES_PER_MINUTE)
