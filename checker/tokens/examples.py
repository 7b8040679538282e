"""Exact tokens of one line of a fine-tuning file, whatever its format: the dataset checker's
seam (see sampling.py for when to call it).

Chat and reinforcement examples count their ``messages`` and ``tools``; a preference example
counts its input messages and tools and both outputs, the parts the checker's estimate covers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checker.tokens.chat import ChatTokens, chat_tokens


def example_tokens(record: Mapping[str, Any]) -> ChatTokens | None:
    """The exact count, or None when the record has no messages to count."""
    messages = record.get("messages")
    if isinstance(messages, list):
        return chat_tokens(messages, record.get("tools"))
    given = record.get("input")
    if isinstance(given, Mapping) and isinstance(given.get("messages"), list):
        turns = list(given["messages"])
        for key in ("preferred_output", "non_preferred_output"):
            output = record.get(key)
            if isinstance(output, list):
                turns.extend(output)
        return chat_tokens(turns, given.get("tools"))
    return None
