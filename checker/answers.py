"""Reading and checking a reader's answers: ``{item_id: "yes" | "no" | "unsure"}``."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from typing import Literal

from checker.criteria import Criteria
from checker.errors import InputError
from checker.userfiles import parse_json, read_text

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
            import difflib  # only for this message: it is slow to load in the browser

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
    return parse_answers_text(read_text(path, "answers file"), path)


def parse_answers_text(text: str, source: str) -> dict[str, object]:
    if source.lower().endswith(".toml"):
        try:
            data: object = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise InputError(f"{source}: invalid TOML: {error}") from None
    else:
        data = parse_json(text, source)
    if not isinstance(data, dict):
        raise InputError(f"{source}: must be an object of item ids to yes, no or unsure")
    return data
