"""Limits on failed logins, per account and per client address, kept in the shared cache."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    if settings.TRUST_PROXY_HEADERS:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def _keys(email: str, address: str) -> tuple[str, str]:
    account = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return f"login-fail:account:{account}", f"login-fail:address:{address}"


def is_blocked(email: str, address: str) -> bool:
    account_key, address_key = _keys(email, address)
    counts = cache.get_many([account_key, address_key])
    return (
        counts.get(account_key, 0) >= settings.LOGIN_FAILURES_PER_ACCOUNT
        or counts.get(address_key, 0) >= settings.LOGIN_FAILURES_PER_ADDRESS
    )


def record_failure(email: str, address: str) -> None:
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    for key in _keys(email, address):
        # add() starts the window; incr() keeps its expiry.
        if not cache.add(key, 1, timeout=window):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=window)


def clear_account(email: str) -> None:
    cache.delete(_keys(email, "")[0])
