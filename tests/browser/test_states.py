"""States a first-time visitor meets on the tools and the checklist: nothing stale stays on screen
after a new run, a change, a cancel or an error; two dropped files are both used; a paste box;
Reset asks, says what it clears and can be undone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import PYODIDE_TIMEOUT_MS
from .helpers import (
    CRITERIA,
    checked_answers,
    choose,
    cli_assess,
    expect_result,
    open_checklist,
    stored,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
DATASETS = DATA / "datasets"


def big_dataset(folder: Path) -> Path:
    line = json.dumps(
        {
            "messages": [
                {"role": "user", "content": "hi " * 40},
                {"role": "assistant", "content": "ok"},
            ]
        }
    )
    path = folder / "big.jsonl"
    path.write_text((line + "\n") * 150_000, encoding="utf-8")
    return path


def drop_files(page: Page, zone: str, files: dict[str, str]) -> None:
    """Drop files (name -> text) on a drop zone, as a drag from the desktop does, once the tool
    listens (its script is loaded after the page, data-ftr-ready)."""
    expect(page.locator(f"[data-ftr-ready] {zone.split()[-1]}").first).to_be_attached()
    page.evaluate(
        """([zone, files]) => {
            const transfer = new DataTransfer();
            for (const [name, text] of Object.entries(files)) {
                transfer.items.add(new File([text], name, { type: "application/jsonl" }));
            }
            document.querySelector(zone).dispatchEvent(
                new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }""",
        [zone, files],
    )


def test_dataset_page_never_shows_a_stale_report(page: Page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + "dataset/")
    report = page.locator("[data-ftr-dataset-report]")
    buttons = page.locator("[data-ftr-dataset] [data-ftr-tool-actions]")
    status = page.locator("[data-ftr-dataset] [data-ftr-tool-status]")
    page.set_input_files("#dataset-train", str(DATASETS / "sft-gsm8k-train.jsonl"))
    expect(status).to_contain_text("Checked", timeout=PYODIDE_TIMEOUT_MS)
    expect(page.locator("[data-ftr-dataset-verdict]")).to_be_visible()
    expect(buttons).to_be_visible()
    assert "`" not in report.inner_text(), "Markdown backticks shown as text"

    # Choosing another file takes the old report and its buttons away at once and checks the
    # new one, from 0%, not from the last run's 100%.
    rates: list[str] = []
    page.expose_function("ftrRate", lambda text: rates.append(text))
    page.evaluate(
        """() => {
            const rate = document.querySelector("[data-ftr-dataset-rate]");
            new MutationObserver(() => window.ftrRate(rate.textContent))
                .observe(rate, { childList: true, characterData: true, subtree: true });
        }"""
    )
    page.set_input_files("#dataset-train", str(big_dataset(tmp_path)))
    expect(report).to_be_hidden()
    expect(buttons).to_be_hidden()
    expect(page.locator("[data-ftr-dataset-rate]")).to_contain_text("examples/s")
    assert page.locator("[data-ftr-dataset-progress] progress").evaluate("p => p.value") < 100
    page.click("[data-ftr-cancel]")
    expect(status).to_have_text("Cancelled. Nothing was kept.")
    expect(report).to_be_hidden()
    expect(buttons).to_be_hidden()
    expect(page.locator("[data-ftr-dataset-progress]")).to_be_hidden()
    assert rates and not rates[0].startswith("100%"), rates[:3]


def test_two_files_dropped_on_the_training_zone_are_both_used(page: Page, site_url: str) -> None:
    train = (DATASETS / "sft-gsm8k-train.jsonl").read_text(encoding="utf-8")
    validation = (DATASETS / "sft-gsm8k-validation.jsonl").read_text(encoding="utf-8")
    page.goto(site_url + "dataset/")
    # The validation file comes first in the drop; its name says what it is.
    drop_files(
        page,
        "[data-ftr-dataset] .ftr-drop",
        {"gsm8k-validation.jsonl": validation, "gsm8k-train.jsonl": train},
    )
    status = page.locator("[data-ftr-dataset] [data-ftr-tool-status]")
    expect(status).to_contain_text("2 files dropped")
    expect(status).to_contain_text("gsm8k-train.jsonl as the training file")
    expect(status).to_contain_text("gsm8k-validation.jsonl as the validation file")
    names = page.evaluate(
        """() => ["train", "validation"].map(
            (role) => document.querySelector(`input[data-role=${role}]`).files[0]?.name)"""
    )
    assert names == ["gsm8k-train.jsonl", "gsm8k-validation.jsonl"]
    # The drop starts one check of both files; what went where is still said when it is done.
    expect(status).to_contain_text("Checked", timeout=PYODIDE_TIMEOUT_MS)
    expect(status).to_contain_text("gsm8k-train.jsonl as the training file")
    expect(
        page.locator("[data-ftr-dataset-report] .ftr-summary:not([data-ftr-distribution])")
    ).to_contain_text("validation (gsm8k-validation.jsonl)")


def test_comparison_paste_box_and_a_failing_run_clear_the_old_result(
    page: Page, site_url: str
) -> None:
    results = DATA / "compare" / "pass_fail.jsonl"
    page.goto(site_url + "compare/")
    page.fill("#compare-paste", results.read_text(encoding="utf-8"))
    page.click("[data-ftr-compare] button[type=submit]")
    verdict = page.locator("[data-ftr-compare-verdict]")
    expect(verdict).to_be_visible(timeout=PYODIDE_TIMEOUT_MS)
    # The verdict is Python's sentence, as the command line prints it.
    done = json.loads(
        page.evaluate(
            """async (text) => {
                const { call } = await import("/assets/js/worker-client.js");
                const request = JSON.stringify({ results: { name: "p", text } });
                const reply = await call("compare_files", request);
                return JSON.stringify(reply.view);
            }""",
            results.read_text(encoding="utf-8"),
        )
    )
    expect(verdict).to_have_text(done["verdict"])
    chart = page.locator("[data-ftr-compare-report] figure")
    expect(chart.locator(".ftr-legend li")).to_have_count(4)
    ticks = chart.locator(".ftr-chart__tick").all_text_contents()
    assert ticks[:6] == ["0%", "20%", "40%", "60%", "80%", "100%"]  # round, from zero
    # Issue 25: one name per model, the p-value in words beside its number, the items needed.
    report = page.locator("[data-ftr-compare-report]")
    assert "candidate" not in report.inner_text().lower()
    expect(report.locator(".ftr-chart__label")).to_have_text(
        ["Baseline", "Fine-tuned", "Difference"]
    )
    expect(report.locator("tr", has_text="Chance")).to_contain_text(
        "Quite possible: if both models were equally good"
    )
    expect(report.locator("tr", has_text="Chance")).to_contain_text("(p = 0.1094, exact McNemar")
    expect(report.locator("tr", has_text="Items to detect this difference")).to_contain_text(
        "about 88 "
    )
    overlaps = page.evaluate(
        """() => {
            const rects = (selector) => [...document.querySelectorAll(selector)]
                .map((node) => node.getBoundingClientRect());
            const meet = (a, b) =>
                a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
            const boxes = rects(".ftr-chart text");
            let count = 0;
            boxes.forEach((a, i) => {
                for (const b of boxes.slice(i + 1)) if (meet(a, b)) count += 1;
            });
            for (const a of rects(".ftr-chart__value")) {
                for (const b of rects(".ftr-chart__whisker")) if (meet(a, b)) count += 1;
            }
            return count;
        }"""
    )
    assert overlaps == 0

    page.fill("#compare-paste", '{"id": "a", "baseline": true}\n')
    expect(verdict).to_have_count(0)  # editing the input already removes the old result
    page.click("[data-ftr-compare] button[type=submit]")
    expect(page.locator("[data-ftr-compare] [data-ftr-tool-status]")).to_contain_text(
        "Cannot compare: "
    )
    expect(page.locator("[data-ftr-compare-report]")).to_be_hidden()
    expect(page.locator("[data-ftr-compare] [data-ftr-tool-actions]")).to_be_hidden()


def test_a_better_comparison_says_so_plainly(page: Page, site_url: str) -> None:
    """Issue 25: a "better" result is a plain sentence with both scores, and the page's chart
    ticks are round numbers from zero."""
    page.goto(site_url + "compare/")
    expect(page.locator("[data-ftr-compare]")).to_have_attribute("data-ftr-ready", "true")
    page.set_input_files("#compare-results", str(DATA / "compare" / "scores.csv"))
    page.click("[data-ftr-compare] button[type=submit]")
    verdict = page.locator("[data-ftr-compare-verdict]")
    expect(verdict).to_have_attribute(
        "data-ftr-compare-verdict", "better", timeout=PYODIDE_TIMEOUT_MS
    )
    expect(verdict).to_have_text(
        "The fine-tuned model is better than the baseline: 0.54 against 0.44 on 12 items (+0.1), "
        "a gap unlikely to be chance."
    )
    ticks = page.locator("[data-ftr-compare-report] .ftr-chart__tick").all_text_contents()
    assert ticks[:5] == ["0", "0.2", "0.4", "0.6", "0.8"]
    expect(page.locator("[data-ftr-compare-report] tr", has_text="Chance")).to_contain_text(
        "Very unlikely: "
    )


def test_reset_asks_says_what_it_clears_and_can_be_undone(page: Page, site_url: str) -> None:
    answers = {item.id: "yes" for item in CRITERIA.scored_items()[:3]}
    open_checklist(page, site_url + "checklist/")
    choose(page, "all", answers)
    expected = cli_assess(answers)
    expect_result(page, expected["verdict"], expected["score"])

    page.click("[data-ftr-action=reset]")
    expect(page.locator(".ftr-reset")).to_contain_text("Clear all 3 answers?")
    expect(page.locator("[data-ftr-reset-keep]")).to_be_focused()
    page.click("[data-ftr-reset-keep]")
    expect(page.locator(".ftr-reset")).to_have_count(0)
    assert checked_answers(page) == answers

    page.click("[data-ftr-action=reset]")
    page.click("[data-ftr-reset-confirm]")
    blank = cli_assess({})
    expect_result(page, blank["verdict"], blank["score"])
    assert checked_answers(page) == {} and stored(page) is None
    expect(page.locator("[data-ftr-reset-done]")).to_have_text("Your 3 answers were cleared.")
    page.click("[data-ftr-reset-undo]")
    expect_result(page, expected["verdict"], expected["score"])
    assert checked_answers(page) == answers
    assert stored(page)["answers"] == answers

    page.click("[data-ftr-action=reset]")
    page.click("[data-ftr-reset-confirm]")
    expect(page.locator("[data-ftr-reset-done]")).to_be_visible()
    first = CRITERIA.scored_items()[0].id
    page.locator(f"#all--{first}--no").check()
    expect(page.locator(".ftr-reset")).to_have_count(0)


def test_reset_on_a_question_page_clears_only_that_question(page: Page, site_url: str) -> None:
    question = CRITERIA.questions[0]
    other = CRITERIA.questions[1]
    mine = {item.id: "yes" for item in question.items[:2]}
    theirs = {other.items[0].id: "no"}
    page.goto(site_url + "checklist/")
    page.evaluate(
        "(value) => localStorage.setItem('ftr:answers', value)",
        json.dumps({"version": CRITERIA.version, "answers": {**mine, **theirs}}),
    )
    page.goto(site_url + question.page.removesuffix(".md") + "/")
    assert checked_answers(page, question.id) == mine
    page.click("[data-ftr-action=reset]")
    box = page.locator(".ftr-reset")
    expect(box).to_contain_text("Clear your 2 answers to this question?")
    expect(box).to_contain_text("Your 1 answer to other questions stay")
    page.click("[data-ftr-reset-confirm]")
    assert checked_answers(page, question.id) == {}
    expect(page.locator("[data-ftr-reset-done]")).to_be_visible()
    assert stored(page)["answers"] == theirs
