"""Load and validate the readiness questions from ``criteria.toml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from checker.errors import InputError
from checker.tomlreader import TomlReader

Kind = Literal["ready", "warning", "number"]
Severity = Literal["blocker", "caution"]
Check = Literal["provider-minimum", "holdout-power", "input"]

KINDS: tuple[Kind, ...] = ("ready", "warning", "number")
SEVERITIES: tuple[Severity, ...] = ("blocker", "caution")
CHECKS: tuple[Check, ...] = ("provider-minimum", "holdout-power", "input")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
ITEM_FIELDS = ("id", "kind", "statement", "explanation", "advice", "link")
NUMBER_FIELDS = ("unit", "whole", "minimum", "maximum", "check", "caution_below")
OPTIONAL_FIELDS = ("severity", "weight", "required", "applies_when", *NUMBER_FIELDS)
MAX_NUMBER = 1e12


class CriteriaError(InputError):
    """The criteria file is broken; the message names the entry."""


@dataclass(frozen=True)
class NumberRule:
    """How a number item is read and judged."""

    unit: str
    whole: bool
    minimum: float
    maximum: float
    check: Check
    caution_below: float | None


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
    required: bool = False
    applies_when: str | None = None
    number: NumberRule | None = None

    def is_good(self, answer: object) -> bool:
        return self.kind != "number" and answer == ("yes" if self.kind == "ready" else "no")

    def is_bad(self, answer: object) -> bool:
        return self.kind != "number" and answer == ("no" if self.kind == "ready" else "yes")


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
    question_ready_at: int = 0
    steps_shown: int = 7


@dataclass(frozen=True)
class ReadyStep:
    text: str
    link: str


@dataclass(frozen=True)
class Migration:
    """What changed since an older version, so saved answers can be carried over."""

    from_version: str
    removed: dict[str, str]
    added: str
    changed: str


@dataclass(frozen=True)
class Criteria:
    version: str
    scoring: Scoring
    questions: tuple[Question, ...]
    ready_steps: tuple[ReadyStep, ...] = ()
    migrations: tuple[Migration, ...] = ()

    def items(self) -> tuple[Item, ...]:
        return tuple(item for question in self.questions for item in question.items)

    def item(self, item_id: str) -> Item:
        for item in self.items():
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def migration_from(self, version: str) -> Migration | None:
        return next((m for m in self.migrations if m.from_version == version), None)


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
    reader = TomlReader(source, CriteriaError)
    data = reader.parse(text)
    version = reader.text(data, "version", "")
    scoring = _parse_scoring(reader, data.get("scoring"))
    seen: set[str] = set()
    questions = tuple(
        _parse_question(reader, raw, index, seen)
        for index, raw in enumerate(reader.tables(data, "questions", ""))
    )
    return Criteria(
        version=version,
        scoring=scoring,
        questions=questions,
        ready_steps=_parse_ready_steps(reader, data),
        migrations=_parse_migrations(reader, data, seen),
    )


def _parse_ready_steps(reader: TomlReader, data: dict[str, Any]) -> tuple[ReadyStep, ...]:
    steps = []
    for index, raw in enumerate(reader.tables(data, "ready_steps", "")):
        where = f"ready_steps[{index}]"
        entry = reader.entry(raw, where)
        steps.append(
            ReadyStep(
                text=reader.text(entry, "text", where), link=reader.text(entry, "link", where)
            )
        )
    return tuple(steps)


def _parse_migrations(
    reader: TomlReader, data: dict[str, Any], known: set[str]
) -> tuple[Migration, ...]:
    migrations = []
    for index, raw in enumerate(reader.tables(data, "migrations", "", optional=True)):
        where = f"migrations[{index}]"
        entry = reader.entry(raw, where)
        removed = entry.get("removed", {})
        if not isinstance(removed, dict) or not all(
            isinstance(text, str) and text.strip() for text in removed.values()
        ):
            raise reader.fail(where, "'removed' must map item ids to explanations")
        still = sorted(set(removed) & known)
        if still:
            raise reader.fail(where, f"{still[0]!r} is listed as removed but still exists")
        migrations.append(
            Migration(
                from_version=reader.text(entry, "from", where),
                removed=dict(removed),
                added=reader.text(entry, "added", where),
                changed=reader.text(entry, "changed", where),
            )
        )
    return tuple(migrations)


def _parse_scoring(reader: TomlReader, raw: Any) -> Scoring:
    where = "[scoring]"
    if not isinstance(raw, dict):
        raise reader.fail("", "missing [scoring] table")
    almost_at = reader.whole(raw, "almost_at", where, 0, 100, default=-1)
    ready_at = reader.whole(raw, "ready_at", where, 0, 100, default=-1)
    if almost_at > ready_at:
        raise reader.fail(where, "needs integers 0 <= almost_at <= ready_at <= 100")
    credit = raw.get("unsure_credit")
    if not isinstance(credit, int | float) or isinstance(credit, bool) or not 0 <= credit <= 1:
        raise reader.fail(where, "unsure_credit must be a number from 0 to 1")
    if raw.get("enough", "required") != "required":
        raise reader.fail(where, 'enough must be "required"')
    return Scoring(
        ready_at=ready_at,
        almost_at=almost_at,
        unsure_credit=float(credit),
        question_ready_at=reader.whole(raw, "question_ready_at", where, 0, 100, default=0),
        steps_shown=reader.whole(raw, "steps_shown", where, 1, 50, default=7),
    )


def _check_id(reader: TomlReader, raw: dict[str, Any], where: str, seen: set[str]) -> str:
    ident = reader.text(raw, "id", where)
    if not ID_PATTERN.match(ident):
        raise reader.fail(where, f"id {ident!r} must be lowercase words joined by hyphens")
    if ident in seen:
        raise reader.fail(where, f"duplicate id {ident!r}")
    seen.add(ident)
    return ident


def _named(raw: Any, kind: str, index_where: str) -> str:
    """Where an entry is, by its id when it has one: "question 'data'", not "questions[3]"."""
    ident = raw.get("id") if isinstance(raw, dict) else None
    return f"{kind} {ident!r}" if isinstance(ident, str) else index_where


def _parse_question(reader: TomlReader, raw: Any, index: int, seen: set[str]) -> Question:
    where = _named(raw, "question", f"questions[{index}]")
    entry = reader.entry(raw, where)
    title, page, summary = (
        reader.text(entry, field, where) for field in ("title", "page", "summary")
    )
    ident = _check_id(reader, entry, where, seen)
    raw_items = entry.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise reader.fail(where, "needs at least one [[questions.items]] entry")
    items = tuple(_parse_item(reader, item, i, where, seen) for i, item in enumerate(raw_items))
    if not any(item.required for item in items):
        raise reader.fail(where, "needs at least one required item or blocker")
    return Question(id=ident, title=title, page=page, summary=summary, items=items)


def _parse_item(reader: TomlReader, raw: Any, index: int, parent: str, seen: set[str]) -> Item:
    where = f"{parent} " + _named(raw, "item", f"items[{index}]")
    entry = reader.entry(raw, where)
    texts = {field: reader.text(entry, field, where) for field in ITEM_FIELDS if field != "id"}
    ident = _check_id(reader, entry, where, seen)
    reader.entry(entry, where, {*ITEM_FIELDS, *OPTIONAL_FIELDS})
    kind = reader.choice(entry, "kind", where, KINDS)
    severity = entry.get("severity")
    if severity is None and kind == "warning":
        raise reader.fail(where, f"a warning needs a severity ({' or '.join(SEVERITIES)})")
    if severity is not None:
        reader.choice(entry, "severity", where, SEVERITIES)
    required = reader.flag(entry, "required", where)
    number = _parse_number(reader, entry, where) if kind == "number" else None
    if number is None and any(field in entry for field in NUMBER_FIELDS):
        field = next(field for field in NUMBER_FIELDS if field in entry)
        raise reader.fail(where, f"field {field!r} is only for number items")
    return Item(
        id=ident,
        kind=kind,
        severity=severity,
        weight=reader.whole(entry, "weight", where, 1, 3, default=1),
        statement=texts["statement"],
        explanation=texts["explanation"],
        advice=texts["advice"],
        link=texts["link"],
        required=required or severity == "blocker",
        applies_when=reader.optional_text(entry, "applies_when", where),
        number=number,
    )


def _real(value: Any) -> bool:
    return (
        isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < MAX_NUMBER
    )


def _parse_number(reader: TomlReader, raw: dict[str, Any], where: str) -> NumberRule:
    low: Any = raw.get("minimum")
    high: Any = raw.get("maximum")
    caution: Any = raw.get("caution_below")
    unit = reader.text(raw, "unit", where)
    whole = reader.flag(raw, "whole", where)
    if not (_real(low) and _real(high) and low < high):
        raise reader.fail(where, "a number item needs numbers minimum < maximum")
    check = reader.choice(raw, "check", where, CHECKS)
    if caution is not None and not _real(caution):
        raise reader.fail(where, "caution_below must be a number")
    if check != "input" and raw.get("severity") is None:
        raise reader.fail(where, f"a number item with check {check!r} needs a severity")
    return NumberRule(
        unit=unit,
        whole=whole,
        minimum=float(low),
        maximum=float(high),
        check=check,
        caution_below=None if caution is None else float(caution),
    )
