"""The browser worker's Python side (checker.web): one reply shape for every request, and the same
sentences and rows as the command line. These run on the host and in Pyodide."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from checker import web
from checker.compare import compare_texts, comparison_text
from checker.compare.render import comparison_rows, comparison_view
from checker.dataset.render import VERDICTS
from checker.readiness.criteria import load_criteria
from checker.readiness.render import assessment_json
from checker.readiness.scoring import assess

DATA = Path(__file__).resolve().parents[1] / "data"


def reply(text: str) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(text)
    assert isinstance(parsed["ok"], bool)
    if not parsed["ok"]:
        assert set(parsed) == {"ok", "error"}
        assert parsed["error"] and "\n" not in parsed["error"].strip()
    return parsed


def test_assess_answers_gives_the_cli_assessment() -> None:
    answers = {"behaviour-goal": "yes", "use-case-defined": "no"}
    got = reply(web.handle("assess_answers", json.dumps(answers)))
    assert got["ok"]
    expected = json.loads(assessment_json(assess(answers, load_criteria())))
    assert got["result"] == {**expected, "field_errors": {}}


@pytest.mark.parametrize(
    "request_text",
    ["[1, 2]", "not json", '"text"', "null"],
    ids=["list", "not json", "string", "null"],
)
def test_bad_requests_get_an_error_reply(request_text: str) -> None:
    for text in (
        web.handle("assess_answers", request_text),
        web.handle("assessment_report", request_text, "markdown"),
        web.handle("compare_files", request_text),
    ):
        assert reply(text)["ok"] is False


def test_report_formats() -> None:
    markdown = reply(web.handle("assessment_report", "{}", "markdown"))
    assert markdown["ok"] and markdown["text"].startswith("#")
    as_json = reply(web.handle("assessment_report", "{}", "json"))
    assert json.loads(as_json["text"])["criteria_version"]
    assert reply(web.handle("assessment_report", "{}", "html"))["ok"] is False


def _results(name: str) -> dict[str, str]:
    path = DATA / "compare" / name
    return {"name": name, "text": path.read_text(encoding="utf-8")}


@pytest.mark.parametrize("name", ["pass_fail.jsonl", "scores.csv"])
def test_compare_reply_holds_the_cli_sentences_and_rows(name: str) -> None:
    got = reply(web.handle("compare_files", json.dumps({"results": _results(name), "seed": 3})))
    assert got["ok"], got
    result = compare_texts(results_text=_results(name)["text"], results_name=name, seed=3)
    view = got["view"]
    assert view == json.loads(json.dumps(comparison_view(result).to_dict()))
    assert view["code"] == result.verdict
    assert [tuple(row) for row in view["rows"]] == comparison_rows(result)
    assert f"Verdict: {view['verdict']}" in comparison_text(result)
    assert view["evidence"] == result.checklist_evidence()
    values = [
        e["text"] for e in view["chart"]["elements"] if e["attrs"]["class"] == "ftr-chart__value"
    ]
    assert values and all(value in comparison_text(result) for value in values)
    assert len(view["chart"]["legend"]) == 4


def test_compare_bad_file_is_an_error_reply() -> None:
    request = {"results": {"name": "bad.jsonl", "text": '{"id": 1}\n'}}
    got = reply(web.handle("compare_files", json.dumps(request)))
    assert got["ok"] is False
    assert "bad.jsonl" in got["error"]


def test_dataset_session_reply_carries_the_cli_verdict() -> None:
    session = web.dataset_session(None)
    text = (DATA / "datasets" / "sft-gsm8k-train.jsonl").read_bytes()
    session.begin("train", "train.jsonl", len(text))
    session.feed(text)
    session.end()
    got = reply(session.finish_json())
    assert got["ok"]
    code = got["report"]["verdict"]
    assert got["report"]["verdict_label"] == VERDICTS[code]
    assert got["markdown"]


def test_repair_offer_and_cost_replies_share_the_envelope() -> None:
    assert reply(web.handle("repair_offer", "not json"))["ok"] is False
    assert reply(web.handle("cost_estimate", "[]"))["ok"] is False


def _checked(files: dict[str, bytes], model: str | None) -> tuple[dict[str, Any], str]:
    """The page's reply and the CLI's text report for the same files, each from its own session
    (the check is deterministic: the token sample has a fixed seed)."""
    from checker.dataset.render import report_text
    from checker.dataset.session import DatasetSession

    page = web.dataset_session(model)
    cli = DatasetSession(model=model)
    for role, data in files.items():
        page.begin(role, f"{role}.jsonl", len(data))  # type: ignore[arg-type]
        page.feed(data)
        page.end()
        cli.begin(role, name=f"{role}.jsonl", size=len(data))  # type: ignore[arg-type]
        cli.feed(data)
        cli.end()
    got = reply(page.finish_json())
    assert got["ok"]
    return got["view"], report_text(cli.finish())


BROKEN = b"".join(
    b'{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}\n'
    if i % 3
    else b"not json at all\n"
    for i in range(90)
)
CASES = {
    "clean, with a model": (
        {
            "train": (DATA / "datasets" / "sft-gsm8k-train.jsonl").read_bytes(),
            "validation": (DATA / "datasets" / "sft-gsm8k-validation.jsonl").read_bytes(),
        },
        "gpt-4o-mini-2024-07-18",
    ),
    "broken, no model": ({"train": BROKEN}, None),
}


@pytest.mark.parametrize("case", list(CASES))
def test_dataset_page_rows_are_the_cli_text_rows(case: str) -> None:
    from checker.textsafe import for_terminal

    files, model = CASES[case]
    view, text = _checked(files, model)
    lines = text.splitlines()
    assert view["verdict"]["label"] == lines[0]
    assert view["status"] == f"Checked. {lines[0]}"
    assert [f"{label}: {value}" for label, value in view["facts"]] == lines[
        2 : 2 + len(view["facts"])
    ]
    rows = view["distribution"]["rows"]
    assert view["distribution"]["columns"] == ["min", "median", "p90", "max"]
    table = [
        line
        for line in lines
        if line.startswith("  ") and any(line.startswith(f"  {label} ") for label, _ in rows)
    ]
    assert [[label, *values] for label, values in rows] == [
        [line[2:38].strip(), *line[38:].split()] for line in table
    ]
    assert any(group["more"] for group in view["findings"]) or case.startswith("clean")
    for group in view["findings"]:
        assert f"  {group['code']} ({group['count']}): {group['action']}" in lines
        for item in group["shown"]:
            assert f"    {item['where']}: {for_terminal(item['message'])}" in lines
        if group["more"]:
            assert f"    {group['more']}" in lines
    assert [f"  - {note}" for note in view["notes"]] == [
        line for line in lines if line.startswith("  - ")
    ]
    assert lines[-1].startswith("Note: Token counts ")
    assert view["token_note"].startswith("Token counts ") and view["token_note"].count(". ") <= 1
    assert len(view["token_note"].split()) <= 30 < len(lines[-1].split())  # the page's is short


def test_dataset_page_chart_cost_and_progress_are_phrased_in_python() -> None:
    files, model = CASES["clean, with a model"]
    view, text = _checked(files, model)
    chart = view["chart"]
    bars = [element for element in chart["elements"] if element["tag"] == "rect"]
    tooltips = [bar["children"][0]["text"] for bar in bars]
    assert sum(int(text.rsplit(": ", 1)[1].split()[0].replace(",", "")) for text in tooltips) == 449
    assert all(text.endswith(("examples", "example")) for text in tooltips)
    ends = [element["text"] for element in chart["elements"] if element["tag"] == "text"]
    assert len(ends) == 2 and all(end.endswith(" tokens") for end in ends)
    tallest = max(float(bar["attrs"]["height"]) for bar in bars)
    assert tallest == chart["height"] - 30  # the fullest bin fills the plot
    assert "training-tokens" in view["cost"] and view["cost"]["epochs"] == "3"
    assert f"billed training tokens: {int(view['cost']['training-tokens']) * 3:,}" in text
    session = web.dataset_session(None)
    session.begin("train", "train.jsonl", len(BROKEN))
    session.feed(BROKEN)
    progress = json.loads(session.progress_json(len(BROKEN) // 2, len(BROKEN), 0.5))
    assert progress == {"percent": 50, "text": "50%, 90 examples, 180 examples/s"}


def test_every_request_goes_through_one_reply_function() -> None:
    """InputError is the user's one line; anything else is named an internal error, in one line;
    a request the worker does not know is refused the same way."""
    refused = reply(
        web.handle("compare_precheck", json.dumps([{"name": "big.jsonl", "size": 2**40}]))
    )
    assert refused["ok"] is False and refused["error"].startswith("big.jsonl is ")
    assert reply(web.handle("compare_precheck", json.dumps([{"name": "a", "size": 10}]))) == {
        "ok": True
    }
    unknown = reply(web.handle("no_such_request", "{}"))
    assert unknown["error"] == "internal error (ValueError): unknown request 'no_such_request'"
    missing = reply(web.handle("repair_request", json.dumps({"action": "fix"})))
    assert missing["error"] == "internal error (KeyError): 'train'"
    bad_input = reply(web.handle("repair_request", "[]"))
    assert bad_input["error"] == "the request must be a JSON object"
    gone = reply(
        web.handle(
            "repair_request", json.dumps({"action": "fix", "train": "/no/such", "out": "/tmp"})
        )
    )
    assert gone["ok"] is False and "\n" not in gone["error"]


def test_the_table_names_every_request_the_pages_make() -> None:
    pages = (Path(__file__).resolve().parents[2] / "docs" / "assets" / "js").glob("*.js")
    called = {
        name
        for page in pages
        for name in re.findall(r'call\(\s*"(\w+)"', page.read_text(encoding="utf-8"))
    }
    assert called and called <= set(web.REQUESTS)


def test_the_checklist_is_given_pythons_words_for_progress_and_old_answers() -> None:
    from checker.readiness.answers import page_notices, version_notes

    criteria = load_criteria()
    got = reply(web.handle("assess_answers", json.dumps({"behaviour-goal": "yes"})))
    section = next(s for s in got["result"]["sections"] if s["answered"])
    shown = got["sections"][section["id"]]
    assert shown["progress"].startswith(f"{section['answered']}/{section['total']} answered")
    assert shown["label"] == f"{section['score']} (partial)"
    # The page fills in the same sentence the command line prints.
    page = page_notices(criteria)["changed"].format(what="these answers were saved", saved="0.9")  # type: ignore[attr-defined]
    assert version_notes("0.9", criteria, "these answers were saved") == [page]
    assert version_notes(criteria.version, criteria, "x") == []


def test_a_question_page_gets_its_own_result_only() -> None:
    criteria = load_criteria()
    question = criteria.question("why")
    first = question.items[0].id
    own = reply(web.handle("assess_answers", json.dumps({first: "yes"}), "why"))["question"]
    assert own["progress"].startswith(f"1 of {len(question.items)} statements answered")
    # One answer is no score, even a partial one.
    assert own["score"] is None and own["summary"].startswith("No score until its")
    ids = {item.id for item in question.items}
    assert own["steps"] and {step["id"] for step in own["steps"]} <= ids

    answered = {item.id: "yes" if item.kind == "ready" else "no" for item in question.items}
    whole = reply(web.handle("assess_answers", json.dumps(answered), "why"))
    section = next(s for s in whole["result"]["sections"] if s["id"] == "why")
    assert (whole["question"]["score"], whole["question"]["band"]) == (
        section["score"],
        section["band"],
    )
    assert whole["question"]["summary"].startswith(f"Score {section['score']}/100")
    assert "question" not in reply(web.handle("assess_answers", json.dumps(answered)))


def _dataset_evidence(answers: dict[str, str]) -> dict[str, Any]:
    from checker.dataset import validate_dataset

    report = validate_dataset(DATA / "datasets" / "sft-gsm8k-train.jsonl").to_dict()
    got = reply(
        web.handle("checklist_evidence", "dataset", json.dumps(report), json.dumps(answers))
    )
    assert got["ok"], got
    return got


def test_evidence_is_offered_item_by_item_in_words() -> None:
    got = _dataset_evidence({})
    examples = next(item for item in got["items"] if item["id"] == "training-examples")
    count = examples["answer"]
    statement = load_criteria().item("training-examples").statement
    assert examples["state"] == "new" and examples["current"] is None
    assert examples["title"] == statement
    assert statement.endswith("?")  # a question quoted at the end keeps its one question mark
    assert examples["question"] == (
        f"The checked training file holds {int(count):,} examples: answer {count} examples to "
        f"“{statement}”"
    )
    assert (
        examples["used"] == f"Done: your checklist now answers {count} examples to “{statement}”."
    )
    formatted = next(item for item in got["items"] if item["id"] == "dataset-formatted")
    sentence = load_criteria().item("dataset-formatted").statement
    assert sentence.endswith(".")  # quoted without its full stop, then asked
    assert formatted["question"] == (
        f"The dataset checker found no errors: answer Yes to “{sentence[:-1]}”?"
    )
    assert all("-" not in item["question"].split("“")[0] for item in got["items"])  # no ids


def test_evidence_against_a_different_answer_asks_to_replace_it() -> None:
    got = _dataset_evidence({"training-examples": "500", "dataset-formatted": "yes"})
    lines = {item["id"]: item for item in got["items"]}
    different = lines["training-examples"]
    assert different["state"] == "different" and different["current"] == "500"
    assert different["question"].startswith("Your checklist answers 500 examples to “")
    assert different["question"].endswith(
        f"which suggests {different['value']}. Replace your answer?"
    )
    assert different["kept"].startswith("Kept: your checklist still answers 500 examples to “")
    assert lines["dataset-formatted"]["state"] == "same"


def test_evidence_leaves_out_unknown_items_and_tools() -> None:
    result = {"checklist_evidence": {"no-such-item": {"answer": "yes"}, "holdout-examples": 7}}
    got = reply(web.handle("checklist_evidence", "compare", json.dumps(result)))
    assert got["items"] == []
    assert reply(web.handle("checklist_evidence", "cost", "{}"))["ok"] is False
