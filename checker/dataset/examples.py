"""Checks of one example (one parsed line) in each format the checker knows."""

from __future__ import annotations

import json
from collections.abc import Callable

from checker.dataset.findings import Sink
from checker.dataset.formats import classify
from checker.dataset.messages import (
    ASSISTANT_ONLY,
    CHAT_ROLES,
    REINFORCEMENT_ROLES,
    Conversation,
    check_messages,
)
from checker.dataset.tokens import text_tokens
from checker.facts import ImageLimits

CHAT_KEYS = frozenset({"messages", "tools", "parallel_tool_calls", "functions"})
PREFERENCE_KEYS = frozenset({"input", "preferred_output", "non_preferred_output"})
PREFERENCE_INPUT_KEYS = frozenset({"messages", "tools", "parallel_tool_calls"})

_NOTHING: tuple[object, ...] = (None, "", [], {})  # give a grader nothing to compare with

Checker = Callable[[dict[str, object], Sink, ImageLimits], Conversation | None]

_HINTS = {
    "prompt-completion": " (this line is a legacy prompt/completion pair)",
    "question-answer": " (this line is a question/answer pair, not a conversation)",
    "preference": " (this line is a preference example)",
}


def check_chat(record: dict[str, object], sink: Sink, images: ImageLimits) -> Conversation | None:
    messages = record.get("messages")
    if type(messages) is not list or not messages:
        messages = _messages(record, sink)
        if messages is None:
            return None
    conv = check_messages(messages, sink, CHAT_ROLES, images)
    if len(record) > 1:  # more than `messages`: tools, or keys the format does not define
        if not record.keys() <= CHAT_KEYS:
            _unknown_top_level(record, CHAT_KEYS, sink)
        conv.extra += _tools(record, sink)
    if conv.called:
        _undeclared_tools(record, conv, sink)
    if not conv.users:
        sink.add("missing-user-message", "no user message: what is the assistant answering?")
    if not conv.assistants:
        sink.add(
            "missing-assistant", "no assistant message: there is nothing to learn from", messages
        )
    elif not conv.trained:
        sink.add("no-trained-turn", "every assistant message has weight 0: nothing is trained")
    return conv


def check_reinforcement(
    record: dict[str, object], sink: Sink, images: ImageLimits
) -> Conversation | None:
    messages = _messages(record, sink)
    if messages is None:
        return None
    conv = check_messages(messages, sink, REINFORCEMENT_ROLES, images)
    conv.extra += _tools(record, sink)
    if conv.called:
        _undeclared_tools(record, conv, sink)
    if not any(value not in _NOTHING for key, value in record.items() if key not in CHAT_KEYS):
        sink.add(
            "rft-no-reference",
            "nothing besides the messages for a grader to compare the answer with (such as a "
            "reference answer in a field of its own)",
        )
    last = messages[-1]
    if not (type(last) is dict and last.get("role") == "user"):
        sink.add(
            "reinforcement-last-turn",
            "the last message must be the user's turn; the model writes the answer",
            last,
        )
    if conv.system is not None:
        sink.add(
            "system-message-in-reinforcement",
            "reinforcement examples cannot have a system message; put it in the user turn "
            "(or a developer message)",
            conv.system,
        )
    return conv


