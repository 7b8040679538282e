"""Rows to a Comparison: the public API, invariants, rendering, and the CLI in process."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from checker import Comparison, InputError, compare_outputs, compare_results, compare_texts
from checker.cli import main
from checker.compare import comparison_markdown, comparison_text
from tests.checker.cli_run import assert_refused, run


def pass_fail_rows(b: int, c: int, both: int = 30, neither: int = 10) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for count, base, cand in ((both, 1, 1), (neither, 0, 0), (b, 1, 0), (c, 0, 1)):
        rows += [
            {"id": f"i{len(rows) + k}", "baseline": base, "candidate": cand} for k in range(count)
        ]
    random.Random(0).shuffle(rows)
    return rows


def score_rows(n: int, shift: float, seed: int = 1) -> list[dict[str, object]]:
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    for i in range(n):
        base = rng.uniform(0, 10)
        rows.append({"id": i, "baseline": base, "candidate": base + rng.gauss(shift, 1)})
    return rows


def swapped(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{"id": r["id"], "baseline": r["candidate"], "candidate": r["baseline"]} for r in rows]


def test_pass_fail_comparison() -> None:
    result = compare_results(pass_fail_rows(2, 8))
    assert result.kind == "pass/fail"
    assert result.items == 50
    assert result.test.p_value == pytest.approx(0.109375)
    assert result.counts is not None
    assert (result.counts.only_baseline, result.counts.only_candidate) == (2, 8)
    assert result.difference.estimate == pytest.approx(6 / 50)
    assert result.baseline.estimate == pytest.approx(32 / 50)
    assert result.verdict == "no detectable difference at this sample size"
    assert result.minimum_detectable_effect.value == pytest.approx(2.8016 * 10**0.5 / 50, rel=1e-3)


def test_clear_improvement_is_better_and_regression_is_worse() -> None:
    assert compare_results(pass_fail_rows(1, 20)).verdict == "better"
    assert compare_results(pass_fail_rows(20, 1)).verdict == "worse"
    assert compare_results(score_rows(200, 0.5)).verdict == "better"
    assert compare_results(score_rows(200, -0.5)).verdict == "worse"


@pytest.mark.parametrize(
    "rows",
    [pass_fail_rows(5, 12), score_rows(12, 0.3), score_rows(300, 0.1)],
    ids=["pf", "exact", "mc"],
)
def test_swapping_models_flips_the_difference_and_its_interval(
    rows: list[dict[str, object]],
) -> None:
    forward = compare_results(rows, seed=4, replicates=2000)
    backward = compare_results(swapped(rows), seed=4, replicates=2000)
    assert backward.difference.estimate == pytest.approx(-forward.difference.estimate)
    assert backward.difference.low == pytest.approx(-forward.difference.high)
    assert backward.difference.high == pytest.approx(-forward.difference.low)
    assert backward.test.p_value == pytest.approx(forward.test.p_value)
    assert backward.baseline == forward.candidate


@pytest.mark.parametrize("rows", [pass_fail_rows(0, 0), score_rows(40, 0.0)], ids=["pf", "score"])
def test_identical_results_give_zero_difference_and_p_one(rows: list[dict[str, object]]) -> None:
    same = [{"id": r["id"], "baseline": r["baseline"], "candidate": r["baseline"]} for r in rows]
    result = compare_results(same)
    assert result.difference.estimate == 0
    assert (result.difference.low, result.difference.high) == (0, 0)
    assert result.test.p_value == 1.0
    assert result.verdict == "no detectable difference at this sample size"
    assert result.minimum_detectable_effect.value is None


def test_bootstrap_is_reproducible_for_a_seed() -> None:
    rows = score_rows(80, 0.2)
    assert compare_results(rows, seed=7) == compare_results(rows, seed=7)
    assert compare_results(rows, seed=7).difference != compare_results(rows, seed=8).difference


def test_to_dict_is_plain_json() -> None:
    result = compare_results(pass_fail_rows(3, 9))
    data = result.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {
        "kind", "items", "source", "metric", "baseline", "candidate", "difference", "test",
        "counts", "verdict", "alpha", "minimum_detectable_effect", "seed", "replicates", "notes",
        "checklist_evidence",
    }  # fmt: skip
    assert set(data["difference"]) == {"estimate", "low", "high", "method"}
    assert data["counts"]["only_candidate"] == 9


def test_renderings_mention_the_essentials() -> None:
    result = compare_results(pass_fail_rows(2, 8))
    text = comparison_text(result)
    assert text.startswith("Verdict: No detectable difference at this sample size: ")
    for needle in ("(p = 0.1094, exact McNemar test)", "Wilson", "paired bootstrap", "80% power"):
        assert needle in text
    markdown = comparison_markdown(result)
    assert "| Difference (fine-tuned - baseline) | +12.0 points" in markdown


def test_compare_results_reads_a_path(tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    path.write_text("id,baseline,candidate\n" + "".join(f"{i},{i % 2},1\n" for i in range(20)))
    result = compare_results(path, replicates=500)
    assert isinstance(result, Comparison)
    assert result.source == str(path)
    assert result.verdict == "better"


def test_compare_texts_results_and_outputs() -> None:
    text = "id,base,tuned\na,0,1\nb,1,1\nc,0,1\n"
    assert compare_texts(text, "r.csv").items == 3
    reference = '{"id": "a", "reference": "x"}\n{"id": "b", "reference": "y"}\n'
    outputs = '{"id": "a", "output": "X"}\n{"id": "b", "output": "y"}\n'
    result = compare_texts(
        baseline_text=outputs, candidate_text=outputs, reference_text=reference, metric="normalized"
    )
    assert result.metric == "normalized" and result.baseline.estimate == 1.0
    with pytest.raises(InputError, match="give either"):
        compare_texts(text, "r.csv", baseline_text=outputs)
    with pytest.raises(InputError, match="all three"):
        compare_texts(baseline_text=outputs)
    with pytest.raises(InputError, match="unknown metric"):
        compare_texts(
            baseline_text=outputs, candidate_text=outputs, reference_text=reference, metric="bleu"
        )


def test_compare_outputs_reads_paths(tmp_path: Path) -> None:
    (tmp_path / "r.jsonl").write_text('{"id": 1, "reference": "a"}\n{"id": 2, "reference": "b"}\n')
    (tmp_path / "b.csv").write_text("id,output\n1,a\n2,x\n")
    (tmp_path / "c.csv").write_text("id,output\n2,b\n1,a\n")
    result = compare_outputs(tmp_path / "b.csv", tmp_path / "c.csv", tmp_path / "r.jsonl")
    assert (result.baseline.estimate, result.candidate.estimate) == (0.5, 1.0)


def test_too_few_items_and_bad_replicates() -> None:
    with pytest.raises(InputError, match="need at least 2 items"):
        compare_results([{"id": 1, "baseline": 1, "candidate": 0}])
    with pytest.raises(InputError, match="replicates must be between 1 and"):
        compare_results(pass_fail_rows(1, 1), replicates=0)
    with pytest.raises(InputError, match="rows: no rows"):
        compare_results([])


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_cli_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in pass_fail_rows(2, 8)))
    assert main(["compare", str(path), "--format", fmt, "--seed", "3", "--replicates", "500"]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        assert json.loads(out)["seed"] == 3
    else:
        assert "No detectable difference at this sample size" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["compare"], "give RESULTS, or all of --baseline/--candidate/--reference"),
        (["compare", "r.csv", "--baseline", "b.jsonl"], "give either RESULTS or"),
        (["compare", "r.csv", "--replicates", "0"], "0 is not between 1 and 100,000"),
        (["compare", "r.csv", "--metric", "bleu"], "invalid choice: 'bleu'"),
    ],
)
def test_cli_argument_errors(argv: list[str], message: str) -> None:
    ran = run(argv)
    assert_refused(ran, message)
    assert ran.err.startswith("python -m checker")
