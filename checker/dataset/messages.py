"""Checks of one list of chat messages, shared by the chat, preference and reinforcement formats.

This is the per-line hot path: plain loops, exact type checks, and a fast path for the most
common message shape; error messages are only formatted when there is an error.
"""

from __future__ import annotations

import json
from functools import cache
from typing import cast

from checker.dataset.findings import Sink
from checker.dataset.strictjson import strict_loads
from checker.dataset.tokens import IMAGE_TOKENS, text_tokens
from checker.facts import ImageLimits
from checker.neardup import content_text

_BASE = frozenset({"role", "content", "name"})
CHAT_ROLES: dict[str, frozenset[str]] = {
    "system": _BASE,
    "user": _BASE,
    "assistant": _BASE | {"tool_calls", "function_call", "weight", "refusal"},
    "tool": frozenset({"role", "content", "tool_call_id"}),
    "function": _BASE,
}
REINFORCEMENT_ROLES = {**CHAT_ROLES, "developer": _BASE}
ASSISTANT_ONLY = {"assistant": CHAT_ROLES["assistant"]}


@cache
def _image_prefixes(formats: tuple[str, ...]) -> tuple[str, ...]:
    """The data-URI prefixes of the image formats a provider accepts (JPEG also as ``jpg``)."""
    names = [*formats, *(["jpg"] if "jpeg" in formats else [])]
    return tuple(f"data:image/{name}" for name in names)


class Conversation:
    """What the dataset-level checks need from one list of messages: counts of messages and
    characters, the fixed token prices of images and tool calls (``extra``), the same for the
    assistant turns (``reply_*``), and the prompt's turns as ``neardup.key_of_turns`` takes
    them (``prompt_*``; with ``prompt_roles`` empty, ``neardup.near_duplicate_key`` decides).
    ``tokens.count_tokens`` turns the counts into token counts."""

    __slots__ = (
        "assistants",
        "called",
        "chars",
        "count",
        "extra",
        "images",
        "prompt_roles",
        "prompt_systems",
        "prompt_users",
        "reply_chars",
        "reply_extra",
        "reply_hash",
        "system",
        "trained",
        "users",
    )

    def __init__(self, count: int) -> None:
        self.count = count  # messages
        self.chars = 0
        self.reply_chars = 0
        self.extra = 0
        self.reply_extra = 0
        self.assistants = 0
        self.trained = 0  # assistant messages with weight 1 (the default)
        self.images = 0
        self.users = 0
        self.system: str | None = None
        self.prompt_roles = ""
        self.prompt_systems: list[str] = []
        self.prompt_users: list[str] = []
        self.reply_hash = 0  # of the assistant texts, to tell two answers to one prompt apart
        self.called: list[tuple[str, str]] | None = None  # (where, function name) of tool calls


def reply_hash(previous: int, text: str) -> int:
    """A running hash of the assistant texts (compared within this process only)."""
    return hash((previous, text))


def check_messages(
    messages: list[object],
    sink: Sink,
    roles: dict[str, frozenset[str]],
    images: ImageLimits,
    where: str = "messages",
) -> Conversation:
    """Check each message; the common shape ``{"role": ..., "content": "text"}`` takes a fast
    path that gives exactly what the full check (``_message``) would."""
    conv = Conversation(len(messages))
    call_ids: set[str] = set()
    chars = reply_chars = replies = users = 0
    prompt_roles = ""
    prompt_users = conv.prompt_users
    user_ok, system_ok, assistant_ok = "user" in roles, "system" in roles, "assistant" in roles
    for index, msg in enumerate(messages):
        if type(msg) is dict and len(msg) == 2:
            content = msg.get("content")
            if type(content) is str:
                role = msg.get("role")
                if role == "user":
                    if user_ok:
                        users += 1
                        chars += len(content)
                        prompt_roles += "u"
                        prompt_users.append(content)
                        continue
                elif role == "assistant":
                    if assistant_ok and content and not content.isspace():
                        replies += 1
                        reply_chars += len(content)
                        conv.reply_hash = reply_hash(conv.reply_hash, content)
                        continue
                elif role == "system":
                    if system_ok:
                        prompt_roles += "s"
                        conv.prompt_systems.append(content)
                        if conv.system is None:
                            conv.system = content
                        chars += len(content)
                        continue
                elif role != "tool" and type(role) is str and role in roles:
                    chars += len(content)  # a tool message needs a tool_call_id too
                    continue
        if type(msg) is dict:
            role = msg.get("role")
            if role == "user":
                prompt_roles += "u"
                prompt_users.append(content_text(msg.get("content")))
            elif role == "system":
                prompt_roles += "s"
                conv.prompt_systems.append(content_text(msg.get("content")))
        _message(msg, index, sink, roles, images, where, conv, call_ids)
    conv.prompt_roles = prompt_roles
    conv.users += users
    conv.assistants += replies
    conv.trained += replies
    conv.reply_chars += reply_chars
    conv.chars += chars + reply_chars
    if conv.images > images.max_per_example:
        sink.add(
            "too-many-images",
            f"{conv.images} images; this provider accepts at most {images.max_per_example} "
            "per example",
        )
    return conv


