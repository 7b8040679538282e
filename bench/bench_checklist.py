"""Benchmark (not a test): the checklist's first score against the bare Pyodide floor.

Run: .venv/bin/python bench/bench_checklist.py [--runs N]

It builds the site into a temporary folder, adds a floor page (bench-floor/floor.html and its
module worker, which loads the same self-hosted Pyodide, imports ``json`` and posts back) and
serves both from one local server. In headless Chromium (the browser tests' flags) it measures:

(a) the checklist page: from ``page.goto`` to ``[data-ftr-verdict]`` visible;
(b) the floor page: from ``page.goto`` to its "ready" mark visible;

each cold (a fresh browser context, empty HTTP cache, service workers blocked) and warm (the same
context, loaded a second time: the HTTP cache), N repetitions, median; and
(c) the checklist revisited through the site's service worker: a context that allows it visits
the checklist, waits until the worker has kept the runtime and the pages, then opens the checklist
again in a new page; no request reaches the network.
Goal: checklist first score within 1.15x of the floor, cold and warm.
It also prints the bytes the home page, a reading page (untouched: Python not started) and the
checklist page transfer: the sum of the decoded response bodies (``len(response.body())``) of
every request of the page and its workers (not the service worker's own copies), in a fresh
context; the test server sends no compression, so this is also what crosses the wire. Goal for a
reading page: at most 600 KB until its checklist is touched.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Request,
    Response,
    sync_playwright,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_FLAGS, PYODIDE_TIMEOUT_MS, chromium_path  # noqa: E402
from tests.site_build import build_site, serve  # noqa: E402

GOAL = 1.15
READING_PAGE_BUDGET = 600 * 1000

FLOOR_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pyodide floor</title></head>
<body><p id="ready" hidden>ready</p>
<script type="module">
  const worker = new Worker(new URL("floor-worker.js", import.meta.url), { type: "module" });
  worker.onmessage = () => { document.getElementById("ready").hidden = false; };
</script></body></html>
"""
FLOOR_WORKER = """import { loadPyodide } from "../pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("../pyodide/", import.meta.url).href });
pyodide.runPython("import json");
postMessage("ready");
"""


def build(target: Path) -> None:
    result = build_site(target)
    if result.returncode != 0:
        sys.exit(f"mkdocs build failed:\n{result.stderr}")
    floor = target / "bench-floor"
    floor.mkdir()
    (floor / "floor.html").write_text(FLOOR_HTML, encoding="utf-8")
    (floor / "floor-worker.js").write_text(FLOOR_WORKER, encoding="utf-8")


def timed_load(page: Page, url: str, ready: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.locator(ready).wait_for(state="visible", timeout=PYODIDE_TIMEOUT_MS)
    return time.perf_counter() - start


def cold_and_warm(browser: Browser, url: str, ready: str, runs: int) -> tuple[float, float]:
    """Median seconds to ``ready``: first load in a fresh context, and a second load in it."""
    cold, warm = [], []
    for _ in range(runs):
        context = browser.new_context(service_workers="block")
        try:
            cold.append(timed_load(context.new_page(), url, ready))
            warm.append(timed_load(context.new_page(), url, ready))
        finally:
            context.close()
    return statistics.median(cold), statistics.median(warm)


KEPT = """async () => {
    if (!navigator.serviceWorker.controller) return false;
    const keys = (await caches.keys()).filter((key) => key.startsWith("ftr-"));
    if (keys.length !== 1) return false;
    const cache = await caches.open(keys[0]);
    return !!(await cache.match(new URL("/sitemap.xml", location.origin)));
}"""


def _from_worker(seen: list[str], request: Request) -> None:
    if request.service_worker:
        seen.append(request.url)


def through_service_worker(browser: Browser, url: str, ready: str, runs: int) -> float:
    """Median seconds to ``ready`` on a revisit served by the site's service worker."""
    times = []
    for _ in range(runs):
        context = browser.new_context()
        try:
            first = context.new_page()
            timed_load(first, url, ready)
            deadline = time.monotonic() + PYODIDE_TIMEOUT_MS / 1000
            while not first.evaluate(KEPT):
                if time.monotonic() > deadline:
                    sys.exit("the service worker did not keep the site")
                first.wait_for_timeout(200)
            first.close()
            network: list[str] = []
            context.on("request", functools.partial(_from_worker, network))
            times.append(timed_load(context.new_page(), url, ready))
            if network:
                print(f"  note: the revisit still fetched {len(network)} file(s): {network[:3]}")
        finally:
            context.close()
    return statistics.median(times)


def page_bytes(browser: Browser, url: str, settle: Callable[[Page], None]) -> tuple[int, int]:
    """Bytes of every response body and the number of requests, for one load in a new context."""
    context: BrowserContext = browser.new_context()
    responses: list[Response] = []
    context.on(
        "response",
        lambda response: None if response.request.service_worker else responses.append(response),
    )
    page = context.new_page()
    page.goto(url)
    settle(page)
    total = sum(len(response.body()) for response in responses)
    context.close()
    return total, len(responses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions of each load (default 5)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build(site)
        with serve(site) as base, sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            try:
                # One load first, so neither side pays for the browser's own warm-up.
                cold_and_warm(browser, base + "bench-floor/floor.html", "#ready", 1)
                checklist = cold_and_warm(
                    browser, base + "checklist/", "[data-ftr-verdict]", args.runs
                )
                floor = cold_and_warm(browser, base + "bench-floor/floor.html", "#ready", args.runs)
                revisit = through_service_worker(
                    browser, base + "checklist/", "[data-ftr-verdict]", args.runs
                )
                home_bytes = page_bytes(
                    browser, base, lambda page: page.wait_for_load_state("networkidle")
                )
                reading_bytes = page_bytes(
                    browser,
                    base + "questions/why/",
                    lambda page: page.wait_for_load_state("networkidle"),
                )
                checklist_bytes = page_bytes(
                    browser,
                    base + "checklist/",
                    lambda page: page.locator("[data-ftr-verdict]").wait_for(
                        timeout=PYODIDE_TIMEOUT_MS
                    ),
                )
            finally:
                browser.close()

    print(f"median of {args.runs} runs, seconds from page.goto to the mark visible")
    print(f"{'':28}{'cold':>8}{'warm':>8}")
    print(f"{'checklist first score':28}{checklist[0]:8.2f}{checklist[1]:8.2f}")
    print(f"{'floor (Pyodide + import)':28}{floor[0]:8.2f}{floor[1]:8.2f}")
    ratios = [checklist[0] / floor[0], checklist[1] / floor[1]]
    print(f"{'ratio (goal <= ' + str(GOAL) + ')':28}{ratios[0]:8.2f}{ratios[1]:8.2f}")
    print(
        f"{'revisit via service worker':28}{revisit:8.2f}"
        f"   {revisit / floor[1]:.2f}x the warm floor, {revisit / floor[0]:.2f}x the cold floor"
    )
    print("bytes transferred (sum of response bodies, fresh context):")
    for name, (size, count) in (
        ("home page", home_bytes),
        ("reading page, untouched", reading_bytes),
        ("checklist page", checklist_bytes),
    ):
        print(f"  {name:26}{size:>12,} bytes in {count} responses")
    reading_verdict = "met" if reading_bytes[0] <= READING_PAGE_BUDGET else "missed"
    print(f"goal {reading_verdict}: a reading page transfers at most 600 KB until touched")
    verdict = "met" if max(ratios) <= GOAL else "missed"
    print(f"goal {verdict}: checklist first score within {GOAL}x of the floor")


if __name__ == "__main__":
    main()
