"""Property: whatever the data, seed and fraction, a split never separates duplicates."""

from __future__ import annotations

import json

import pytest

from checker.errors import InputError
from checker.split import split_text
from tests.checker.split.oracle import group_key

pytest.importorskip("hypothesis")  # not every Pyodide build ships it

from hypothesis import given, settings
from hypothesis import strategies as st

WORDS = st.sampled_from(["alpha", "Beta", "gamma", "délta", "ε", "x", "y z"])
QUESTIONS = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)


def variant(question: str, draw_case: bool, spaces: int) -> str:
    """A near-duplicate: different case and whitespace, same normalised text."""
    text = question.upper() if draw_case else question
    return text.replace(" ", " " * spaces + "\n" * (spaces % 2))


@st.composite
def datasets(draw: st.DrawFn) -> list[str]:
    questions = draw(st.lists(QUESTIONS, min_size=2, max_size=30, unique_by=str.casefold))
    lines: list[str] = []
    for question in questions:
        copies = draw(st.integers(min_value=1, max_value=4))
        for copy in range(copies):
            text = question if copy == 0 else variant(question, draw(st.booleans()), copy)
            answer = draw(WORDS)
            if draw(st.booleans()):
                record: dict[str, object] = {
                    "messages": [
                        {"role": "user", "content": text},
                        {"role": "assistant", "content": answer},
                    ]
                }
            else:
                record = {
                    "messages": [{"role": "user", "content": [{"type": "text", "text": text}]}]
                }
            lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())))
    return draw(st.permutations(lines))


@settings(deadline=None)
@given(
    lines=datasets(),
    seed=st.integers(min_value=0, max_value=2**32),
    fraction=st.floats(min_value=0.01, max_value=0.99),
)
def test_split_never_leaks(lines: list[str], seed: int, fraction: float) -> None:
    try:
        train, validation, report = split_text("\n".join(lines), fraction, seed=seed)
    except InputError as error:  # only when every line is one duplicate group
        assert "duplicates of one another" in str(error)
        assert len({group_key(json.loads(line)) for line in lines}) == 1
        return
    train_lines, validation_lines = train.splitlines(), validation.splitlines()
    assert train_lines and validation_lines
    assert sorted(train_lines + validation_lines) == sorted(lines)
    train_keys = {group_key(json.loads(line)) for line in train_lines}
    validation_keys = {group_key(json.loads(line)) for line in validation_lines}
    assert not train_keys & validation_keys
    assert report.validation == len(validation_lines)
    assert split_text("\n".join(lines), fraction, seed=seed) == (train, validation, report)


@settings(deadline=None)
@given(
    sizes=st.lists(st.integers(min_value=1, max_value=3), min_size=20, max_size=200),
    seed=st.integers(min_value=0, max_value=1000),
    fraction=st.floats(min_value=0.05, max_value=0.95),
)
def test_split_lands_close_to_the_fraction_with_small_groups(
    sizes: list[int], seed: int, fraction: float
) -> None:
    lines = [json.dumps({"prompt": f"q{i}"}) for i, size in enumerate(sizes) for _ in range(size)]
    _, _, report = split_text("\n".join(lines), fraction, seed=seed)
    target = min(max(round(fraction * len(lines)), 1), len(lines) - 1)
    assert abs(report.validation - target) <= 2
