"""Organisation-wide figures, remembered between requests.

The impact figures and the indicators are decided for the whole organisation at once
(that is what keeps a small group from being revealed), so every page, API call, CSV and
PDF of one organisation asks for the same computation. It is kept in the shared cache
(Redis in production: every app server uses the one result) for
``INSIGHTS_CACHE_SECONDS`` (default 10 minutes; 0 turns it off).

Each organisation has a cache *generation*: a random token that is part of every key.
New results (a deal or target import, a new exchange rate or reporting currency, a stage
that changes kind) start a new generation, so figures never lag behind the results the
dashboards show. Coaching activity (sessions, ratings, commitments, ride-alongs) and
changes to teams and programmes appear within the cache time. A token that the cache has
dropped is replaced by a new one, never by an old one, so an evicted token cannot bring
old figures back.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

T = TypeVar("T")
DEFAULT_SECONDS = 600


def _seconds() -> int:
    return int(getattr(settings, "INSIGHTS_CACHE_SECONDS", DEFAULT_SECONDS))


def _generation_key(organisation_id: int) -> str:
    return f"insights:generation:{organisation_id}"


def generation(organisation_id: int) -> str:
    """The organisation's current cache generation."""
    key = _generation_key(organisation_id)
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, None)
        token = cache.get(key) or uuid.uuid4().hex  # a cache that keeps nothing: never a hit
    return str(token)


def results_changed(organisation_id: int) -> None:
    """Start a new generation: the figures are computed again on the next request."""
    if _seconds() > 0:
        cache.set(_generation_key(organisation_id), uuid.uuid4().hex, None)


def remembered(organisation_id: int, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave for this organisation, ``name`` and generation within
    the cache time."""
    seconds = _seconds()
    if seconds <= 0:
        return compute()
    key = f"insights:{organisation_id}:{generation(organisation_id)}:{name}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, seconds)
    return found
