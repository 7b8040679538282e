"""An independent definition of "the same example", older and coarser than checker.neardup's:
the split tests check leakage with it, so a bug in the key split uses cannot hide itself."""

from __future__ import annotations

import json
import re
from typing import Any

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lowercase and collapse runs of whitespace to one space."""
    return _SPACE.sub(" ", text.casefold()).strip()


def _content_text(content: object) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts: [{"type": "text", "text": "..."}]
        return " ".join(
            part["text"] if isinstance(part, dict) and isinstance(part.get("text"), str) else ""
            for part in content
        )
    return ""


def group_key(record: dict[str, Any]) -> str:
    """The duplicate key of one example: its normalised user turns, else its canonical JSON."""
    messages = record.get("messages")
    if isinstance(messages, list):
        turns = [
            _content_text(message.get("content"))
            for message in messages
            if isinstance(message, dict) and message.get("role") == "user"
        ]
        if turns:
            return "user:" + normalise(" ".join(turns))
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "json:" + normalise(canonical)
