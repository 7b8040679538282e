"""Lifecycle notices read from the facts: who can train a model until when, how long its fine-tunes
serve, and the one-line warnings on either side of each threshold (fixed ``today`` dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.facts import load_facts, parse_facts
from checker.lifecycle import (
    NOTICE_KINDS,
    SERVING_WARNING_MONTHS,
    TRAINING_WARNING_DAYS,
    methods_offered,
    months_until,
    notices,
    serving_until,
    training_until,
)
from tests.checker.test_facts import GOOD

D = dt.date
TODAY = D(2026, 12, 2)


def kinds(provider: str, model: str | None, today: dt.date) -> list[str]:
    return [n.kind for n in notices(provider, model, today=today)]


def test_openai_gpt_4o_mini_warns_with_both_2027_dates_and_its_source() -> None:
    found = notices("openai", "gpt-4o-mini", today=TODAY)
    assert [n.kind for n in found] == ["training-restricted", "serving-ending", "winding-down"]
    restricted, serving, winding = found
    assert restricted.date == D(2027, 1, 6) and "2027-01-06" in restricted.text
    assert restricted.who == "existing-customers"
    assert serving.date == D(2027, 1, 14) and "2027-01-14" in serving.text
    assert "no new jobs at all after 2027-01-06" in winding.text
    for notice in found:
        assert "\n" not in notice.text
        assert notice.source.key == "openai-deprecations"
        assert f"checked {notice.checked}" in notice.text


def test_azure_o4_mini_is_for_existing_customers_only() -> None:
    (restricted, serving) = notices("azure", "o4-mini", today=TODAY)
    assert restricted.kind == "training-restricted" and restricted.who == "existing-customers"
    assert "existing fine-tuning customers, at least until 2027-04-16" in restricted.text
    assert "revised 2026-09-02" in restricted.text  # the newest version of the schedule
    assert serving.kind == "serving-ending" and serving.date == D(2027, 10, 16)


def test_azure_gpt_4_1_is_open_to_everyone_until_the_base_model_retires() -> None:
    model = load_facts().model("gpt-4.1", "azure")
    assert training_until(model, TODAY) == (D(2027, 4, 14), "everyone")
    assert serving_until(model) == D(2027, 10, 14)
    # after the base model retires: existing customers' floor is the same day, so no-one
    assert training_until(model, D(2027, 4, 15)) == (D(2027, 4, 14), "no-one")


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2027, 4, 14) - dt.timedelta(days=TRAINING_WARNING_DAYS + 1), ["serving-ending"]),
        (
            D(2027, 4, 14) - dt.timedelta(days=TRAINING_WARNING_DAYS),
            ["training-closing", "serving-ending"],
        ),
        (D(2027, 4, 14), ["training-closing", "serving-ending"]),
        (D(2027, 4, 15), ["training-closed", "serving-ending"]),
        (D(2027, 10, 14), ["shut-down"]),
    ],
)
def test_training_threshold_on_both_sides(today: dt.date, expected: list[str]) -> None:
    assert kinds("azure", "gpt-4.1-mini", today) == expected


def test_serving_threshold_on_both_sides() -> None:
    ends = D(2027, 10, 14)
    inside = ends - dt.timedelta(days=365)  # 12 months of 365/12 days
    outside = inside - dt.timedelta(days=1)
    assert months_until(ends, inside) == SERVING_WARNING_MONTHS
    assert "serving-ending" in kinds("azure", "gpt-4.1", inside)
    assert "serving-ending" not in kinds("azure", "gpt-4.1", outside)


def test_openai_training_ends_for_everyone_after_the_last_day_for_jobs() -> None:
    model = load_facts().model("gpt-4.1", "openai")
    assert training_until(model, D(2027, 1, 6)) == (D(2027, 1, 6), "existing-customers")
    assert training_until(model, D(2027, 1, 7)) == (D(2027, 1, 6), "no-one")
    assert kinds("openai", "gpt-4.1", D(2027, 1, 7)) == [
        "training-closed",
        "training-closed",
        "serving-ending",
    ]
    assert kinds("openai", "gpt-4.1", D(2027, 1, 14)) == ["shut-down", "training-closed"]


def test_a_shut_down_model_says_so_once() -> None:
    found = notices("openai", "o4-mini", today=TODAY)
    assert [n.kind for n in found] == ["shut-down", "winding-down"]
    assert "2026-10-23" in found[0].text


def test_open_weight_models_have_no_end_announced_and_no_notice() -> None:
    model = load_facts().model("gpt-oss-20b", "azure")
    assert training_until(model, TODAY) == (None, "everyone")
    assert notices("azure", "gpt-oss-20b", today=TODAY) == []


def test_unknown_model_gives_only_the_providers_notices() -> None:
    assert kinds("openai", "no-such-model", TODAY) == ["winding-down"]
    assert kinds("azure", None, TODAY) == []


def test_notices_are_sorted_by_severity() -> None:
    found = kinds("openai", "gpt-4o", TODAY)
    assert found == sorted(found, key=NOTICE_KINDS.index)


def test_a_method_no_model_offers_any_more_disappears() -> None:
    facts = load_facts()
    assert "rft" not in facts.provider("openai").methods  # OpenAI's only RFT model shut down
    assert facts.provider("azure").methods == ("sft", "dpo", "rft")
    assert methods_offered("openai", today=TODAY) == ("sft", "dpo")
    assert methods_offered("openai", today=D(2027, 1, 7)) == ()
    # Azure RFT stays: o4-mini for existing customers
    assert methods_offered("azure", today=TODAY) == ("sft", "dpo", "rft")


# The facts tests' minimal file, its one model trained by reinforcement and by invitation only.
INVITED = (
    GOOD.replace('methods = ["sft"]\ntoken_limit = 5\n', 'methods = ["rft"]\n')
    + """
[models.lifecycle]
stage = "ga"
invitation = true
source = "s"
checked = 2026-01-01
"""
)


def test_invitation_only_training_is_restricted_with_who() -> None:
    facts = parse_facts(INVITED)
    (notice,) = notices("p", "m", today=TODAY, facts=facts)
    assert notice.kind == "training-restricted" and notice.who == "invitation"
    assert facts.provider("p").methods == ("rft",)
