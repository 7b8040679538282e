"""Every page of the built site: its requests, console errors and accessibility."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, ConsoleMessage

from .conftest import PYODIDE_TIMEOUT_MS
from .helpers import open_checklist

pytestmark = pytest.mark.browser

RUNTIME_MARKERS = ("pyodide", ".wasm", ".whl")


@dataclass
class Visit:
    kind: str
    requests: list[str] = field(default_factory=list)
    page_requests: list[str] = field(default_factory=list)  # not the service worker's
    errors: list[str] = field(default_factory=list)


def site_pages(site_dir: Path) -> dict[str, str]:
    """Each HTML page of the built site (path from the root) and its kind: "checklist", "tool"
    (another in-browser Python tool, such as the dataset checker) or "plain"."""
    pages = {}
    for html in sorted(site_dir.rglob("*.html")):
        path = html.relative_to(site_dir).as_posix().removesuffix("index.html")
        text = html.read_text(encoding="utf-8")
        kind = "checklist" if "data-ftr-checklist" in text else "plain"
        pages[path] = "tool" if "data-ftr-tool" in text else kind
    return pages


def visit(browser: Browser, url: str, kind: str) -> Visit:
    """Load one page in a fresh context; record every request (the workers' too) and error."""
    record = Visit(kind)
    context = browser.new_context()
    context.set_default_timeout(PYODIDE_TIMEOUT_MS)
    # The context sees the requests of the page and of its workers.
    # Service worker requests count here; only the runtime count below sets them aside.
    context.on("request", lambda request: record.requests.append(request.url))
    context.on(
        "request",
        lambda request: (
            None if request.service_worker else record.page_requests.append(request.url)
        ),
    )
    page = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            record.errors.append(f"console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: record.errors.append(f"pageerror: {error}"))
    if kind == "checklist":
        open_checklist(page, url)
    else:
        page.goto(url, wait_until="networkidle")
    context.close()
    return record


@pytest.fixture(scope="module")
def visits(browser: Browser, site_dir: Path, site_url: str) -> dict[str, Visit]:
    pages = site_pages(site_dir)
    assert "" in pages and "checklist/" in pages and len(pages) >= 10, pages
    return {path: visit(browser, site_url + path, kind) for path, kind in pages.items()}


def test_every_request_stays_on_the_site(visits: dict[str, Visit], site_url: str) -> None:
    # blob: URLs of the site's own origin are bytes already in the page (the worker imports
    # Pyodide's modules from the bytes it checked), not requests to another host.
    on_site = (site_url, f"blob:{site_url}")
    foreign = {
        path: [url for url in record.requests if not url.startswith(on_site)]
        for path, record in visits.items()
    }
    assert {path: urls for path, urls in foreign.items() if urls} == {}
    assert all(record.requests for record in visits.values())


def test_only_checklist_pages_load_the_python_runtime(visits: dict[str, Visit]) -> None:
    def runtime(record: Visit) -> list[str]:
        return [url for url in record.requests if any(m in url for m in RUNTIME_MARKERS)]

    assert visits[""].kind == "plain", "the home page has no Python tool"
    assert {
        path: runtime(r) for path, r in visits.items() if r.kind == "plain" and runtime(r)
    } == {}
    for path, record in visits.items():
        if record.kind == "checklist":
            wasm = [url for url in record.page_requests if url.endswith("pyodide.asm.wasm")]
            assert len(wasm) == 1, path


def test_no_console_errors_on_any_page(visits: dict[str, Visit]) -> None:
    assert {path: record.errors for path, record in visits.items() if record.errors} == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_moderate_or_worse_accessibility_violations(
    browser: Browser, site_dir: Path, site_url: str, scheme: Literal["light", "dark"]
) -> None:
    axe = Axe()
    context = browser.new_context(color_scheme=scheme)  # the palette follows the system setting
    context.set_default_timeout(PYODIDE_TIMEOUT_MS)
    page = context.new_page()
    found = {}
    try:
        for path, kind in site_pages(site_dir).items():
            if kind == "checklist":
                open_checklist(page, site_url + path)  # check the result panel too
            else:
                page.goto(site_url + path)
            expected = "slate" if scheme == "dark" else "default"
            assert page.locator("body").get_attribute("data-md-color-scheme") == expected
            violations = axe.run(page).response["violations"]
            serious = [
                f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']]}"
                for v in violations
                if v["impact"] in ("moderate", "serious", "critical")
            ]
            if serious:
                found[path] = serious
    finally:
        context.close()
    assert found == {}
