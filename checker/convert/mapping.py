"""How a record becomes a chat example: the mapping (which field or column plays which role) and
the converter built from it.

A mapping is always explicit: it is built from the ``--from`` format's defaults and the user's
``--map`` overrides, or proposed by detection and printed; ``describe()`` says it in one line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from checker.errors import InputError

# --from names, with the shape of their records and the container they are read from.
SOURCES = ("prompt-completion", "qa", "csv", "json-array", "sharegpt", "alpaca")
SHAPES = ("fields", "alpaca", "sharegpt", "chat")
RECORD_FORMATS = ("chat", "prompt-completion", "qa", "sharegpt", "alpaca")  # --records
DEFAULT_FIELDS: dict[str, dict[str, str]] = {
    "prompt-completion": {"user": "prompt", "assistant": "completion", "system": "system"},
    "qa": {"user": "question", "assistant": "answer", "system": "system"},
    "alpaca": {
        "user": "instruction",
        "input": "input",
        "assistant": "output",
        "system": "system",
    },
    "sharegpt": {
        "conversations": "conversations",
        "user": "human,user",
        "assistant": "gpt,assistant",
        "system": "system",
    },
    "chat": {},
}
SHAPE_OF = {
    "prompt-completion": "fields",
    "qa": "fields",
    "alpaca": "alpaca",
    "sharegpt": "sharegpt",
    "chat": "chat",
}
OPTIONAL = ("system", "input")
# Speakers in ShareGPT files that have no place in a chat example without extra data.
TOOL_SPEAKERS = ("tool", "function_call", "observation", "function")


class Reject(Exception):
    """This record cannot be converted; the message is the reason."""


@dataclass
class Mapping:
    """``records``: the format of each record; ``container``: jsonl, json-array or csv;
    ``fields``: role -> field (or column, or ShareGPT speaker names, comma-separated)."""

    records: str
    container: str
    fields: dict[str, str]
    delimiter: str | None = None
    header: bool | None = None
    columns: list[str] | None = None  # the header's names, when there is one
    notes: list[str] = field(default_factory=list)

    @property
    def shape(self) -> str:
        return SHAPE_OF[self.records]

    def describe(self) -> str:
        if self.container == "csv":
            names = {",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe"}
            what = f"CSV ({names.get(self.delimiter or ',', repr(self.delimiter))}-separated, "
            what += "header row)" if self.header else "no header row; columns by number)"
        elif self.container == "json-array":
            what = f"a JSON array of {self.records} records"
        else:
            what = f"JSON Lines of {self.records} records"
        noun = "column" if self.container == "csv" else "field"
        if self.shape == "sharegpt":
            key = self.fields["conversations"]
            roles = ", ".join(
                f"{role} <- from {names}"
                for role, names in self.fields.items()
                if role != "conversations"
            )
            parts = f"turns from `{key}` (`from`/`value`): {roles}"
        elif self.shape == "chat":
            parts = "`messages` kept as they are"
        else:
            parts = ", ".join(
                f"{role} <- {noun} `{name}`" + (" when present" if role in OPTIONAL else "")
                for role, name in self.fields.items()
            )
            if self.shape == "alpaca":
                parts += " (input appended to the user turn after a blank line when not empty)"
        return f"{what}; {parts}"


def parse_map(items: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items or []:
        role, sep, name = item.partition("=")
        if not sep or not role.strip() or not name:
            raise InputError(f"--map {item!r}: expected ROLE=FIELD, e.g. user=question")
        out[role.strip()] = name
    return out


def apply_map(mapping: Mapping, overrides: dict[str, str]) -> Mapping:
    allowed = set(DEFAULT_FIELDS[mapping.records]) | {"system"}
    if mapping.shape == "chat" and overrides:
        raise InputError("--map does not apply to chat records: they keep their messages")
    for role in overrides:
        if role not in allowed:
            raise InputError(
                f"--map {role}=...: {mapping.records} records take {', '.join(sorted(allowed))}"
            )
    mapping.fields = {**mapping.fields, **overrides}
    return mapping


def _text(record: dict[str, Any], key: str, noun: str) -> str:
    value = record.get(key)
    if value is None:
        if key in record:
            raise Reject(f"{noun} `{key}` is null")
        raise Reject(f"no `{key}` {noun}")
    if not isinstance(value, str):
        raise Reject(f"{noun} `{key}` is {_kind(value)}, not text")
    if not value.strip():
        raise Reject(f"{noun} `{key}` is empty")
    return value


def _optional_system(record: dict[str, Any], key: str | None, noun: str) -> str | None:
    if not key or record.get(key) in (None, ""):
        return None
    value = record[key]
    if not isinstance(value, str):
        raise Reject(f"{noun} `{key}` is {_kind(value)}, not text")
    return value if value.strip() else None


# A converted record: its turns as (role, text) pairs, or for chat records the record itself.
Turns = list[tuple[str, str]]
Converter = Callable[[object], "Turns | dict[str, Any]"]


def converter(mapping: Mapping, unused: dict[str, int]) -> Converter:
    """A function from one record to its turns (or a chat record as it is), raising Reject.
    ``unused`` counts the fields that no role reads (up to 50 names), for the change log."""
    noun = "column" if mapping.container == "csv" else "field"
    fields = mapping.fields
    used = set(fields.values())

    def note_unused(record: dict[str, Any]) -> None:
        for key in record:
            if key not in used and (key in unused or len(unused) < 50):
                unused[key] = unused.get(key, 0) + 1

    def as_object(record: object) -> dict[str, Any]:
        if not isinstance(record, dict):
            raise Reject(f"not a JSON object but {_kind(record)}")
        return record

    user_key, assistant_key = fields.get("user", ""), fields.get("assistant", "")
    system_key = fields.get("system")

    def plain(record: object) -> Turns:
        if type(record) is not dict:
            record = as_object(record)
        user, assistant = record.get(user_key), record.get(assistant_key)
        # the common case without a call per field; anything else gets its exact reason
        if type(user) is not str or not user.strip():
            user = _text(record, user_key, noun)
        if type(assistant) is not str or not assistant.strip():
            assistant = _text(record, assistant_key, noun)
        system = _optional_system(record, system_key, noun) if system_key in record else None
        if len(record) > 2:
            note_unused(record)
        if system is not None:
            return [("system", system), ("user", user), ("assistant", assistant)]
        return [("user", user), ("assistant", assistant)]

    def alpaca(record: object) -> Turns:
        record = as_object(record)
        user = _text(record, fields["user"], noun)
        assistant = _text(record, fields["assistant"], noun)
        extra = record.get(fields["input"], "")
        if extra is None:
            extra = ""
        if not isinstance(extra, str):
            raise Reject(f"{noun} `{fields['input']}` is {_kind(extra)}, not text")
        if extra.strip():
            user = f"{user}\n\n{extra}"
        system = _optional_system(record, fields.get("system"), noun)
        note_unused(record)
        if system is not None:
            return [("system", system), ("user", user), ("assistant", assistant)]
        return [("user", user), ("assistant", assistant)]

    speakers = {
        name.strip(): role
        for role, names in fields.items()
        if role != "conversations"
        for name in names.split(",")
        if name.strip()
    }

    def sharegpt(record: object) -> Turns:
        record = as_object(record)
        key = fields["conversations"]
        turns = record.get(key)
        if not isinstance(turns, list):
            raise Reject(f"no `{key}` list" if turns is None else f"`{key}` is not a list")
        if not turns:
            raise Reject(f"`{key}` is empty")
        messages: Turns = []
        for index, turn in enumerate(turns, start=1):
            if not isinstance(turn, dict):
                raise Reject(f"turn {index} is not an object")
            speaker, value = turn.get("from"), turn.get("value")
            if not isinstance(speaker, str):
                raise Reject(f"turn {index} has no `from` text")
            if not isinstance(value, str):
                raise Reject(f"turn {index} has no `value` text")
            role = speakers.get(speaker)
            if role is None:
                if speaker in TOOL_SPEAKERS:
                    raise Reject(
                        f"turn {index} is a `{speaker}` turn: chat fine-tuning ties each tool "
                        "result to an assistant tool call by id, which ShareGPT does not record"
                    )
                raise Reject(f"turn {index}: unknown speaker `{speaker}` (map it with --map)")
            messages.append((role, value))
        system = _optional_system(record, fields.get("system"), noun)
        if system is not None and not any(role == "system" for role, _ in messages):
            messages.insert(0, ("system", system))
        note_unused(record)
        return messages

    def chat(record: object) -> dict[str, Any]:
        record = as_object(record)
        if not isinstance(record.get("messages"), list):
            raise Reject("no `messages` list")
        return dict(record)

    converters: dict[str, Converter] = {
        "fields": plain,
        "alpaca": alpaca,
        "sharegpt": sharegpt,
        "chat": chat,
    }
    return converters[mapping.shape]


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    return "a number" if isinstance(value, int | float) else type(value).__name__


def add_system(converted: Turns | dict[str, Any], text: str) -> bool:
    """Put a system turn first unless there is one already; True when added."""
    if isinstance(converted, list):
        if any(role == "system" for role, _ in converted):
            return False
        converted.insert(0, ("system", text))
        return True
    messages = converted["messages"]
    if any(isinstance(m, dict) and m.get("role") == "system" for m in messages):
        return False
    converted["messages"] = [{"role": "system", "content": text}, *messages]
    return True
