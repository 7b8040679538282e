"""Score a reader's answers against the readiness criteria.

The rule, in the words shown to readers, is ``describe_scoring``; the code below is that rule.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

from checker.readiness.answers import BASELINE_ID, GAIN_ID, AnswerValue, check_answers
from checker.readiness.criteria import Criteria, Item, Question, load_criteria

Verdict = Literal["incomplete", "ready", "almost", "not-ready"]
StepKind = Literal["ready", "blocker", "unknown", "caution", "improve"]
VERDICT_LABELS: dict[str, str] = {
    "incomplete": "Not assessed yet",
    "ready": "Ready",
    "almost": "Almost ready",
    "not-ready": "Not ready yet",
}


@dataclass(frozen=True)
class Flag:
    """An item whose answer needs action: a blocker, a caution, or something to find out.
    ``detail`` says what is wrong in this case (for number items), ``advice`` what to do."""

    id: str
    question: str
    statement: str
    answer: AnswerValue | None
    advice: str
    link: str
    detail: str = ""


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    link: str
    score: int | None
    answered: int
    total: int
    left: int
    complete: bool


STEP_LABELS: dict[str, str] = {
    "ready": "Next",
    "blocker": "Blocker",
    "unknown": "Open",
    "caution": "Caution",
    "improve": "Improve",
}


@dataclass(frozen=True)
class Step:
    id: str
    kind: StepKind
    text: str
    link: str

    @property
    def label(self) -> str:
        return STEP_LABELS[self.kind]


@dataclass(frozen=True)
class Assessment:
    verdict: Verdict
    verdict_label: str
    summary: str
    score: int | None
    sections: tuple[Section, ...]
    left: tuple[str, ...]
    blockers: tuple[Flag, ...]
    open_blockers: tuple[Flag, ...]
    cautions: tuple[Flag, ...]
    next_steps: tuple[Step, ...]
    steps_shown: int
    criteria_version: str
    answers: dict[str, AnswerValue]

    def to_dict(self) -> dict[str, Any]:
        """Plain dicts and lists, ready for ``json.dumps`` or a JavaScript object."""
        plain: dict[str, Any] = json.loads(json.dumps(asdict(self)))
        plain["answers"] = {key: _plain_answer(value) for key, value in self.answers.items()}
        for step in plain["next_steps"]:
            step["label"] = STEP_LABELS[step["kind"]]
        return plain


def _plain_answer(value: AnswerValue) -> AnswerValue | int:
    return int(value) if isinstance(value, float) and value.is_integer() else value


@dataclass(frozen=True)
class Judgement:
    """What one answer means: good, bad (at ``severity``), unsure, n/a or unanswered."""

    state: Literal["good", "bad", "unsure", "n/a", "unanswered"]
    severity: str | None = None
    detail: str = ""


def assess(answers: Mapping[str, object], criteria: Criteria | None = None) -> Assessment:
    """Score ``{item_id: answer}`` (see ``readiness.answers``); missing items are unanswered.

    Raises InputError for an unknown item id or an unusable answer.
    """
    criteria = criteria or load_criteria()
    return assess_checked(check_answers(answers, criteria), criteria)


def assess_checked(answers: Mapping[str, AnswerValue], criteria: Criteria) -> Assessment:
    """Score answers already checked by ``checker.readiness.answers``."""
    judged = {item.id: judge(item, answers, criteria) for item in criteria.items()}
    sections = tuple(_section(question, judged, criteria) for question in criteria.questions)
    left = tuple(
        item.id
        for item in criteria.items()
        if item.required and judged[item.id].state == "unanswered"
    )
    blockers = _flags(
        criteria, judged, answers, lambda j: j.state == "bad" and j.severity == "blocker"
    )
    open_blockers = _flags(
        criteria, judged, answers, lambda j: j.state == "unsure" and j.severity == "blocker"
    )
    cautions = _flags(
        criteria, judged, answers, lambda j: j.state == "bad" and j.severity == "caution"
    )
    score = None if left else round(sum(s.score or 0 for s in sections) / len(sections))
    low_numbers = any(
        item.kind == "number" and judged[item.id].state == "bad" for item in criteria.items()
    )
    verdict = _verdict(score, sections, blockers, open_blockers, criteria, low_numbers)
    return Assessment(
        verdict=verdict,
        verdict_label=VERDICT_LABELS[verdict],
        summary=_summary(verdict, left, blockers, open_blockers),
        score=score,
        sections=sections,
        left=left,
        blockers=blockers,
        open_blockers=open_blockers,
        cautions=cautions,
        next_steps=_next_steps(verdict, criteria, judged, answers),
        steps_shown=criteria.scoring.steps_shown,
        criteria_version=criteria.version,
        answers={item.id: answers[item.id] for item in criteria.items() if item.id in answers},
    )


def judge(item: Item, answers: Mapping[str, AnswerValue], criteria: Criteria) -> Judgement:
    answer = answers.get(item.id)
    if answer is None:
        return Judgement("unanswered", item.severity)
    if answer == "n/a":
        return Judgement("n/a")
    if answer == "unsure":
        return Judgement("unsure", item.severity)
    if isinstance(answer, float):
        return _judge_number(item, answer, answers)
    if item.is_good(answer):
        return Judgement("good")
    return Judgement("bad", item.severity or None)


def _judge_number(item: Item, value: float, answers: Mapping[str, AnswerValue]) -> Judgement:
    rule = item.number
    assert rule is not None
    if rule.check == "provider-minimum":
        from checker.facts import DEFAULT_PROVIDER, load_facts

        provider = load_facts().provider(DEFAULT_PROVIDER)
        least = provider.min_training_examples
        if value < least:
            return Judgement(
                "bad",
                item.severity,
                f"{value:,.0f} {rule.unit} is under {provider.short_name}'s minimum of {least} "
                "for a training file: the job would not start.",
            )
        if rule.caution_below is not None and value < rule.caution_below:
            return Judgement(
                "bad",
                "caution",
                f"{value:,.0f} {rule.unit} is too few to expect a reliable change in behaviour; "
                f"plan for at least {rule.caution_below:,.0f}.",
            )
        return Judgement("good")
    if rule.check == "holdout-power":
        return _judge_holdout(item, value, answers)
    return Judgement("good")


def _judge_holdout(item: Item, size: float, answers: Mapping[str, AnswerValue]) -> Judgement:
    if size == 0:
        return Judgement(
            "bad",
            item.severity,
            "With no holdout examples there is nothing to measure the tuned model on.",
        )
    baseline, gain = answers.get(BASELINE_ID), answers.get(GAIN_ID)
    if not isinstance(baseline, float) or not isinstance(gain, float):
        return Judgement(
            "unsure",
            item.severity,
            f"Whether {size:,.0f} holdout examples are enough depends on the baseline pass rate "
            "and the smallest gain that matters: find out both.",
        )
    from checker.compare.power import holdout_power

    detectable, needed = holdout_power(size, baseline, gain)
    if detectable <= gain:
        return Judgement("good")
    return Judgement(
        "bad",
        item.severity,
        f"A holdout of {size:,.0f} examples can reliably show a gain of about "
        f"{detectable:.0f} points at a {baseline:g}% baseline, not the {gain:g} points that "
        f"matter to you; about {needed:,} examples would (80% power, 5% significance, "
        "paired pass/fail comparison).",
    )


_CREDIT = {"good": 1.0, "bad": 0.0}


def _section(question: Question, judged: Mapping[str, Judgement], criteria: Criteria) -> Section:
    states = [judged[item.id].state for item in question.items]
    answered = sum(state != "unanswered" for state in states)
    left = sum(item.required and judged[item.id].state == "unanswered" for item in question.items)
    earned = possible = 0.0
    for item in question.items:
        state = judged[item.id].state
        if state == "n/a":
            continue
        possible += item.weight
        earned += item.weight * _CREDIT.get(state, criteria.scoring.unsure_credit)
    score = round(100 * earned / possible) if possible else 100
    return Section(
        id=question.id,
        title=question.title,
        link=question.page,
        score=score if answered else None,
        answered=answered,
        total=len(question.items),
        left=left,
        complete=not left,
    )


def _flags(
    criteria: Criteria,
    judged: Mapping[str, Judgement],
    answers: Mapping[str, AnswerValue],
    wanted: Callable[[Judgement], bool],
) -> tuple[Flag, ...]:
    return tuple(
        Flag(
            item.id,
            question.id,
            item.statement,
            answers.get(item.id),
            item.advice,
            item.link,
            judged[item.id].detail,
        )
        for question in criteria.questions
        for item in question.items
        if wanted(judged[item.id])
    )


def _verdict(
    score: int | None,
    sections: tuple[Section, ...],
    blockers: tuple[Flag, ...],
    open_blockers: tuple[Flag, ...],
    criteria: Criteria,
    low_numbers: bool = False,
) -> Verdict:
    rule = criteria.scoring
    if score is None:
        return "incomplete"
    if blockers or open_blockers or score < rule.almost_at:
        return "not-ready"
    if (
        low_numbers
        or score < rule.ready_at
        or any((s.score or 0) < rule.question_ready_at for s in sections)
    ):
        return "almost"
    return "ready"


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _summary(
    verdict: Verdict, left: tuple[str, ...], blockers: tuple[Flag, ...], open_: tuple[Flag, ...]
) -> str:
    if verdict == "incomplete":
        found = f"; {_count(len(blockers), 'blocker')} found so far" if blockers else ""
        return f"Not assessed yet: {_count(len(left), 'statement')} left to answer{found}"
    if verdict == "not-ready":
        parts = [_count(len(blockers), "blocker")] if blockers else []
        if open_:
            parts.append(f"{_count(len(open_), 'blocker')} to find out")
        return "Not ready yet" + (f": {', '.join(parts)}" if parts else ": the score is too low")
    return VERDICT_LABELS[verdict]


def _step_text(item: Item, judgement: Judgement) -> str:
    return f"{judgement.detail} {item.advice}" if judgement.detail else item.advice


def _next_steps(
    verdict: Verdict,
    criteria: Criteria,
    judged: Mapping[str, Judgement],
    answers: Mapping[str, AnswerValue],
) -> tuple[Step, ...]:
    """Blockers, then what to find out or answer, then cautions; each item once."""
    items = criteria.items()
    steps: list[Step] = []
    if verdict == "ready":
        steps += [
            Step(f"ready-{number}", "ready", step.text, step.link)
            for number, step in enumerate(criteria.ready_steps, 1)
        ]
    for item in items:
        judgement = judged[item.id]
        if judgement.state == "bad" and judgement.severity == "blocker":
            steps.append(Step(item.id, "blocker", _step_text(item, judgement), item.link))
    unknown_order: tuple[Callable[[Judgement, Item], bool], ...] = (
        lambda j, it: j.state == "unsure" and j.severity == "blocker",
        lambda j, it: j.state == "unanswered" and it.required,
        lambda j, it: j.state == "unsure" and j.severity == "caution",
    )
    for wanted in unknown_order:
        for item in items:
            judgement = judged[item.id]
            if not wanted(judgement, item):
                continue
            if judgement.detail:
                text = judgement.detail
            elif judgement.state == "unanswered":
                text = f"Answer: {item.statement}"
            else:
                text = f"Find out: {item.statement}"
            steps.append(Step(item.id, "unknown", text, item.link))
    for item in items:
        judgement = judged[item.id]
        if judgement.state == "bad" and judgement.severity == "caution":
            steps.append(Step(item.id, "caution", _step_text(item, judgement), item.link))
    if verdict not in ("ready", "incomplete"):
        for item in items:
            judgement = judged[item.id]
            if judgement.state == "bad" and judgement.severity is None:
                steps.append(Step(item.id, "improve", item.advice, item.link))
    return tuple(steps)


def _floor(criteria: Criteria) -> str:
    floors = [
        f"{item.number.caution_below:,.0f} {item.number.unit}"
        for item in criteria.items()
        if item.number is not None and item.number.caution_below is not None
    ]
    return floors[0] if floors else "the criteria's floor"


def describe_scoring(criteria: Criteria | None = None) -> str:
    """The scoring rule in plain words (Markdown), shown on the site and by ``criteria``."""
    criteria = criteria or load_criteria()
    rule = criteria.scoring
    unsure = round(rule.unsure_credit * 100)
    required = sum(item.required for item in criteria.items())
    return f"""\
