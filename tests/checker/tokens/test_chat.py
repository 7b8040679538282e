"""Per-example chat counts: the documented overhead, and what is flagged as an estimate."""

from __future__ import annotations

from checker.tokens import chat_tokens, count_tokens


def test_overhead_per_message_name_and_example() -> None:
    messages = [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "name": "ann", "content": "Hello world"},
        {"role": "assistant", "content": "Hi.", "weight": 1},
    ]
    text = sum(count_tokens(t) for t in ("system", "Be brief.", "user", "ann", "Hello world"))
    text += count_tokens("assistant") + count_tokens("Hi.")
    counted = chat_tokens(messages)
    assert counted.tokens == 3 + 3 * 3 + 1 + text
    assert not counted.estimated and counted.images == 0


def test_tools_and_images_are_flagged() -> None:
    messages = [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "What is in this chart?"},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
            ],
        },
        {
            "role": "assistant",
            "tool_calls": [{"type": "function", "function": {"name": "f", "arguments": "{}"}}],
        },
    ]
    counted = chat_tokens(messages, tools=[{"type": "function", "function": {"name": "f"}}])
    assert counted.estimated and counted.images == 1
    assert counted.tokens > 3 + 6 + count_tokens("What is in this chart?")
