"""The prices facts.toml states: break-even cases worked out by hand from those prices (read from
the facts here, never re-typed), the dated source printed with every answer, overrides, the plain
question when a price is not stated, and the loader's checks of a [[prices]] entry."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from typing import Any

import pytest

from checker.cost import (
    DAYS_PER_MONTH,
    HOURS_PER_MONTH,
    CostInputs,
    estimate_cost,
    price_fields,
    stated_prices,
)
from checker.facts import PRICE_KEYS, FactsError, ModelPrice, load_facts, parse_facts
from tests.checker.cli_run import assert_refused, run
from tests.checker.test_facts import GOOD

FACTS = load_facts()


def inputs(**given: Any) -> CostInputs:
    """A request of 3,000 prompt tokens (300 once fine-tuned) and 200 output tokens."""
    return CostInputs(prompt_tokens=3000, prompt_tokens_after=300, output_tokens=200, **given)


def stated(model: str, deployment: str) -> ModelPrice:
    entry = FACTS.prices_of(FACTS.model(model), deployment)
    assert entry is not None, (model, deployment)
    return entry


def by_hand(entry: ModelPrice, requests: float, training: float) -> tuple[float, float]:
    """(monthly saving, months to break even) worked out from the stated prices."""
    p = entry.values
    before = (3000 * p["base_input_per_million"] + 200 * p["base_output_per_million"]) / 1e6
    after = (300 * p["tuned_input_per_million"] + 200 * p["tuned_output_per_million"]) / 1e6
    hosting = p.get("hosting_per_hour", 0.0) * HOURS_PER_MONTH
    saving = (before - after) * requests * DAYS_PER_MONTH - hosting
    return saving, training / saving if saving > 0 else math.inf


def test_every_stated_price_is_dated_and_a_secondary_one_says_where_to_confirm() -> None:
    assert FACTS.prices, "facts.toml states no price"
    for entry in FACTS.prices:
        assert set(entry.values) <= set(PRICE_KEYS)
        assert entry.dated.checked and entry.dated.source.url.startswith("https://")
        if entry.secondary:
            assert entry.as_of is not None and entry.as_of <= entry.dated.checked
            assert entry.confirm is not None and entry.confirm.url.startswith("https://")


@pytest.mark.parametrize("model", ["gpt-4.1-mini", "gpt-4.1", "gpt-4.1-nano"])
def test_global_break_even_by_hand_from_the_stated_prices(model: str) -> None:
    entry = stated(model, "global")
    requests, tokens, epochs = 200_000, 2_000_000, 2
    training = tokens * epochs * entry.values["training_per_million"] / 1e6
    saving, months = by_hand(entry, requests, training)
    result = estimate_cost(
        inputs(model=model, requests_per_day=requests, training_tokens=tokens, epochs=epochs)
    )  # fmt: skip
    assert result.deployment == "global"
    assert result.training_cost == pytest.approx(training)
    assert result.saving_per_month == pytest.approx(saving)
    assert result.hosting_per_month == pytest.approx(entry.values["hosting_per_hour"] * 730)
    assert result.pays_back and result.break_even_months == pytest.approx(months)
    assert all(p.origin.startswith("facts.toml") and p.secondary for p in result.prices)


def test_low_volume_never_pays_back_and_names_the_volume_that_would() -> None:
    entry = stated("gpt-4.1-mini", "global")
    saving, _ = by_hand(entry, 1000, 0.0)
    assert saving < 0  # at 1,000 requests a day the hourly fee outweighs the prompt saving
    given = inputs(model="gpt-4.1-mini", requests_per_day=1000, training_tokens=10**6, epochs=1)
    result = estimate_cost(given)
    assert not result.pays_back and result.break_even_months is None
    p = entry.values
    per_request = (2700 * p["base_input_per_million"]) / 1e6
    volume = p["hosting_per_hour"] * HOURS_PER_MONTH / (per_request * DAYS_PER_MONTH)
    assert result.requests_per_day_to_save == pytest.approx(volume)
    assert "hosting alone costs more" in result.reason


def test_developer_deployment_is_a_test_priced_per_day_from_its_stated_prices() -> None:
    entry = stated("gpt-4.1-mini", "developer")
    assert "hosting_per_hour" not in entry.values
    given = inputs(model="gpt-4.1-mini", requests_per_day=1000, training_tokens=10**6, epochs=3)
    result = estimate_cost(replace(given, deployment="developer"))
    p = entry.values
    per_request = (300 * p["tuned_input_per_million"] + 200 * p["tuned_output_per_million"]) / 1e6
    assert result.hosting_per_month == 0 and not result.payback_applies
    assert result.training_cost == pytest.approx(3 * p["training_per_million"])
    assert result.cost_per_test_day == pytest.approx(1000 * per_request)
    assert not result.pays_back and result.break_even_months is None


def test_reinforcement_fine_tuning_is_billed_by_the_stated_hourly_price() -> None:
    entry = stated("o4-mini", "global")
    result = estimate_cost(inputs(model="o4-mini", requests_per_day=200_000, training_hours=4))
    training = 4 * entry.values["training_per_hour"]
    _, months = by_hand(entry, 200_000, training)
    assert result.training_cost == pytest.approx(training)
    assert result.break_even_months == pytest.approx(months)


def test_cli_prints_each_price_with_its_dated_source_and_a_price_overrides() -> None:
    entry = stated("gpt-4.1-mini", "global")
    argv = ["cost", "--model", "gpt-4.1-mini", "--training-tokens", "1000000",
            "--requests-per-day", "200000", "--prompt-tokens", "3000",
            "--prompt-tokens-after", "300", "--output-tokens", "200"]  # fmt: skip
    ran = run(argv)
    assert ran.code == 0, ran.err
    assert f"prices as of {entry.as_of}, checked {entry.dated.checked}" in ran.out
    assert entry.dated.source.title in ran.out
    assert entry.confirm is not None and entry.confirm.url in ran.out
    for key in ("training_per_million", "base_input_per_million", "tuned_output_per_million"):
        assert f"{key} = {entry.values[key]:g} " in ran.out

    ran = run([*argv, "--price", "hosting_per_hour=3", "--format", "json"])
    assert ran.code == 0, ran.err
    used = {p["key"]: p for p in json.loads(ran.out)["prices"]}
    assert used["hosting_per_hour"]["usd"] == 3 and used["hosting_per_hour"]["origin"] == "given"
    assert used["training_per_million"]["as_of"] == str(entry.as_of)
    assert used["training_per_million"]["secondary"] is True


def test_markdown_report_names_the_source_and_dates() -> None:
    entry = stated("gpt-4.1-mini", "global")
    ran = run(["cost", "--model", "gpt-4.1-mini", "--training-tokens", "1000", "--format",
               "markdown", "--requests-per-day", "10", "--prompt-tokens", "10",
               "--prompt-tokens-after", "1", "--output-tokens", "1"])  # fmt: skip
    assert ran.code == 0, ran.err
    assert f"prices as of {entry.as_of}" in ran.out and str(entry.dated.checked) in ran.out


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (["--model", "gpt-4o"], ("price not known for azure/gpt-4o (global deployment)",
                                 "--price training_per_million=VALUE")),
        (["--model", "gpt-4.1-mini", "--deployment", "standard"],
         ("price not known for azure/gpt-4.1-mini (standard deployment;",
          "prices are stated for developer and global only")),
    ],
)  # fmt: skip
def test_a_price_not_stated_is_asked_for_plainly(argv: list[str], fragments: tuple[str]) -> None:
    traffic = ["--requests-per-day", "10", "--prompt-tokens", "10", "--prompt-tokens-after", "1"]
    ran = run(["cost", *argv, "--training-tokens", "1000", *traffic, "--output-tokens", "1"])
    assert_refused(ran, *fragments)


def test_the_page_fields_show_the_stated_prices_with_their_dates() -> None:
    entry = stated("gpt-4.1-mini", "global")
    fields = price_fields(FACTS, ["gpt-4.1-mini", "gpt-4o"])
    shown = fields["azure/gpt-4.1-mini/global"]
    assert shown == stated_prices(FACTS, FACTS.model("gpt-4.1-mini"), "global")
    assert {k: float(v) for k, v in shown["values"].items()} == entry.values
    assert f"prices as of {entry.as_of}" in shown["note"]
    assert f"checked {entry.dated.checked}" in shown["note"]
    assert fields["azure/gpt-4o/global"]["values"] == {}
    assert "No price for gpt-4o" in fields["azure/gpt-4o/global"]["note"]


ENTRY = """
[sources.c]
title = "provider pricing"
url = "https://example.org/pricing"
[[prices]]
provider = "p"
model = "m"
deployment = "global"
training_per_million = 5
hosting_per_hour = 1.7
secondary = true
as_of = 2026-07-31
confirm = "c"
source = "s"
checked = 2026-11-29
"""


def test_a_secondary_entry_loads_with_its_dates() -> None:
    facts = parse_facts(GOOD + ENTRY)
    entry = facts.prices[0]
    assert entry.secondary and str(entry.as_of) == "2026-07-31"
    assert entry.confirm is not None and entry.confirm.key == "c"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('source = "s"\n', "", "field 'source' is missing"),
        ("checked = 2026-11-29\n", "", "field 'checked' must be a date"),
        ("hosting_per_hour = 1.7", "hosting_per_hour = -1.7", "'hosting_per_hour' must be"),
        ("hosting_per_hour = 1.7", "hosting_per_hour = 1.7\nstorage_per_day = 1", "unknown field"),
        ("as_of = 2026-07-31\n", "", "field 'as_of' must be a date"),
        ('confirm = "c"\n', "", "field 'confirm' is missing"),
        ('confirm = "c"', 'confirm = "nowhere"', "confirm 'nowhere' is not in [sources]"),
        ("as_of = 2026-07-31", "as_of = 2026-12-01", "as_of is later than checked"),
        ("secondary = true", "secondary = false", "as_of and confirm belong to a secondary"),
    ],
)
def test_a_broken_price_entry_names_itself(old: str, new: str, message: str) -> None:
    assert old in ENTRY
    with pytest.raises(FactsError, match=message.replace("[", r"\[")) as raised:
        parse_facts(GOOD + ENTRY.replace(old, new, 1))
    assert "prices p/m" in str(raised.value)
