"""Load and validate the readiness questions from ``criteria.toml`` with the shared TomlReader."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from checker.errors import InputError
from checker.tomlreader import TomlReader

Kind = Literal["ready", "warning", "number", "choice"]
Severity = Literal["blocker", "caution"]
Check = Literal["provider-minimum", "holdout-power", "input"]

KINDS: tuple[Kind, ...] = ("ready", "warning", "number")
CONTEXT_KINDS: tuple[Kind, ...] = ("choice", "number")
METHODS = ("sft", "dpo", "rft", "distillation")
# The next moves a result can lead with (``next_move.route``); scripts rely on these names.
ROUTES = (
    "answer",
    "define-task",
    "prompt",
    "structured-outputs",
    "retrieval",
    "baseline",
    "metric",
    "holdout",
    "data",
    "provider",
    "cost",
    "model",
    "reconcile",
    "pilot",
)
DEFAULT_METHOD = "sft"  # the ready steps shown while the method is not known
OTHER = "other"
SEVERITIES: tuple[Severity, ...] = ("blocker", "caution")
CHECKS: tuple[Check, ...] = ("provider-minimum", "holdout-power", "input")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
WORDING_FIELDS = ("statement", "explanation", "advice", "link")
ITEM_FIELDS = ("id", "kind", *WORDING_FIELDS)
NUMBER_FIELDS = ("unit", "whole", "minimum", "maximum", "check", "caution_below")
OPTIONAL_FIELDS = (
    "severity",
    "weight",
    "required",
    "applies_when",
    "route",
    "essential",
    "methods",
    *NUMBER_FIELDS,
)
CONTEXT_FIELDS = (*ITEM_FIELDS, "options")
CONTEXT_OPTIONAL = ("options_from", *NUMBER_FIELDS)
MAX_NUMBER = 10**12


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
    route: str | None = None
    essential: bool = False
    methods: tuple[str, ...] = ()
    """The training methods the item applies to (empty: every method)."""
    options: tuple[str, ...] = ()
    """A choice item's answers, besides unsure."""
    context: bool = False
    """Describes the project: read by the checks, never scored or required."""

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
    plan_days: int = 90
    low_baseline_below: float = 0
    large_gain_at_least: float = 100


@dataclass(frozen=True)
class ReadyStep:
    text: str
    link: str
    methods: tuple[str, ...] = ()

    def fits(self, method: str | None) -> bool:
        """Whether the step belongs in a ready result for ``method`` (None: not known)."""
        return not self.methods or (method or DEFAULT_METHOD) in self.methods


@dataclass(frozen=True)
class Route:
    """A possible next move; routes win in the order the criteria list them."""

    id: str
    text: str
    link: str
    blocked: str = ""
    """The move in words when a blocker leads to it, if that needs other words."""


