"""The one definition of a near-duplicate, shared by ``validate``, ``split`` and ``fix``.

Two examples are near-duplicates when they ask the same thing: the same prompt, meaning the
system and user turns in order, after the same normalisation of every text (Unicode NFKC, case
folded, runs of any Unicode whitespace collapsed to one space, trimmed). Assistant answers do not
count: two answers to one prompt are the same lesson, and a model tested on a prompt it was
trained on is not being tested.

A record with no prompt to read (no system or user turn anywhere) falls back to its whole
canonical JSON, normalised the same way, so exact copies of any record still match.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

PROMPT_ROLES = ("system", "user")
_TURN_SEPARATOR = "\x1e"  # cannot survive normalisation inside a text, so turns never merge


def normalise_text(text: str) -> str:
    """NFKC, case folded, whitespace runs collapsed to one space and trimmed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_text(content: object) -> str:
    """The text of a message's ``content``: a string, or the text parts of a list of parts
    joined by a space (images and other parts carry no text)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(
            part["text"]
            for part in content
            if isinstance(part, dict) and isinstance(part.get("text"), str)
        )
    return ""


def prompt_messages(record: dict[str, Any]) -> list[Any] | None:
    """The messages that hold a record's prompt: ``messages`` (chat and reinforcement) or
    ``input.messages`` (preference); None when the record has neither."""
    messages = record.get("messages")
    if isinstance(messages, list):
        return messages
    source = record.get("input")
    if isinstance(source, dict) and isinstance(source.get("messages"), list):
        return list(source["messages"])
    return None


def prompt_key(messages: list[Any]) -> str | None:
    """The normalised prompt of a list of messages, or None when it has no system or user turn."""
    turns = [
        f"{message['role']}:{normalise_text(content_text(message.get('content')))}"
        for message in messages
        if isinstance(message, dict) and message.get("role") in PROMPT_ROLES
    ]
    return _TURN_SEPARATOR.join(turns) if turns else None


def near_duplicate_key(record: dict[str, Any]) -> str:
    """The key under which two records are near-duplicates (see the module's docstring)."""
    messages = prompt_messages(record)
    key = prompt_key(messages) if messages is not None else None
    if key is not None:
        return "prompt:" + key
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "json:" + normalise_text(canonical)
