"""Tokens of one chat fine-tuning example, counted the way the OpenAI cookbook counts them.

Every message costs a fixed overhead plus the tokens of each of its text fields (the role
included), a ``name`` one token more, and every example a fixed overhead (the numbers are in
facts.toml, ``[chat_overhead]``). The text is counted exactly; what the providers do not document
exactly is counted as an estimate and flagged: tool definitions and tool calls (counted as their
JSON text) and images (not counted here; their price depends on size and detail).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from checker.facts import ChatOverhead, load_facts
from checker.tokens.bpe import Encoding, get_encoding

# Keys that steer training but are not text the model reads.
_NOT_TEXT = frozenset({"weight"})


@dataclass(frozen=True)
class ChatTokens:
    tokens: int
    """Tokens counted: exact for text, the JSON text for tools and tool calls."""
    estimated: bool
    """True when part of ``tokens`` is an estimate (tools, tool calls, other structured values)."""
    images: int
    """Image parts, not included in ``tokens``."""
    upper_bound: bool = False
    """True when ``tokens`` is an upper bound: a piece of text too long to merge (over
    ``bpe.EXACT_PIECE_BYTES`` without a break) was counted as one token per byte."""


def chat_tokens(
    messages: Sequence[Any],
    tools: Any = None,
    encoding: str | Encoding = "o200k_base",
    overhead: ChatOverhead | None = None,
) -> ChatTokens:
    """Count one example's ``messages`` (and its ``tools``, if any). Malformed parts are counted
    as far as they are text; validating them is the dataset checker's job."""
    enc = get_encoding(encoding) if isinstance(encoding, str) else encoding
    bounded = enc.upper_bounds
    counted = _walk(messages, tools, enc.count, overhead)
    if enc.upper_bounds == bounded:
        return counted
    return replace(counted, upper_bound=True)


def chat_token_bound(
    messages: Sequence[Any], tools: Any = None, overhead: ChatOverhead | None = None
) -> int:
    """An upper bound of ``chat_tokens(messages, tools).tokens`` without the tokenizer: the same
    walk with every text measured in UTF-8 bytes, since no token is shorter than one byte."""
    return _walk(messages, tools, _utf8_bytes, overhead).tokens


def _utf8_bytes(text: str) -> int:
    # a lone surrogate is counted as U+FFFD, three bytes, as surrogatepass encodes it
    return len(text.encode("utf-8", "surrogatepass"))


def _walk(
    messages: Sequence[Any],
    tools: Any,
    measure: Callable[[str], int],
    overhead: ChatOverhead | None,
) -> ChatTokens:
    rules = overhead or load_facts().chat_overhead
    if rules is None:  # pragma: no cover - the packaged facts have the table
        raise ValueError("facts.toml has no [chat_overhead] table")
    total = rules.tokens_per_example
    estimated = False
    images = 0
    for message in messages:
        total += rules.tokens_per_message
        if not isinstance(message, Mapping):
            continue
        for key, value in message.items():
            if key in _NOT_TEXT:
                continue
            if key == "name":
                total += rules.tokens_per_name
            if isinstance(value, str):
                total += measure(value)
            elif isinstance(value, list) and key == "content":
                for part in value:
                    text = part.get("text") if isinstance(part, Mapping) else None
                    if isinstance(text, str):
                        total += measure(text)
                    elif isinstance(part, Mapping) and part.get("type") == "image_url":
                        images += 1
            elif value is not None:
                total += measure(json.dumps(value, ensure_ascii=False))
                estimated = True
    if tools:
        total += measure(json.dumps(tools, ensure_ascii=False))
        estimated = True
    return ChatTokens(tokens=total, estimated=estimated or images > 0, images=images)
