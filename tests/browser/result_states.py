"""Every result state of every tool, reached as a reader reaches it: shared by the accessibility
run over each state (test_result_states.py) and the screenshot script (scripts/screenshots.py).

Each state is a function that takes a fresh page and the site's URL and leaves the page showing
that state; it waits for what the reader waits for, so a state that never appears fails there.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from .conftest import PYODIDE_TIMEOUT_MS
from .helpers import CRITERIA, STORAGE_KEY, answer_sets, open_checklist

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
TRAIN = DATA / "datasets" / "sft-gsm8k-train.jsonl"
CSV = DATA / "convert" / "csv-header" / "input.csv"
FIXABLE = DATA / "fix" / "basic"  # duplicates and an overlap with its validation file
COMPARE_RESULTS = DATA / "compare" / "pass_fail.jsonl"

State = Callable[[Page, str], None]


def _save_answers(page: Page, site_url: str, answers: dict[str, str]) -> None:
    """Answers saved in this browser, as the checklist saves them, before the page opens."""
    page.goto(site_url + "404.html")
    stored = json.dumps({"version": CRITERIA.version, "answers": answers})
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORAGE_KEY, stored])


def checklist_blank(page: Page, site_url: str) -> None:
    open_checklist(page, site_url + "checklist/")


def checklist_answered(page: Page, site_url: str) -> None:
    _save_answers(page, site_url, answer_sets()["almost"])
    open_checklist(page, site_url + "checklist/")


def checklist_shared(page: Page, site_url: str) -> None:
    """A colleague's link opened where other answers are saved: the viewing mode, compared."""
    _save_answers(page, site_url, answer_sets()["almost"])
    theirs = {"use-case-defined": "n", "rag-tried": "u", "training-examples": "1%2C200"}
    pairs = ",".join(f"{key}:{value}" for key, value in theirs.items())
    open_checklist(page, f"{site_url}checklist/#answers={CRITERIA.version};{pairs}")
    page.get_by_role("button", name="Compare").click()
    expect(page.locator("[data-ftr-shared-table]")).to_be_visible()


def question_answered(page: Page, site_url: str) -> None:
    _save_answers(page, site_url, answer_sets()["mix"])
    open_checklist(page, site_url + "questions/data/")


def _dataset(page: Page, site_url: str, train: Path, validation: Path | None, done: str) -> None:
    """Files chosen as a reader drops them: the check starts by itself."""
    page.goto(site_url + "dataset/")
    expect(page.locator("[data-ftr-dataset]")).to_have_attribute("data-ftr-ready", "true")
    if validation:
        page.set_input_files("#dataset-validation", str(validation))
    page.set_input_files("#dataset-train", str(train))
    expect(page.locator("[data-ftr-tool-status]")).to_contain_text(done, timeout=PYODIDE_TIMEOUT_MS)


def dataset_checked(page: Page, site_url: str) -> None:
    """A clean file checked where the checklist already holds a different example count: the
    evidence offers "Use" for some statements and "Replace"/"Keep" for that one."""
    _save_answers(page, site_url, {"training-examples": "500"})
    _dataset(page, site_url, TRAIN, None, "Checked")
    expect(page.locator("[data-ftr-evidence-item]").first).to_be_visible()


def dataset_converted(page: Page, site_url: str) -> None:
    _dataset(page, site_url, CSV, None, "convert it below")
    page.click("[data-ftr-repair-convert]")
    expect(page.locator("[data-ftr-repair-status]")).to_contain_text("Done")
    expect(page.locator("[data-ftr-repair]")).to_contain_text("checked again")


def dataset_fixed(page: Page, site_url: str) -> None:
    _dataset(page, site_url, FIXABLE / "train.jsonl", FIXABLE / "validation.jsonl", "Checked")
    page.click("[data-ftr-repair-fix]")
    expect(page.locator("[data-ftr-repair-status]")).to_contain_text("Done")


def compare_result(page: Page, site_url: str) -> None:
    page.goto(site_url + "compare/")
    expect(page.locator("[data-ftr-compare]")).to_have_attribute("data-ftr-ready", "true")
    page.set_input_files("#compare-results", str(COMPARE_RESULTS))
    page.click("[data-ftr-compare] button[type=submit]")
    expect(page.locator("[data-ftr-compare] svg.ftr-chart")).to_be_visible(
        timeout=PYODIDE_TIMEOUT_MS
    )


def cost_result(page: Page, site_url: str) -> None:
    page.goto(site_url + "cost/")
    expect(page.locator("[data-ftr-cost]")).to_have_attribute("data-ftr-ready", "true")
    page.click("[data-ftr-cost] button[type=submit]")
    expect(page.locator("[data-ftr-cost-report] svg.ftr-chart")).to_be_visible(
        timeout=PYODIDE_TIMEOUT_MS
    )


STATES: dict[str, State] = {
    "checklist-blank": checklist_blank,
    "checklist-answered": checklist_answered,
    "checklist-shared": checklist_shared,
    "question-answered": question_answered,
    "dataset-checked": dataset_checked,
    "dataset-converted": dataset_converted,
    "dataset-fixed": dataset_fixed,
    "compare-result": compare_result,
    "cost-result": cost_result,
}
# Where each state's result is on the page (what the screenshots frame).
RESULTS = {
    "checklist-blank": "[data-ftr-result]",
    "checklist-answered": "[data-ftr-result]",
    "checklist-shared": "[data-ftr-shared]",
    "question-answered": "[data-ftr-result]",
    "dataset-checked": "[data-ftr-dataset]",
    "dataset-converted": "[data-ftr-repair]",
    "dataset-fixed": "[data-ftr-repair]",
    "compare-result": "[data-ftr-compare-report]",
    "cost-result": "[data-ftr-cost-report]",
}
# The states that draw a chart, whose marks must stand out from the page (WCAG 1.4.11).
CHARTS = {"dataset-checked": "[data-ftr-dataset-report]", "compare-result": "[data-ftr-compare]",
          "cost-result": "[data-ftr-cost-report]"}  # fmt: skip
