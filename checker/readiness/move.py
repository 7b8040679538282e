"""The one next move a result leads with, and the answers that contradict each other.

Routes are declared in the criteria in the order they win. Answers that contradict each other come
first (the rest of the verdict rests on them), then what blocks the team, then, with no verdict
yet, answering; then what is still open or cautioned; a ready team's move is a small pilot unless
something about where the job runs or what it costs is still open.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checker.readiness.answers import AnswerValue
from checker.readiness.criteria import Criteria

if TYPE_CHECKING:
    from checker.readiness.scoring import Step

BEFORE_PILOT = ("provider", "cost")  # still open under a ready verdict: these come before a pilot
_NAMED = re.compile(r"\{([a-z0-9-]+)\}")


@dataclass(frozen=True)
class Move:
    route: str
    text: str
    why: str
    link: str


@dataclass(frozen=True)
class Contradiction:
    id: str
    items: tuple[str, ...]
    text: str


def _holds(condition: str, value: AnswerValue | None, answers: Mapping[str, AnswerValue]) -> bool:
    if not condition.startswith(">"):
        return value == condition
    target = condition[1:].strip()
    other = answers.get(target) if target[0].isalpha() else float(target)
    return isinstance(value, float) and isinstance(other, float) and value > other


def _shown(value: AnswerValue | None) -> str:
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:g}"
    return str(value)


def contradictions(
    answers: Mapping[str, AnswerValue], criteria: Criteria
) -> tuple[Contradiction, ...]:
    """The declared pairs of answers that cannot both be true, as given."""
    found = []
    for pair in criteria.contradictions:
        if all(_holds(cond, answers.get(item), answers) for item, cond in pair.when.items()):
            text = _NAMED.sub(lambda m: _shown(answers.get(m.group(1))), pair.text)
            found.append(Contradiction(pair.id, tuple(pair.when), text))
    return tuple(found)


def _first(steps: Sequence[Step], kinds: tuple[str, ...], order: list[str]) -> Step | None:
    """The step of the earliest route among those of ``kinds``."""
    candidates = [step for step in steps if step.kind in kinds and step.route in order]
    return min(candidates, key=lambda step: order.index(step.route), default=None)


def next_move(
    verdict: str,
    criteria: Criteria,
    steps: Sequence[Step],
    left: Sequence[str],
    found: Sequence[Contradiction],
    method: str | None,
    open_blockers: Sequence[str] = (),
) -> Move:
    """The one move the result leads with (see the module's docstring for the order)."""
    order = [route.id for route in criteria.routes]

    def move(route_id: str, why: str, blocked: bool = False) -> Move:
        route = criteria.route(route_id)
        return Move(route.id, (blocked and route.blocked) or route.text, why, route.link)

    contradicted = {item for c in found for item in c.items}
    standing = [s for s in steps if s.kind == "blocker" and s.id not in contradicted]
    blocking = _first(standing, ("blocker",), order)
    if blocking is not None:  # a blocker that stands however the contradiction is resolved
        same = [s.why or s.text for s in standing if s.route == blocking.route]
        return move(blocking.route, " ".join(same), blocked=True)
    if found:
        return move("reconcile", " ".join(c.text for c in found))
    if verdict == "incomplete":
        first = next(step for step in steps if step.id == left[0])
        return move("answer", f"{len(left)} required left; first: {first.text}")
    context = {item.id for item in criteria.context}
    if verdict == "ready":
        open_ = [s for s in steps if s.kind in ("unknown", "caution") and s.route in BEFORE_PILOT]
        step = _first(open_, ("unknown", "caution"), order)
        if step is not None:
            return move(step.route, step.why or step.text)
        first_run = next(step for step in steps if step.kind == "ready")
        named = f"For {method}: " if method else ""
        return move("pilot", f"{named}{first_run.text}")
    # Short of ready: what is open on a blocker, then cautions and other unknowns, then the rest;
    # within each, the team's own answers before what it has not said about its context.
    said = [step for step in steps if step.id not in context]
    tiers = (
        [s for s in said if s.id in open_blockers],
        [s for s in said if s.kind in ("caution", "unknown")],
        [s for s in said if s.kind == "improve"],
        [s for s in steps if s.kind in ("unknown", "caution")],
    )
    for tier in tiers:
        step = _first(tier, ("unknown", "caution", "improve"), order)
        if step is not None:
            return move(step.route, step.why or step.text)
    raise AssertionError("a result short of ready has a step that says why")
