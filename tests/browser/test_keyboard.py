"""Keyboard, contrast and touch targets on the checklist page, measured directly (axe cannot see
focus hidden under a sticky bar or the colours of a hovered button)."""

from __future__ import annotations

from typing import Any, Literal

import pytest
from playwright.sync_api import Page, expect

from .helpers import open_checklist

pytestmark = pytest.mark.browser

# Where the focused element is, and whether something else (a sticky bar) is drawn over it.
FOCUS_STATE = """() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    const inside = r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
    const points = [[r.left + r.width / 2, r.top + 2], [r.left + r.width / 2, r.top + r.height / 2],
                    [r.left + r.width / 2, r.bottom - 2]];
    const covered = points.some(([x, y]) => {
        const hit = document.elementFromPoint(x, y);
        if (!hit) return false;
        const labels = el.labels ? [...el.labels] : [];
        const own = hit === el || el.contains(hit) || hit.contains(el);
        return !(own || labels.some((l) => l.contains(hit)));
    });
    const name = el.id || el.getAttribute("data-ftr-action") || el.textContent.trim().slice(0, 40);
    return { name, inside, covered, inContent: !!el.closest(".md-content") };
}"""

CONTRAST = """(el) => {
    const parse = (c) => c.match(/[\\d.]+/g).map(Number);
    const lum = ([r, g, b]) => {
        const f = (v) => {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let node = el, bg = null;
    while (node && node.nodeType === 1) {
        const c = parse(getComputedStyle(node).backgroundColor);
        if (c.length < 4 || c[3] > 0.99) { bg = c; break; }
        node = node.parentElement;
    }
    bg = bg || parse(getComputedStyle(document.body).backgroundColor);
    const fg = parse(getComputedStyle(el).color);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
}"""


def test_focused_controls_are_never_under_the_sticky_bars(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    open_checklist(page, site_url + "checklist/")
    page.locator("form[data-ftr-checklist] input[type=radio]").first.focus()
    page.keyboard.press("Shift+Tab")
    seen: list[dict[str, Any]] = []
    for _ in range(200):
        page.keyboard.press("Tab")
        page.wait_for_timeout(30)  # let a smooth scroll settle
        state = page.evaluate(FOCUS_STATE)
        if not state["inContent"]:
            if seen:
                break
            continue
        seen.append(state)
    hidden = [s["name"] for s in seen if s["covered"] or not s["inside"]]
    assert len(seen) > 40, "the walk should cover every statement and button"
    assert hidden == [], f"{len(hidden)} of {len(seen)} focus stops hidden: {hidden[:10]}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_button_text_contrast_on_focus_and_hover(
    page: Page, site_url: str, scheme: Literal["light", "dark"]
) -> None:
    page.emulate_media(color_scheme=scheme)
    open_checklist(page, site_url + "checklist/")
    expected = "slate" if scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    buttons = page.locator("[data-ftr-actions] .md-button")
    assert buttons.count() >= 4
    for index in range(buttons.count()):
        button = buttons.nth(index)
        name = button.inner_text()
        assert button.evaluate(CONTRAST) >= 4.5, f"{name} at rest"
        button.focus()
        page.wait_for_timeout(300)  # the theme animates the colour change
        assert button.evaluate(CONTRAST) >= 4.5, f"{name} focused"
        button.evaluate("el => el.blur()")
        button.hover()
        page.wait_for_timeout(300)
        assert button.evaluate(CONTRAST) >= 4.5, f"{name} hovered"
        page.mouse.move(0, 0)


def test_targets_are_at_least_24_px_on_a_small_screen(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_checklist(page, site_url + "checklist/")
    small = page.evaluate(
        """() => [...document.querySelectorAll(
            ".md-content :is(input:not([type=hidden]), button, select, textarea, label[for])")]
            .filter((el) => el.getClientRects().length)
            .map((el) => {
                const r = el.getBoundingClientRect();
                return [el.id || el.htmlFor || el.textContent.trim(), r.width, r.height];
            })
            .filter(([, w, h]) => w < 24 || h < 24)"""
    )
    assert small == []


def test_answered_counts_do_not_break_mid_word_on_a_small_screen(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_checklist(page, site_url + "checklist/")
    heights = page.eval_on_selector_all(
        ".ftr-bars__answered",
        """els => els.map((el) => {
            const range = document.createRange(); range.selectNodeContents(el);
            return range.getClientRects().length; })""",
    )
    assert heights and set(heights) == {1}
