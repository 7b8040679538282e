"""Return visits and offline use through the site's service worker (hooks/templates/sw.js)."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import BrowserContext, expect

from .conftest import PYODIDE_TIMEOUT_MS
from .helpers import CRITERIA, choose, cli_assess, expect_result, open_checklist

pytestmark = pytest.mark.browser

# The worker keeps the runtime first and then the pages in order, sitemap.xml last (the page's
# worker keeps the runtime files it fetched itself, in a cache of their own).
CACHED = """async (paths) => {
    if (!navigator.serviceWorker.controller) return false;
    for (const path of paths) {
        if (!(await caches.match(new URL(path, location.origin)))) return false;
    }
    return true;
}"""


def test_after_one_visit_the_checklist_works_offline(
    context: BrowserContext, site_url: str
) -> None:
    page = context.new_page()
    open_checklist(page, site_url + "checklist/")
    wanted = ["/pyodide/pyodide.asm.wasm", "/checklist/", "/questions/why/", "/sitemap.xml"]
    deadline = time.monotonic() + PYODIDE_TIMEOUT_MS / 1000
    while not page.evaluate(CACHED, wanted):
        assert time.monotonic() < deadline, "the service worker did not keep the site"
        page.wait_for_timeout(300)

    context.set_offline(True)
    try:
        page.reload()
        answers = {item.id: "no" for item in CRITERIA.scored_items()[:2]}
        choose(page, "all", answers)
        expected = cli_assess(answers)
        expect(page.locator("[data-ftr-verdict]")).to_be_visible(timeout=PYODIDE_TIMEOUT_MS)
        expect_result(page, expected["verdict"], expected["score"])
        # Another page, never visited, comes from the cache too.
        page.goto(site_url + "questions/why/")
        expect(page.locator("h1")).to_be_visible()
    finally:
        context.set_offline(False)
