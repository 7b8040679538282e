"""Page layout a first-time visitor sees: a call to action on the home page, a helpful 404, the
comparison tool before the statistics, a readable histogram, and print with the verdict first."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import PYODIDE_TIMEOUT_MS
from .helpers import answer_sets, choose, open_checklist

pytestmark = pytest.mark.browser

DATASETS = Path(__file__).resolve().parents[2] / "tests" / "data" / "datasets"


def test_home_page_has_a_call_to_action_in_the_first_screen(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url)
    action = page.locator(".ftr-cta a[href$='checklist/']")
    expect(action).to_be_in_viewport()


def test_home_page_offers_every_tool_in_its_first_screen(
    page: Page, site_url: str, site_dir: Path
) -> None:
    tools = ["checklist/"] + [
        html.parent.relative_to(site_dir).as_posix() + "/"
        for html in sorted(site_dir.rglob("index.html"))
        if 'class="ftr-tool"' in html.read_text(encoding="utf-8")
    ]
    assert {"dataset/", "compare/", "cost/"} <= set(tools)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url)
    for tool in tools:
        expect(page.locator(f".ftr-cta a[href*='{tool}']")).to_be_in_viewport()


def test_each_choice_stays_beside_its_box_on_a_phone(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "checklist/")
    apart = page.eval_on_selector_all(
        ".ftr-choices :is(input[type=radio], input[type=checkbox])",
        """inputs => inputs.filter(input => {
            const box = input.getBoundingClientRect();
            const label = input.labels[0].getBoundingClientRect();
            const middle = (r) => (r.top + r.bottom) / 2;
            const sameLine = Math.abs(middle(box) - middle(label)) < 4;
            return !(sameLine && label.left >= box.right - 1 && label.left - box.right < 16);
        }).map(input => input.id)""",
    )
    assert apart == []


def test_the_sticky_score_bar_stays_short_on_a_phone(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_checklist(page, site_url + "checklist/")
    choose(page, "all", answer_sets()["almost"])
    live = page.locator("[data-ftr-live]")
    expect(live).to_contain_text("score", timeout=10_000)
    expect(live).to_contain_text("Next move")  # in the text, for a wider screen
    box = live.bounding_box()
    assert box is not None and box["height"] <= 60, f"{box} takes too much of an 844 px screen"


def test_search_closes_when_focus_leaves_it(page: Page, site_url: str) -> None:
    # The theme does this itself today; the test keeps it so through theme upgrades.
    page.goto(site_url)
    page.keyboard.press("/")  # the theme's shortcut to the search field
    field = page.locator(".md-search__input")
    expect(field).to_be_focused()
    field.type("holdout")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    for _ in range(100):
        page.keyboard.press("Tab")
        if not page.evaluate("document.activeElement.closest('.md-search') !== null"):
            break
    expect(page.locator("input[data-md-toggle=search]")).not_to_be_checked()
    # Once the overlay has faded out, the focused link is what the reader sees at its place.
    page.wait_for_function(
        """() => {
            const r = document.activeElement.getBoundingClientRect();
            const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            return document.activeElement.contains(hit);
        }""",
        timeout=2_000,
    )


def test_file_inputs_show_a_focus_ring(page: Page, site_url: str) -> None:
    page.goto(site_url + "dataset/")
    field = page.locator("#dataset-train")
    field.focus()
    outline = field.evaluate("node => getComputedStyle(node).outlineStyle")
    assert outline not in ("none", "")


def test_404_page_helps_the_reader_on(page: Page, site_url: str) -> None:
    # GitHub Pages serves 404.html for any missing address; the test server serves it by name.
    page.goto(site_url + "404.html")
    content = page.locator(".md-content")
    expect(content.locator("h1")).to_have_text("Page not found")
    for target in ("checklist/", "dataset/", "compare/", "questions/why/"):
        link = content.locator(f"a[href$='/{target}']")
        expect(link).to_have_count(1)
        assert page.request.get(site_url + target).ok


def test_comparison_tool_comes_before_the_statistics(page: Page, site_url: str) -> None:
    page.goto(site_url + "compare/")
    tool = page.locator("[data-ftr-compare]").bounding_box()
    how = page.locator("#how").bounding_box()
    assert tool is not None and how is not None and tool["y"] < how["y"]
    expect(page.locator("#compare-paste")).to_be_visible()


def test_histogram_is_readable(page: Page, site_url: str) -> None:
    page.goto(site_url + "dataset/")
    page.set_input_files("#dataset-train", str(DATASETS / "sft-gsm8k-train.jsonl"))
    chart = page.locator("[data-ftr-dataset-report] svg.ftr-chart")
    expect(chart).to_be_visible(timeout=PYODIDE_TIMEOUT_MS)
    box = chart.bounding_box()
    assert box is not None and box["width"] >= 500
    label = chart.locator("text").first.bounding_box()
    assert label is not None and label["height"] >= 11


def test_print_puts_the_verdict_first_and_hides_screen_only_parts(
    page: Page, site_url: str
) -> None:
    open_checklist(page, site_url + "checklist/")
    choose(page, "all", answer_sets()["mix"])
    page.locator("[data-ftr-action=share]").click()
    expect(page.locator("[data-ftr-share-link]")).to_be_visible()
    page.emulate_media(media="print")
    verdict = page.locator("[data-ftr-verdict]").bounding_box()
    first_question = page.locator("form[data-ftr-checklist] fieldset").first.bounding_box()
    assert verdict is not None and first_question is not None
    assert verdict["y"] < first_question["y"]
    expect(page.locator("[data-ftr-share-link]")).to_be_hidden()
    expect(page.locator("[data-ftr-notices]")).to_be_hidden()
