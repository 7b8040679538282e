"""The cost model on hand-computed cases (tests/data/cost/cases.json, each with its calculation),
through the API, through ``main([...])`` and through the page's adapter (the Python the page runs):
the same figures everywhere, errors worded for each, and no number that is not finite."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from checker.cli import main
from checker.cost import FIELDS, CostInputs, cost_chart, estimate_cost
from checker.cost.inputs import MAX_PRICE
from checker.cost.model import _verdict, repaid_within
from checker.errors import InputError
from checker.facts import PRICE_KEYS, load_facts
from checker.lifecycle import serving_until
from checker.web import handle
from tests.checker.cli_run import assert_refused, run

DATA = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "cost" / "cases.json").read_text("utf-8")
)
CASES = DATA["cases"]
ERRORS = DATA["errors"]
DATASETS = Path(__file__).resolve().parents[1] / "data" / "datasets"
CLI_SYNTAX = re.compile(r"(?<![\w-])--[a-z]|=VALUE|KEY=|facts\.toml")


def today_of(case: dict[str, Any]) -> dt.date:
    if "today" in case:
        return dt.date.fromisoformat(case["today"])
    facts = load_facts()
    inputs = case["inputs"]
    try:
        model = facts.model(inputs["model"], inputs.get("provider", "azure"))
    except InputError:  # the case is about that error
        return dt.date(2026, 12, 2)
    ends = serving_until(model)
    assert ends is not None, model
    return ends - dt.timedelta(days=case.get("days_before_retirement", 1000))


def prices_of(case: dict[str, Any]) -> dict[str, float]:
    if case.get("no_prices") or case.get("stated_prices"):
        return {}
    return {**DATA["prices"], **case.get("prices", {})}


def inputs_of(case: dict[str, Any]) -> CostInputs:
    return CostInputs(**case["inputs"], prices=prices_of(case), today=today_of(case))


def argv_of(case: dict[str, Any]) -> list[str]:
    argv = ["cost", "--today", today_of(case).isoformat()]
    for key, value in case["inputs"].items():
        argv += [f"--{key.replace('_', '-')}", str(value)]
    for key, value in prices_of(case).items():
        argv += ["--price", f"{key}={value}"]
    return argv


def request_of(case: dict[str, Any]) -> dict[str, Any]:
    """The page's form: every value as text, as the browser sends it."""
    request: dict[str, Any] = {k: str(v) for k, v in case["inputs"].items()}
    request["today"] = today_of(case).isoformat()
    request["prices"] = {k: str(v) for k, v in prices_of(case).items()}
    request["training_hours"] = request.get("training_hours", "")  # empty fields are left out
    return request


def check(result: dict[str, Any], expect: dict[str, Any]) -> None:
    for key, wanted in expect.items():
        if key == "reason_contains":
            assert wanted in result["reason"], result["reason"]
        elif key == "note_contains":
            assert any(wanted in note for note in result["notes"]), result["notes"]
        elif isinstance(wanted, float | int) and not isinstance(wanted, bool):
            assert result[key] == pytest.approx(wanted, rel=1e-6, abs=1e-9), key
        else:
            assert result[key] == wanted, key


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_cases_through_the_api(case: dict[str, Any]) -> None:
    check(estimate_cost(inputs_of(case)).to_dict(), case["expect"])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_cases_through_the_cli_and_the_page(case: dict[str, Any]) -> None:
    ran = run([*argv_of(case), "--format", "json"])
    assert ran.code == 0, ran.err
    result = json.loads(ran.out)
    check(result, case["expect"])
    assert result["headline"].startswith(f"Fine-tuning {result['model']} ")
    if "headline" in case:
        assert result["headline"] == case["headline"]
    reply = json.loads(handle("cost_estimate", json.dumps(request_of(case))))
    assert reply["ok"] and "field_error" not in reply, reply
    assert json.loads(reply["json"]) == result
    assert reply["headline"] == result["headline"]
    text = run([*argv_of(case), "--format", "text"]).out
    for label, value in case.get("rows", {}).items():
        assert [label, value] in reply["rows"], reply["rows"]
        assert re.search(rf"^{re.escape(label)} +{re.escape(value)}$", text, re.M), text