def _message(
    msg: object,
    index: int,
    sink: Sink,
    roles: dict[str, frozenset[str]],
    images: ImageLimits,
    where: str,
    conv: Conversation,
    call_ids: set[str],
) -> None:
    """The full check of one message."""
    here = f"{where}[{index}]"
    if type(msg) is not dict:
        sink.add("bad-message", f"{here} must be an object", msg)
        return
    role = msg.get("role")
    if type(role) is not str or role not in roles:
        if role is None:
            sink.add("missing-role", f"{here} has no 'role'", msg)
        else:
            sink.add("unknown-role", f"{here}: role {role!r} is not one of {', '.join(roles)}", msg)
        return
    allowed = roles[role]
    if not msg.keys() <= allowed:
        extra = ", ".join(repr(k) for k in sorted(msg.keys() - allowed))
        hint = " ('weight' belongs on assistant messages)" if "weight" in msg else ""
        sink.add("unknown-key", f"{here} ({role}): unknown key {extra}{hint}", msg)
    content = msg.get("content")
    if type(content) is str:
        text = content
    elif type(content) is list:
        text = _parts(content, sink, role, images, here, conv)
    elif content is None:
        text = ""
        if role != "assistant":
            sink.add("missing-content", f"{here} ({role}) has no content", msg)
    else:
        text = ""
        sink.add(
            "bad-content",
            f"{here} ({role}): content must be text or a list of parts, not {_kind(content)}",
            msg,
        )
    name = msg.get("name")
    if name is not None and type(name) is not str:
        sink.add("bad-message", f"{here} ({role}): 'name' must be text", msg)
    conv.chars += len(text)
    if role == "user":
        conv.users += 1
    elif role == "assistant":
        _assistant(msg, content, text, sink, here, conv, call_ids)
    elif role == "tool":
        _tool(msg, sink, here, call_ids)
    elif role == "system" and conv.system is None:
        conv.system = text


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    return names.get(type(value), "a number")


def _parts(
    parts: list[object],
    sink: Sink,
    role: str,
    images: ImageLimits,
    where: str,
    conv: Conversation,
) -> str:
    if not parts:
        sink.add("bad-content", f"{where} ({role}): content is an empty list of parts", parts)
        return ""
    texts: list[str] = []
    for i, part in enumerate(parts):
        kind = part.get("type") if type(part) is dict else None
        if kind == "text":
            text = cast(dict[str, object], part).get("text")
            if type(text) is str:
                texts.append(text)
            else:
                sink.add("bad-content", f"{where} part {i}: a text part needs 'text'", part)
        elif kind == "image_url":
            conv.images += 1
            conv.extra += IMAGE_TOKENS
            if role == "assistant":
                sink.add("image-in-assistant", f"{where}: assistant messages cannot hold images")
            elif role not in images.roles:
                sink.add(
                    "image-outside-user-message",
                    f"{where} ({role}): images are accepted only in "
                    f"{' and '.join(images.roles)} messages",
                )
            else:
                _image(cast(dict[str, object], part), sink, images, f"{where} part {i}")
        elif kind == "refusal" and role == "assistant":
            refusal = cast(dict[str, object], part).get("refusal")
            if type(refusal) is str:
                texts.append(refusal)
            else:
                sink.add("bad-content", f"{where} part {i}: a refusal part needs 'refusal'", part)
        else:
            allowed = (
                "'text', 'image_url' or 'refusal'"
                if role == "assistant"
                else ("'text' or 'image_url'")
            )
            sink.add(
                "bad-content",
                f"{where} part {i}: a part must be an object with type {allowed}",
                part,
            )
    return "\n".join(texts)


