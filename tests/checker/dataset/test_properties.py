"""Property tests: no input makes the checker raise; every input gives a report."""

from __future__ import annotations

import json
from typing import Any

import pytest

pytest.importorskip("hypothesis")  # absent in some runtimes (e.g. a bare Pyodide)

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.dataset import DatasetSession, validate_dataset
from checker.dataset.findings import CODES
from tests.checker.dataset.helpers import DATASETS, chat_lines

SAMPLES = [
    json.loads(line)
    for name in ("sft-toolcall-train.jsonl", "sft-vision-chartqa-train.jsonl")
    for line in (DATASETS / name).read_text(encoding="utf-8").splitlines()[:5]
] + [json.loads(line) for line in chat_lines(5)]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=10,
)


def check_report(data: dict[str, Any]) -> None:
    json.dumps(data)
    assert set(data["findings"]) <= set(CODES)
    assert "checker-error" not in data["findings"], data["findings"]["checker-error"]


@settings(deadline=None)
@given(st.binary(max_size=600), st.integers(min_value=1, max_value=64))
def test_random_bytes_never_raise(data: bytes, chunk: int) -> None:
    session = DatasetSession()
    session.begin("train", size=len(data))
    for start in range(0, len(data), chunk):
        session.feed(data[start : start + chunk])
    check_report(session.finish().to_dict())


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> str:
    example = json.loads(json.dumps(draw(st.sampled_from(SAMPLES))))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = [p for p in _paths(example) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = example
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["drop", "replace", "garbage"]))
        if action == "drop":
            del parent[path[-1]]
        elif action == "replace":
            parent[path[-1]] = draw(json_values)
        else:
            parent[path[-1]] = draw(st.sampled_from(["", " ", 0, -1, 2, 1.5, True, [], {}, None]))
    text = json.dumps(example)
    if draw(st.booleans()):  # sometimes break the JSON itself
        cut = draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:cut] + draw(st.sampled_from(["", "}", "\x00", "\ufffd", "\\"])) + text[cut:]
    return text


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutated(), min_size=1, max_size=14))
def test_mutated_valid_examples_never_raise_and_give_a_report(lines: list[str]) -> None:
    report = validate_dataset(lines, model="gpt-4o")
    data = report.to_dict()
    check_report(data)
    if data["format"] not in ("binary", "csv", "json-array"):  # files not read line by line
        assert data["examples"] == len([line for line in lines if line.strip()])


@settings(deadline=None)
@given(st.lists(mutated(), min_size=1, max_size=6), st.lists(mutated(), max_size=6))
def test_train_and_validation_never_raise(train: list[str], validation: list[str]) -> None:
    check_report(validate_dataset(train, validation).to_dict())