def check_preference(
    record: dict[str, object], sink: Sink, images: ImageLimits
) -> Conversation | None:
    if not record.keys() <= PREFERENCE_KEYS:
        _unknown_top_level(record, PREFERENCE_KEYS, sink)
    given = record.get("input")
    messages = given.get("messages") if type(given) is dict else None
    if type(messages) is not list or not messages:
        sink.add(
            "bad-preference-input", "'input' must be an object with a non-empty 'messages' list"
        )
        return None
    assert type(given) is dict
    if not given.keys() <= PREFERENCE_INPUT_KEYS:
        extra = ", ".join(repr(k) for k in sorted(given.keys() - PREFERENCE_INPUT_KEYS))
        sink.add("unknown-key", f"input: unknown key {extra}", given)
    conv = check_messages(messages, sink, CHAT_ROLES, images, "input.messages")
    if type(record.get("messages")) is list:
        conv.prompt_roles = ""  # neardup reads the prompt from that list, not from input
    conv.extra += _tools(given, sink)
    if not conv.users:
        sink.add("missing-user-message", "input.messages has no user message")
    outputs = []
    for key in ("preferred_output", "non_preferred_output"):
        output = record.get(key)
        if type(output) is not list or len(output) != 1:
            sink.add("bad-preference-output", f"{key} must be a list holding one assistant message")
            continue
        reply = check_messages(output, sink, ASSISTANT_ONLY, images, key)
        conv.count += reply.count
        conv.chars += reply.chars
        conv.extra += reply.extra
        if key == "preferred_output":  # the reply the model learns to give
            conv.assistants = reply.assistants
            conv.reply_chars = reply.reply_chars
            conv.reply_extra = reply.reply_extra
        outputs.append(output)
    if len(outputs) == 2 and outputs[0] == outputs[1]:
        sink.add(
            "identical-preference-outputs",
            "the preferred and non-preferred outputs are the same: nothing to learn from",
        )
    return conv


CHECKERS: dict[str, Checker] = {
    "chat": check_chat,
    "preference": check_preference,
    "reinforcement": check_reinforcement,
}


def _messages(record: dict[str, object], sink: Sink) -> list[object] | None:
    messages = record.get("messages")
    if type(messages) is list:
        if messages:
            return messages
        sink.add("empty-messages", "'messages' is empty")
        return None
    if messages is None:
        hint = _HINTS.get(classify(record), "")
        keys = ", ".join(sorted(record)[:6])
        sink.add("missing-messages", f"no 'messages' list{hint}; keys: {keys}", record)
    else:
        sink.add("missing-messages", "'messages' must be a list of messages", messages)
    return None


def _unknown_top_level(record: dict[str, object], known: frozenset[str], sink: Sink) -> None:
    for key in sorted(record.keys() - known)[:20]:
        sink.tally("unknown-top-level-key", key, f"unknown top-level key {key[:80]!r}")


def _tools(record: dict[str, object], sink: Sink) -> int:
    """Check `tools`, `functions`, `parallel_tool_calls`; return the definitions' tokens."""
    tokens = 0
    for key in ("tools", "functions"):
        value = record.get(key)
        if value is None:
            continue
        if type(value) is not list or not all(_is_definition(d, key) for d in value):
            sink.add(
                "bad-tools",
                f"'{key}' must be a list of function definitions, each with a 'name'",
                value,
            )
            continue
        try:
            tokens += text_tokens(len(json.dumps(value, separators=(",", ":"))))
        except (ValueError, RecursionError):
            sink.add("bad-tools", f"'{key}' could not be measured", value)
    parallel = record.get("parallel_tool_calls")
    if parallel is not None and type(parallel) is not bool:
        sink.add("bad-tools", "'parallel_tool_calls' must be true or false", parallel)
    return tokens


def _undeclared_tools(record: dict[str, object], conv: Conversation, sink: Sink) -> None:
    """Tool calls that name a function the example's ``tools`` (or ``functions``) do not define:
    the model would learn to call a tool it is never offered. Only when definitions are given."""
    declared: set[str] = set()
    given = False
    for key in ("tools", "functions"):
        value = record.get(key)
        if type(value) is not list:
            continue
        given = True
        for definition in value:
            if type(definition) is dict and key == "tools":
                definition = definition.get("function")
            if type(definition) is dict and type(definition.get("name")) is str:
                declared.add(definition["name"])
    if not given:
        return
    for where, name in conv.called or ():
        if name not in declared:
            offered = ", ".join(f"`{n}`" for n in sorted(declared)[:10]) or "none"
            sink.add(
                "undeclared-tool",
                f"{where} calls `{name[:80]}`, which `tools` does not define (it defines "
                f"{offered})",
                name,
            )


def _is_definition(definition: object, key: str) -> bool:
    if type(definition) is not dict:
        return False
    if key == "tools":
        if definition.get("type", "function") != "function":
            return False
        definition = definition.get("function")
        if type(definition) is not dict:
            return False
    name = definition.get("name")
    return type(name) is str and bool(name)
