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
ITEM_FIELDS = ("id", "kind", "statement", "explanation", "advice", "link")
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
CONTEXT_FIELDS = ("id", "kind", "statement", "explanation", "advice", "link", "options")
CONTEXT_OPTIONAL = ("options_from", *NUMBER_FIELDS)
QUESTION_FIELDS = ("id", "title", "page", "summary")
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
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CriteriaError(f"{source}: invalid TOML: {error}") from None
    except RecursionError:
        raise CriteriaError(f"{source}: invalid TOML: nested too deeply") from None
    except ValueError as error:  # e.g. an integer over CPython's digit limit
        raise CriteriaError(f"{source}: invalid TOML: {str(error)[:120]}") from None
    version = data.get("version")
    if not isinstance(version, str) or not version.strip():
        raise CriteriaError(f"{source}: 'version' must be a non-empty string")
    scoring = _parse_scoring(data.get("scoring"), source)
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise CriteriaError(f"{source}: needs at least one [[questions]] table")
    seen: set[str] = set()
    context = _parse_context(data.get("context"), source, seen)
    routes = _parse_routes(data.get("routes"), source)
    route_ids = {route.id for route in routes}
    questions = tuple(
        _parse_question(raw, index, source, seen, route_ids)
        for index, raw in enumerate(raw_questions)
    )
    return Criteria(
        version=version,
        scoring=scoring,
        questions=questions,
        ready_steps=_parse_ready_steps(data.get("ready_steps"), source),
        migrations=_parse_migrations(data.get("migrations"), source, seen),
        context=context,
        routes=routes,
        contradictions=_parse_contradictions(data.get("contradictions"), source, seen),
    )


def _parse_methods(raw: dict[str, Any], where: str) -> tuple[str, ...]:
    methods = raw.get("methods", [])
    if not isinstance(methods, list) or not all(m in METHODS for m in methods):
        raise CriteriaError(f"{where}: methods must be a list of {', '.join(METHODS)}")
    return tuple(methods)


