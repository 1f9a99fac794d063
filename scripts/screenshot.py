#!/usr/bin/env python
"""Take the README screenshot from a running demo: `python scripts/screenshot.py [URL] [OUT]`."""

from __future__ import annotations

import sys

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    out = sys.argv[2] if len(sys.argv) > 2 else "docs/screenshot.png"
    email = sys.argv[3] if len(sys.argv) > 3 else "director@noordwind.example"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860}, locale="nl-NL")
        page.goto(f"{base}/accounts/login/")
        page.fill("input[name=username]", email)
        page.fill("input[name=password]", "salescoach-demo")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state("networkidle")
        page.screenshot(path=out, full_page=False)
        browser.close()


if __name__ == "__main__":
    main()
