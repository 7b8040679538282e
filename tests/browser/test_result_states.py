"""Every tool's result state, in both palettes: no serious or critical axe finding, and chart
marks that stand out from the page by at least 3:1 (WCAG 1.4.11, which axe does not measure)."""

from __future__ import annotations

from typing import Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from .conftest import PYODIDE_TIMEOUT_MS
from .result_states import CHARTS, STATES

pytestmark = pytest.mark.browser

# The contrast of each drawn mark (bars, lines, points) against the page background.
MARK_CONTRAST = """(root) => {
    const parse = (c) => c.match(/[\\d.]+/g).map(Number);
    const lum = ([r, g, b]) => {
        const f = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (x, y) => {
        const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p);
        return (a + 0.05) / (b + 0.05);
    };
    const page = parse(getComputedStyle(document.body).backgroundColor);
    const blend = (c, alpha) => c.slice(0, 3).map((v, i) => v * alpha + page[i] * (1 - alpha));
    const marks = root.querySelectorAll("svg.ftr-chart :is(rect, circle, path, polyline, line)"
        + ":not([class*=grid]):not([class*=zero])");
    return [...marks].map((mark) => {
        const style = getComputedStyle(mark);
        const stroked = ["line", "polyline"].includes(mark.tagName) || style.fill === "none";
        const paint = stroked ? style.stroke : style.fill;
        if (!paint || paint === "none" || !paint.startsWith("rgb")) return null;
        const c = parse(paint);
        const alpha = (c.length > 3 ? c[3] : 1) * Number(style.opacity);
        const name = mark.getAttribute("class") || mark.tagName;
        return { mark: name, ratio: ratio(blend(c, alpha), page) };
    }).filter(Boolean);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", sorted(STATES))
def test_result_state_is_accessible(
    browser: Browser, site_url: str, state: str, scheme: Literal["light", "dark"]
) -> None:
    context = browser.new_context(color_scheme=scheme)
    context.set_default_timeout(PYODIDE_TIMEOUT_MS)
    page = context.new_page()
    try:
        STATES[state](page, site_url)
        violations = Axe().run(page).response["violations"]
        serious = [
            f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']][:5]}"
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == []
        if state in CHARTS:
            marks = page.locator(CHARTS[state]).evaluate(MARK_CONTRAST)
            assert marks, "the chart should draw marks"
            faint = {m["mark"]: round(m["ratio"], 2) for m in marks if m["ratio"] < 3}
            assert faint == {}
    finally:
        context.close()


@pytest.mark.parametrize("state", sorted(CHARTS))
def test_chart_labels_are_readable_on_a_phone(browser: Browser, site_url: str, state: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(PYODIDE_TIMEOUT_MS)
    page = context.new_page()
    try:
        STATES[state](page, site_url)
        heights = page.locator(CHARTS[state]).evaluate(
            """root => [...root.querySelectorAll("svg.ftr-chart text")]
                .map(text => text.getBoundingClientRect().height)"""
        )
        assert heights and min(heights) >= 9, f"labels {min(heights):.1f} px high"
    finally:
        context.close()


# A box whose label follows it should have the label's first line beside it, not under it.
# Only the page's content: the theme's palette switch is a zero-size radio in the header.
APART = """() => [...document.querySelectorAll(
        ".md-content input[type=checkbox], .md-content input[type=radio]")]
    .filter((input) => input.labels && input.labels.length && input.checkVisibility())
    .filter((input) => {
        const label = input.labels[0];
        const after = input.compareDocumentPosition(label) & Node.DOCUMENT_POSITION_FOLLOWING;
        if (!after) return false;
        const box = input.getBoundingClientRect();
        const first = label.getClientRects()[0];
        return !first || first.left < box.right - 1 || first.top > box.bottom;
    })
    .map((input) => input.id)"""


@pytest.mark.parametrize("state", sorted(STATES))
def test_boxes_keep_their_labels_beside_them_on_a_phone(
    browser: Browser, site_url: str, state: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(PYODIDE_TIMEOUT_MS)
    page = context.new_page()
    try:
        STATES[state](page, site_url)
        assert page.evaluate(APART) == []
    finally:
        context.close()
