"""The additive parts of facts.toml: [chat_overhead] and [[prices]] (validated like the rest)."""

from __future__ import annotations

import pytest

from checker.cost import CostInputs, estimate_cost
from checker.facts import FactsError, load_facts, parse_facts
from tests.checker.test_facts import GOOD

PRICES = """
[providers.p.hosting]
source = "s"
checked = 2026-01-02
billed_per_hour = true
note = "billed by the hour"
[chat_overhead]
source = "s"
checked = 2026-01-02
tokens_per_message = 3
tokens_per_name = 1
tokens_per_example = 3
[[prices]]
provider = "p"
model = "m"
source = "s"
checked = 2026-01-03
training_per_million = 10
base_input_per_million = 2
base_output_per_million = 8
tuned_input_per_million = 3
tuned_output_per_million = 12
hosting_per_hour = 1
[[prices]]
provider = "p"
model = "m"
deployment = "global"
source = "s"
checked = 2026-01-04
illustrative = true
hosting_per_hour = 0.5
"""


def test_packaged_chat_overhead_is_the_cookbooks() -> None:
    overhead = load_facts().chat_overhead
    assert overhead is not None
    assert (overhead.tokens_per_message, overhead.tokens_per_name, overhead.tokens_per_example) == (
        3,
        1,
        3,
    )
    assert overhead.dated.source.key == "openai-data-prep"


def test_prices_load_with_their_dates_and_are_used_by_the_cost_model() -> None:
    facts = parse_facts(GOOD + PRICES)
    model = facts.model("m", "p")
    standard = facts.prices_of(model, "standard")
    specific = facts.prices_of(model, "global")
    assert standard is not None and standard.values["hosting_per_hour"] == 1
    assert specific is not None and specific.illustrative
    assert ("prices p/m", standard.dated.checked) in facts.checked_dates()
    inputs = CostInputs(
        model="m", provider="p", deployment="standard", requests_per_day=2400, prompt_tokens=2000,
        prompt_tokens_after=200, output_tokens=100, training_tokens=1000, epochs=1,
    )  # fmt: skip
    result = estimate_cost(inputs, facts)
    assert result.hosting_per_month == pytest.approx(730)
    assert all(p.origin == "facts.toml: t, checked 2026-01-03" for p in result.prices)
    overridden = estimate_cost(
        CostInputs(**{**inputs.__dict__, "prices": {"hosting_per_hour": 2}}), facts
    )
    assert overridden.hosting_per_month == pytest.approx(1460)
    assert [p.origin for p in overridden.prices].count("given") == 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('model = "m"\nsource', 'model = "x"\nsource', "prices p/x: names no model"),
        ("hosting_per_hour = 1\n", "hosting_per_hour = -1\n", "field 'hosting_per_hour' must be"),
        ("hosting_per_hour = 1\n", "hosting_per_hour = 1\nbogus = 2\n", "unknown field 'bogus'"),
        ('deployment = "global"', 'deployment = "moon"', "deployment 'moon' is not one of"),
        ("tokens_per_name = 1", "tokens_per_name = 0", "chat_overhead: field 'tokens_per_name'"),
        ("illustrative = true\nhosting_per_hour = 0.5", "illustrative = true", "states no price"),
    ],
)
def test_broken_prices_name_the_entry(old: str, new: str, message: str) -> None:
    assert old in PRICES
    with pytest.raises(FactsError, match=message):
        parse_facts(GOOD + PRICES.replace(old, new, 1))


def test_the_rft_pause_is_read_with_its_source_and_date() -> None:
    facts = load_facts()
    pause = facts.provider("azure").rft_pause
    assert pause is not None and pause.usd > 0 and pause.dated.source.key == "azure-rft"
    assert ("provider azure rft pause", pause.dated.checked) in facts.checked_dates()
    assert f"${pause.usd:,.0f}" in facts.note("azure", "rft-billing").text  # the note agrees
