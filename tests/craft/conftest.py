from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Iterator[None]:
    """The analysis throttle counts per user id in the cache; ids repeat across tests."""
    cache.clear()
    yield
    cache.clear()
