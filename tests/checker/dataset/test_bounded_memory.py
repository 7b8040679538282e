"""Past MAX_TRACKED examples the per-example arrays stop growing; counts still cover every one."""

from __future__ import annotations

import json

import pytest

import checker
from checker.dataset import stats


def chat(text: str) -> str:
    return json.dumps(
        {"messages": [{"role": "user", "content": text}, {"role": "assistant", "content": "ok"}]}
    )


def test_arrays_stop_at_the_cap_and_the_report_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stats, "MAX_TRACKED", 20)
    lines = [chat(f"question {n}") for n in range(30)] + [chat("question 25")]
    report = checker.validate_dataset(lines).to_dict()
    assert report["examples"] == 31
    assert any("cover the first 20" in note for note in report["notes"])
    assert "duplicate-example" not in report["findings"], "the repeat is past the cap"
    assert report["stats"]["estimated_epochs"] == 3  # from all 31 examples, not 20


def test_below_the_cap_nothing_changes() -> None:
    lines = [chat(f"question {n}") for n in range(30)] + [chat("question 25")]
    report = checker.validate_dataset(lines).to_dict()
    assert not any("cover the first" in note for note in report["notes"])
    assert report["findings"]["duplicate-example"]["count"] == 1