@dataclass(frozen=True)
class Contradiction:
    """Answers that cannot all be true: ``when`` maps item ids to an answer, or to a comparison
    ("> 0", "> other-item-id") for numbers. ``text`` may name an item's answer as {item-id}."""

    id: str
    when: dict[str, str]
    text: str


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
    context: tuple[Item, ...] = ()
    routes: tuple[Route, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()

    def items(self) -> tuple[Item, ...]:
        """Every answerable item: the context first, then the questions' statements."""
        return self.context + self.scored_items()

    def scored_items(self) -> tuple[Item, ...]:
        return tuple(item for question in self.questions for item in question.items)

    def essentials(self) -> tuple[Item, ...]:
        return tuple(item for item in self.scored_items() if item.essential)

    def route(self, route_id: str) -> Route:
        for route in self.routes:
            if route.id == route_id:
                return route
        raise KeyError(route_id)

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
    reader = _Reader(source)
    data = reader.parse(text)
    version = reader.text(data, "version", "")
    scoring = _parse_scoring(reader, reader.table(data, "scoring", ""))
    raw_questions = reader.tables(data, "questions", "")
    context = tuple(
        _parse_context(reader, entry, index)
        for index, entry in enumerate(reader.tables(data, "context", "", optional=True))
    )
    routes = _parse_routes(reader, reader.tables(data, "routes", ""))
    route_ids = tuple(route.id for route in routes)
    questions = tuple(
        _parse_question(reader, raw, index, route_ids) for index, raw in enumerate(raw_questions)
    )
    return Criteria(
        version=version,
        scoring=scoring,
        questions=questions,
        ready_steps=tuple(
            _parse_ready_step(reader, entry, f"ready_steps[{index}]")
            for index, entry in enumerate(reader.tables(data, "ready_steps", ""))
        ),
        migrations=tuple(
            _parse_migration(reader, entry, f"migrations[{index}]")
            for index, entry in enumerate(reader.tables(data, "migrations", "", optional=True))
        ),
        context=context,
        routes=routes,
        contradictions=tuple(
            _parse_contradiction(reader, entry, f"contradictions[{index}]")
            for index, entry in enumerate(reader.tables(data, "contradictions", "", optional=True))
        ),
    )


class _Reader(TomlReader):
    """The shared typed reader, with the ids every question and item shares one namespace of."""

    def __init__(self, source: str) -> None:
        super().__init__(source, CriteriaError)
        self.seen: set[str] = set()

    def ident(self, raw: dict[str, Any], where: str) -> str:
        ident = self.text(raw, "id", where)
        if not ID_PATTERN.match(ident):
            raise self.fail(where, f"id {ident!r} must be lowercase words joined by hyphens")
        if ident in self.seen:
            raise self.fail(where, f"duplicate id {ident!r}")
        self.seen.add(ident)
        return ident


def _named(raw: Any, kind: str, fallback: str) -> str:
    """Where an entry is, by its id once it has one ("item 'x'"), else by its place."""
    ident = raw.get("id") if isinstance(raw, dict) else None
    return f"{kind} {ident!r}" if isinstance(ident, str) else fallback


def _parse_context(reader: _Reader, raw: Any, index: int) -> Item:
    where = _named(raw, "context", f"context[{index}]")
    entry = reader.entry(raw, where)
    ident = reader.ident(entry, where)
    statement, explanation, advice, link = _wording(reader, entry, where)
    reader.entry(entry, where, {*CONTEXT_FIELDS, *CONTEXT_OPTIONAL})
    kind = reader.choice(entry, "kind", where, CONTEXT_KINDS)
    number = None
    if kind == "number":
        number = _parse_number(reader, {**entry, "check": "input"}, where, None)
    return Item(
        id=ident,
        kind=kind,
        severity=None,
        weight=1,
        statement=statement,
        explanation=explanation,
        advice=advice,
        link=link,
        number=number,
        options=() if number else _parse_options(reader, entry, where),
        context=True,
    )


def _wording(reader: _Reader, entry: dict[str, Any], where: str) -> tuple[str, str, str, str]:
    """An item's texts, read before its other fields: a misspelt one is reported as missing."""
    statement, explanation, advice, link = (
        reader.text(entry, field, where) for field in WORDING_FIELDS
    )
    return statement, explanation, advice, link


def _parse_options(reader: _Reader, entry: dict[str, Any], where: str) -> tuple[str, ...]:
    if reader.choice(entry, "options_from", where, ("models",), optional=True):
        from checker.facts import load_facts

        names = sorted({model.name for model in load_facts().models})
        return (*names, OTHER)
    options = reader.words(entry, "options", where)
    if not options or {"unsure", "n/a"} & set(options):
        raise reader.fail(where, "a choice needs options (texts other than unsure and n/a)")
    return options


def _parse_routes(reader: _Reader, raw: list[Any]) -> tuple[Route, ...]:
    routes = []
    for index, entry in enumerate(raw):
        where = f"routes[{index}]"
        entry = reader.entry(entry, where)
        routes.append(
            Route(
                id=reader.text(entry, "id", where),
                text=reader.text(entry, "text", where),
                link=reader.text(entry, "link", where),
                blocked=reader.optional_text(entry, "blocked", where) or "",
            )
        )
    ids = [route.id for route in routes]
    if sorted(ids) != sorted(ROUTES):
        missing = sorted(set(ROUTES) - set(ids)) or sorted(set(ids) - set(ROUTES))
        raise reader.fail(
            "",
            f"[[routes]] must list each of {', '.join(ROUTES)} once; "
            f"check {missing[0] if missing else 'the duplicates'!r}",
        )
    return tuple(routes)


_CONDITION = re.compile(r"^(yes|no|unsure|n/a|[a-z0-9]+|> ?([0-9.]+|[a-z][a-z0-9-]*))$")


def _parse_contradiction(reader: _Reader, raw: Any, where: str) -> Contradiction:
    entry = reader.entry(raw, where)
    ident, text = reader.text(entry, "id", where), reader.text(entry, "text", where)
    when = reader.texts(entry, "when", where)
    if len(when) < 2:
        raise reader.fail(where, "'when' must name at least two items")
    for item_id, condition in when.items():
        if item_id not in reader.seen:
            raise reader.fail(where, f"'when' names unknown item {item_id!r}")
        if not _CONDITION.match(condition):
            raise reader.fail(where, f"condition {condition!r} for {item_id!r} is unusable")
    return Contradiction(ident, when, text)


def _parse_ready_step(reader: _Reader, raw: Any, where: str) -> ReadyStep:
    entry = reader.entry(raw, where)
    return ReadyStep(
        text=reader.text(entry, "text", where),
        link=reader.text(entry, "link", where),
        methods=reader.words(entry, "methods", where, METHODS, optional=True),
    )


def _parse_migration(reader: _Reader, raw: Any, where: str) -> Migration:
    entry = reader.entry(raw, where)
    old, added, changed = (
        reader.text(entry, field, where) for field in ("from", "added", "changed")
    )
    removed = reader.texts(entry, "removed", where, optional=True)
    still = sorted(set(removed) & reader.seen)
    if still:
        raise reader.fail(where, f"{still[0]!r} is listed as removed but still exists")
    return Migration(from_version=old, removed=removed, added=added, changed=changed)


def _parse_scoring(reader: _Reader, raw: dict[str, Any]) -> Scoring:
    where = "[scoring]"
    ready_at = reader.whole(raw, "ready_at", where, 0, 100)
    almost_at = reader.whole(raw, "almost_at", where, 0, 100)
    if almost_at > ready_at:
        raise reader.fail(where, "needs almost_at <= ready_at")
    reader.choice(raw, "enough", where, ("required",), optional=True)
    large = reader.real(raw, "large_gain_at_least", where, 0, 100, default=100)
    if large == 0:
        raise reader.fail(where, "large_gain_at_least must be above 0")
    return Scoring(
        ready_at=ready_at,
        almost_at=almost_at,
        unsure_credit=reader.real(raw, "unsure_credit", where, 0, 1),
        question_ready_at=reader.whole(raw, "question_ready_at", where, 0, 100, default=0),
        steps_shown=reader.whole(raw, "steps_shown", where, 1, 50, default=7),
        plan_days=reader.whole(raw, "plan_days", where, 0, 730, default=90),
        low_baseline_below=reader.real(raw, "low_baseline_below", where, 0, 100, default=0),
        large_gain_at_least=large,
    )


def _parse_question(reader: _Reader, raw: Any, index: int, routes: tuple[str, ...]) -> Question:
    where = _named(raw, "question", f"questions[{index}]")
    entry = reader.entry(raw, where)
    ident = reader.ident(entry, where)
    title, page, summary = (
        reader.text(entry, field, where) for field in ("title", "page", "summary")
    )
    items = tuple(
        _parse_item(reader, item, i, where, routes)
        for i, item in enumerate(reader.tables(entry, "items", where))
    )
    if not any(item.required for item in items):
        raise reader.fail(where, "needs at least one required item or blocker")
    return Question(id=ident, title=title, page=page, summary=summary, items=items)


def _parse_item(
    reader: _Reader, raw: Any, index: int, parent: str, routes: tuple[str, ...]
) -> Item:
    where = _named(raw, f"{parent} item", f"{parent} items[{index}]")
    entry = reader.entry(raw, where)
    ident = reader.ident(entry, where)
    statement, explanation, advice, link = _wording(reader, entry, where)
    reader.entry(entry, where, {*ITEM_FIELDS, *OPTIONAL_FIELDS})
    kind = reader.choice(entry, "kind", where, KINDS)
    severity = reader.choice(entry, "severity", where, SEVERITIES, optional=True)
    if severity is None and kind == "warning":
        raise reader.fail(where, f"a warning needs a severity ({' or '.join(SEVERITIES)})")
    essential = reader.flag(entry, "essential", where)
    if essential and severity != "blocker":
        raise reader.fail(where, "essential must be true on a blocker, or left out")
    applies_when = reader.optional_text(entry, "applies_when", where)
    methods = reader.words(entry, "methods", where, METHODS, optional=True)
    if methods and applies_when is None:
        raise reader.fail(where, "an item for some methods needs applies_when (for n/a)")
    number = None
    if kind == "number":
        number = _parse_number(reader, entry, where, severity)
    elif stray := next((field for field in NUMBER_FIELDS if field in entry), None):
        raise reader.fail(where, f"field {stray!r} is only for number items")
    return Item(
        id=ident,
        kind=kind,
        severity=severity,
        weight=reader.whole(entry, "weight", where, 1, 3, default=1),
        statement=statement,
        explanation=explanation,
        advice=advice,
        link=link,
        required=reader.flag(entry, "required", where) or severity == "blocker",
        applies_when=applies_when,
        number=number,
        route=reader.choice(entry, "route", where, routes, optional=True),
        essential=essential,
        methods=methods,
    )


def _parse_number(
    reader: _Reader, raw: dict[str, Any], where: str, severity: Severity | None
) -> NumberRule:
    unit, whole = reader.text(raw, "unit", where), reader.flag(raw, "whole", where)
    low = reader.real(raw, "minimum", where, -MAX_NUMBER, MAX_NUMBER)
    high = reader.real(raw, "maximum", where, -MAX_NUMBER, MAX_NUMBER)
    if not low < high:
        raise reader.fail(where, "a number item needs numbers minimum < maximum")
    check = reader.choice(raw, "check", where, CHECKS)
    if check != "input" and severity is None:
        raise reader.fail(where, f"a number item with check {check!r} needs a severity")
    caution = None
    if raw.get("caution_below") is not None:
        caution = reader.real(raw, "caution_below", where, -MAX_NUMBER, MAX_NUMBER)
    return NumberRule(
        unit=unit,
        whole=whole,
        minimum=low,
        maximum=high,
        check=check,
        caution_below=caution,
    )
