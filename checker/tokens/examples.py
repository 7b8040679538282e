"""Exact tokens of one line of a fine-tuning file, whatever its format: the dataset checker's
seam (see sampling.py for when to call it).

Chat and reinforcement examples count their ``messages`` and ``tools``; a preference example
counts its input messages and tools and both outputs, the parts the checker's estimate covers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checker.tokens.chat import ChatTokens, chat_token_bound, chat_tokens


def example_tokens(record: Mapping[str, Any]) -> ChatTokens | None:
    """The exact count, or None when the record has no messages to count."""
    parts = _parts(record)
    return chat_tokens(*parts) if parts is not None else None


def example_token_bound(record: Mapping[str, Any]) -> int | None:
    """An upper bound of ``example_tokens(record).tokens`` from byte lengths, without the
    tokenizer (a fraction of its cost), or None when there is nothing to count."""
    parts = _parts(record)
    return chat_token_bound(*parts) if parts is not None else None


def _parts(record: Mapping[str, Any]) -> tuple[list[Any], Any] | None:
    """The turns and tools of a record, as the count reads them."""
    messages = record.get("messages")
    if isinstance(messages, list):
        return messages, record.get("tools")
    given = record.get("input")
    if isinstance(given, Mapping) and isinstance(given.get("messages"), list):
        turns = list(given["messages"])
        for key in ("preferred_output", "non_preferred_output"):
            output = record.get(key)
            if isinstance(output, list):
                turns.extend(output)
        return turns, given.get("tools")
    return None
