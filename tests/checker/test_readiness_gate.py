"""The provider gate, the essentials and the next move, as rules: situations built through the
lifecycle API (``checker.lifecycle.notices``) with fixed dates, and property tests over answer
sets."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import checker
from checker.facts import Source, load_facts
from checker.lifecycle import Notice, NoticeKind
from checker.readiness.criteria import ROUTES, Item, load_criteria
from checker.readiness.render import assessment_json

CRITERIA = load_criteria()
PERSONAS = Path(__file__).parent.parent / "data" / "personas"
FACTS = load_facts(PERSONAS / "facts.toml")
TODAY = dt.date(2026, 9, 1)
STRONG: dict[str, Any] = json.loads((PERSONAS / "pilot-sft.json").read_text())["answers"]
SOURCE = Source("test", "Provider notice", "https://example.com/notice")


def with_notices(monkeypatch: pytest.MonkeyPatch, *found: Notice) -> None:
    monkeypatch.setattr("checker.lifecycle.notices", lambda *args, **kwargs: list(found))


def notice(kind: NoticeKind, day: dt.date | None, who: str | None = None) -> Notice:
    return Notice(kind, f"{kind} on {day} (Provider notice)", day, SOURCE, TODAY, who)


def assess(**changes: object) -> checker.Assessment:
    return checker.assess({**STRONG, **changes}, today=TODAY, facts=FACTS)


@pytest.mark.parametrize(
    ("before", "verdict", "route"),
    [
        ("yes", "ready", "pilot"),
        ("no", "not-ready", "provider"),
        ("unsure", "not-ready", "provider"),
    ],
)
def test_training_for_existing_customers_only(
    monkeypatch: pytest.MonkeyPatch, before: str, verdict: str, route: str
) -> None:
    with_notices(monkeypatch, notice("training-restricted", None, who="existing-customers"))
    result = assess(**{"fine-tuned-here-before": before})
    assert (result.verdict, result.next_move.route) == (verdict, route)
    if before != "yes":
        assert "training-restricted" in result.next_move.why


def test_unknown_history_is_a_blocker_to_find_out(monkeypatch: pytest.MonkeyPatch) -> None:
    with_notices(monkeypatch, notice("training-restricted", None, who="existing-customers"))
    result = checker.assess(
        {k: v for k, v in STRONG.items() if k != "fine-tuned-here-before"}, today=TODAY, facts=FACTS
    )
    assert [flag.id for flag in result.open_blockers] == ["fine-tuned-here-before"]


@pytest.mark.parametrize(
    ("days", "verdict"), [(30, "not-ready"), (89, "not-ready"), (90, "ready"), (110, "ready")]
)
def test_training_closing_before_the_plan_could_finish(
    monkeypatch: pytest.MonkeyPatch, days: int, verdict: str
) -> None:
    closes = TODAY + dt.timedelta(days=days)
    with_notices(monkeypatch, notice("training-closing", closes))
    result = assess()
    assert result.verdict == verdict
    assert str(closes) in result.next_move.why
    assert result.next_move.route == "provider", "a closing date is settled before a pilot"


@pytest.mark.parametrize("kind", ["shut-down", "training-closed", "winding-down"])
def test_a_provider_or_model_that_cannot_take_the_job_blocks(
    monkeypatch: pytest.MonkeyPatch, kind: NoticeKind
) -> None:
    with_notices(monkeypatch, notice(kind, dt.date(2026, 8, 1)))
    result = assess()
    assert result.verdict == "not-ready"
    assert result.next_move.route == "provider"
    assert "2026-08-01 (Provider notice)" in result.next_move.why


def test_a_short_serving_life_is_a_caution_not_a_blocker(monkeypatch: pytest.MonkeyPatch) -> None:
    with_notices(monkeypatch, notice("serving-ending", dt.date(2027, 3, 1)))
    result = assess()
    assert result.verdict == "ready"
    assert [flag.id for flag in result.cautions] == ["model"]
    assert result.next_move.route == "provider"
    assert result.next_steps[0].kind == "caution"


def test_unknown_context_is_a_find_out_never_silent() -> None:
    for missing in ("provider", "model"):
        answers = {k: v for k, v in STRONG.items() if k != missing}
        result = checker.assess(answers, today=TODAY, facts=FACTS)
        assert result.verdict == "ready"
        step = next(step for step in result.next_steps if step.id == missing)
        assert step.kind == "unknown" and step.text.startswith("Find out")


def test_the_facts_about_openai_newcomers_decide_through_the_api() -> None:
    result = checker.assess(
        {**STRONG, "provider": "openai", "fine-tuned-here-before": "no"},
        today=dt.date(2026, 12, 2),
        facts=FACTS,
    )
    assert result.verdict == "not-ready"
    assert "2027-01-06" in result.blockers[0].detail


def test_a_cost_motive_that_pays_back_stays_a_caution_with_the_saving() -> None:
    volume = {"requests-per-day": 200000, "prompt-tokens-now": 3000, "prompt-tokens-after": 300}
    result = assess(**{"cost-main-motive": "yes", **volume})
    caution = next(flag for flag in result.cautions if flag.id == "cost-main-motive")
    assert "would save about $" in caution.detail


def test_the_cost_motive_uses_the_cost_command_s_model() -> None:
    from checker.cost import CostInputs, estimate_cost

    low = {"requests-per-day": 150, "prompt-tokens-now": 3000, "prompt-tokens-after": 300}
    result = assess(**{"cost-main-motive": "yes", **low})
    expected = estimate_cost(
        CostInputs(
            model="gpt-4.1-mini",
            provider="azure",
            requests_per_day=150,
            prompt_tokens=3000,
            prompt_tokens_after=300,
            output_tokens=0,
            training_tokens=0,
        ),
        FACTS,
    )
    assert not expected.pays_back and expected.requests_per_day_to_save is not None
    assert f"{expected.requests_per_day_to_save:,.0f} requests a day" in result.next_move.why


def test_json_carries_the_next_move() -> None:
    data = json.loads(assessment_json(assess()))
    assert set(data["next_move"]) >= {"route", "text", "why"}
    assert data["next_move"]["route"] == "pilot"
    assert next(iter(data)) == "next_move"


# Property tests: any answer set, however strong elsewhere, with an essential not answered "yes"
# is never ready; and every result names one of the routes.


def answer_strategy(item: Item) -> st.SearchStrategy[object]:
    missing = st.sampled_from([None, "unsure"])
    if item.kind == "choice":
        return st.one_of(missing, st.sampled_from(item.options))
    if item.number is not None:
        low, high = item.number.minimum, min(item.number.maximum, 5000)
        numbers = st.integers(int(low) + (0 if item.number.whole else 1), int(high))
        return st.one_of(missing, numbers)
    choices = ["yes", "no"] + (["n/a"] if item.applies_when else [])
    return st.one_of(missing, st.sampled_from(choices))


ANSWER_SETS = st.fixed_dictionaries({item.id: answer_strategy(item) for item in CRITERIA.items()})
ESSENTIALS = [item.id for item in CRITERIA.essentials()]


@settings(max_examples=150, deadline=None)
@given(
    answers=ANSWER_SETS,
    essential=st.sampled_from(ESSENTIALS),
    gap=st.sampled_from([None, "no", "unsure"]),
    strong_elsewhere=st.booleans(),
)
def test_no_answer_set_with_a_missing_essential_is_ready(
    answers: dict[str, object], essential: str, gap: str | None, strong_elsewhere: bool
) -> None:
    given_answers = {**STRONG, **answers} if strong_elsewhere else dict(answers)
    given_answers[essential] = gap
    given_answers = {key: value for key, value in given_answers.items() if value is not None}
    try:
        result = checker.assess(given_answers, today=TODAY, facts=FACTS)
    except checker.InputError:
        return  # e.g. a gain beyond 100% with the baseline: refused, never scored
    assert result.verdict != "ready"
    assert result.next_move.route in ROUTES


@settings(max_examples=100, deadline=None)
@given(answers=ANSWER_SETS)
def test_every_result_leads_with_one_known_route(answers: dict[str, object]) -> None:
    given_answers = {key: value for key, value in answers.items() if value is not None}
    try:
        result = checker.assess(given_answers, today=TODAY, facts=FACTS)
    except checker.InputError:
        return
    assert result.next_move.route in ROUTES
    assert result.next_move.text and result.next_move.why
    if result.verdict == "ready":
        assert all(
            result_answer == "yes"
            for result_answer in (result.answers.get(item_id) for item_id in ESSENTIALS)
        )


def test_advice_is_never_dropped_under_a_ready_verdict() -> None:
    result = assess(**{"covers-failures": "no", "user-acceptance": "no"})
    assert result.verdict == "ready"
    kinds = {step.id: step.kind for step in result.next_steps}
    assert kinds["user-acceptance"] == "caution" and kinds["covers-failures"] == "improve"
    ids = [step.id for step in result.next_steps]
    first_run = min(i for i, step in enumerate(result.next_steps) if step.kind == "ready")
    assert ids.index("covers-failures") < first_run and ids.index("user-acceptance") < first_run


def test_a_model_name_is_read_in_any_case_and_kept_as_the_facts_spell_it() -> None:
    result = assess(model="GPT-4.1-Mini ")
    assert result.answers["model"] == "gpt-4.1-mini"
    with pytest.raises(checker.InputError, match="is not one of"):
        assess(model="gpt-9")
