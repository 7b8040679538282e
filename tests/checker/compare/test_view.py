"""What the comparison shows a reader (issue 25): one name per model, round axis ticks from zero,
p-values in words with the number beside them, the items that would detect the observed
difference, a plain sentence for every verdict, and the checklist evidence on the command line."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from checker import compare_results
from checker.cli import main
from checker.compare.render import (
    DIFFERENCE_AXIS_Y,
    MODELS_AXIS_Y,
    chance_in_words,
    comparison_chart,
    comparison_view,
)
from checker.view import Chart
from tests.checker.compare.test_comparison import pass_fail_rows, score_rows


def _ticks(chart: Chart, axis_y: int) -> list[str]:
    """The tick labels under the axis drawn at ``axis_y``, left to right."""
    return [
        str(element["text"])
        for element in chart.elements
        if element["attrs"].get("class") == "ftr-chart__tick"
        and element["attrs"]["y"] == axis_y + 16
    ]


@pytest.mark.parametrize(
    "rows", [pass_fail_rows(2, 8), pass_fail_rows(1, 25), score_rows(60, 0.4), score_rows(9, -3)]
)
def test_one_name_per_model_on_every_surface(rows: list[dict[str, object]]) -> None:
    view = comparison_view(compare_results(rows, replicates=500))
    words = " ".join(
        [view.verdict, *(f"{label} {value}" for label, value in view.rows), *view.notes]
        + [str(element.get("text", "")) for element in view.chart.elements]  # type: ignore[union-attr]
        + [entry.text for entry in view.chart.legend]  # type: ignore[union-attr]
    )
    assert "candidate" not in words.lower()
    assert "fine-tuned" in words.lower()


def test_pass_rate_ticks_are_round_and_start_at_zero() -> None:
    chart = comparison_chart(compare_results(pass_fail_rows(2, 8), replicates=500))
    assert _ticks(chart, MODELS_AXIS_Y) == ["0%", "20%", "40%", "60%", "80%", "100%"]
    difference = _ticks(chart, DIFFERENCE_AXIS_Y)
    assert "0" in difference and all(re.fullmatch(r"[+-]\d+ points|0", t) for t in difference)
    assert difference[0] == "-" + difference[-1][1:]


def test_score_ticks_are_round_from_zero_and_hold_every_interval() -> None:
    result = compare_results(score_rows(60, 0.4), replicates=500)
    chart = comparison_chart(result)
    ticks = [float(t) for t in _ticks(chart, MODELS_AXIS_Y)]
    assert ticks[0] == 0
    steps = {round(b - a, 9) for a, b in pairwise(ticks)}
    assert len(steps) == 1 and steps.pop() in (0.5, 1, 2, 2.5, 5)
    assert ticks[-1] >= max(result.baseline.high, result.candidate.high)


@pytest.mark.parametrize(
    ("p_value", "words"),
    [
        (0.0004, "Very unlikely: "),
        (0.004, "once in 250 comparisons"),
        (0.049, "Unlikely: "),
        (0.05, "Quite possible: "),
        (0.30, "about 30 of 100 comparisons"),
    ],
)
def test_p_values_in_words(p_value: float, words: str) -> None:
    assert words in chance_in_words(p_value, 0.05)


def test_the_number_stands_beside_the_words() -> None:
    view = comparison_view(compare_results(pass_fail_rows(2, 8), replicates=500))
    chance = dict(view.rows)["Chance"]
    assert chance.startswith("Quite possible: ") and "(p = 0.1094, exact McNemar test)" in chance
    assert not any("e-0" in value or "sqrt" in value for _, value in view.rows)


def test_an_undetected_gain_says_how_many_items_would_show_it() -> None:
    result = compare_results(pass_fail_rows(2, 8), replicates=500)
    needed = result.minimum_detectable_effect.items_for_observed
    # 2.8016 * sqrt(10 / 50) / sqrt(n) falls to the observed 6 / 50 at n = 109.01, so 110 items
    assert needed == 110
    assert dict(comparison_view(result).rows)["Items to detect this difference"].startswith(
        "about 110 "
    )
    assert any("About 110 items would be needed" in note for note in result.notes)


def test_a_better_result_has_a_plain_sentence() -> None:
    result = compare_results(pass_fail_rows(1, 25), replicates=500)
    assert result.verdict == "better"
    assert comparison_view(result).verdict == (
        "The fine-tuned model is better than the baseline: 83.3% against 47.0% on 66 items "
        "(+36.4 points), a gap unlikely to be chance."
    )


def test_the_cli_prints_the_checklist_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    path = "tests/data/compare/pass_fail.jsonl"
    assert main(["compare", path, "--replicates", "500"]) == 0
    out = capsys.readouterr().out
    assert (
        "Checklist evidence:\n  compare-with-base: yes (you compared both models on 40 items)"
        in out
    )
    assert "  baseline-pass-rate: 55 (the baseline passed 55.0% of the compared items)" in out


@pytest.mark.parametrize(
    "rows", [pass_fail_rows(2, 8), pass_fail_rows(1, 25), score_rows(60, 0.4), score_rows(9, -3)]
)
def test_marks_stay_inside_the_plot(rows: list[dict[str, object]]) -> None:
    """Bars, interval ends and the difference's dot lie between the axis ends, and the dot never
    sits on the frame."""
    from checker.compare.render import LEFT, PLOT

    chart = comparison_chart(compare_results(rows, replicates=500))
    for element in chart.elements:
        attrs = element["attrs"]
        if element["tag"] == "circle":
            assert LEFT < attrs["cx"] < LEFT + PLOT
        if attrs.get("class") in ("ftr-chart__whisker", "ftr-chart__bar"):
            xs = [attrs[k] for k in ("x1", "x2", "x") if k in attrs]
            assert all(LEFT <= x <= LEFT + PLOT for x in xs)
