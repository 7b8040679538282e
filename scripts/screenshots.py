"""Screenshots of every tool's result state at 390 px and 1280 px, light and dark, for review.

    .venv/bin/python scripts/screenshots.py --out shots/

Builds the site, serves it on 127.0.0.1 and drives the system Chromium through the states in
tests/browser/result_states.py (the same states the accessibility test runs). For each, two PNGs:
<state>-<width>-<scheme>-result.png (the result, whole) and -screen.png (the screen the reader sees
with the result's start at the top: what sticky bars and the layout leave of it).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from unittest import mock

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_FLAGS, PYODIDE_TIMEOUT_MS, chromium_path  # noqa: E402
from tests.browser.result_states import RESULTS, STATES  # noqa: E402
from tests.site_build import build_site, serve  # noqa: E402

WIDTHS = {390: 844, 1280: 800}
SCHEMES = ("light", "dark")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    parser.add_argument("--state", action="append", choices=sorted(STATES), help="only these")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, serve(Path(folder)) as url:
        with mock.patch.dict(os.environ, {"SITE_URL": url}):
            built = build_site(Path(folder))
        if built.returncode:
            print(built.stderr, file=sys.stderr)
            return 1
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_FLAGS
            )
            for name in args.state or sorted(STATES):
                for width, height in WIDTHS.items():
                    for scheme in SCHEMES:
                        context = browser.new_context(
                            viewport={"width": width, "height": height}, color_scheme=scheme
                        )
                        context.set_default_timeout(PYODIDE_TIMEOUT_MS)
                        page = context.new_page()
                        STATES[name](page, url)
                        result = page.locator(RESULTS[name])
                        stem = args.out / f"{name}-{width}-{scheme}"
                        result.screenshot(path=f"{stem}-result.png")
                        result.evaluate("node => node.scrollIntoView()")
                        page.screenshot(path=f"{stem}-screen.png")
                        print(stem)
                        context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
