"""Every threshold of the scoring, cost and answers rules, tested at, just below and just above it.

Each table was checked by hand against its mutation (``<`` written ``<=`` or the reverse, ``>``
written ``>=``): the case at the threshold fails then. Thresholds come from the criteria and the
facts, never from this file, so a changed threshold moves its cases with it.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from checker.cost import CostInputs, estimate_cost
from checker.facts import DEFAULT_PROVIDER, load_facts
from checker.readiness.answers import BASELINE_ID, GAIN_ID, read_answers
from checker.readiness.criteria import load_criteria
from checker.readiness.scoring import Section, _verdict, assess

CRITERIA = load_criteria()
RULE = CRITERIA.scoring
SECTIONS = tuple(
    Section(q.id, q.title, q.page, 100, len(q.items), len(q.items), 0, True)
    for q in CRITERIA.questions
)
STEP = 1  # scores are whole numbers


def verdict(score: int, weakest_question: int = 100) -> str:
    sections = (dataclasses.replace(SECTIONS[0], score=weakest_question), *SECTIONS[1:])
    return _verdict(score, sections, (), (), CRITERIA)


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (RULE.ready_at - STEP, "almost"),
        (RULE.ready_at, "ready"),
        (RULE.ready_at + STEP, "ready"),
        (RULE.almost_at - STEP, "not-ready"),
        (RULE.almost_at, "almost"),
        (RULE.almost_at + STEP, "almost"),
    ],
)
def test_overall_score_gates(score: int, expected: str) -> None:
    assert verdict(score) == expected


@pytest.mark.parametrize(
    ("weakest", "expected"),
    [
        (RULE.question_ready_at - STEP, "almost"),
        (RULE.question_ready_at, "ready"),
        (RULE.question_ready_at + STEP, "ready"),
    ],
)
def test_question_floor(weakest: int, expected: str) -> None:
    assert verdict(100, weakest_question=weakest) == expected


ALL_GOOD = {
    item.id: "yes" if item.kind == "ready" else "no"
    for item in CRITERIA.items()
    if item.kind != "number"
} | {"training-examples": "800", "holdout-examples": "400", BASELINE_ID: "70", GAIN_ID: "10"}
LEAST = load_facts().provider(DEFAULT_PROVIDER).min_training_examples
CAUTION = CRITERIA.item("training-examples").number.caution_below  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("examples", "severity"),
    [
        (LEAST - 1, "blocker"),
        (LEAST, "caution"),
        (LEAST + 1, "caution"),
        (CAUTION - 1, "caution"),  # type: ignore[operator]
        (CAUTION, None),
        (CAUTION + 1, None),  # type: ignore[operator]
    ],
)
def test_training_examples_thresholds(examples: float, severity: str | None) -> None:
    result = assess(ALL_GOOD | {"training-examples": f"{examples:g}"}, CRITERIA)
    found = {
        kind
        for kind, flags in (("blocker", result.blockers), ("caution", result.cautions))
        if any(flag.id == "training-examples" for flag in flags)
    }
    assert found == ({severity} if severity else set())


@pytest.mark.parametrize(
    ("gain", "kept"),
    [("9.5", True), ("10", True), ("10.5", False)],
    ids=["below 100", "exactly 100", "above 100"],
)
def test_baseline_plus_gain_may_reach_100_but_not_pass_it(gain: str, kept: bool) -> None:
    answers, problems = read_answers({BASELINE_ID: "90", GAIN_ID: gain}, CRITERIA)
    assert (GAIN_ID in answers) is kept
    assert (GAIN_ID in problems) is not kept


# The cost rules: the same token prices before and after, so only the prompt size makes a saving,
# and 1,000,000 billed training tokens, so the training price is the training cost; break-even
# cases set the training price to a multiple of the monthly saving.
PRICES = {
    "training_per_million": 1.0,
    "base_input_per_million": 2.0,
    "base_output_per_million": 8.0,
    "tuned_input_per_million": 2.0,
    "tuned_output_per_million": 8.0,
    "hosting_per_hour": 0.0,
}


def cost(prompt_after: float, training_price: float = 1.0) -> dict[str, Any]:
    """A Developer deployment (no hosting fee) of 1,000 requests a day, 1,000 prompt tokens."""
    inputs = CostInputs(
        model="gpt-4.1-mini",
        requests_per_day=1000,
        prompt_tokens=1000,
        prompt_tokens_after=prompt_after,
        output_tokens=100,
        deployment="developer",
        training_tokens=1_000_000,
        epochs=1,
        prices=PRICES | {"training_per_million": training_price},
    )
    return estimate_cost(inputs).to_dict()


def test_zero_saving_does_not_pay_back_and_divides_nothing() -> None:
    """A Developer deployment (no hosting fee) with the same prompt size and the same token
    prices saves exactly nothing: that is "does not pay back", not a division by zero."""
    result = cost(prompt_after=1000)
    assert result["saving_per_month"] == 0
    assert result["pays_back"] is False
    assert result["break_even_months"] is None
    assert result["verdict"] == "does not pay back"
    assert "at any volume" in result["reason"]


@pytest.mark.parametrize(
    ("prompt_after", "pays_back"),
    [(999, True), (1000, False), (1001, False)],
    ids=["saves a token", "saves nothing", "costs a token"],
)
def test_pays_back_needs_a_saving_above_zero(prompt_after: float, pays_back: bool) -> None:
    result = cost(prompt_after)
    assert result["pays_back"] is pays_back
    assert (result["break_even_months"] is not None) is pays_back


def _training_price_for(months: float) -> float:
    """The training price at which training costs ``months`` of the saving (1M billed tokens)."""
    saving: float = cost(prompt_after=500)["saving_per_month"]
    return saving * months


@pytest.mark.parametrize(
    ("months", "verdict"),
    [
        (0.5, "pays back within the first month"),
        (1.0, "pays back within the first month"),
        (1.5, "pays back after 2 months"),
    ],
)
def test_break_even_in_the_first_month(months: float, verdict: str) -> None:
    result = cost(prompt_after=500, training_price=_training_price_for(months))
    assert result["break_even_months"] == months  # the case sits exactly where it says
    assert result["verdict"] == verdict


def test_break_even_just_past_the_first_month() -> None:
    price = _training_price_for(1.0)
    result = cost(prompt_after=500, training_price=price * (1 + 1e-9))
    assert result["break_even_months"] > 1
    assert result["verdict"] == "pays back after 2 months"


def test_rule_tables_hold_their_thresholds() -> None:
    """A guard on the guards: the tables above are only worth something while the thresholds
    they read stay apart from one another."""
    assert RULE.almost_at + STEP < RULE.ready_at - STEP
    assert LEAST + 1 < CAUTION - 1  # type: ignore[operator]
