"""The fast per-line path gives exactly what the full check gives.

Every case of tests/data/invalid-datasets is replayed after 60 valid lines of its format, so its
lines reach the fast path (the first 50 lines are sampled to decide the format and always take the
full check), and the report is compared with one made with the fast path turned off.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.dataset import DatasetSession
from tests.checker.dataset.helpers import INVALID, chat_lines
from tests.checker.dataset.test_invalid_examples import CASES, load_case, options

PREFIX = 60


def valid_lines(fmt: str) -> list[str]:
    if fmt == "preference":
        return [
            json.dumps(
                {
                    "input": {"messages": [{"role": "user", "content": f"Question {i}?"}]},
                    "preferred_output": [{"role": "assistant", "content": f"Good {i}."}],
                    "non_preferred_output": [{"role": "assistant", "content": f"Bad {i}."}],
                }
            )
            for i in range(PREFIX)
        ]
    if fmt == "reinforcement":
        return [
            json.dumps({"messages": [{"role": "user", "content": f"Solve {i}."}], "answer": i})
            for i in range(PREFIX)
        ]
    return chat_lines(PREFIX)


def check(
    case: str, fast: bool, monkeypatch: pytest.MonkeyPatch, chunk: int = 1 << 16
) -> dict[str, Any]:
    train, validation, expected = load_case(case)
    monkeypatch.setattr(DatasetSession, "_fast_path", fast)
    session = DatasetSession(**options(expected))
    prefix = ("\n".join(valid_lines(expected["format"])) + "\n").encode()
    for role, data in (
        ("train", prefix + train.read_bytes()),
        ("validation", validation.read_bytes() if validation else None),
    ):
        if data is None:
            continue
        session.begin(role, name=f"{case}.{role}", size=len(data))  # type: ignore[arg-type]
        for start in range(0, len(data), chunk):
            session.feed(data[start : start + chunk])
        session.end()
    return session.finish().to_dict()


@pytest.mark.parametrize("case", CASES)
def test_fast_path_matches_the_full_check(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = check(case, True, monkeypatch)
    full = check(case, False, monkeypatch)
    assert fast == full
    assert fast["files"][0]["examples"] >= PREFIX


def test_the_replay_reaches_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guard for the test above: the case lines must be read by the fast path."""
    calls: list[int] = []
    original = DatasetSession._check_fast

    def spy(self: DatasetSession, current: Any, lines: list[bytes | int]) -> None:
        calls.append(len(lines))
        original(self, current, lines)

    monkeypatch.setattr(DatasetSession, "_check_fast", spy)
    check("bad-weight", True, monkeypatch)
    assert sum(calls) >= len(Path(INVALID / "bad-weight.jsonl").read_text().splitlines())
