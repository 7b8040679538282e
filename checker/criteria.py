"""Load and validate the readiness questions from ``criteria.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from checker.errors import InputError

Kind = Literal["ready", "warning"]
Severity = Literal["blocker", "caution"]

KINDS: tuple[Kind, ...] = ("ready", "warning")
SEVERITIES: tuple[Severity, ...] = ("blocker", "caution")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
ITEM_FIELDS = ("id", "kind", "statement", "explanation", "advice", "link")
QUESTION_FIELDS = ("id", "title", "page", "summary")


class CriteriaError(InputError):
    """The criteria file is broken; the message names the entry."""


@dataclass(frozen=True)
class Item:
    id: str
    kind: Kind
    severity: Severity | None
    weight: int
    statement: str
    explanation: str
    advice: str
    link: str

    def is_good(self, answer: str) -> bool:
        return answer == ("yes" if self.kind == "ready" else "no")

    def is_bad(self, answer: str) -> bool:
        return answer == ("no" if self.kind == "ready" else "yes")


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    page: str
    summary: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Scoring:
    ready_at: int
    almost_at: int
    unsure_credit: float


@dataclass(frozen=True)
class Criteria:
    version: str
    scoring: Scoring
    questions: tuple[Question, ...]

    def items(self) -> tuple[Item, ...]:
        return tuple(item for question in self.questions for item in question.items)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


def load_criteria(path: str | Path | None = None) -> Criteria:
    """Read the packaged criteria, or the file at ``path``; raise CriteriaError if it is invalid."""
    if path is None:
        return _packaged_criteria()
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CriteriaError(f"{source}: cannot read: {error}") from None
    return parse_criteria(text, source)


@cache
def _packaged_criteria() -> Criteria:
    """Parsed once per process: the page re-scores on every answer, each time asking for these.
    Criteria are frozen, so sharing one copy is safe; a path is always read afresh (the site
    build and its tests edit the file)."""
    text = resources.files("checker").joinpath("criteria.toml").read_text(encoding="utf-8")
    return parse_criteria(text, "criteria.toml")


def parse_criteria(text: str, source: str = "criteria.toml") -> Criteria:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CriteriaError(f"{source}: invalid TOML: {error}") from None
    version = data.get("version")
    if not isinstance(version, str) or not version.strip():
        raise CriteriaError(f"{source}: 'version' must be a non-empty string")
    scoring = _parse_scoring(data.get("scoring"), source)
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise CriteriaError(f"{source}: needs at least one [[questions]] table")
    seen: set[str] = set()
    questions = tuple(
        _parse_question(raw, index, source, seen) for index, raw in enumerate(raw_questions)
    )
    return Criteria(version=version, scoring=scoring, questions=questions)


def _parse_scoring(raw: Any, source: str) -> Scoring:
    if not isinstance(raw, dict):
        raise CriteriaError(f"{source}: missing [scoring] table")
    ready_at, almost_at, credit = (
        raw.get("ready_at"),
        raw.get("almost_at"),
        raw.get("unsure_credit"),
    )
    if not (
        isinstance(ready_at, int)
        and isinstance(almost_at, int)
        and 0 <= almost_at <= ready_at <= 100
    ):
        raise CriteriaError(f"{source}: [scoring] needs integers 0 <= almost_at <= ready_at <= 100")
    if not isinstance(credit, int | float) or isinstance(credit, bool) or not 0 <= credit <= 1:
        raise CriteriaError(f"{source}: [scoring] unsure_credit must be a number from 0 to 1")
    return Scoring(ready_at=ready_at, almost_at=almost_at, unsure_credit=float(credit))


def _require_text(raw: dict[str, Any], fields: tuple[str, ...], where: str) -> None:
    for field in fields:
        value = raw.get(field)
        if not isinstance(value, str) or not value.strip():
            raise CriteriaError(f"{where}: field '{field}' is missing or empty")


def _check_id(raw: dict[str, Any], where: str, seen: set[str]) -> str:
    ident = raw["id"]
    if not ID_PATTERN.match(ident):
        raise CriteriaError(f"{where}: id {ident!r} must be lowercase words joined by hyphens")
    if ident in seen:
        raise CriteriaError(f"{where}: duplicate id {ident!r}")
    seen.add(ident)
    return str(ident)


def _parse_question(raw: Any, index: int, source: str, seen: set[str]) -> Question:
    where = f"{source}: questions[{index}]"
    if not isinstance(raw, dict):
        raise CriteriaError(f"{where}: must be a table")
    if isinstance(raw.get("id"), str):
        where = f"{source}: question {raw['id']!r}"
    _require_text(raw, QUESTION_FIELDS, where)
    ident = _check_id(raw, where, seen)
    raw_items = raw.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise CriteriaError(f"{where}: needs at least one [[questions.items]] entry")
    items = tuple(_parse_item(item, i, where, seen) for i, item in enumerate(raw_items))
    return Question(
        id=ident, title=raw["title"], page=raw["page"], summary=raw["summary"], items=items
    )


def _parse_item(raw: Any, index: int, parent: str, seen: set[str]) -> Item:
    where = f"{parent} items[{index}]"
    if not isinstance(raw, dict):
        raise CriteriaError(f"{where}: must be a table")
    if isinstance(raw.get("id"), str):
        where = f"{parent} item {raw['id']!r}"
    _require_text(raw, ITEM_FIELDS, where)
    ident = _check_id(raw, where, seen)
    unknown = sorted(set(raw) - {*ITEM_FIELDS, "severity", "weight"})
    if unknown:
        raise CriteriaError(f"{where}: unknown field {unknown[0]!r}")
    kind = raw["kind"]
    if kind not in KINDS:
        raise CriteriaError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    severity = raw.get("severity")
    if severity is None and kind == "warning":
        raise CriteriaError(f"{where}: a warning needs a severity ({' or '.join(SEVERITIES)})")
    if severity is not None and severity not in SEVERITIES:
        raise CriteriaError(f"{where}: severity {severity!r} is not one of {', '.join(SEVERITIES)}")
    weight = raw.get("weight", 1)
    if not isinstance(weight, int) or isinstance(weight, bool) or not 1 <= weight <= 3:
        raise CriteriaError(f"{where}: weight must be a whole number from 1 to 3")
    return Item(
        id=ident,
        kind=kind,
        severity=severity,
        weight=weight,
        statement=raw["statement"],
        explanation=raw["explanation"],
        advice=raw["advice"],
        link=raw["link"],
    )
