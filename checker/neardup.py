"""The one definition of a near-duplicate, shared by ``validate``, ``split`` and ``fix``.

Two examples are near-duplicates when they ask the same thing: the same prompt, meaning the
system and user turns in order, after the same normalisation of every text (Unicode NFKC, case
folded, runs of any Unicode whitespace collapsed to one space, trimmed). Assistant answers do not
count: two answers to one prompt are the same lesson, and a model tested on a prompt it was
trained on is not being tested.

Images are part of the prompt: the same question about two different charts is two prompts. An
image counts by a digest of its URL or data URI (a stable hash, the same in every process).

A record with no prompt to read (no system or user turn anywhere) falls back to its whole
canonical JSON, normalised the same way, so exact copies of any record still match.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from functools import lru_cache
from typing import Any

# A prompt's key is its roles as letters, then its normalised texts: the two separators are
# whitespace to str.split and not printable, so no normalised text holds one, and turns never merge.
_ROLES_END = "\x1d"
_TURN_SEPARATOR = "\x1e"


def normalise_text(text: str) -> str:
    """NFKC, case folded, whitespace runs collapsed to one space and trimmed."""
    if text.isascii() and not text.isprintable():  # a control character: tab, newline...
        return " ".join(text.lower().split())
    return _normalise_without_controls(text)


def _normalise_without_controls(text: str) -> str:
    """``normalise_text`` of a text known to hold no control character (one decoded from a JSON
    line without a backslash: strict JSON escapes every control character), which spares the
    printable check, the slowest step of the ASCII path."""
    if text.isascii():
        # The common case, on every example of a large file: NFKC leaves ASCII as it is and
        # casefold equals lower; ASCII without controls holds no whitespace but the space.
        lowered = text.lower()
        if "  " not in lowered and len(lowered.strip()) == len(text):
            return lowered
        return " ".join(lowered.split())
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _image_token(part: dict[str, Any]) -> str:
    image = part.get("image_url")
    url = image.get("url") if isinstance(image, dict) else image
    data = url.encode("utf-8", "surrogatepass") if isinstance(url, str) else b""
    return "[image:" + hashlib.blake2b(data, digest_size=12).hexdigest() + "]"


def content_text(content: object) -> str:
    """The text of a message's ``content``: a string, or its parts joined by a space, text parts
    as their text and image parts as a digest of the image (other parts carry nothing)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        pieces = []
        for part in content:
            if not isinstance(part, dict):
                continue
            if isinstance(part.get("text"), str):
                pieces.append(part["text"])
            elif part.get("type") == "image_url":
                pieces.append(_image_token(part))
        return " ".join(pieces)
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
    roles = ""
    systems: list[str] = []
    users: list[str] = []
    for message in messages:
        if isinstance(message, dict):
            role = message.get("role")
            if role == "user":
                roles += "u"
                users.append(content_text(message.get("content")))
            elif role == "system":
                roles += "s"
                systems.append(content_text(message.get("content")))
    return key_of_turns(roles, systems, users) if roles else None


def key_of_turns(
    roles: str, systems: list[str], users: list[str], controls_possible: bool = True
) -> str:
    """The key of a prompt given as the role letters of its turns in order ("s" system, "u" user),
    then the raw texts (``content_text``) of its system turns and of its user turns, each in
    order: what ``prompt_key`` computes, for a caller that has already walked the messages.
    The role letters say how the two lists interleave, so the key still names one prompt.
    ``controls_possible=False`` promises that no text holds a control character (see
    ``_normalise_without_controls``)."""
    normalise = normalise_text if controls_possible else _normalise_without_controls
    return "".join(
        (
            roles,
            _ROLES_END,
            _TURN_SEPARATOR.join(map(_normalise_repeated, systems)),
            _ROLES_END,
            _TURN_SEPARATOR.join(map(normalise, users)),
        )
    )


def exact_prompt_of_turns(roles: str, systems: list[str], users: list[str]) -> str:
    """The prompt as ``key_of_turns`` takes it, without normalising: equal only when the
    prompts are the same word for word."""
    return "".join(
        (roles, _ROLES_END, _TURN_SEPARATOR.join(systems), _ROLES_END, _TURN_SEPARATOR.join(users))
    )


def exact_prompt(record: dict[str, Any]) -> str:
    """``exact_prompt_of_turns`` of a record (its canonical JSON when it has no prompt)."""
    messages = prompt_messages(record)
    if messages is not None:
        roles, systems, users = "", [], []
        for message in messages:
            if isinstance(message, dict) and message.get("role") in ("system", "user"):
                text = content_text(message.get("content"))
                if message["role"] == "user":
                    roles += "u"
                    users.append(text)
                else:
                    roles += "s"
                    systems.append(text)
        if roles:
            return exact_prompt_of_turns(roles, systems, users)
    return "json:" + json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


# A file's system messages are usually one text repeated on every line.
_normalise_repeated = lru_cache(maxsize=64)(normalise_text)


def near_duplicate_key(record: dict[str, Any]) -> str:
    """The key under which two records are near-duplicates (see the module's docstring)."""
    messages = prompt_messages(record)
    key = prompt_key(messages) if messages is not None else None
    if key is not None:
        return key  # role letters first: never "json:"
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "json:" + normalise_text(canonical)
