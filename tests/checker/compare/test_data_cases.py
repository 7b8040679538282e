"""Data-driven CLI cases from tests/data/compare/cases.json, run in process (no subprocess)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.cli import main
from tests.checker.cli_run import assert_refused, run

DATA = Path(__file__).resolve().parents[2] / "data" / "compare"
CASES: dict[str, list[dict[str, Any]]] = json.loads((DATA / "cases.json").read_text())


def _argv(args: list[str]) -> list[str]:
    return [str(DATA / arg) if arg.endswith((".jsonl", ".csv")) else arg for arg in args]


@pytest.mark.parametrize("case", CASES["ok"], ids=lambda case: " ".join(case["args"]))
def test_good_inputs(case: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", *_argv(case["args"]), "--format", "json", "--replicates", "2000"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["kind"] == case["kind"]
    assert result["items"] == case["items"]
    for key in ("p_value",):
        if key in case:
            assert result["test"][key] == pytest.approx(case[key])
    if "difference" in case:
        assert result["difference"]["estimate"] == pytest.approx(case["difference"])
    for model in ("baseline", "candidate"):
        if model in case:
            assert result[model]["estimate"] == pytest.approx(case[model])
    if "verdict" in case:
        assert result["verdict"] == case["verdict"]


@pytest.mark.parametrize("case", CASES["errors"], ids=lambda case: " ".join(case["args"]))
def test_bad_inputs_exit_2_with_one_line(case: dict[str, Any]) -> None:
    assert_refused(run(["compare", *_argv(case["args"])]), case["message"])
