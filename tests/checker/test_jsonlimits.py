"""Deep nesting is refused before parsing, on every runtime (Pyodide's stack is the tight one)."""

from __future__ import annotations

import pytest

from checker.jsonlimits import MAX_DEPTH, TooDeep, loads, too_deep


def test_ordinary_json_passes() -> None:
    assert loads('{"a": [1, {"b": [2]}]}') == {"a": [1, {"b": [2]}]}


def test_depth_at_the_limit_passes_and_beyond_fails() -> None:
    assert not too_deep("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert too_deep("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    with pytest.raises(TooDeep):
        loads("[" * 100_000 + "]" * 100_000)


def test_brackets_inside_strings_do_not_count() -> None:
    text = '{"text": "' + "[{" * 2000 + '\\"' + '"}'
    assert not too_deep(text)
    assert loads(text)["text"].startswith("[{")


def test_many_brackets_side_by_side_are_not_deep() -> None:
    assert not too_deep("[" + ",".join(["[]"] * 5000) + "]")