@pytest.mark.parametrize("case", ERRORS, ids=[c["error"][:40] for c in ERRORS])
def test_errors_are_worded_for_the_cli_and_for_the_page(case: dict[str, Any]) -> None:
    with pytest.raises(InputError) as raised:
        estimate_cost(inputs_of(case))
    assert case["error"] in str(raised.value)
    ran = run(argv_of(case))
    assert_refused(ran, case.get("cli", case["error"]))
    reply = json.loads(handle("cost_estimate", json.dumps(request_of(case))))
    if "field" in case:
        assert reply["ok"] and reply["field_error"]["fields"][0] == case["field"], reply
        message = reply["field_error"]["message"]
        assert case.get("page", case["error"].split(":")[0]) in message
    else:
        assert reply["ok"] is False
        message = reply["error"]
    assert not CLI_SYNTAX.search(message), message
    assert "\n" not in message


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


def test_page_request_errors_are_field_messages_in_page_words() -> None:
    for change, field, words in (
        ({"requests_per_day": "many"}, "requests_per_day", "requests a day: 'many' is not a"),
        ({"prompt_tokens": ""}, "prompt_tokens", "missing: fill in “prompt tokens per request"),
        ({"epochs": "0"}, "epochs", "epochs: 0 is outside 1 to 50"),
        ({"requests_per_day": "1e308"}, "requests_per_day", "is outside 0 to 1,000,000,000"),
        ({"prices": {"hosting_per_hour": "-1"}}, "price:hosting_per_hour", "must be a number"),
        ({"prices": {"training_per_million": "1e308"}}, "price:training_per_million", "outside"),
    ):
        request = {**request_of(CASES[0]), **change}
        reply = json.loads(handle("cost_estimate", json.dumps(request)))
        assert reply["ok"] and reply["field_error"]["fields"] == [field], reply
        assert words in reply["field_error"]["message"], reply
    reply = json.loads(
        handle("cost_estimate", json.dumps({**request_of(CASES[0]), "model": "gpt-4.2"}))
    )
    assert reply["ok"] is False and "unknown model 'gpt-4.2'" in reply["error"]


def test_the_page_reply_never_shows_command_line_syntax() -> None:
    for case in CASES:
        reply = json.loads(handle("cost_estimate", json.dumps(request_of(case))))
        shown = [reply["headline"], *reply["notes"], *(v for row in reply["rows"] for v in row)]
        shown += [text for row in reply["prices"]["rows"] for text in row]
        shown += [str(v) for source in reply["prices"]["sources"] for v in source.values()]
        shown += [e.get("text", "") for e in reply["chart"]["elements"]]
        for text in shown:
            assert not CLI_SYNTAX.search(text), (case["name"], text)


def test_prices_used_are_a_table_with_sources_and_dates() -> None:
    case = next(c for c in CASES if c.get("stated_prices"))
    reply = json.loads(handle("cost_estimate", json.dumps(request_of(case))))
    facts = load_facts()
    stated = facts.prices_of(facts.model("gpt-4.1"), "global")
    assert stated is not None and stated.confirm is not None
    rows = dict(reply["prices"]["rows"])
    price = stated.values["base_input_per_million"]
    assert rows["Prompted model input (gpt-4.1)"] == f"${price:g} per million tokens"
    assert "Fine-tuned model input (gpt-4.1-nano)" in rows
    assert reply["prices"]["sources"] == [{
        "source": stated.dated.source.title, "url": stated.dated.source.url,
        "dates": f"prices as of {stated.as_of}, checked {stated.dated.checked}",
        "confirm_url": stated.confirm.url,
    }]  # fmt: skip
    typed = json.loads(handle("cost_estimate", json.dumps(request_of(CASES[0]))))["prices"]
    assert typed["sources"] == [] and all("(your figure)" in row[0] for row in typed["rows"])


def test_many_missing_prices_are_marked_on_the_page_not_listed() -> None:
    request = {**request_of(CASES[0]), "model": "gpt-4o", "prices": {}}
    error = json.loads(handle("cost_estimate", json.dumps(request)))["field_error"]
    assert len(error["fields"]) == 6 and error["fields"][0] == "price:training_per_million"
    assert "type the 6 fields marked below under Prices" in error["message"]


def extreme_inputs() -> CostInputs:
    values: dict[str, Any] = {spec.name: spec.high for spec in FIELDS}
    values["cached_prompt_tokens"] = values["cached_prompt_tokens_after"] = 0
    values.pop("training_hours")
    return CostInputs(
        model="gpt-4.1-mini", prices=dict.fromkeys(PRICE_KEYS, MAX_PRICE),
        today=dt.date(2026, 12, 2), **values,
    )  # fmt: skip


