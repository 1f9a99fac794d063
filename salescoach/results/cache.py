"""Figures derived from an organisation's results, remembered between requests.

An organisation's dashboard adds up a quarter's deals of everyone in it, and its insights
decide every figure of the organisation at once; every viewer of the same scope asks for
the same computation. It is kept in the shared cache (Redis in production, so every app
server uses the one result) for ``FIGURES_CACHE_SECONDS`` (default 5 minutes; 0 turns it
off).

Each organisation has a *results generation*: a random token that is part of every key.
New results (a deal or target import, a new exchange rate or reporting currency, a change
to the funnel) start a new generation once they are committed, so the figures never lag
behind the results. Other changes (names, teams, coaching activity) show within the cache
time. A token the cache has dropped is replaced by a new one, never by an old one, so an
evicted token cannot bring old figures back.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")
DEFAULT_SECONDS = 300


def cache_seconds() -> int:
    """How long figures are remembered (0: not at all)."""
    return int(getattr(settings, "FIGURES_CACHE_SECONDS", DEFAULT_SECONDS))


def _generation_key(organisation_id: int) -> str:
    return f"results:generation:{organisation_id}"


def generation(organisation_id: int) -> str:
    """The organisation's current results generation."""
    key = _generation_key(organisation_id)
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, None)
        token = cache.get(key) or uuid.uuid4().hex  # a cache that keeps nothing: never a hit
    return str(token)


def results_changed(organisation_id: int) -> None:
    """Start a new generation when the current transaction commits."""

    def renew() -> None:
        cache.set(_generation_key(organisation_id), uuid.uuid4().hex, None)

    if cache_seconds() > 0:
        transaction.on_commit(renew, robust=True)


def remembered(organisation_id: int, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave for this organisation, ``name`` and generation within
    the cache time. ``name`` must say everything the result depends on besides the
    organisation's results (the scope, the period, the settings used)."""
    seconds = cache_seconds()
    if seconds <= 0:
        return compute()
    key = f"results:figures:{organisation_id}:{generation(organisation_id)}:{name}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, seconds)
    return found
