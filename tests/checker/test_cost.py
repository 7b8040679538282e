"""The cost model on hand-computed cases (tests/data/cost/cases.json), through the API and through
``main([...])``, and its one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.cli import main
from checker.cost import CostInputs, cost_chart, estimate_cost
from checker.errors import InputError
from tests.checker.cli_run import assert_refused, run

DATA = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "cost" / "cases.json").read_text("utf-8")
)
CASES = DATA["cases"]
ERRORS = DATA["errors"]


def inputs_of(case: dict[str, Any]) -> CostInputs:
    prices = {} if case.get("no_prices") else {**DATA["prices"], **case.get("prices", {})}
    return CostInputs(**case["inputs"], prices=prices)


def argv_of(case: dict[str, Any]) -> list[str]:
    argv = ["cost"]
    for key, value in case["inputs"].items():
        argv += [f"--{key.replace('_', '-')}", str(value)]
    if not case.get("no_prices"):
        prices = {**DATA["prices"], **case.get("prices", {})}
        for key, value in prices.items():
            argv += ["--price", f"{key}={value}"]
    return argv


def check(result: dict[str, Any], expect: dict[str, Any]) -> None:
    for key, wanted in expect.items():
        if key == "reason_contains":
            assert wanted in result["reason"]
        elif key == "note_contains":
            assert any(wanted in note for note in result["notes"]), result["notes"]
        elif isinstance(wanted, float | int) and not isinstance(wanted, bool):
            assert result[key] == pytest.approx(wanted, rel=1e-6), key
        else:
            assert result[key] == wanted, key


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_cases_through_the_api(case: dict[str, Any]) -> None:
    check(estimate_cost(inputs_of(case)).to_dict(), case["expect"])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_cases_through_the_cli(case: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*argv_of(case), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    check(result, case["expect"])
    assert result["headline"].startswith(f"Fine-tuning {result['model']} ")


@pytest.mark.parametrize("case", ERRORS, ids=[c["error"][:40] for c in ERRORS])
def test_errors_through_the_api(case: dict[str, Any]) -> None:
    with pytest.raises(InputError) as raised:
        estimate_cost(inputs_of(case))
    assert case["error"] in str(raised.value)


@pytest.mark.parametrize("case", ERRORS, ids=[c["error"][:40] for c in ERRORS])
def test_errors_through_the_cli(case: dict[str, Any]) -> None:
    assert_refused(run(argv_of(case)), case["error"])


@pytest.mark.parametrize(
    "case", DATA["cli_errors"], ids=[c["error"][:40] for c in DATA["cli_errors"]]
)
def test_bad_numbers_and_files_are_one_line_errors(case: dict[str, Any]) -> None:
    base = dict(CASES[0]["inputs"])
    if "--train" in case["argv"]:
        base.pop("training_tokens")
    argv = argv_of({"inputs": base})
    flag = case["argv"][0]
    if flag in argv and flag != "--price":
        position = argv.index(flag)
        del argv[position : position + 2]
    assert_refused(run([*argv, *case["argv"]]), case["error"])


def test_every_output_format(capsys: pytest.CaptureFixture[str]) -> None:
    for fmt, marker in (("text", "Prices used:"), ("markdown", "| Break-even |")):
        assert main([*argv_of(CASES[0]), "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert "pays back after 7 months" in out and marker in out


def test_train_file_is_counted_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    from checker.tokens.training import training_tokens

    path = Path(__file__).resolve().parents[1] / "data" / "datasets" / "sft-gsm8k-train.jsonl"
    counted = training_tokens(path.read_text("utf-8-sig"), str(path), 65536)
    assert (counted.examples, counted.tokens, counted.estimated) == (449, 84326, False)
    base = {k: v for k, v in CASES[0]["inputs"].items() if k != "training_tokens"}
    assert main([*argv_of({"inputs": base}), "--train", str(path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["billed_training_tokens"] == 84326
    assert "449 examples, 84,326 tokens per epoch" in captured.err


def test_chart_has_axes_legend_and_both_lines() -> None:
    result = estimate_cost(inputs_of(CASES[0]))
    chart = cost_chart(result)
    tags = [element["tag"] for element in chart["elements"]]
    assert tags.count("polyline") == 2
    texts = [element.get("text", "") for element in chart["elements"]]
    assert "months from now" in texts and "base model, current prompt" in texts
    assert "fine-tuned model" in texts and "$0" in texts and "24" in texts
    lines = [e for e in chart["elements"] if e["tag"] == "polyline"]
    assert all(len(line["attrs"]["points"].split()) == 25 for line in lines)
    assert "base model $" in chart["title"] and "fine-tuned $" in chart["title"]


def test_page_request_gives_the_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    from checker.web import handle

    case = CASES[0]
    request: dict[str, Any] = {k: str(v) for k, v in case["inputs"].items()}
    request["prices"] = {k: str(v) for k, v in DATA["prices"].items()}
    request["training_hours"] = ""  # an empty form field is left out
    reply = json.loads(handle("cost_estimate", json.dumps(request)))
    assert reply["ok"] and reply["headline"] == "Fine-tuning gpt-4.1-mini pays back after 7 months."
    assert main([*argv_of(case), "--format", "json"]) == 0
    assert json.loads(reply["json"]) == json.loads(capsys.readouterr().out)
    assert reply["rows"][0][0] == "Training (one-off)" and reply["chart"]["elements"]


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"requests_per_day": "many"}, "requests per day: 'many' is not a number"),
        ({"prompt_tokens": ""}, "prompt tokens: missing"),
        ({"epochs": "0"}, "epochs: must be more than 0"),
        ({"model": "gpt-4.2"}, "unknown model 'gpt-4.2'"),
        ({"prices": {"hosting_per_hour": "-1"}}, "--price hosting_per_hour: -1 must be"),
    ],
)
def test_page_request_errors_are_one_line(change: dict[str, Any], error: str) -> None:
    from checker.web import handle

    request: dict[str, Any] = {k: str(v) for k, v in CASES[0]["inputs"].items()}
    request["prices"] = dict(DATA["prices"])
    request.update(change)
    reply = json.loads(handle("cost_estimate", json.dumps(request)))
    assert reply == {"ok": False, "error": reply["error"]} and error in reply["error"]
    assert "\n" not in reply["error"]


def test_chart_attributes_are_svg_names() -> None:
    chart = cost_chart(estimate_cost(inputs_of(CASES[0])))
    names = {name for element in chart["elements"] for name in element["attrs"]}
    assert "class" in names and "text-anchor" in names
    assert all(name.replace("-", "").isalnum() for name in names), names
    classes = {element["attrs"].get("class") for element in chart["elements"]}
    assert {"ftr-chart__before", "ftr-chart__after", "ftr-chart__axis"} <= classes
