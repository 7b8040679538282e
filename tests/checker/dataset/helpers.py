"""Paths and small builders shared by the dataset checker tests (no subprocess, no network)."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data"
DATASETS = DATA / "datasets"
INVALID = DATA / "invalid-datasets"


def chat_line(index: int, system: str | None = "You help with bicycles.") -> str:
    messages = [{"role": "system", "content": system}] if system is not None else []
    messages += [
        {"role": "user", "content": f"Question number {index}: how do I fix problem {index}?"},
        {"role": "assistant", "content": f"For problem {index}, tighten bolt {index * 7 % 13}."},
    ]
    return json.dumps({"messages": messages})


def chat_lines(count: int) -> list[str]:
    return [chat_line(i) for i in range(count)]
