"""compare on hostile numbers, huge counts and wrong argument types: answers or one-line errors."""

from __future__ import annotations

import json
import math
import tempfile
from collections.abc import Sequence
from fractions import Fraction
from math import comb
from pathlib import Path

import pytest

from checker.compare import compare_results, compare_texts, comparison
from checker.compare.comparison import MAX_REPLICATES
from checker.compare.stats import EXACT_MCNEMAR_LIMIT, mcnemar_exact, resampling_cost
from checker.errors import InputError
from tests.checker.cli_run import run


def exact_p(b: int, c: int) -> float:
    m = b + c
    term = tail = 1
    for k in range(1, min(b, c) + 1):
        term = term * (m - k + 1) // k
        tail += term
    assert term == comb(m, min(b, c))
    return float(min(Fraction(1), Fraction(2 * tail, 2**m)))


@pytest.mark.parametrize(
    ("b", "c"),
    [(0, 1), (3, 9), (40, 60), (4990, 5010), (4000, 6010), (5200, 5000), (4800, 5400),
     (5100, 5300), (100, 10_000), (5001, 5001)],
)  # fmt: skip
def test_mcnemar_log_path_matches_exact_fractions(b: int, c: int) -> None:
    """Both sides of EXACT_MCNEMAR_LIMIT agree with exact rational arithmetic."""
    got, want = mcnemar_exact(b, c), exact_p(b, c)
    assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-300), (got, want)
    assert (b + c > EXACT_MCNEMAR_LIMIT) or got == want


def test_mcnemar_on_millions_of_discordant_pairs_finishes() -> None:
    """Linear, not quadratic: a million discordant pairs (the old code took minutes)."""
    assert mcnemar_exact(500_000, 500_000) == 1.0
    p = mcnemar_exact(499_000, 501_000)
    assert 0.04 < p < 0.06  # z = 2000 / sqrt(10^6) = 2.0
    assert mcnemar_exact(400_000, 600_000) == 0.0  # underflows to 0, not an error


