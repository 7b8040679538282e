"""The cost page: the same result as ``python -m checker cost --format json``, the answer in words,
a chart, figures carried over in the URL, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from checker.facts import load_facts

from .conftest import PYODIDE_TIMEOUT_MS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PRICES = {
    "training_per_million": "10",
    "base_input_per_million": "2",
    "base_output_per_million": "8",
    "tuned_input_per_million": "3",
    "tuned_output_per_million": "12",
    "hosting_per_hour": "1",
}
FIELDS = {
    "#cost-training-tokens": "949000000",
    "#cost-epochs": "1",
    "#cost-requests": "24000",
    "#cost-prompt": "2000",
    "#cost-prompt-after": "200",
    "#cost-output": "100",
}


def cli_cost(prices: dict[str, str] = PRICES) -> dict[str, Any]:
    argv = ["--model", "gpt-4.1-mini", "--training-tokens", "949000000", "--epochs", "1"]
    argv += ["--requests-per-day", "24000", "--prompt-tokens", "2000"]
    argv += ["--prompt-tokens-after", "200", "--output-tokens", "100"]
    for key, value in prices.items():
        argv += ["--price", f"{key}={value}"]
    done = subprocess.run(
        [sys.executable, "-m", "checker", "cost", *argv, "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def fill(page: Page) -> None:
    for selector, value in FIELDS.items():
        page.fill(selector, value)
    for key, value in PRICES.items():
        page.fill(f"#cost-price-{key}", value)


def test_cost_page_gives_the_cli_result(page: Page, site_url: str) -> None:
    page.goto(site_url + "cost/")
    page.select_option("#cost-model", "gpt-4.1-mini")
    fill(page)
    page.click("[data-ftr-cost] button[type=submit]")
    verdict = page.locator("[data-ftr-cost-verdict]")
    expect(verdict).to_have_text(
        "Fine-tuning gpt-4.1-mini pays back after 7 months.", timeout=PYODIDE_TIMEOUT_MS
    )
    expect(verdict).to_have_attribute("data-ftr-cost-verdict", "pays-back")
    chart = page.locator("[data-ftr-cost-report] svg")
    expect(chart.locator("polyline")).to_have_count(2)
    expect(chart).to_contain_text("months from now")
    expect(chart).to_contain_text("base model, current prompt")
    with page.expect_download() as download:
        page.click("[data-ftr-cost] [data-ftr-download=json]")
    on_page = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert on_page == cli_cost()


def test_cost_page_says_when_it_never_pays_and_reports_errors(page: Page, site_url: str) -> None:
    page.goto(site_url + "cost/#training-tokens=84326&model=gpt-4o-mini")
    expect(page.locator("#cost-training-tokens")).to_have_value("84326")
    expect(page.locator("#cost-model")).to_have_value("gpt-4o-mini")
    fill(page)
    page.fill("#cost-training-tokens", "84326")
    page.fill("#cost-requests", "2400")
    page.click("[data-ftr-cost] button[type=submit]")
    expect(page.locator("[data-ftr-cost-verdict]")).to_contain_text(
        "does not pay back: hosting alone costs more than the prompt tokens it saves",
        timeout=PYODIDE_TIMEOUT_MS,
    )
    page.fill("#cost-price-hosting_per_hour", "")
    page.click("[data-ftr-cost] button[type=submit]")
    status = page.locator("[data-ftr-tool-status]")
    expect(status).to_contain_text(
        "price not known for azure/gpt-4o-mini (global deployment): pass --price"
    )
    expect(page.locator("[data-ftr-cost-report]")).to_be_hidden()


def test_stated_prices_give_a_dated_answer_without_typing_prices(page: Page, site_url: str) -> None:
    facts = load_facts()
    entry = facts.prices_of(facts.model("gpt-4.1-mini"), "global")
    assert entry is not None
    page.goto(site_url + "cost/")
    expect(page.locator("#cost-deployment")).to_have_value("global")
    page.select_option("#cost-model", "gpt-4.1-mini")
    note = page.locator("[data-ftr-cost-price-note]")
    expect(note).to_contain_text(f"prices as of {entry.as_of}, checked {entry.dated.checked}")
    for key, usd in entry.values.items():
        expect(page.locator(f"#cost-price-{key}")).to_have_attribute("placeholder", f"{usd:g}")
        expect(page.locator(f"#cost-price-{key}")).to_have_value("")
    for selector, value in FIELDS.items():
        page.fill(selector, value)
    page.click("[data-ftr-cost] button[type=submit]")
    report = page.locator("[data-ftr-cost-report]")
    expect(page.locator("[data-ftr-cost-verdict]")).to_contain_text(
        "Fine-tuning gpt-4.1-mini", timeout=PYODIDE_TIMEOUT_MS
    )
    expect(report).to_contain_text(f"prices as of {entry.as_of}, checked {entry.dated.checked}")
    assert entry.confirm is not None
    expect(report).to_contain_text(entry.confirm.url)
    with page.expect_download() as download:
        page.click("[data-ftr-cost] [data-ftr-download=json]")
    on_page = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert on_page == cli_cost(prices={})

    page.select_option("#cost-deployment", "standard")
    expect(note).to_contain_text("No price for gpt-4.1-mini (standard deployment)")
    expect(page.locator("#cost-price-training_per_million")).to_have_attribute("placeholder", "")


def test_bad_figures_in_the_link_are_ignored(page: Page, site_url: str) -> None:
    page.goto(site_url + "cost/#training-tokens=1e9<b>&model=nope")
    expect(page.locator("#cost-training-tokens")).to_have_value("1000000")
    expect(page.locator("#cost-model")).to_have_value("gpt-4.1-mini")


def test_dataset_page_links_to_the_cost_page_with_its_figures(page: Page, site_url: str) -> None:
    page.goto(site_url + "dataset/")
    page.set_input_files("#dataset-train", str(ROOT / "tests/data/datasets/sft-gsm8k-train.jsonl"))
    page.select_option("#dataset-model", "gpt-4o-mini")
    page.click("[data-ftr-dataset] button[type=submit]")
    link = page.locator("[data-ftr-cost-link]")
    expect(link).to_be_visible(timeout=PYODIDE_TIMEOUT_MS)
    report = cli_dataset()
    stats = report["stats"]
    link.click()
    per_epoch = round(stats["estimated_billed_tokens"] / stats["estimated_epochs"])
    expect(page.locator("#cost-training-tokens")).to_have_value(str(per_epoch))
    expect(page.locator("#cost-epochs")).to_have_value(str(stats["estimated_epochs"]))
    expect(page.locator("#cost-model")).to_have_value("gpt-4o-mini")


def cli_dataset() -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "checker", "validate", "tests/data/datasets/sft-gsm8k-train.jsonl",
         "--model", "gpt-4o-mini", "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(done.stdout)
    return result
