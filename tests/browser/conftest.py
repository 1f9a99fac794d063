"""Browser tests: Playwright driving Debian's Chromium against the live test server.

Chromium must be at /usr/bin/chromium (`apt-get install chromium`). Without it the
tests are skipped with a message -- except in CI (CI set), where they must run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"Browser tests must run in CI, but {CHROMIUM} is missing.")
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium) "
        "or set CHROMIUM_PATH to run the browser tests."
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": LAUNCH_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def demo_data(transactional_db: None, settings: Any) -> Iterator[None]:
    """The demo organisations, loaded into the live server's database."""
    from django.core.management import call_command

    settings.DEBUG = True  # load_demo refuses without it
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
    yield


def log_in(page: Any, base_url: str, email: str, password: str = "salescoach-demo") -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