def rows(pairs: Sequence[tuple[object, object]]) -> list[dict[str, object]]:
    return [{"id": i, "baseline": b, "candidate": c} for i, (b, c) in enumerate(pairs)]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (10**400, r"beyond \+-1e15"),
        (1e308, r"beyond \+-1e15"),
        (-1e308, r"beyond \+-1e15"),
        (1e200, r"beyond \+-1e15"),
        ("1e999", r"beyond \+-1e15"),
        ("-Infinity", "not a finite number"),
        (float("nan"), "not a finite number"),
    ],
)
def test_huge_scores_are_bad_input(value: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        compare_results(rows([(value, 0.5), (0.25, 0.5)]))


def test_huge_values_in_files_are_one_line_errors() -> None:
    big = "9" * 5000
    with pytest.raises(InputError, match="line 1, column 20: invalid JSON: integer with more"):
        compare_texts(f'{{"id":1,"baseline":{big},"candidate":0}}\n', "r.jsonl")
    with pytest.raises(InputError, match="beyond"):
        compare_texts(f"id,baseline,candidate\n1,{big},0.5\n2,0.5,0.5\n", "r.csv")


def test_a_4301_digit_model_output_is_scored_not_crashed() -> None:
    reference = '{"id": "a", "reference": "{\\"x\\": 1}"}\n{"id": "b", "reference": "[2]"}\n'
    huge = json.dumps(json.dumps({"x": "placeholder"}).replace('"placeholder"', "9" * 4301))
    baseline = f'{{"id": "a", "output": {huge}}}\n{{"id": "b", "output": "[2]"}}\n'
    candidate = '{"id": "a", "output": "{\\"x\\": 1}"}\n{"id": "b", "output": "[2]"}\n'
    result = compare_texts(
        baseline_text=baseline, candidate_text=candidate, reference_text=reference, metric="json"
    )
    assert (result.baseline.estimate, result.candidate.estimate) == (0.5, 1.0)


def test_subnormal_and_constant_differences_do_not_contradict_the_verdict() -> None:
    tiny = 5e-324
    result = compare_results(rows([(0.0, tiny)] * 12 + [(0.5, 0.5 + tiny)] * 0))
    assert not any("same result on every item" in note for note in result.notes)
    assert any("was the same on every item" in note for note in result.notes)
    shifted = compare_results(rows([(i / 4, i / 4 + 0.25) for i in range(3)]))
    assert any("was the same on every item (+0.25)" in note for note in shifted.notes)
    same = compare_results(rows([(0.3, 0.3), (0.6, 0.6), (0.9, 0.9)]))
    assert same.verdict.startswith("no detectable")
    assert any("same result on every item" in note for note in same.notes)


def test_line_separators_inside_jsonl_values_are_not_line_breaks() -> None:
    text = "".join(
        json.dumps(
            {"id": f"a\u2028{i}\u0085", "baseline": 1, "candidate": i % 2}, ensure_ascii=False
        )
        + "\n"
        for i in range(10)
    )
    assert compare_texts(text, "r.jsonl").items == 10


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"replicates": "10"}, TypeError, "replicates must be a whole number"),
        ({"replicates": 10.0}, TypeError, "replicates must be a whole number"),
        ({"replicates": True}, TypeError, "replicates must be a whole number"),
        ({"seed": 1.5}, TypeError, "seed must be a whole number"),
        ({"seed": None}, TypeError, "seed must be a whole number"),
        ({"seed": "1"}, TypeError, "seed must be a whole number"),
        ({"replicates": 0}, InputError, "replicates must be between 1 and"),
        ({"replicates": MAX_REPLICATES + 1}, InputError, "replicates must be between 1 and"),
        ({"replicates": 1_000_000_000}, InputError, "replicates must be between 1 and"),
    ],
)
def test_public_api_checks_its_arguments(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        compare_results(rows([(1, 0), (0, 1), (1, 1)]), **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [b"r.jsonl", 42, {"id": 1}, b"x"])
def test_rows_or_path_of_the_wrong_type(bad: object) -> None:
    with pytest.raises(TypeError, match="rows_or_path"):
        compare_results(bad)  # type: ignore[arg-type]


def test_compare_texts_wants_text() -> None:
    with pytest.raises(TypeError, match="results_text must be text"):
        compare_texts(b"id,baseline,candidate\n")  # type: ignore[arg-type]


def test_many_distinct_scores_lower_the_default_replicates_with_a_note(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(comparison, "WORK_BUDGET", 3_000_000)  # the rule, at a test's scale
    n = 1_000
    pairs = [(i / n, ((i * 7919) % n) / n) for i in range(n)]
    differences = [c - b for b, c in pairs]
    assert resampling_cost(differences) * 10_000 > comparison.WORK_BUDGET
    result = compare_results(rows(pairs))
    assert result.replicates == comparison.WORK_BUDGET // resampling_cost(differences)
    assert any("replicates instead of 10,000" in note for note in result.notes)
    with pytest.raises(InputError, match="would take too long; use at most"):
        compare_results(rows(pairs), replicates=50_000)
    monkeypatch.setattr(comparison, "WORK_BUDGET", 300_000)
    with pytest.raises(InputError, match="compare a random sample of at most 300 items"):
        compare_results(rows(pairs))


def test_equal_differences_with_rounding_noise_have_no_detectable_difference() -> None:
    """0.7 + 0.1 - 0.7 is not exactly 0.1: a standard deviation of about 3e-17 is rounding, not
    spread, so the smallest detectable difference is not applicable, on the API and the CLI."""
    pairs = [(b, b + 0.1) for b in (0.7, 0.2, 0.9, 0.3, 0.55, 0.05)]
    result = compare_results(rows(pairs))
    assert result.minimum_detectable_effect.value is None
    assert any("was the same on every item (+0.1" in note for note in result.notes)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scores.jsonl"
        path.write_text("".join(json.dumps(row) + "\n" for row in rows(pairs)), encoding="utf-8")
        ran = run(["compare", str(path)])
    assert ran.code == 0
    assert "e-17" not in ran.out and "e-16" not in ran.out
    assert "was the same on every item" in ran.out
