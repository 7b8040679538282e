"""The helpers for exact-where-it-decides counting: the byte bound and the sampled total."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from checker.tokens import chat_tokens
from checker.tokens.sampling import SampledTotal, may_exceed

DATASETS = Path(__file__).resolve().parents[2] / "data" / "datasets"


def examples() -> list[tuple[int, int, int]]:
    """(line bytes, messages, exact tokens) for every chat example of the shared datasets."""
    found = []
    for path in sorted(DATASETS.glob("sft-*.jsonl")):
        for line in path.read_bytes().splitlines():
            data = json.loads(line.decode("utf-8-sig"))
            counted = chat_tokens(data["messages"], data.get("tools"))
            found.append((len(line), len(data["messages"]), counted.tokens))
    return found


def test_byte_bound_never_misses_an_example_over_the_limit() -> None:
    rows = examples()
    assert len(rows) > 500
    for line_bytes, messages, tokens in rows:
        assert tokens <= line_bytes + 3 + 4 * messages
        for limit in (tokens - 1, tokens // 2, 1):
            if limit > 0:
                assert may_exceed(line_bytes, messages, limit)
    assert not may_exceed(1000, 3, 65536) and may_exceed(70000, 3, 65536)


def test_non_latin_text_stays_under_the_byte_bound() -> None:
    text = "東京は日本の首都です。" * 500 + " 🙂" * 300 + "\u3000" * 200
    line = json.dumps({"messages": [{"role": "user", "content": text}]}, ensure_ascii=False)
    tokens = chat_tokens([{"role": "user", "content": text}]).tokens
    assert tokens <= len(line.encode()) + 7
    ascii_line = json.dumps({"messages": [{"role": "user", "content": text}]})
    assert tokens <= len(ascii_line.encode()) + 7  # escapes only make the line longer


def test_everything_sampled_is_exact() -> None:
    total = SampledTotal(rate=1.0)
    for estimate, exact in ((10, 12), (20, 18), (5, 5)):
        assert total.take_sample()
        total.add_sampled(estimate, exact)
    total.add_exact(100)
    result = total.result()
    assert result.exact and result.value == result.low == result.high == 135


def test_sampled_total_covers_the_true_total_about_95_percent_of_the_time() -> None:
    rng = random.Random(5)
    population = []
    for _ in range(5000):
        estimate = rng.randint(50, 2000)
        population.append((estimate, estimate * rng.uniform(0.6, 1.5)))
    truth = sum(exact for _, exact in population)
    covered = 0
    for seed in range(200):
        total = SampledTotal(rate=0.05, seed=seed)
        for estimate, exact in population:
            if total.take_sample():
                total.add_sampled(estimate, exact)
            else:
                total.add_estimate(estimate)
        result = total.result()
        assert not result.exact and result.low < result.value < result.high
        covered += result.low <= truth <= result.high
    assert 180 <= covered <= 200  # 95% nominal: 190 expected


def test_a_rate_outside_0_1_is_refused() -> None:
    with pytest.raises(ValueError):
        SampledTotal(rate=0)