def _parse_context(raw: Any, source: str, seen: set[str]) -> tuple[Item, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise CriteriaError(f"{source}: 'context' must be [[context]] tables")
    items = []
    for index, entry in enumerate(raw):
        where = f"{source}: context[{index}]"
        if not isinstance(entry, dict):
            raise CriteriaError(f"{where}: must be a table")
        if isinstance(entry.get("id"), str):
            where = f"{source}: context {entry['id']!r}"
        _require_text(entry, ("id", "statement", "explanation", "advice", "link"), where)
        ident = _check_id(entry, where, seen)
        unknown = sorted(set(entry) - {*CONTEXT_FIELDS, *CONTEXT_OPTIONAL})
        if unknown:
            raise CriteriaError(f"{where}: unknown field {unknown[0]!r}")
        kind = entry.get("kind")
        if kind not in CONTEXT_KINDS:
            raise CriteriaError(f"{where}: kind {kind!r} is not one of {', '.join(CONTEXT_KINDS)}")
        number = None
        options: tuple[str, ...] = ()
        if kind == "number":
            number = _parse_number({**entry, "check": "input"}, where)
        else:
            options = _parse_options(entry, where)
        items.append(
            Item(
                id=ident,
                kind=kind,
                severity=None,
                weight=1,
                statement=entry["statement"],
                explanation=entry["explanation"],
                advice=entry["advice"],
                link=entry["link"],
                number=number,
                options=options,
                context=True,
            )
        )
    return tuple(items)


def _parse_options(entry: dict[str, Any], where: str) -> tuple[str, ...]:
    if entry.get("options_from") == "models":
        from checker.facts import load_facts

        names = sorted({model.name for model in load_facts().models})
        return (*names, OTHER)
    if "options_from" in entry:
        raise CriteriaError(f'{where}: options_from must be "models"')
    options = entry.get("options")
    if (
        not isinstance(options, list)
        or not options
        or not all(isinstance(o, str) and o.strip() and o not in ("unsure", "n/a") for o in options)
    ):
        raise CriteriaError(f"{where}: a choice needs options (texts other than unsure and n/a)")
    return tuple(options)


def _parse_routes(raw: Any, source: str) -> tuple[Route, ...]:
    if not isinstance(raw, list) or not raw:
        raise CriteriaError(f"{source}: needs at least one [[routes]] entry")
    routes = []
    for index, entry in enumerate(raw):
        where = f"{source}: routes[{index}]"
        if not isinstance(entry, dict):
            raise CriteriaError(f"{where}: must be a table")
        _require_text(entry, ("id", "text", "link"), where)
        blocked = entry.get("blocked", "")
        if not isinstance(blocked, str):
            raise CriteriaError(f"{where}: blocked must be a text")
        routes.append(Route(entry["id"], entry["text"], entry["link"], blocked))
    ids = [route.id for route in routes]
    if sorted(ids) != sorted(ROUTES):
        missing = sorted(set(ROUTES) - set(ids)) or sorted(set(ids) - set(ROUTES))
        raise CriteriaError(
            f"{source}: [[routes]] must list each of {', '.join(ROUTES)} once; "
            f"check {missing[0] if missing else 'the duplicates'!r}"
        )
    return tuple(routes)


_CONDITION = re.compile(r"^(yes|no|unsure|n/a|[a-z0-9]+|> ?([0-9.]+|[a-z][a-z0-9-]*))$")


def _parse_contradictions(raw: Any, source: str, known: set[str]) -> tuple[Contradiction, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise CriteriaError(f"{source}: 'contradictions' must be [[contradictions]] tables")
    found = []
    for index, entry in enumerate(raw):
        where = f"{source}: contradictions[{index}]"
        if not isinstance(entry, dict):
            raise CriteriaError(f"{where}: must be a table")
        _require_text(entry, ("id", "text"), where)
        when = entry.get("when")
        if not isinstance(when, dict) or len(when) < 2:
            raise CriteriaError(f"{where}: 'when' must name at least two items")
        for item_id, condition in when.items():
            if item_id not in known:
                raise CriteriaError(f"{where}: 'when' names unknown item {item_id!r}")
            if not isinstance(condition, str) or not _CONDITION.match(condition):
                raise CriteriaError(f"{where}: condition {condition!r} for {item_id!r} is unusable")
        found.append(Contradiction(entry["id"], dict(when), entry["text"]))
    return tuple(found)


def _parse_ready_steps(raw: Any, source: str) -> tuple[ReadyStep, ...]:
    if not isinstance(raw, list) or not raw:
        raise CriteriaError(f"{source}: needs at least one [[ready_steps]] entry")
    steps = []
    for index, entry in enumerate(raw):
        where = f"{source}: ready_steps[{index}]"
        if not isinstance(entry, dict):
            raise CriteriaError(f"{where}: must be a table")
        _require_text(entry, ("text", "link"), where)
        methods = _parse_methods(entry, where)
        steps.append(ReadyStep(text=entry["text"], link=entry["link"], methods=methods))
    return tuple(steps)


def _parse_migrations(raw: Any, source: str, known: set[str]) -> tuple[Migration, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise CriteriaError(f"{source}: 'migrations' must be [[migrations]] tables")
    migrations = []
    for index, entry in enumerate(raw):
        where = f"{source}: migrations[{index}]"
        if not isinstance(entry, dict):
            raise CriteriaError(f"{where}: must be a table")
        _require_text(entry, ("from", "added", "changed"), where)
        removed = entry.get("removed", {})
        if not isinstance(removed, dict) or not all(
            isinstance(text, str) and text.strip() for text in removed.values()
        ):
            raise CriteriaError(f"{where}: 'removed' must map item ids to explanations")
        still = sorted(set(removed) & known)
        if still:
            raise CriteriaError(f"{where}: {still[0]!r} is listed as removed but still exists")
        migrations.append(
            Migration(
                from_version=entry["from"],
                removed=dict(removed),
                added=entry["added"],
                changed=entry["changed"],
            )
        )
    return tuple(migrations)


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
    floor = raw.get("question_ready_at", 0)
    if not isinstance(floor, int) or isinstance(floor, bool) or not 0 <= floor <= 100:
        raise CriteriaError(f"{source}: [scoring] question_ready_at must be a whole number 0-100")
    shown = raw.get("steps_shown", 7)
    if not isinstance(shown, int) or isinstance(shown, bool) or not 1 <= shown <= 50:
        raise CriteriaError(f"{source}: [scoring] steps_shown must be a whole number 1-50")
    if raw.get("enough", "required") != "required":
        raise CriteriaError(f'{source}: [scoring] enough must be "required"')
    plan_days = raw.get("plan_days", 90)
    if not isinstance(plan_days, int) or isinstance(plan_days, bool) or not 0 <= plan_days <= 730:
        raise CriteriaError(f"{source}: [scoring] plan_days must be a whole number 0-730")
    low, large = raw.get("low_baseline_below", 0), raw.get("large_gain_at_least", 100)
    if not (_real(low) and _real(large) and 0 <= low <= 100 and 0 < large <= 100):
        raise CriteriaError(
            f"{source}: [scoring] low_baseline_below and large_gain_at_least must be 0-100"
        )
    return Scoring(
        ready_at=ready_at,
        almost_at=almost_at,
        unsure_credit=float(credit),
        question_ready_at=floor,
        steps_shown=shown,
        plan_days=plan_days,
        low_baseline_below=float(low),
        large_gain_at_least=float(large),
    )


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


def _parse_question(
    raw: Any, index: int, source: str, seen: set[str], routes: set[str]
) -> Question:
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
    items = tuple(_parse_item(item, i, where, seen, routes) for i, item in enumerate(raw_items))
    if not any(item.required for item in items):
        raise CriteriaError(f"{where}: needs at least one required item or blocker")
    return Question(
        id=ident, title=raw["title"], page=raw["page"], summary=raw["summary"], items=items
    )


def _parse_item(raw: Any, index: int, parent: str, seen: set[str], routes: set[str]) -> Item:
    where = f"{parent} items[{index}]"
    if not isinstance(raw, dict):
        raise CriteriaError(f"{where}: must be a table")
    if isinstance(raw.get("id"), str):
        where = f"{parent} item {raw['id']!r}"
    _require_text(raw, ITEM_FIELDS, where)
    ident = _check_id(raw, where, seen)
    unknown = sorted(set(raw) - {*ITEM_FIELDS, *OPTIONAL_FIELDS})
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
    required = raw.get("required", False)
    if not isinstance(required, bool):
        raise CriteriaError(f"{where}: required must be true or false")
    applies_when = raw.get("applies_when")
    if applies_when is not None and (not isinstance(applies_when, str) or not applies_when.strip()):
        raise CriteriaError(f"{where}: applies_when must be a non-empty text")
    route = raw.get("route")
    if route is not None and route not in routes:
        raise CriteriaError(f"{where}: route {route!r} is not one of the [[routes]]")
    essential = raw.get("essential", False)
    if essential is not False and (essential is not True or severity != "blocker"):
        raise CriteriaError(f"{where}: essential must be true on a blocker, or left out")
    methods = _parse_methods(raw, where)
    if methods and applies_when is None:
        raise CriteriaError(f"{where}: an item for some methods needs applies_when (for n/a)")
    number = _parse_number(raw, where) if kind == "number" else None
    if number is None and any(field in raw for field in NUMBER_FIELDS):
        field = next(field for field in NUMBER_FIELDS if field in raw)
        raise CriteriaError(f"{where}: field {field!r} is only for number items")
    return Item(
        id=ident,
        kind=kind,
        severity=severity,
        weight=weight,
        statement=raw["statement"],
        explanation=raw["explanation"],
        advice=raw["advice"],
        link=raw["link"],
        required=required or severity == "blocker",
        applies_when=applies_when,
        number=number,
        route=route,
        essential=essential,
        methods=methods,
    )


def _real(value: Any) -> bool:
    return (
        isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < MAX_NUMBER
    )


def _parse_number(raw: dict[str, Any], where: str) -> NumberRule:
    unit, whole, check = raw.get("unit"), raw.get("whole", False), raw.get("check")
    low: Any = raw.get("minimum")
    high: Any = raw.get("maximum")
    caution: Any = raw.get("caution_below")
    if not isinstance(unit, str) or not unit.strip():
        raise CriteriaError(f"{where}: a number item needs a unit")
    if not isinstance(whole, bool):
        raise CriteriaError(f"{where}: whole must be true or false")
    if not (_real(low) and _real(high) and low < high):
        raise CriteriaError(f"{where}: a number item needs numbers minimum < maximum")
    if check not in CHECKS:
        raise CriteriaError(f"{where}: check {check!r} is not one of {', '.join(CHECKS)}")
    if caution is not None and not _real(caution):
        raise CriteriaError(f"{where}: caution_below must be a number")
    if check != "input" and raw.get("severity") is None:
        raise CriteriaError(f"{where}: a number item with check {check!r} needs a severity")
    return NumberRule(
        unit=unit,
        whole=whole,
        minimum=float(low),
        maximum=float(high),
        check=check,
        caution_below=None if caution is None else float(caution),
    )
