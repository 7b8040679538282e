"""Every threshold of the scoring and answers rules, tested at, just below and just above it (the
cost rules' thresholds are tested the same way in test_cost.py: the horizon, the first month,
repaid_within and the zero saving).

Each table was checked by hand against its mutation (``<`` written ``<=`` or the reverse, ``>``
written ``>=``): the case at the threshold fails then. Thresholds come from the criteria and the
facts, never from this file, so a changed threshold moves its cases with it.
"""

from __future__ import annotations

import dataclasses

import pytest

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
    for item in CRITERIA.scored_items()
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


def test_rule_tables_hold_their_thresholds() -> None:
    """A guard on the guards: the tables above are only worth something while the thresholds
    they read stay apart from one another."""
    assert RULE.almost_at + STEP < RULE.ready_at - STEP
    assert LEAST + 1 < CAUTION - 1  # type: ignore[operator]


@pytest.mark.parametrize(
    "change",
    [{"prices": {"hosting_per_hour": 0}}, {"inputs": {"provider": "openai"}}],
    ids=["no hosting fee stated", "a provider without an hourly fee"],
)
def test_a_saving_of_exactly_zero_does_not_pay_back(change: dict[str, dict[str, object]]) -> None:
    """Same prompt size, same token prices and no hosting fee: the saving is exactly zero, which
    repays nothing and has no break-even month (written ``saving >= 0``, this divided by zero)."""
    from checker.cost import estimate_cost
    from tests.checker.test_cost import CASES, inputs_of

    case = next(c for c in CASES if c["name"].startswith("same prompt, same prices"))
    case = {key: {**case[key], **change.get(key, {})} for key in ("inputs", "prices")} | {
        k: v for k, v in case.items() if k not in ("inputs", "prices")
    }
    result = estimate_cost(inputs_of(case))
    assert result.saving_per_month == 0
    assert result.pays_back is False and result.break_even_months is None
    assert result.verdict == "does not pay back"
