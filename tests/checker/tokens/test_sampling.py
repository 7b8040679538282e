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
                assert may_exceed(line_bytes, limit)
    assert not may_exceed(1000, 65536) and may_exceed(70000, 65536)
    assert may_exceed(13107, 65536) and not may_exceed(13106, 65536)


def test_non_latin_text_stays_under_the_byte_bound() -> None:
    text = "東京は日本の首都です。" * 500 + " 🙂" * 300 + "\u3000" * 200
    line = json.dumps({"messages": [{"role": "user", "content": text}]}, ensure_ascii=False)
    tokens = chat_tokens([{"role": "user", "content": text}]).tokens
    assert tokens <= len(line.encode()) + 7
    ascii_line = json.dumps({"messages": [{"role": "user", "content": text}]})
    assert tokens <= len(ascii_line.encode()) + 7  # escapes only make the line longer


def numbers_tool_line(value: str, count: int) -> tuple[str, dict[str, object]]:
    """A compact line whose tool definition lists ``count`` copies of the number ``value``."""
    tool = {"type": "function", "function": {"name": "f", "parameters": {"enum": ["X"]}}}
    record = {"messages": [{"role": "user", "content": "Hi"}], "tools": [tool]}
    line = json.dumps(record, separators=(",", ":")).replace('"X"', ",".join([value] * count))
    return line, json.loads(line)


@pytest.mark.parametrize("value", ["1e15", "1", "9"])
def test_tool_json_can_hold_more_tokens_than_the_line_has_bytes(value: str) -> None:
    """The count reads tools as json.dumps text: spaces after separators, numbers written out.
    So "a token is at least one byte" alone does not bound an example by its line; the bound
    used (5 tokens a byte) does, and so does the walk in example_token_bound."""
    from checker.tokens.examples import example_token_bound, example_tokens

    line, record = numbers_tool_line(value, 3000)
    counted = example_tokens(record)
    bound = example_token_bound(record)
    assert counted is not None and bound is not None
    line_bytes = len(line.encode())
    assert counted.tokens > line_bytes + 3 + 4  # the bound the first plan relied on fails
    assert counted.tokens <= bound <= 5 * line_bytes
    assert may_exceed(line_bytes, counted.tokens - 1)


def test_numbers_grow_at_most_four_and_a_half_times_when_written_out() -> None:
    """Every number literal of up to 5 characters: json.dumps(json.loads(x)) is at most 4.5 times
    as long (1e15 becomes 1000000000000000.0), the worst case of the 5-tokens-a-byte bound."""
    digits, worst = "0123456789", 0.0
    exponents = [*digits, *(a + b for a in digits for b in digits)]
    literals = {d + "e" + e for d in digits for e in exponents}
    literals |= {a + b + "e" + c for a in "-1" for b in digits for c in digits}
    literals |= {a + "E+" + b for a in digits for b in digits}
    for literal in literals:
        worst = max(worst, len(json.dumps(json.loads(literal))) / len(literal))
    assert worst == 4.5


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