def _image(part: dict[str, object], sink: Sink, images: ImageLimits, where: str) -> None:
    image = part.get("image_url")
    url = image.get("url") if type(image) is dict else None
    if type(url) is not str:
        sink.add("bad-image", f"{where}: an image part needs image_url.url", part)
        return
    if url.startswith("data:"):
        if not url.startswith(_image_prefixes(images.formats)):
            kinds = ", ".join(name.upper() for name in images.formats)
            sink.add("bad-image", f"{where}: images must be one of {kinds}", url)
            return
        # base64 holds 3 bytes in 4 characters; the header before the comma is not data
        size = (len(url) - url.find(",") - 1) * 3 // 4
        if size > images.max_bytes:
            sink.add(
                "image-too-large",
                f"{where}: the image is about {size / 1_048_576:.1f} MiB; this provider "
                f"accepts at most {images.max_bytes / 1_048_576:g} MiB per image",
            )
    elif not url.startswith(("https://", "http://")):
        sink.add("bad-image", f"{where}: image url must be https://... or a data: URI", url)


def _assistant(
    msg: dict[str, object],
    content: object,
    text: str,
    sink: Sink,
    where: str,
    conv: Conversation,
    call_ids: set[str],
) -> None:
    """Assistant-only checks."""
    conv.assistants += 1
    conv.reply_chars += len(text)
    conv.reply_hash = reply_hash(conv.reply_hash, text)
    extra = 0
    calls = msg.get("tool_calls")
    function_call = msg.get("function_call")
    if calls is not None:
        extra += _tool_calls(calls, sink, where, conv, call_ids)
    if function_call is not None:
        extra += _function_call(function_call, sink, where, conv)
    refusal = msg.get("refusal")
    if refusal is not None and type(refusal) is not str:
        sink.add("bad-message", f"{where} (assistant): 'refusal' must be text", msg)
    if calls is None and function_call is None and refusal is None:
        if content is None:
            sink.add(
                "missing-content", f"{where} (assistant) has neither content nor tool_calls", msg
            )
        elif not text or text.isspace():
            sink.add("empty-assistant-reply", f"{where}: the assistant reply is empty", msg)
    weight = msg.get("weight", 1)
    if type(weight) is not int or weight not in (0, 1):
        sink.add("bad-weight", f"{where}: weight must be 0 or 1, not {json.dumps(weight)}", msg)
        conv.trained += 1  # reported once, as bad-weight, not again as an untrained example
    elif weight == 1:
        conv.trained += 1
    conv.extra += extra
    conv.reply_extra += extra


def _tool_calls(
    calls: object, sink: Sink, where: str, conv: Conversation, call_ids: set[str]
) -> int:
    if type(calls) is not list or not calls:
        sink.add("bad-tool-call", f"{where}: tool_calls must be a non-empty list", calls)
        return 0
    tokens = 0
    for i, call in enumerate(calls):
        if type(call) is not dict or type(call.get("function")) is not dict:
            sink.add("bad-tool-call", f"{where} tool_calls[{i}] needs a 'function' object", call)
            continue
        function = call["function"]
        call_id = call.get("id")
        if type(call_id) is str:
            call_ids.add(call_id)
        else:
            sink.add("bad-tool-call", f"{where} tool_calls[{i}] needs an 'id' (text)", call)
        if call.get("type") != "function":
            sink.add("bad-tool-call", f'{where} tool_calls[{i}] needs "type": "function"', call)
        tokens += _function_call(function, sink, f"{where} tool_calls[{i}]", conv)
    return tokens


def _function_call(function: object, sink: Sink, where: str, conv: Conversation) -> int:
    name = function.get("name") if type(function) is dict else None
    arguments = function.get("arguments") if type(function) is dict else None
    if type(name) is not str or not name:
        sink.add("bad-tool-call", f"{where}: the function needs a 'name'", function)
        return 0
    if conv.called is None:
        conv.called = []
    conv.called.append((where, name))
    if type(arguments) is not str:
        sink.add("bad-tool-call", f"{where}: 'arguments' must be a JSON string", function)
        return 0
    try:
        strict_loads(arguments)
    except (ValueError, RecursionError):
        sink.add("tool-arguments-not-json", f"{where}: 'arguments' is not valid JSON", arguments)
    return text_tokens(len(name) + len(arguments) + 3)


def _tool(msg: dict[str, object], sink: Sink, where: str, call_ids: set[str]) -> None:
    call_id = msg.get("tool_call_id")
    if type(call_id) is not str or not call_id:
        sink.add("missing-tool-call-id", f"{where} (tool) needs 'tool_call_id'", msg)
    elif call_id not in call_ids:
        sink.add(
            "unmatched-tool-call-id",
            f"{where} (tool): tool_call_id {call_id!r} matches no earlier tool call",
            msg,
        )
