"""The cost page: the same result as ``python -m checker cost --format json`` on the hand-computed
cases, the answer in words, a chart readable on a phone, the prices used with their sources,
figures carried over in the URL, field messages in the page's words, and never command-line
syntax."""

from __future__ import annotations

import json
import re
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
DATA = json.loads((ROOT / "tests" / "data" / "cost" / "cases.json").read_text("utf-8"))
CASES = {case["name"]: case for case in DATA["cases"]}
SELECTS = ("provider", "model", "baseline_model", "deployment")
CLI_SYNTAX = re.compile(r"(?<![\w-])--[a-z]|=VALUE|KEY=|facts\.toml")
# Figures of the cases that do not depend on the day the estimate is made (the horizon does).
STEADY = (
    "training_cost", "hosting_per_month", "saving_per_month", "before_per_month",
    "after_per_month", "cost_per_test_day", "requests_per_day_to_save", "one_off_cost",
    "saving_per_request", "payback_applies", "deployment", "baseline_model",
)  # fmt: skip


def prices_of(case: dict[str, Any]) -> dict[str, Any]:
    if case.get("stated_prices") or case.get("no_prices"):
        return {}
    return {**DATA["prices"], **case.get("prices", {})}


def cli_cost(case: dict[str, Any]) -> dict[str, Any]:
    argv = []
    for key, value in case["inputs"].items():
        argv += [f"--{key.replace('_', '-')}", str(value)]
    for key, value in prices_of(case).items():
        argv += ["--price", f"{key}={value}"]
    done = subprocess.run(
        [sys.executable, "-m", "checker", "cost", *argv, "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def fill(page: Page, case: dict[str, Any]) -> None:
    """The case's figures typed into the form, every other field emptied."""
    inputs = case["inputs"]
    provider = inputs.get("provider", "azure")
    for name in SELECTS:
        if name not in inputs:
            continue
        select = page.locator(f"[data-ftr-cost-form] [name={name}]")
        if name in ("model", "baseline_model"):  # the same name may be offered by two providers
            option = select.locator(f'optgroup[data-provider="{provider}"] option')
            select.select_option(
                element=option.filter(
                    has_text=re.compile(f"^{re.escape(inputs[name])}$")
                ).first.element_handle()
            )
        else:
            select.select_option(inputs[name])
    for field in page.locator("[data-ftr-cost-form] input[name]").all():
        field_name = field.get_attribute("name")
        assert field_name is not None
        if field.is_visible():
            field.fill(str(inputs.get(field_name, "")))
    for key in DATA["prices"]:
        page.fill(f"#cost-price-{key}", "")
    for key, value in prices_of(case).items():
        page.fill(f"#cost-price-{key}", str(value))


def submit(page: Page) -> None:
    page.click("[data-ftr-cost] button[type=submit]")


def downloaded_json(page: Page) -> dict[str, Any]:
    with page.expect_download() as download:
        page.click("[data-ftr-cost] [data-ftr-download=json]")
    result: dict[str, Any] = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    return result


def assert_no_cli_syntax(page: Page) -> None:
    shown = page.locator("[data-ftr-cost]").inner_text()
    assert not CLI_SYNTAX.search(shown), CLI_SYNTAX.search(shown)


@pytest.mark.parametrize(
    "name",
    [
        "pays back after 7 months",
        "caching on the prompted side moves the break-even volume tenfold",
        "teacher and student: tuned gpt-4.1-nano replaces prompted gpt-4.1, prices stated",
        "Developer deployment: a test priced per day, no payback claim",
        "one-off costs: two training runs, labelling, evaluation, teacher outputs",
    ],
)
def test_hand_computed_cases_give_the_cli_result(page: Page, site_url: str, name: str) -> None:
    case = CASES[name]
    page.goto(site_url + "cost/")
    fill(page, case)
    submit(page)
    verdict = page.locator("[data-ftr-cost-verdict]")
    expect(verdict).to_contain_text("Fine-tuning ", timeout=PYODIDE_TIMEOUT_MS)
    on_page = downloaded_json(page)
    assert on_page == cli_cost(case)
    for key in STEADY:
        if key in case["expect"]:
            assert on_page[key] == pytest.approx(case["expect"][key]), key
    expect(verdict).to_have_text(on_page["headline"])
    assert_no_cli_syntax(page)


def test_openai_asks_for_no_deployment_and_states_the_wind_down(page: Page, site_url: str) -> None:
    case = CASES["OpenAI: no hourly fee, wind-down stated, retirement in 43 days"]
    page.goto(site_url + "cost/")
    page.select_option("#cost-provider", "openai")
    expect(page.locator("#cost-deployment")).to_be_hidden()
    expect(page.locator("[name=hosting_hours_per_day]")).to_be_hidden()
    fill(page, case)
    submit(page)
    report = page.locator("[data-ftr-cost-report]")
    expect(report).to_contain_text("winding down", timeout=PYODIDE_TIMEOUT_MS)
    expect(report).to_contain_text("no hourly fee is stated")
    on_page = downloaded_json(page)
    assert on_page == cli_cost(case) and on_page["deployment"] == "none"
    assert_no_cli_syntax(page)


def test_the_answer_comes_first_with_a_price_table_and_a_phone_sized_chart(
    page: Page, site_url: str
) -> None:
    facts = load_facts()
    entry = facts.prices_of(facts.model("gpt-4.1-mini"), "global")
    assert entry is not None
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "cost/")
    note = page.locator("[data-ftr-cost-price-note]")
    expect(note).to_contain_text(f"prices as of {entry.as_of}, checked {entry.dated.checked}")
    for key, usd in entry.values.items():
        expect(page.locator(f"#cost-price-{key}")).to_have_attribute("placeholder", f"{usd:g}")
        expect(page.locator(f"#cost-price-{key}")).to_have_value("")
    submit(page)
    report = page.locator("[data-ftr-cost-report]")
    expect(report.locator("> :first-child")).to_have_attribute(
        "data-ftr-cost-verdict", re.compile("."), timeout=PYODIDE_TIMEOUT_MS
    )
    expect(report.locator("table.ftr-cost__prices")).to_contain_text("Training (gpt-4.1-mini)")
    source = report.locator(".ftr-cost__source")
    expect(source).to_contain_text(f"prices as of {entry.as_of}, checked {entry.dated.checked}")
    expect(source.locator(f'a[href="{entry.dated.source.url}"]')).to_be_visible()
    label = report.locator("svg text.ftr-chart__label").first
    height = label.evaluate("node => node.getBoundingClientRect().height")
    assert height >= 9, f"chart labels are {height:.1f} px high on a 390 px screen"
    assert_no_cli_syntax(page)

    page.select_option("#cost-deployment", "standard")
    expect(note).to_contain_text("No price for gpt-4.1-mini (standard deployment)")
    expect(page.locator("#cost-price-training_per_million")).to_have_attribute("placeholder", "")


def test_a_model_without_stated_prices_says_so_and_asks_in_page_words(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "cost/#training-tokens=84326&model=gpt-4o-mini")
    expect(page.locator("#cost-training-tokens")).to_have_value("84326")
    expect(page.locator("#cost-model")).to_have_value("gpt-4o-mini")
    expect(page.locator("[data-ftr-cost-price-note]")).to_contain_text(
        "No price for gpt-4o-mini (global deployment) is stated"
    )
    submit(page)
    status = page.locator("[data-ftr-tool-status]")
    expect(status).to_contain_text(
        "price not known for azure/gpt-4o-mini (global deployment): type the 6 fields marked below",
        timeout=PYODIDE_TIMEOUT_MS,
    )
    message = page.locator("[data-ftr-cost-field-message]")
    expect(message).to_have_count(1)
    for key in ("training_per_million", "hosting_per_hour"):
        expect(page.locator(f"#cost-price-{key}")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-ftr-cost-report]")).to_be_hidden()
    page.fill("#cost-requests-per-day", "1e308")
    submit(page)
    expect(status).to_contain_text("requests a day: 1e308 is outside 0 to 1,000,000,000")
    expect(page.locator("#cost-requests-per-day")).to_have_attribute("aria-invalid", "true")
    assert_no_cli_syntax(page)


def test_bad_figures_in_the_link_are_ignored(page: Page, site_url: str) -> None:
    page.goto(site_url + "cost/#training-tokens=1e9<b>&model=nope")
    expect(page.locator("#cost-training-tokens")).to_have_value("1000000")
    expect(page.locator("#cost-model")).to_have_value("gpt-4.1-mini")


def test_dataset_page_links_to_the_cost_page_with_its_figures(page: Page, site_url: str) -> None:
    page.goto(site_url + "dataset/")
    page.set_input_files("#dataset-train", str(ROOT / "tests/data/datasets/sft-gsm8k-train.jsonl"))
    page.select_option("#dataset-model", "gpt-4o-mini")
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
