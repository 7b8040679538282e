"""Benchmark (not a test): the first score against the bare Pyodide floor, with and without the
build's memory snapshot.

Run: .venv/bin/python bench/bench_checklist.py [--runs N]

It builds the site into a temporary folder, adds a floor page (bench-floor/floor.html and its
module worker, which loads the same self-hosted Pyodide, imports ``json`` and posts back) and
serves both from one local server. In headless Chromium (the browser tests' flags) it measures,
N repetitions each, median:

(a) the checklist page: from ``page.goto`` to ``[data-ftr-verdict]`` visible, starting from the
    snapshot, and again without it (runtime.json's snapshot removed on the way, so the worker
    starts Python plainly: the fallback path);
(b) a question page (questions/why/): from ``page.goto`` to its first answer scored, the reader
    bringing the checklist into view and choosing an answer as soon as the page has loaded;
(c) the floor page: from ``page.goto`` to its "ready" mark visible;

each cold (a fresh browser context: empty HTTP cache and Cache Storage, service workers blocked)
and warm (the same context, loaded a second time: the worker's runtime cache and the HTTP
cache); and
(d) the checklist revisited through the site's service worker: a context that allows it visits
the checklist, waits until the service worker has kept the runtime and the pages, then opens the
checklist again in a new page; no request reaches the network.
Goal: first score at most 0.5x the floor, cold and warm, on the checklist and a question page.
It also prints the bytes each type of page transfers: the sum of the decoded response bodies
(``len(response.body())``) of every request of the page and its workers (not the service worker's
own copies), in a fresh context; the test server sends no compression, so this is also what
crosses the wire. Goal for a reading page: at most 600 KB until its checklist is touched. And the
snapshot's size, as served (gzip) and as restored.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
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
    Route,
    sync_playwright,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_FLAGS, PYODIDE_TIMEOUT_MS, chromium_path  # noqa: E402
from tests.site_build import build_site, serve  # noqa: E402

GOAL = 0.5
READING_PAGE_BUDGET = 600 * 1000
CHECKLIST = "[data-ftr-verdict]"
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


def timed_load(
    page: Page, url: str, ready: str, act: Callable[[Page], None] | None = None
) -> float:
    start = time.perf_counter()
    page.goto(url)
    if act:
        act(page)
    page.locator(ready).wait_for(state="visible", timeout=PYODIDE_TIMEOUT_MS)
    return time.perf_counter() - start


def answer_at_once(page: Page) -> None:
    """A reader on a question page: brings the checklist into view and answers at once."""
    choice = page.locator("form[data-ftr-checklist] input[type=radio]").first
    choice.scroll_into_view_if_needed()
    choice.check()


def without_snapshot(route: Route) -> None:
    manifest = json.loads(route.fetch().text())
    manifest.pop("snapshot", None)
    route.fulfill(json=manifest)


def cold_and_warm(
    browser: Browser,
    url: str,
    ready: str,
    runs: int,
    snapshot: bool = True,
    act: Callable[[Page], None] | None = None,
) -> tuple[float, float]:
    """Median seconds to ``ready``: first load in a fresh context, and a second load in it."""
    cold, warm = [], []
    for _ in range(runs):
        context = browser.new_context(service_workers="block")
        if not snapshot:
            context.route("**/assets/runtime.json", without_snapshot)
        try:
            cold.append(timed_load(context.new_page(), url, ready, act))
            warm.append(timed_load(context.new_page(), url, ready, act))
        finally:
            context.close()
    return statistics.median(cold), statistics.median(warm)


# The service worker keeps sitemap.xml last, after the runtime and every other page.
KEPT = """async () => {
    if (!navigator.serviceWorker.controller) return false;
    return !!(await caches.match(new URL("/sitemap.xml", location.origin)));
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


def snapshot_sizes(site: Path) -> tuple[int, int]:
    """The snapshot as served (gzip) and as restored (the heap and the wheel's files)."""
    served = next((site / "snapshot").glob("*.snapshot.gz"))
    return served.stat().st_size, len(gzip.decompress(served.read_bytes()))


def row(name: str, pair: tuple[float, float]) -> str:
    return f"{name:34}{pair[0]:8.2f}{pair[1]:8.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions of each load (default 5)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        started = time.perf_counter()
        build(site)
        build_seconds = time.perf_counter() - started
        sizes = snapshot_sizes(site)
        with serve(site) as base, sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            floor_url = base + "bench-floor/floor.html"
            question = base + "questions/why/"
            try:
                # One load first, so neither side pays for the browser's own warm-up.
                cold_and_warm(browser, floor_url, "#ready", 1)
                checklist = cold_and_warm(browser, base + "checklist/", CHECKLIST, args.runs)
                floor = cold_and_warm(browser, floor_url, "#ready", args.runs)
                plain = cold_and_warm(
                    browser, base + "checklist/", CHECKLIST, args.runs, snapshot=False
                )
                answer = cold_and_warm(browser, question, CHECKLIST, args.runs, act=answer_at_once)
                plain_answer = cold_and_warm(
                    browser, question, CHECKLIST, args.runs, snapshot=False, act=answer_at_once
                )
                revisit = through_service_worker(browser, base + "checklist/", CHECKLIST, args.runs)
                idle = lambda page: page.wait_for_load_state("networkidle")  # noqa: E731
                scored = lambda page: page.locator(CHECKLIST).wait_for(  # noqa: E731
                    timeout=PYODIDE_TIMEOUT_MS
                )
                page_sizes = {
                    "home page": page_bytes(browser, base, idle),
                    "reading page, untouched": page_bytes(browser, question, idle),
                    "checklist page, scored": page_bytes(browser, base + "checklist/", scored),
                    "dataset page (a tool)": page_bytes(browser, base + "dataset/", idle),
                }
            finally:
                browser.close()

    print(f"site built in {build_seconds:.1f} s (snapshot included, or reused from .cache/)")
    print(f"median of {args.runs} runs, seconds from page.goto to the mark visible")
    print(f"{'':34}{'cold':>8}{'warm':>8}")
    print(row("checklist first score", checklist))
    print(row("  without the snapshot", plain))
    print(row("question page first answer", answer))
    print(row("  without the snapshot", plain_answer))
    print(row("floor (Pyodide + import json)", floor))
    ratios = {
        "checklist / floor": (checklist[0] / floor[0], checklist[1] / floor[1]),
        "  without the snapshot": (plain[0] / floor[0], plain[1] / floor[1]),
        "question page / floor": (answer[0] / floor[0], answer[1] / floor[1]),
        "  without the snapshot ": (plain_answer[0] / floor[0], plain_answer[1] / floor[1]),
    }
    for name, pair in ratios.items():
        print(row(name, pair))
    print(
        f"{'revisit via service worker':34}{revisit:8.2f}"
        f"   {revisit / floor[1]:.2f}x the warm floor, {revisit / floor[0]:.2f}x the cold floor"
    )
    print(f"snapshot: {sizes[0]:,} bytes served (gzip), {sizes[1]:,} bytes restored")
    print("bytes transferred (sum of response bodies, fresh context):")
    for name, (size, count) in page_sizes.items():
        print(f"  {name:30}{size:>12,} bytes in {count} responses")
    reading = page_sizes["reading page, untouched"][0]
    reading_verdict = "met" if reading <= READING_PAGE_BUDGET else "missed"
    print(f"goal {reading_verdict}: a reading page transfers at most 600 KB until touched")
    worst = max(*ratios["checklist / floor"], *ratios["question page / floor"])
    verdict = "met" if worst <= GOAL else "missed"
    print(f"goal {verdict}: first score (checklist, question page) at most {GOAL}x the floor")


if __name__ == "__main__":
    main()
