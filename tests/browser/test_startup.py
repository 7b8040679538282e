"""How Python starts: from the build's memory snapshot, plainly when the snapshot cannot serve,
never from a runtime file that does not match runtime.json; what is shown before it is ready;
and what one visit keeps, so the runtime is downloaded once and every tool works offline."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import time
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Request, Route, expect

from .conftest import PYODIDE_TIMEOUT_MS
from .helpers import CRITERIA, choose, cli_assess, expect_result, open_checklist

pytestmark = pytest.mark.browser

DATASET = Path(__file__).resolve().parents[1] / "data" / "datasets" / "sft-gsm8k-train.jsonl"
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)


def sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def first_score_matches_the_cli(page: Page) -> None:
    answers = {item.id: "no" for item in CRITERIA.scored_items()[:2]}
    choose(page, "all", answers)
    expected = cli_assess(answers)
    expect_result(page, expected["verdict"], expected["score"])
    expect(page.locator("[data-ftr-result]")).not_to_have_class("ftr-result--error")


def test_the_checklist_starts_from_the_snapshot(page: Page, site_url: str) -> None:
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    open_checklist(page, site_url + "checklist/")
    assert any(url.endswith(".snapshot.gz") for url in asked), asked
    # The snapshot carries the checker's files: the wheel is not downloaded at all.
    assert not any(url.endswith(".whl") for url in asked), asked
    first_score_matches_the_cli(page)


def _broken_snapshot() -> bytes:
    """A snapshot that passes its hash but is no Python heap: the restore itself fails."""
    header = json.dumps({"heap": 4096, "files": []}).encode()
    return gzip.compress(len(header).to_bytes(4, "little") + header + bytes(range(256)) * 16)


@pytest.mark.parametrize("how", ["missing", "altered", "does not load"])
def test_without_a_usable_snapshot_python_starts_plainly_and_quietly(
    page: Page, site_url: str, how: str
) -> None:
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    if how == "missing":
        page.route("**/*.snapshot.gz", lambda route: route.fulfill(status=404, body="gone"))
    elif how == "altered":

        def altered(route: Route) -> None:
            body = route.fetch().body()
            route.fulfill(status=200, body=body[:-1] + bytes([body[-1] ^ 1]))

        page.route("**/*.snapshot.gz", altered)
    else:
        broken = _broken_snapshot()

        def manifest(route: Route) -> None:
            data = json.loads(route.fetch().text())
            data["snapshotIntegrity"] = sri(broken)
            route.fulfill(status=200, json=data)

        page.route("**/assets/runtime.json", manifest)
        page.route("**/*.snapshot.gz", lambda route: route.fulfill(status=200, body=broken))
    open_checklist(page, site_url + "checklist/")
    assert any(url.endswith(".whl") for url in asked), "the plain start needs the wheel"
    first_score_matches_the_cli(page)
    status = page.locator("[data-ftr-status]")
    expect(status).not_to_contain_text("snapshot")
    expect(status).not_to_contain_text("could not")


@pytest.mark.parametrize("name", PYODIDE_FILES)
def test_a_tampered_runtime_file_stops_the_checker_with_a_clear_message(
    page: Page, site_url: str, name: str
) -> None:
    def tampered(route: Route) -> None:
        route.fulfill(status=200, body=route.fetch().body() + b"\n// appended\n")

    page.route(f"**/pyodide/{name}", tampered)
    page.goto(site_url + "checklist/")
    status = page.locator("[data-ftr-status]")
    expect(status).to_contain_text("could not start", timeout=PYODIDE_TIMEOUT_MS)
    expect(status).to_contain_text(f"{name} did not match runtime.json")
    expect(page.locator("[data-ftr-verdict]")).to_have_count(0)


def test_counts_and_what_is_missing_show_before_python(page: Page, site_url: str) -> None:
    # Python never starts here, yet the counts and the list come from the checklist's markup.
    page.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="no"))
    page.goto(site_url + "checklist/")
    items = CRITERIA.items()
    required = [item for item in items if item.required]
    tally = page.locator("[data-ftr-tally]")
    expect(tally).to_contain_text(f"0 of {len(items)} statements answered")
    expect(tally).to_contain_text(f"{len(required)} of {len(required)} required")
    missing = tally.locator("[data-ftr-missing-item]")
    expect(missing).to_have_count(len(required))
    assert missing.evaluate_all("(nodes) => nodes.map((n) => n.dataset.ftrMissingItem)") == [
        item.id for item in required
    ]
    expect(missing.first.locator("a")).to_have_attribute("href", f"#{required[0].id}")
    expect(missing.first).to_contain_text(required[0].statement)

    choose(page, "all", {required[0].id: "unsure"})
    expect(tally).to_contain_text(f"1 of {len(items)} statements answered")
    expect(tally).to_contain_text(f"{len(required) - 1} of {len(required)} required")
    expect(missing).to_have_count(len(required) - 1)


def test_a_reading_page_starts_python_when_its_checklist_comes_into_view(
    page: Page, site_url: str
) -> None:
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(site_url + "questions/why/")
    page.wait_for_load_state("networkidle")
    assert not any("/pyodide/" in url for url in asked), "Python started before it was needed"
    page.locator("form[data-ftr-checklist]").scroll_into_view_if_needed()
    # No click: the score appears because the checklist was seen.
    expect(page.locator("[data-ftr-question-result]")).to_be_visible(timeout=PYODIDE_TIMEOUT_MS)


KEPT = """async ([runtime, pages]) => {
    if (!navigator.serviceWorker.controller) return false;
    for (const path of [...runtime, ...pages]) {
        if (!(await caches.match(new URL(path, location.href)))) return false;
    }
    return true;
}"""


def wait_until_kept(page: Page, site_dir: Path, pages: list[str]) -> None:
    runtime = sorted(
        "/" + path.relative_to(site_dir).as_posix()
        for folder in ("pyodide", "snapshot", "vocabulary")
        for path in (site_dir / folder).iterdir()
        if folder != "pyodide" or path.name in PYODIDE_FILES
    )
    deadline = time.monotonic() + PYODIDE_TIMEOUT_MS / 1000
    while not page.evaluate(KEPT, [runtime, pages]):
        assert time.monotonic() < deadline, "the service worker did not keep the site"
        page.wait_for_timeout(300)


def test_a_first_visit_downloads_the_runtime_once(
    context: BrowserContext, site_url: str, site_dir: Path
) -> None:
    downloads: list[str] = []

    def count(request: Request) -> None:  # the page, its workers and the service worker
        if request.url.endswith(("pyodide.asm.wasm", ".snapshot.gz", "python_stdlib.zip")):
            downloads.append(request.url)

    context.on("request", count)
    page = context.new_page()
    open_checklist(page, site_url + "checklist/")
    wait_until_kept(page, site_dir, ["/checklist/", "/dataset/", "/sitemap.xml"])
    assert sorted(url.rsplit("/", 1)[1].split("-")[0] for url in downloads) == [
        "checker",
        "pyodide.asm.wasm",
        "python_stdlib.zip",
    ], downloads

    # A return visit takes every runtime file from what the first one kept.
    downloads.clear()
    open_checklist(context.new_page(), site_url + "checklist/")
    assert downloads == []


def test_after_one_visit_the_dataset_checker_works_offline(
    context: BrowserContext, site_url: str, site_dir: Path
) -> None:
    page = context.new_page()
    open_checklist(page, site_url + "checklist/")
    wait_until_kept(page, site_dir, ["/dataset/", "/compare/", "/cost/"])
    context.set_offline(True)
    try:
        page.goto(site_url + "dataset/")
        page.set_input_files("#dataset-train", str(DATASET))
        status = page.locator("[data-ftr-tool-status]")
        expect(status).to_contain_text("Checked", timeout=PYODIDE_TIMEOUT_MS)
        expect(page.locator("[data-ftr-dataset-report]")).to_be_visible()
    finally:
        context.set_offline(False)