def test_every_number_at_its_top_bound_gives_finite_figures() -> None:
    result = estimate_cost(extreme_inputs())
    data = json.loads(json.dumps(result.to_dict(), allow_nan=False))
    assert data["one_off_cost"] > 0
    biggest = ["--requests-per-day", "1000000000", "--prompt-tokens", "10000000"]
    biggest += ["--price", "base_input_per_million=100000", "--format", "json"]
    ran = run([*argv_of(CASES[0]), *biggest])
    assert ran.code == 0, ran.err
    assert not re.search(r"\b(NaN|Infinity|inf|nan)\b", ran.out)
    for fmt in ("text", "markdown"):
        out = run([*argv_of(CASES[0]), "--requests-per-day", "1e9", "--format", fmt]).out
        assert out and not re.search(r"\$(inf|nan)", out)


@pytest.mark.parametrize("value", ["1e308", "1e400", "-0", "inf", "-inf", "nan", "1e-320", "0"])
def test_no_number_ends_in_an_internal_error(value: str) -> None:
    for spec in FIELDS:
        argv = [*argv_of(CASES[0]), spec.option, value]
        if spec.name == "training_hours":
            argv = [a for a in argv if a not in ("--training-tokens", "949000000")]
        ran = run(argv)
        assert ran.code in (0, 2), (spec.name, value, ran.err)
        assert not re.search(r"\$(inf|nan)|NaN|Infinity", ran.out), (spec.name, value)
    ran = run([*argv_of(CASES[0]), "--price", f"training_per_million={value}"])
    assert ran.code in (0, 2) and "Traceback" not in ran.err


def train_file(tmp_path: Path, examples: int) -> Path:
    lines = (DATASETS / "sft-gsm8k-validation.jsonl").read_text("utf-8").splitlines()
    path = tmp_path / "train.jsonl"
    path.write_text("\n".join(lines[:examples]) + "\n", "utf-8")
    return path


def traffic() -> list[str]:
    figures = ["--requests-per-day", "2400", "--prompt-tokens", "2000"]
    figures += ["--prompt-tokens-after", "200", "--output-tokens", "100", "--today", "2026-12-02"]
    return ["--model", "gpt-4.1-mini", *figures]


@pytest.mark.parametrize("examples", [20, 50])
def test_cost_train_and_validate_agree(tmp_path: Path, examples: int) -> None:
    path = train_file(tmp_path, examples)
    validated = run(["validate", str(path), "--model", "gpt-4.1-mini", "--format", "json"])
    stats = json.loads(validated.out)["files"][0]["stats"]
    costed = run(["cost", *traffic(), "--train", str(path), "--format", "json"])
    assert costed.code == 0, costed.err
    result = json.loads(costed.out)
    assert result["epochs"] == stats["estimated_epochs"] == (5 if examples == 20 else 3)
    assert result["billed_training_tokens"] == stats["estimated_billed_tokens"]
    assert not result["epochs_assumed"]
    assert f"{examples} examples" in costed.err
    assert any("the provider's default for" in note for note in result["notes"])


