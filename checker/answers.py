"""Reading and checking a reader's answers: ``{item_id: "yes" | "no" | "unsure"}``."""

from __future__ import annotations

import difflib
import json
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from checker.criteria import Criteria
from checker.errors import InputError
from checker.jsonlimits import loads

Answer = Literal["yes", "no", "unsure"]
ANSWERS: tuple[Answer, ...] = ("yes", "no", "unsure")
VERSION_KEY = "criteria_version"


def check_answers(
    raw: Mapping[str, object], criteria: Criteria, source: str = "answers"
) -> dict[str, Answer]:
    """Every item gets an answer (missing means unsure); unknown ids and values are errors."""
    known = {item.id for item in criteria.items()}
    answers: dict[str, Answer] = {item_id: "unsure" for item_id in known}
    for key, value in raw.items():
        if key == VERSION_KEY:
            continue
        if key not in known:
            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise InputError(f"{source}: unknown item id {key!r}{hint}")
        if value is None or value == "":
            continue
        if not isinstance(value, str) or value.strip().lower() not in ANSWERS:
            raise InputError(
                f"{source}: item {key!r}: answer {value!r} is not one of yes, no, unsure"
            )
        answers[key] = _as_answer(value.strip().lower())
    return answers


def _as_answer(value: str) -> Answer:
    for answer in ANSWERS:
        if value == answer:
            return answer
    raise AssertionError(value)


def read_answers_file(path: str) -> dict[str, object]:
    """Parse a TOML or JSON answers file (chosen by extension, JSON if unsure) into a mapping."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not an answers file") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None
    return parse_answers_text(text, path)


def parse_answers_text(text: str, source: str) -> dict[str, object]:
    if source.lower().endswith(".toml"):
        try:
            data: object = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise InputError(f"{source}: invalid TOML: {error}") from None
    else:
        try:
            data = loads(text)
        except json.JSONDecodeError as error:
            raise InputError(
                f"{source}: line {error.lineno}, column {error.colno}: invalid JSON: {error.msg}"
            ) from None
        except RecursionError:
            raise InputError(f"{source}: JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise InputError(f"{source}: must be an object of item ids to yes, no or unsure")
    return data
