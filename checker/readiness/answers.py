"""Reading and checking a reader's answers.

An answers mapping holds ``{item_id: answer}``: "yes", "no", "unsure", "n/a" (only where the
criteria allow it), or a number for number items (a JSON/TOML number or its text). A missing
item, ``null`` or ``""`` is unanswered, which is not the same as unsure. The report written by
``assess --format json`` (and the page's JSON export) is accepted too: its ``answers`` object is
read.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from typing import Any, Literal

from checker.errors import InputError
from checker.readiness.criteria import Criteria, Item
from checker.userfiles import parse_json, read_text

Choice = Literal["yes", "no", "unsure", "n/a"]
AnswerValue = str | float
CHOICES: tuple[Choice, ...] = ("yes", "no", "unsure", "n/a")
VERSION_KEY = "criteria_version"
REPORT_KEY = "answers"
MAX_ANSWERS_BYTES = 1_000_000
# The number items the holdout check reads.
BASELINE_ID = "baseline-pass-rate"
GAIN_ID = "smallest-gain"
NUMBER_PATTERN = (
    r"^[+-]?([0-9]{1,3}([,\u00a0\u202f ])[0-9]{3}(\2[0-9]{3}){0,3}(\.[0-9]{0,9})?"
    r"|[0-9]{1,15}(\.[0-9]{0,9})?|\.[0-9]{1,9})%?$"
)
"""A number typed as text, as a reader writes it: ``1000``, ``1,000``, ``1 000`` (one kind of
group separator, groups of three), ``0.5``, ``.5``, ``75%``. The checklist page tests typed
numbers and share links with this same pattern (the build writes it into the page, so the two
cannot drift): keep it to syntax that Python's ``re`` and JavaScript's ``RegExp`` read alike
(``[0-9]``, not ``\\d``, which takes other scripts' digits in Python only)."""
_NUMBER_TEXT = re.compile(NUMBER_PATTERN)
_GROUPING = str.maketrans("", "", ",\u00a0\u202f ")
PERCENT_UNITS = ("percent", "percentage points")
VERSION_CHANGED = (
    "The questions changed since {what} (version {saved}, now {version}). Answers that still "
    "match a question were kept."
)
ANSWERS_DROPPED = "{count} {source} answer(s) no longer match a question and were dropped."


def one_line(text: str, limit: int = 300) -> str:
    """``checker.textsafe.one_line``, imported only when a message needs it: the page scores
    answers on every change and should not load the escaping tables to say nothing."""
    from checker.textsafe import one_line as escape

    return escape(text, limit)


def answers_mapping(data: Mapping[Any, object]) -> tuple[Mapping[Any, object], object]:
    """The answers and the criteria version they were given for, from an answers file or from a
    report (``{"answers": {...}, "criteria_version": ...}``)."""
    inner = data.get(REPORT_KEY)
    answers = inner if isinstance(inner, Mapping) else data
    return answers, data.get(VERSION_KEY)


def migration_notes(criteria: Criteria) -> dict[str, list[str]]:
    """What changed since each older version of the criteria, in words."""
    return {
        migration.from_version: [*migration.removed.values(), migration.added, migration.changed]
        for migration in criteria.migrations
    }


def version_notes(saved: object, criteria: Criteria, what: str) -> list[str]:
    """What to tell a reader whose answers were given for another criteria version (``what``
    names them: "answers.toml was written"); nothing when the version is the current one."""
    if saved is None or saved == criteria.version:
        return []
    shown = one_line(str(saved), 40)
    notes = [VERSION_CHANGED.format(what=what, saved=shown, version=criteria.version)]
    return notes + migration_notes(criteria).get(str(saved), [])


def page_notices(criteria: Criteria) -> dict[str, object]:
    """The same notes for the checklist page, written into it at build time: ``changed`` with
    ``{what}`` and ``{saved}`` left for the page to fill, ``dropped`` with ``{count}`` and
    ``{source}``, and ``migrations`` (the notes per older version)."""
    return {
        "changed": VERSION_CHANGED.replace("{version}", criteria.version),
        "dropped": ANSWERS_DROPPED,
        "migrations": migration_notes(criteria),
    }


def check_answers(
    raw: Mapping[Any, object], criteria: Criteria, source: str = "answers"
) -> dict[str, AnswerValue]:
    """The given answers, checked: unanswered items are left out; the first problem (an unknown
    id, a value that is not an answer, a number out of range) raises InputError."""
    answers, problems = read_answers(raw, criteria, source)
    if problems:
        raise InputError(next(iter(problems.values())))
    return answers


def read_answers(
    raw: Mapping[Any, object], criteria: Criteria, source: str = "answers"
) -> tuple[dict[str, AnswerValue], dict[str, str]]:
    """Checked answers, and a message per item whose answer is unusable (those are left out).

    An unknown id is always an error (raised), except the ids a migration from the saved
    version says were removed, which are dropped."""
    if not isinstance(raw, Mapping):
        raise InputError(f"{source}: must be an object of item ids to answers")
    answers_raw, saved_version = answers_mapping(raw)
    migration = criteria.migration_from(saved_version) if isinstance(saved_version, str) else None
    removed = set(migration.removed) if migration else set()
    items = {item.id: item for item in criteria.items()}
    answers: dict[str, AnswerValue] = {}
    problems: dict[str, str] = {}
    for key, value in answers_raw.items():
        if key in (VERSION_KEY, REPORT_KEY) and answers_raw is raw:
            continue
        if not isinstance(key, str):
            raise InputError(f"{source}: item ids must be text, not {one_line(repr(key), 40)}")
        item = items.get(key)
        if item is None:
            if key in removed:
                continue
            raise InputError(
                f"{source}: unknown item id {one_line(repr(key), 80)}{_hint(key, items)}"
            )
        try:
            answer = _answer(item, value, source)
        except InputError as error:
            problems[key] = str(error)
            continue
        if answer is not None:
            answers[key] = answer
    baseline, gain = answers.get(BASELINE_ID), answers.get(GAIN_ID)
    if isinstance(baseline, float) and isinstance(gain, float) and baseline + gain > 100:
        del answers[GAIN_ID]
        problems[GAIN_ID] = (
            f"{source}: item {GAIN_ID!r}: a gain of {gain:g} points on a baseline of "
            f"{baseline:g}% would pass more than 100% of the tests"
        )
    return answers, problems


def _hint(key: str, items: Mapping[str, Item]) -> str:
    import difflib  # only for this message: it is slow to load in the browser

    close = difflib.get_close_matches(key, sorted(items), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _answer(item: Item, value: object, source: str) -> AnswerValue | None:
    where = f"{source}: item {item.id!r}"
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if item.kind == "choice":
        return _choice(item, value, where)
    if isinstance(value, str) and value.strip().lower() in CHOICES:
        choice = value.strip().lower()
        if choice == "n/a" and item.applies_when is None:
            raise InputError(f"{where}: n/a is not allowed here; this statement always applies")
        if choice == "unsure" or item.kind != "number":
            return choice
        raise InputError(f"{where}: answer {choice!r} is not a number; give a number or unsure")
    if item.kind != "number":
        allowed = "yes, no, unsure or n/a" if item.applies_when else "yes, no or unsure"
        raise InputError(f"{where}: answer {one_line(repr(value), 60)} is not one of {allowed}")
    return _number(item, value, where)


def _choice(item: Item, value: object, where: str) -> str:
    text = value.strip().lower() if isinstance(value, str) else None
    if text == "unsure":
        return text
    spelled = {option.lower(): option for option in item.options}  # model names keep their case
    if text is not None and text in spelled:
        return spelled[text]
    allowed = ", ".join(item.options)
    raise InputError(
        f"{where}: answer {one_line(repr(value), 60)} is not one of {allowed} or unsure"
    )


def _number(item: Item, value: object, where: str) -> float:
    rule = item.number
    assert rule is not None
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value) if isinstance(value, float) or abs(value) < 10**15 else math.inf
    elif isinstance(value, str):
        number = number_text(value)
        if number is not None and value.strip().endswith("%") and rule.unit not in PERCENT_UNITS:
            raise InputError(
                f"{where}: {one_line(repr(value), 60)} is a percentage; "
                f"give a number of {rule.unit}"
            )
    if number is None or not math.isfinite(number):
        raise InputError(
            f"{where}: {one_line(repr(value), 60)} is not a number of {rule.unit} (or unsure)"
        )
    if not rule.minimum <= number <= rule.maximum:
        raise InputError(
            f"{where}: {_plain(number)} is out of range: give {_plain(rule.minimum)} to "
            f"{_plain(rule.maximum)} {rule.unit}"
        )
    if rule.whole and not number.is_integer():
        raise InputError(f"{where}: {_plain(number)} must be a whole number of {rule.unit}")
    return number


def number_text(text: str) -> float | None:
    """The number in ``text`` when it matches ``NUMBER_PATTERN`` (a trailing ``%`` and group
    separators dropped), else None."""
    text = text.strip()
    if not _NUMBER_TEXT.match(text):
        return None
    return float(text.removesuffix("%").translate(_GROUPING))


def _plain(number: float) -> str:
    return f"{number:,.0f}" if number.is_integer() and abs(number) < 1e12 else f"{number:g}"


def read_answers_file(path: str) -> dict[str, object]:
    """Parse a TOML or JSON answers file (chosen by extension, JSON if unsure) into a mapping.
    Files over MAX_ANSWERS_BYTES are refused unread: a real answers file is a few kilobytes."""
    return parse_answers_text(read_text(path, "answers file", MAX_ANSWERS_BYTES), path)


def parse_answers_text(text: str, source: str) -> dict[str, object]:
    try:
        if source.lower().endswith(".toml"):
            try:
                data: object = tomllib.loads(text)
            except tomllib.TOMLDecodeError as error:
                raise InputError(f"{source}: invalid TOML: {one_line(str(error))}") from None
        else:
            data = parse_json(text, source)
    except RecursionError:
        raise InputError(f"{source}: nested too deeply to be an answers file") from None
    except InputError:
        raise
    except ValueError as error:  # e.g. an integer over CPython's 4,300-digit limit
        raise InputError(f"{source}: unreadable value: {one_line(str(error), 120)}") from None
    if not isinstance(data, dict):
        raise InputError(f"{source}: must be an object of item ids to answers")
    return data