def test_cost_train_reads_standard_input_and_names_compressed_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = train_file(tmp_path, 20)
    expected = json.loads(run(["cost", *traffic(), "--train", str(path), "--format", "json"]).out)
    stdin = io.TextIOWrapper(io.BytesIO(path.read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    ran = run(["cost", *traffic(), "--train", "-", "--format", "json"])
    assert ran.code == 0, ran.err
    assert json.loads(ran.out)["billed_training_tokens"] == expected["billed_training_tokens"]
    packed = tmp_path / "train.jsonl.gz"
    packed.write_bytes(gzip.compress(path.read_bytes()))
    assert_refused(run(["cost", *traffic(), "--train", str(packed)]), "gzip-compressed")


def test_cost_train_escapes_the_file_name(tmp_path: Path) -> None:
    path = train_file(tmp_path, 20)
    forged = tmp_path / "x\x1b[31m\nerror: forged.jsonl"
    path.rename(forged)
    ran = run(["cost", *traffic(), "--train", str(forged)])
    assert ran.code == 0, ran.err
    assert "\x1b" not in ran.err and len(ran.err.splitlines()) == 1
    assert not ran.err.startswith("error")


def test_chart_has_axes_legend_and_both_lines() -> None:
    result = estimate_cost(inputs_of(CASES[0]))
    chart = cost_chart(result)
    tags = [element["tag"] for element in chart["elements"]]
    assert tags.count("polyline") == 2
    texts = [element.get("text", "") for element in chart["elements"]]
    assert "months from now" in texts and "prompted model, today's prompt" in texts
    assert "$0" in texts and "24" in texts
    lines = [e for e in chart["elements"] if e["tag"] == "polyline"]
    assert all(len(line["attrs"]["points"].split()) == 25 for line in lines)
    assert "prompted model $" in chart["title"] and "fine-tuned $" in chart["title"]
    assert chart["width"] <= 390  # labels keep their size on a phone


def test_chart_ends_at_a_cut_horizon() -> None:
    case = next(c for c in CASES if c["expect"].get("horizon_cut"))
    result = estimate_cost(inputs_of(case))
    chart = cost_chart(result)
    line = next(e for e in chart["elements"] if e["tag"] == "polyline")
    assert len(line["attrs"]["points"].split()) == len(result.months) == 6  # 0..4 and 4.997
    assert "over 5.0 months" in chart["title"]


def test_chart_attributes_are_svg_names() -> None:
    chart = cost_chart(estimate_cost(inputs_of(CASES[0])))
    names = {name for element in chart["elements"] for name in element["attrs"]}
    assert "class" in names and "text-anchor" in names
    assert all(name.replace("-", "").isalnum() for name in names), names
    classes = {element["attrs"].get("class") for element in chart["elements"]}
    assert {"ftr-chart__before", "ftr-chart__after", "ftr-chart__axis"} <= classes


def test_every_output_format(capsys: pytest.CaptureFixture[str]) -> None:
    for fmt, marker in (("text", "Prices used:"), ("markdown", "| Break-even |")):
        assert main([*argv_of(CASES[0]), "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert "pays back after 7 months" in out and marker in out


@pytest.mark.parametrize(("months", "pays"), [(23.99, True), (24.01, False)])
def test_payback_is_judged_at_the_horizon_inclusive(months: float, pays: bool) -> None:
    # saving 1,460 a month (the first case); training chosen to take `months` to repay
    tokens = round(months * 1460 / 10 * 1e6)
    case = {**CASES[0], "inputs": {**CASES[0]["inputs"], "training_tokens": tokens}}
    result = estimate_cost(inputs_of(case))
    assert result.break_even_months == pytest.approx(months, rel=1e-6)
    assert result.pays_back is pays


@pytest.mark.parametrize(
    ("one_off", "saving", "horizon", "pays"),
    [(24.0, 1.0, 24.0, True), (24.0, 1.0, 23.5, False), (23.5, 1.0, 24.0, True),
     (0.0, 0.0, 24.0, False), (0.0, -1.0, 24.0, False), (0.0, 0.5, 24.0, True)],
)  # fmt: skip
def test_repaid_within_the_horizon_at_its_boundaries(
    one_off: float, saving: float, horizon: float, pays: bool
) -> None:
    assert repaid_within(one_off, saving, horizon) is pays


def test_zero_saving_is_not_a_division() -> None:
    case = next(c for c in CASES if c["name"].startswith("same prompt, same prices"))
    result = estimate_cost(inputs_of(case))
    assert result.saving_per_request == 0 and result.requests_per_day_to_save is None
    zero_traffic = {**case, "inputs": {**case["inputs"], "requests_per_day": 0}}
    result = estimate_cost(inputs_of(zero_traffic))
    assert result.prompt_tokens_after_to_flip is None and not result.pays_back


@pytest.mark.parametrize(
    ("months", "per_request", "to_save", "verdict", "reason"),
    [
        (1.0, 0.001, 0.0, "pays back within the first month", "1.0 months of savings"),
        (1.01, 0.001, 0.0, "pays back after 2 months", "1.0 months of savings"),
        (None, 0.0, None, "does not pay back", "costs the same per request"),
        (None, -1e-12, None, "does not pay back", "at any volume"),
        (None, 1e-12, 5.0, "does not pay back", "hosting alone costs more"),
    ],
)
def test_verdicts_at_their_boundaries(
    months: float | None, per_request: float, to_save: float | None, verdict: str, reason: str
) -> None:
    said = _verdict(
        months, months is not None, per_request, to_save, rft=False, cut=False, horizon=24.0,
        ends=None, model="m", one_off=10.0,
    )  # fmt: skip
    assert said[0] == verdict and reason in said[1]
