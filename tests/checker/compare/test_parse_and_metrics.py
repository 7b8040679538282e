"""Text to rows, and the output metrics."""

from __future__ import annotations

import re

import pytest

from checker.compare.metrics import contains, exact, json_match, normalize, normalized
from checker.compare.parse import parse_outputs_texts, parse_results_text
from checker.errors import InputError


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("true", 1.0), ("FALSE", 0.0), ("pass", 1.0), ("Fail", 0.0), ("yes", 1.0), ("no", 0.0),
        ("correct", 1.0), ("incorrect", 0.0), ("1", 1.0), ("0", 0.0), (" Passed ", 1.0),
    ],
)  # fmt: skip
def test_pass_fail_words_in_csv(value: str, expected: float) -> None:
    paired = parse_results_text(f"id,baseline,candidate\na,{value},1\nb,0,0\n", "r.csv")
    assert paired.kind == "pass/fail"
    assert paired.baseline[0] == expected


def test_jsonl_booleans_numbers_and_bom() -> None:
    text = '\ufeff{"id": 1, "base": true, "tuned": false}\n\n{"id": "2", "base": 0, "tuned": 1}\n'
    paired = parse_results_text(text, "r.jsonl")
    assert paired.ids == ("1", "2")
    assert (tuple(paired.baseline), tuple(paired.candidate)) == ((1.0, 0.0), (0.0, 1.0))
    assert paired.kind == "pass/fail"


def test_scores_with_zero_and_one_are_scores_not_pass_fail() -> None:
    paired = parse_results_text("id,baseline,candidate\na,0,0.5\nb,1,1\n", "r.csv")
    assert paired.kind == "score"


def test_format_is_sniffed_without_an_extension() -> None:
    assert parse_results_text('{"id":"a","baseline":1,"candidate":0}', "pasted").ids == ("a",)
    assert parse_results_text("id,baseline,candidate\na,1,0\n", "pasted").ids == ("a",)


def test_tsv() -> None:
    assert tuple(parse_results_text("id\tbaseline\tcandidate\na\t1\t0\n", "r.tsv").baseline) == (
        1.0,
    )


@pytest.mark.parametrize(
    ("text", "name", "message"),
    [
        ('{"id": "a", "baseline": NaN, "candidate": 1}', "r.jsonl", "NaN is not JSON"),
        ("id,baseline,candidate\na,nan,1\n", "r.csv", "not a finite number"),
        ("id,baseline,candidate\na,1e300,1\n", "r.csv", "beyond +-1e15"),
        ('{"id": "a", "baseline": 1e400, "candidate": 1}', "r.jsonl", "too large for a 64-bit"),
        ('{"id": "a", "baseline": null, "candidate": 1}', "r.jsonl", "column 'baseline' is empty"),
        ('{"id": "a", "baseline": [1], "candidate": 1}', "r.jsonl", "cannot read [1]"),
        ('{"id": true, "baseline": 1, "candidate": 1}', "r.jsonl", "id must be text or a whole"),
        ('{"id": " ", "baseline": 1, "candidate": 1}', "r.jsonl", "line 1: missing id"),
        ("[1, 2]", "r.jsonl", "expected a JSON object, got list"),
        ("id,baseline,candidate\na,1,\n", "r.csv", "line 2: column 'candidate' is empty"),
        ("id,baseline,candidate\na,1,1,1\n", "r.csv", "line 2: 4 cells but the header has 3"),
        ("id,baseline,candidate\na,1\n", "r.csv", "r.csv: line 2: column 'candidate' is empty"),
        ("id,baseline,candidate\n", "r.csv", "r.csv: no rows"),
        ('id,baseline,candidate\n"a,1,1\n', "r.csv", "invalid CSV"),
    ],
)  # fmt: skip
def test_results_errors(text: str, name: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        parse_results_text(text, name)


def test_duplicate_ids_name_both_places() -> None:
    text = '{"id": 7, "baseline": 1, "candidate": 1}\n{"id": "7", "baseline": 0, "candidate": 1}\n'
    with pytest.raises(InputError, match=r"r.jsonl: duplicate id '7' \(line 1 and line 2\)"):
        parse_results_text(text, "r.jsonl")


def test_ids_in_one_file_only_are_counted_and_listed() -> None:
    reference = "\n".join(f'{{"id": "q{i}", "reference": "x"}}' for i in range(10))
    baseline = "\n".join(f'{{"id": "q{i}", "output": "x"}}' for i in range(10))
    candidate = "\n".join(f'{{"id": "q{i}", "output": "x"}}' for i in range(3))
    with pytest.raises(InputError) as caught:
        parse_outputs_texts(
            (baseline, "b.jsonl"), (candidate, "c.jsonl"), (reference, "r.jsonl"), "exact"
        )
    message = str(caught.value)
    assert "7 id(s) in r.jsonl are not in c.jsonl ('q3', 'q4', 'q5', 'q6', 'q7', ...)" in message
    assert "7 id(s) in b.jsonl" not in message  # baseline matches the reference


def test_outputs_are_joined_by_id_not_by_position() -> None:
    reference = '{"id": "a", "reference": "yes"}\n{"id": "b", "reference": "no"}\n'
    baseline = '{"id": "b", "output": "no"}\n{"id": "a", "output": "yes"}\n'
    candidate = "id,output\na,no\nb,no\n"
    paired = parse_outputs_texts(
        (baseline, "b.jsonl"), (candidate, "c.csv"), (reference, "r.jsonl"), "exact"
    )
    assert (paired.ids, tuple(paired.baseline), tuple(paired.candidate)) == (
        ("a", "b"),
        (1.0, 1.0),
        (0.0, 1.0),
    )
    assert paired.metric == "exact"


def test_null_output_is_wrong_and_empty_reference_is_an_error() -> None:
    reference = '{"id": "a", "reference": "x"}\n{"id": "b", "output": "y"}\n'
    outputs = '{"id": "a", "output": null}\n{"id": "b", "output": "y"}\n'
    paired = parse_outputs_texts((outputs, "b"), (outputs, "c"), (reference, "r.jsonl"), "contains")
    assert tuple(paired.baseline) == (0.0, 1.0)
    with pytest.raises(InputError, match="empty reference for id 'a'"):
        parse_outputs_texts(
            (outputs, "b"),
            (outputs, "c"),
            ('{"id": "a", "reference": ""}\n{"id": "b", "reference": "y"}', "r.jsonl"),
            "exact",
        )


def test_normalize() -> None:
    assert normalize("  The  Answer:\n  PARIS!!! ") == "the answer: paris"
    assert normalize("¿Qué?") == "qué"
    assert normalize("...") == ""


@pytest.mark.parametrize(
    ("metric", "output", "reference", "expected"),
    [
        (exact, "Paris", "Paris", True),
        (exact, "paris", "Paris", False),
        (exact, 42, "42", True),
        (normalized, " PARIS. ", "paris", True),
        (normalized, "Paris, France", "paris", False),
        (contains, "I think it is Paris.", "paris", True),
        (contains, "London", "Paris", False),
        (json_match, '{"b": [1, 2], "a": 1}', {"a": 1, "b": [1, 2]}, True),
        (json_match, '{"a": [2, 1]}', {"a": [1, 2]}, False),
        (json_match, "1.0", 1, True),
        (json_match, "true", 1, False),
        (json_match, "not json", "x", False),
        (json_match, {"a": 1}, {"a": 1}, True),
        (exact, None, "x", False),
        (json_match, None, None, False),
    ],
)
def test_metrics(metric: object, output: object, reference: object, expected: bool) -> None:
    assert callable(metric)
    assert metric(output, reference) is expected
