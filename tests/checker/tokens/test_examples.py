"""Exact counts where the estimate decides wrongly: the cases of issue 16, rebuilt from scratch."""

from __future__ import annotations

import json

from checker.tokens import chat_tokens, count_tokens
from checker.tokens.examples import example_tokens
from checker.tokens.sampling import may_exceed

LIMIT = 65536  # gpt-4o-mini's training context in facts.toml


def estimate(record: dict[str, object]) -> int:
    """The dataset checker's estimate: 3 per message, a quarter token per character, 3 more."""
    messages = record["messages"]
    assert isinstance(messages, list)
    chars = sum(len(m["content"]) for m in messages)
    return 3 * len(messages) + (chars + 3) // 4 + 3


def example(text: str) -> dict[str, object]:
    return {
        "messages": [
            {"role": "user", "content": "Draw it."},
            {"role": "assistant", "content": text},
        ]
    }


def test_svg_example_under_by_estimate_is_over_exactly() -> None:
    path = " ".join(
        f"M{i % 997}.{i % 7} {i * 13 % 1009}.{i % 3}L{i % 89} {i % 61}" for i in range(9000)
    )
    record = example(f'<svg viewBox="0 0 1000 1000"><path d="{path}"/></svg>')
    line = json.dumps(record)
    exact = example_tokens(record)
    assert exact is not None
    assert estimate(record) < LIMIT < exact.tokens
    assert may_exceed(len(line.encode()), LIMIT)


def test_long_word_prose_over_by_estimate_is_under_exactly() -> None:
    words = ["internationalization", "characteristically", "responsibilities", "understanding"]
    record = example(" ".join(words[i % 4] for i in range(16000)))
    exact = example_tokens(record)
    assert exact is not None
    assert exact.tokens < LIMIT < estimate(record)


def test_every_format_is_counted() -> None:
    chat = {"messages": [{"role": "user", "content": "Hi"}], "tools": [{"type": "function"}]}
    counted = example_tokens(chat)
    assert counted is not None and counted.estimated
    preference = {
        "input": {"messages": [{"role": "user", "content": "Hi"}]},
        "preferred_output": [{"role": "assistant", "content": "Hello."}],
        "non_preferred_output": [{"role": "assistant", "content": "Go away."}],
    }
    both = chat_tokens(
        [
            {"role": "user", "content": "Hi"},
            {"role": "assistant", "content": "Hello."},
            {"role": "assistant", "content": "Go away."},
        ]
    )
    assert example_tokens(preference) == both
    assert example_tokens({"prompt": "x", "completion": "y"}) is None
    assert count_tokens("Go away.") == 3
