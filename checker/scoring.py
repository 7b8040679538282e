"""Score a reader's answers against the readiness criteria."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

from checker.answers import Answer, check_answers
from checker.criteria import Criteria, Item, Question, load_criteria

Verdict = Literal["ready", "almost", "not-ready"]
VERDICT_LABELS: dict[str, str] = {
    "ready": "Ready",
    "almost": "Almost ready",
    "not-ready": "Not ready yet",
}


@dataclass(frozen=True)
class Flag:
    """An item whose answer needs action: a blocker, a caution, or an open question."""

    id: str
    question: str
    statement: str
    answer: Answer
    advice: str
    link: str


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    link: str
    score: int
    answered: int
    total: int


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    link: str


@dataclass(frozen=True)
class Assessment:
    verdict: Verdict
    score: int
    sections: tuple[Section, ...]
    blockers: tuple[Flag, ...]
    cautions: tuple[Flag, ...]
    open_blockers: tuple[Flag, ...]
    next_steps: tuple[Step, ...]
    criteria_version: str
    answers: dict[str, Answer]

    def to_dict(self) -> dict[str, Any]:
        """Plain dicts and lists, ready for ``json.dumps`` or a JavaScript object."""
        plain: dict[str, Any] = json.loads(json.dumps(asdict(self)))
        plain["verdict_label"] = VERDICT_LABELS[self.verdict]
        return plain


def assess(answers: Mapping[str, object], criteria: Criteria | None = None) -> Assessment:
    """Score ``{item_id: "yes"|"no"|"unsure"}``; missing items count as unsure.

    Raises InputError for an unknown item id or an answer that is not yes, no or unsure.
    """
    criteria = criteria or load_criteria()
    checked = check_answers(answers, criteria)
    sections = tuple(_section(question, checked, criteria) for question in criteria.questions)
    score = round(sum(section.score for section in sections) / len(sections))
    blockers = _flags(criteria, checked, "blocker", bad=True)
    cautions = _flags(criteria, checked, "caution", bad=True)
    open_blockers = _flags(criteria, checked, "blocker", bad=False)
    return Assessment(
        verdict=_verdict(score, blockers, open_blockers, criteria),
        score=score,
        sections=sections,
        blockers=blockers,
        cautions=cautions,
        open_blockers=open_blockers,
        next_steps=_next_steps(criteria, checked),
        criteria_version=criteria.version,
        answers=dict(sorted(checked.items())),
    )


def _credit(item: Item, answer: Answer, criteria: Criteria) -> float:
    if item.is_good(answer):
        return 1.0
    if answer == "unsure":
        return criteria.scoring.unsure_credit
    return 0.0


def _section(question: Question, answers: Mapping[str, Answer], criteria: Criteria) -> Section:
    earned = sum(item.weight * _credit(item, answers[item.id], criteria) for item in question.items)
    possible = sum(item.weight for item in question.items)
    return Section(
        id=question.id,
        title=question.title,
        link=question.page,
        score=round(100 * earned / possible),
        answered=sum(answers[item.id] != "unsure" for item in question.items),
        total=len(question.items),
    )


def _flag(question: Question, item: Item, answer: Answer) -> Flag:
    return Flag(item.id, question.id, item.statement, answer, item.advice, item.link)


def _flags(
    criteria: Criteria, answers: Mapping[str, Answer], severity: str, *, bad: bool
) -> tuple[Flag, ...]:
    """Items of ``severity`` answered the bad way (bad=True) or left unsure (bad=False)."""
    return tuple(
        _flag(question, item, answers[item.id])
        for question in criteria.questions
        for item in question.items
        if item.severity == severity
        and (item.is_bad(answers[item.id]) if bad else answers[item.id] == "unsure")
    )


def _verdict(
    score: int, blockers: tuple[Flag, ...], open_blockers: tuple[Flag, ...], criteria: Criteria
) -> Verdict:
    if blockers or score < criteria.scoring.almost_at:
        return "not-ready"
    if open_blockers or score < criteria.scoring.ready_at:
        return "almost"
    return "ready"


# Order of next steps: what blocks you, what you must find out, what to fix, what would help.
# Each entry: (severity, True for items answered the bad way / False for items left unsure).
_STEP_ORDER: tuple[tuple[str | None, bool], ...] = (
    ("blocker", True),
    ("blocker", False),
    ("caution", True),
    (None, True),
    ("caution", False),
    (None, False),
)


def _next_steps(criteria: Criteria, answers: Mapping[str, Answer]) -> tuple[Step, ...]:
    steps: list[Step] = []
    for severity, bad in _STEP_ORDER:
        for item in criteria.items():
            answer = answers[item.id]
            if item.severity != severity:
                continue
            if bad and item.is_bad(answer):
                steps.append(Step(item.id, item.advice, item.link))
            elif not bad and answer == "unsure":
                steps.append(
                    Step(item.id, f"Find out whether this is true: {item.statement}", item.link)
                )
    return tuple(steps)


def describe_scoring(criteria: Criteria | None = None) -> str:
    """The scoring rule in plain words (Markdown), shown on the site and by ``criteria``."""
    criteria = criteria or load_criteria()
    rule = criteria.scoring
    unsure = round(rule.unsure_credit * 100)
    return f"""\
Each statement is answered **yes**, **no** or **unsure**; a statement left unanswered counts as
unsure. Some statements are signs that you are ready (the good answer is yes); others are warning
signs (the good answer is no).

1. **Points.** Each statement has a weight from 1 to 3. The good answer earns its full weight,
   unsure earns {unsure}% of it, and the other answer earns nothing.
2. **Question scores.** Each of the {len(criteria.questions)} questions gets a score from 0 to 100:
   the points earned as a share of the points possible.
3. **Overall score.** The average of the question scores, so every question counts the same,
   rounded to a whole number.
4. **Blockers.** Some statements are marked as blockers. Answering one of them the wrong way means
   you are **not ready**, whatever the score. A blocker answered unsure keeps you at **almost** at
   best until you find out.
5. **Cautions** are listed with advice but do not change the verdict.
6. **Verdict.** **Ready**: no blockers, no blocker left unsure, and a score of {rule.ready_at} or
   more. **Almost**: no blockers and a score of {rule.almost_at} or more. **Not ready**: anything
   else.
7. **Next steps** come in this order: the blockers, then the blockers you are unsure of, then the
   cautions, then the other signs you answered the wrong way, then the remaining unsure ones.

The criteria are versioned (this is version `{criteria.version}`), so saved answers can tell when
the questions changed.
"""
