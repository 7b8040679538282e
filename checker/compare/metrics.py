"""Score one model output against its reference: exact, normalized, contains, json.

Each metric returns True (right) or False (wrong). A missing output (null) is always wrong.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from checker.errors import InputError
from checker.jsonlimits import loads

_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Casefold, collapse whitespace, strip punctuation (Unicode category P*) at both ends."""
    text = _SPACE.sub(" ", text.casefold()).strip()
    start, end = 0, len(text)
    while start < end and (_is_punct(text[start]) or text[start] == " "):
        start += 1
    while end > start and (_is_punct(text[end - 1]) or text[end - 1] == " "):
        end -= 1
    return text[start:end]


def _is_punct(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def as_text(value: object) -> str:
    """A table cell as text: strings as they are, other JSON values as compact JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def exact(output: object, reference: object) -> bool:
    return output is not None and as_text(output) == as_text(reference)


def normalized(output: object, reference: object) -> bool:
    return output is not None and normalize(as_text(output)) == normalize(as_text(reference))


def contains(output: object, reference: object) -> bool:
    return output is not None and normalize(as_text(reference)) in normalize(as_text(output))


class _NotJSON(Exception):
    pass


def _parsed(value: object) -> object:
    if not isinstance(value, str):
        return value  # a JSONL cell that already holds a JSON value
    try:
        return loads(value)
    except (json.JSONDecodeError, RecursionError):
        raise _NotJSON from None


def json_equal(a: object, b: object) -> bool:
    """Equal as JSON values: key order ignored, list order kept, true is not 1, 1 equals 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def json_match(output: object, reference: object) -> bool:
    if output is None:
        return False
    try:
        parsed_output = _parsed(output)
    except _NotJSON:
        return False
    return json_equal(parsed_output, reference)


def check_json_reference(reference: object, where: str) -> object:
    """Parse a reference for the json metric; an unparseable reference is the user's to fix."""
    try:
        return _parsed(reference)
    except _NotJSON:
        shown = as_text(reference)[:60]
        raise InputError(f"{where}: reference is not valid JSON: {shown!r}") from None


Metric = Callable[[object, object], bool]


@dataclass(frozen=True)
class MetricChoice:
    """One row of the table the CLI's ``--metric`` and the page's select are both built from."""

    name: str
    description: str
    score: Metric
    default: bool = False


# Normalized is the default: a fine-tuned model often learns the expected casing and punctuation,
# so exact matching would count the base model's "Paris." against "paris" as wrong and credit the
# fine-tune with a format change as if it were better answers.
METRIC_TABLE: tuple[MetricChoice, ...] = (
    MetricChoice("exact", "the same text", exact),
    MetricChoice(
        "normalized",
        "the same text ignoring case, spacing and surrounding punctuation",
        normalized,
        default=True,
    ),
    MetricChoice("contains", "the reference appears in the output", contains),
    MetricChoice("json", "the same JSON value", json_match),
)
METRICS: dict[str, Metric] = {choice.name: choice.score for choice in METRIC_TABLE}
(DEFAULT_METRIC,) = (choice.name for choice in METRIC_TABLE if choice.default)
