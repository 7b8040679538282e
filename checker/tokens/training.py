"""Billed-token inputs of a chat training file, counted exactly: for each example its tokens
(``chat_tokens``), capped at the model's per-example limit, as billing caps them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from checker.errors import InputError
from checker.textsafe import display_path
from checker.tokens.chat import chat_tokens
from checker.userfiles import parse_json


@dataclass(frozen=True)
class TrainingTokens:
    examples: int
    tokens: int
    """Sum over examples of min(limit, tokens): one epoch's billed tokens."""
    over_limit: int
    """Examples longer than the limit (cut when training)."""
    estimated: bool
    """True when some example holds tools, tool calls or images (see chat_tokens)."""


def training_tokens(
    lines: str | Iterable[str], source: str, limit: int | None = None
) -> TrainingTokens:
    """Count a JSON Lines file of ``{"messages": [...], "tools": [...]}`` examples, given as its
    text or as its lines (an open file: read as it goes)."""
    examples = tokens = over = 0
    estimated = False
    name = display_path(source)
    if isinstance(lines, str):
        lines = lines.splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        example = parse_json(line, name, number)
        messages = example.get("messages") if isinstance(example, dict) else None
        if not isinstance(messages, list):
            raise InputError(
                f"{name}: line {number}: no 'messages' list: only chat (SFT) examples can be "
                "counted here; pass --training-tokens N for other formats"
            )
        counted = chat_tokens(messages, example.get("tools"))
        examples += 1
        estimated = estimated or counted.estimated
        if limit is not None and counted.tokens > limit:
            over += 1
        tokens += min(counted.tokens, limit) if limit is not None else counted.tokens
    if examples == 0:
        raise InputError(f"{name}: no examples")
    return TrainingTokens(examples, tokens, over, estimated)
