"""Every schema in the published API has one name: two routers defining a schema of the
same name would silently share one definition in /api/v1/openapi.json."""

from __future__ import annotations

from collections import Counter

from ninja import Schema

from salescoach.api.api import api


def test_schema_names_are_unique_across_the_api() -> None:
    assert api.urls  # every router is imported
    classes: set[type] = set()
    for subclass in _all_subclasses(Schema):
        if subclass.__module__.startswith("salescoach."):
            classes.add(subclass)
    counts = Counter(cls.__name__ for cls in classes)
    assert [name for name, n in counts.items() if n > 1] == []


def _all_subclasses(cls: type) -> set[type]:
    found: set[type] = set()
    for sub in cls.__subclasses__():
        found.add(sub)
        found |= _all_subclasses(sub)
    return found
