"""The small pieces: line splitting, format naming, fingerprints, statistics, renderers."""

from __future__ import annotations

import json
from array import array

import pytest

from checker.dataset import fingerprint, report_json, report_markdown, report_text, validate_dataset
from checker.dataset.fingerprint import repeated
from checker.dataset.formats import classify
from checker.dataset.reader import LineSplitter, sniff_binary
from checker.dataset.stats import billed_tokens, estimated_epochs, summary
from tests.checker.dataset.helpers import chat_lines


@pytest.mark.parametrize("size", [1, 2, 3, 5, 16, 17, 1000])
def test_splitter_is_independent_of_chunk_size(size: int) -> None:
    data = b"\xef\xbb\xbfone\r\n\ntwo\n" + b"x" * 40 + b"\nlast"
    splitter = LineSplitter(max_line_bytes=30)
    lines: list[bytes | int] = []
    for start in range(0, len(data), size):
        lines += splitter.feed(data[start : start + size])
    lines += splitter.close()
    assert lines == [b"one\r", b"", b"two", 40, b"last"]
    assert splitter.had_bom


def test_tiny_and_empty_inputs() -> None:
    splitter = LineSplitter()
    assert splitter.feed(b"a\n") == []
    assert splitter.close() == [b"a"]
    assert LineSplitter().close() == []


def test_binary_sniffing() -> None:
    assert sniff_binary(b"PK\x03\x04rest") is not None
    assert sniff_binary(b'{"messages": []}') is None


@pytest.mark.parametrize(
    ("record", "kind"),
    [
        ({"messages": [{"role": "user"}, {"role": "assistant"}]}, "chat"),
        ({"messages": [{"role": "user", "content": "q"}], "answer": 1}, "reinforcement"),
        ({"input": {}, "preferred_output": [], "non_preferred_output": []}, "preference"),
        ({"prompt": "p", "completion": "c"}, "prompt-completion"),
        ({"question": "q", "answer": "a"}, "question-answer"),
        ([{"messages": []}], "json-array"),
        ({"text": "hello"}, "other"),
    ],
)
def test_classify(record: object, kind: str) -> None:
    assert classify(record) == kind


@pytest.mark.parametrize("set_up_to", [100, 2], ids=["set", "sorted copy"])
def test_repeated(set_up_to: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fingerprint, "SET_UP_TO", set_up_to)
    assert repeated(array("q", [3, 1, 3, 2, 1, 3, -5])) == {1, 3}
    assert repeated(array("q", [7, 8])) == set()


def test_summary_by_nearest_rank() -> None:
    assert summary(list(range(1, 11))) == {"min": 1, "median": 5, "p90": 9, "max": 10, "total": 55}
    assert summary([]) is None


@pytest.mark.parametrize(
    ("examples", "epochs"),
    [(10, 10), (20, 5), (3, 25), (33, 3), (100, 3), (8333, 3), (8334, 2), (20000, 1)],
)
def test_epoch_heuristic(examples: int, epochs: int) -> None:
    assert estimated_epochs(examples) == epochs


def test_billed_tokens_caps_each_example() -> None:
    assert billed_tokens(array("I", [10, 100]), 50, 3) == 3 * (10 + 50)
    assert billed_tokens(array("I", [10, 100]), None, 2) == 220


def test_renderers() -> None:
    lines = chat_lines(12)
    lines[2] = lines[2].replace('"assistant"', '"robot"')
    report = validate_dataset(lines, model="gpt-4o")
    text = report_text(report)
    assert text.startswith("FAIL")
    assert "unknown-role (1)" in text and "line 3" in text
    assert "estimates" in text
    markdown = report_markdown(report)
    assert markdown.startswith("# Dataset check")
    assert "| `unknown-role` | error | 1 |" in markdown
    data = json.loads(report_json(report))
    assert data["verdict"] == "fail"
    assert {"format", "examples", "errors", "warnings", "stats", "findings"} <= set(data)
    assert {"verdict", "token_estimate_note", "checklist_evidence"} <= set(data)
    finding = data["findings"]["unknown-role"]["shown"][0]
    assert set(finding) == {"code", "severity", "line", "file", "message", "excerpt"}