Each statement is answered **yes**, **no** or **unsure**; a few are answered with a **number**, and
statements that only apply in some projects can be answered **n/a**. A statement you have not
answered is *unanswered*, which is not the same as unsure: unsure means you checked and do not
know.

1. **Enough answers first.** {required} statements are marked *required* (every blocker and a few
   others). Until all of them are answered, there is no verdict and no overall score: the result
   is **Not assessed yet**, with the number of statements left and the progress of each question.
2. **Points.** Each statement has a weight from 1 to 3. The good answer earns its full weight,
   unsure (or an unanswered optional statement) earns {unsure}% of it, the other answer earns
   nothing, and n/a is left out of the sum: it neither earns nor loses.
3. **Numbers are judged by the checker.** Training examples under the provider's minimum are a
   blocker, and fewer than {_floor(criteria)} a caution that keeps you at **almost** at best. The
   holdout must be large enough to detect the smallest gain that matters to you at your
   baseline's pass rate (80% power, 5% significance, paired pass/fail comparison); if it is not,
   that is a blocker, and the checker says what size would be.
4. **Question scores.** Each of the {len(criteria.questions)} questions gets a score from 0 to 100:
   the points earned as a share of the points possible. **Overall score**: their average.
5. **Blockers.** A blocker answered the wrong way means **not ready**, whatever the score. A
   blocker answered unsure also means **not ready yet**: find out, then answer again.
6. **Every question counts.** **Ready** needs no blocker, nothing unsure on a blocker, an overall
   score of {rule.ready_at} or more, *and* at least {rule.question_ready_at} on every question, so a
   strong average cannot hide a missing measurement plan. **Almost**: no blocker and an overall
   score of {rule.almost_at} or more. **Not ready**: anything else.
7. **Cautions** are listed with advice but do not change the verdict.
8. **Next steps** are one list, each statement once: what blocks you, then what to find out or
   answer, then cautions (and, while not ready, other statements answered the wrong way). A ready
   result gets the steps for a first training run. The first {rule.steps_shown} are shown, the rest
   behind "more".

The criteria are versioned (this is version `{criteria.version}`), so saved answers can tell when
the questions changed; answers saved for an older version are carried over where they still match.
"""
