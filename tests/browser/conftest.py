"""Headless Chromium for the browser tests: Debian's package, driven by Playwright.

Playwright cannot download its own browser here, so it launches the system one. The host resolver
rule makes every name but 127.0.0.1 unresolvable, so the network audit sees only the page's own
requests and nothing can leave the machine.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from playwright.sync_api import Browser, BrowserContext

from tests.site_build import QuietHandler, build_site

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
PYODIDE_TIMEOUT_MS = 90_000


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    # Not a skip: the test command installs Chromium, and CI must run these tests.
    raise RuntimeError("no Chromium found: run 'make test' (it installs one) or set CHROMIUM")


@pytest.fixture(scope="session")
def site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The site built for, and served on, one port of 127.0.0.1.

    Material's instant navigation only takes links found in sitemap.xml, and it matches them with
    the port of ``site_url``; so the browser tests build with ``SITE_URL`` set to the served URL.
    """
    target = tmp_path_factory.mktemp("site")
    handler = functools.partial(QuietHandler, directory=str(target))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    with mock.patch.dict(os.environ, {"SITE_URL": url}):
        result = build_site(target)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield target, url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_dir(site_server: tuple[Path, str]) -> Path:
    return site_server[0]


@pytest.fixture(scope="session")
def site_url(site_server: tuple[Path, str]) -> str:
    return site_server[1]


# pytest-playwright provides playwright, browser, context and page, and keeps a failed test's
# trace when run with --tracing=retain-on-failure (as `make test` does). These settings point it at
# the system Chromium.
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": chromium_path(), "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "accept_downloads": True}


@pytest.fixture
def context(context: BrowserContext) -> BrowserContext:
    context.set_default_timeout(PYODIDE_TIMEOUT_MS)
    return context


@pytest.fixture(scope="module")
def module_context(browser: Browser) -> Iterator[BrowserContext]:
    """One context for a module's tests, so Pyodide comes from a warm HTTP cache after the first."""
    context = browser.new_context(accept_downloads=True)
    context.set_default_timeout(PYODIDE_TIMEOUT_MS)
    yield context
    context.close()
