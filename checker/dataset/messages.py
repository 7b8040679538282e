"""Checks of one list of chat messages, shared by the chat, preference and reinforcement formats.

This is the per-line hot path: plain loops, exact type checks, no work for valid keys beyond one
set comparison per message.
"""

from __future__ import annotations

import json
from typing import Protocol, cast

MAX_IMAGES = 64
IMAGE_TOKENS = 85  # the low-detail price of one image; high detail costs more (see the note)
MESSAGE_TOKENS = 4  # per-message overhead (3) plus the role
IMAGE_TYPES = ("data:image/jpeg", "data:image/jpg", "data:image/png", "data:image/webp")

_BASE = frozenset({"role", "content", "name"})
CHAT_ROLES: dict[str, frozenset[str]] = {
    "system": _BASE,
    "user": _BASE,
    "assistant": _BASE | {"tool_calls", "function_call", "weight"},
    "tool": frozenset({"role", "content", "tool_call_id"}),
    "function": _BASE,
}
REINFORCEMENT_ROLES = {**CHAT_ROLES, "developer": _BASE}
ASSISTANT_ONLY = {"assistant": CHAT_ROLES["assistant"]}


class Sink(Protocol):
    """Where the checks report, bound by the session to the current file and line."""

    def add(self, code: str, message: str, offending: object = "") -> None: ...


class Conversation:
    """What the dataset-level checks need from one list of messages."""

    __slots__ = (
        "assistants",
        "count",
        "images",
        "reply_tokens",
        "system",
        "texts",
        "tokens",
        "trained",
    )

    def __init__(self, count: int) -> None:
        self.count = count  # messages
        self.tokens = 0
        self.reply_tokens = 0
        self.assistants = 0
        self.trained = 0  # assistant messages with weight 1 (the default)
        self.images = 0
        self.system: str | None = None
        self.texts: list[str] = []  # roles and texts, for the near-duplicate fingerprint


def check_messages(
    messages: list[object], sink: Sink, roles: dict[str, frozenset[str]], where: str = "messages"
) -> Conversation:
    conv = Conversation(len(messages))
    texts = conv.texts
    call_ids: set[str] = set()
    for index, msg in enumerate(messages):
        if type(msg) is not dict:
            sink.add("bad-message", f"{where}[{index}] must be an object", msg)
            continue
        role = msg.get("role")
        if type(role) is not str or role not in roles:
            if role is None:
                sink.add("missing-role", f"{where}[{index}] has no 'role'", msg)
            else:
                known = ", ".join(roles)
                sink.add(
                    "unknown-role", f"{where}[{index}]: role {role!r} is not one of {known}", msg
                )
            continue
        allowed = roles[role]
        if not msg.keys() <= allowed:
            extra = ", ".join(repr(k) for k in sorted(msg.keys() - allowed))
            hint = " ('weight' belongs on assistant messages)" if "weight" in msg else ""
            sink.add("unknown-key", f"{where}[{index}] ({role}): unknown key {extra}{hint}", msg)
        content = msg.get("content")
        if type(content) is str:
            text = content
        elif type(content) is list:
            text = _parts(content, sink, role, f"{where}[{index}]", conv)
        elif content is None:
            text = ""
            if role != "assistant":
                sink.add("missing-content", f"{where}[{index}] ({role}) has no content", msg)
        else:
            text = ""
            sink.add(
                "bad-content",
                f"{where}[{index}] ({role}): content must be text or a list of parts, "
                f"not {_kind(content)}",
                msg,
            )
        name = msg.get("name")
        if name is not None and type(name) is not str:
            sink.add("bad-message", f"{where}[{index}] ({role}): 'name' must be text", msg)
        tokens = MESSAGE_TOKENS + (len(text) + 3) // 4
        texts.append(role)
        texts.append(text)
        if role == "assistant":
            tokens += _assistant(msg, content, text, sink, f"{where}[{index}]", conv, call_ids)
            conv.reply_tokens += tokens
        elif role == "tool":
            _tool(msg, sink, f"{where}[{index}]", call_ids)
        elif role == "system" and conv.system is None:
            conv.system = text
        conv.tokens += tokens
    if conv.images > MAX_IMAGES:
        sink.add("too-many-images", f"{conv.images} images; at most {MAX_IMAGES} per example")
    return conv


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    return names.get(type(value), "a number")


def _parts(parts: list[object], sink: Sink, role: str, where: str, conv: Conversation) -> str:
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
            conv.tokens += IMAGE_TOKENS
            if role == "assistant":
                sink.add("image-in-assistant", f"{where}: assistant messages cannot hold images")
            else:
                _image(cast(dict[str, object], part), sink, f"{where} part {i}", conv)
        else:
            sink.add(
                "bad-content",
                f"{where} part {i}: a part must be an object with type 'text' or 'image_url'",
                part,
            )
    return "\n".join(texts)


def _image(part: dict[str, object], sink: Sink, where: str, conv: Conversation) -> None:
    image = part.get("image_url")
    url = image.get("url") if type(image) is dict else None
    if type(url) is not str:
        sink.add("bad-image", f"{where}: an image part needs image_url.url", part)
        return
    conv.texts.append(url[:200])
    if url.startswith("data:"):
        if not url.startswith(IMAGE_TYPES):
            sink.add("bad-image", f"{where}: images must be JPEG, PNG or WEBP", url)
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
) -> int:
    """Assistant-only checks; returns the tokens of its tool calls."""
    conv.assistants += 1
    extra = 0
    calls = msg.get("tool_calls")
    function_call = msg.get("function_call")
    if calls is not None:
        extra += _tool_calls(calls, sink, where, conv, call_ids)
    if function_call is not None:
        extra += _function_call(function_call, sink, where, conv)
    if calls is None and function_call is None:
        if content is None:
            sink.add(
                "missing-content", f"{where} (assistant) has neither content nor tool_calls", msg
            )
        elif not text or text.isspace():
            sink.add("empty-assistant-reply", f"{where}: the assistant reply is empty", msg)
    weight = msg.get("weight", 1)
    if type(weight) is not int or weight not in (0, 1):
        sink.add("bad-weight", f"{where}: weight must be 0 or 1, not {json.dumps(weight)}", msg)
    elif weight == 1:
        conv.trained += 1
    return extra


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
        if call.get("type", "function") != "function":
            sink.add("bad-tool-call", f"{where} tool_calls[{i}]: type must be 'function'", call)
        tokens += _function_call(function, sink, f"{where} tool_calls[{i}]", conv)
    return tokens


def _function_call(function: object, sink: Sink, where: str, conv: Conversation) -> int:
    name = function.get("name") if type(function) is dict else None
    arguments = function.get("arguments") if type(function) is dict else None
    if type(name) is not str or not name:
        sink.add("bad-tool-call", f"{where}: the function needs a 'name'", function)
        return 0
    if type(arguments) is not str:
        sink.add("bad-tool-call", f"{where}: 'arguments' must be a JSON string", function)
        return 0
    try:
        json.loads(arguments)
    except (ValueError, RecursionError):
        sink.add("tool-arguments-not-json", f"{where}: 'arguments' is not valid JSON", arguments)
    conv.texts.append(name)
    conv.texts.append(arguments)
    return (len(name) + len(arguments) + 3) // 4


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
