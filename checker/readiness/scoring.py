"""Score a reader's answers against the readiness criteria.

The rule, in the words shown to readers, is ``describe_scoring``; the code below is that rule.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

from checker.facts import Facts, load_facts
from checker.readiness.answers import BASELINE_ID, GAIN_ID, AnswerValue, check_answers
from checker.readiness.context import (
    COST_MOTIVE,
    DISAGREEMENT,
    Judgement,
    Situation,
    context_judgements,
    cost_judgement,
)
from checker.readiness.criteria import Criteria, Item, Question, load_criteria
from checker.readiness.move import Contradiction, Move, contradictions, next_move

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
    route: str = ""


Band = Literal["low", "middle", "high"]


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
    band: Band | None = None
    """Below the question floor ("low"), at the overall ready mark or more ("high"), between."""


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
    route: str = ""
    why: str = ""
    """What is wrong in this case, when the checker can say (``text`` adds what to do)."""

    @property
    def label(self) -> str:
        return STEP_LABELS[self.kind]


@dataclass(frozen=True)
class Assessment:
    next_move: Move
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
    contradictions: tuple[Contradiction, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain dicts and lists, ready for ``json.dumps`` or a JavaScript object."""
        plain: dict[str, Any] = json.loads(json.dumps(asdict(self)))
        plain["answers"] = {key: _plain_answer(value) for key, value in self.answers.items()}
        for step in plain["next_steps"]:
            step["label"] = STEP_LABELS[step["kind"]]
        return plain


def _plain_answer(value: AnswerValue) -> AnswerValue | int:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def assess(
    answers: Mapping[str, object],
    criteria: Criteria | None = None,
    *,
    today: dt.date | None = None,
    facts: Facts | None = None,
) -> Assessment:
    """Score ``{item_id: answer}`` (see ``readiness.answers``); missing items are unanswered.
    ``today`` (default: the real date) and ``facts`` are what the provider gate reads.

    Raises InputError for an unknown item id or an unusable answer.
    """
    criteria = criteria or load_criteria()
    return assess_checked(check_answers(answers, criteria), criteria, today=today, facts=facts)


def assess_checked(
    answers: Mapping[str, AnswerValue],
    criteria: Criteria,
    *,
    today: dt.date | None = None,
    facts: Facts | None = None,
) -> Assessment:
    """Score answers already checked by ``checker.readiness.answers``."""
    situation = Situation(answers, criteria, facts or load_facts(), today or dt.date.today())
    judged = judge_all(situation)
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
        item.kind == "number" and judged[item.id].state == "bad" for item in criteria.scored_items()
    )
    found = contradictions(answers, criteria)
    verdict = _verdict(
        score, sections, blockers, open_blockers, criteria, low_numbers or bool(found)
    )
    steps = _next_steps(verdict, situation, judged)
    return Assessment(
        next_move=next_move(
            verdict,
            criteria,
            steps,
            left,
            found,
            situation.method(),
            [flag.id for flag in open_blockers],
        ),
        verdict=verdict,
        verdict_label=VERDICT_LABELS[verdict],
        summary=_summary(verdict, left, blockers, open_blockers),
        score=score,
        sections=sections,
        left=left,
        blockers=blockers,
        open_blockers=open_blockers,
        cautions=cautions,
        next_steps=steps,
        steps_shown=criteria.scoring.steps_shown,
        criteria_version=criteria.version,
        answers={item.id: answers[item.id] for item in criteria.items() if item.id in answers},
        contradictions=found,
    )


def judge_all(situation: Situation) -> dict[str, Judgement]:
    """Every item's judgement; context items speak only through the gate's findings."""
    judged = {item.id: judge(item, situation) for item in situation.criteria.scored_items()}
    from_context = context_judgements(situation)
    for item in situation.criteria.context:
        judged[item.id] = from_context.get(item.id, Judgement("good"))
    return judged


def judge(item: Item, situation: Situation) -> Judgement:
    answers = situation.answers
    answer = answers.get(item.id)
    method = situation.method()
    if item.methods and (method not in item.methods if method else answer is None):
        return Judgement("n/a")  # another method, or an unknown method and no answer
    if answer is None:
        return Judgement("unanswered", item.severity)
    if answer == "n/a":
        return Judgement("n/a")
    if answer == "unsure":
        return Judgement("unsure", item.severity)
    if isinstance(answer, float):
        return _judge_number(item, answer, situation)
    if item.is_good(answer):
        return Judgement("good")
    if item.id == COST_MOTIVE:
        return cost_judgement(situation)
    return Judgement("bad", item.severity or None)


def _judge_number(item: Item, value: float, situation: Situation) -> Judgement:
    rule = item.number
    assert rule is not None
    if rule.check == "provider-minimum":
        key = situation.provider_key()
        from checker.facts import DEFAULT_PROVIDER

        provider = situation.facts.provider(key or DEFAULT_PROVIDER)
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
        return _judge_holdout(item, value, situation)
    if item.id == GAIN_ID:
        return _judge_gain(value, situation)
    return Judgement("good")


def _judge_gain(gain: float, situation: Situation) -> Judgement:
    """A low baseline wanting a large gain: a stronger model or another method first."""
    rule = situation.criteria.scoring
    baseline = situation.number(BASELINE_ID)
    if baseline is None or situation.text(COST_MOTIVE) == "yes":
        return Judgement("good")
    if baseline < rule.low_baseline_below and gain >= rule.large_gain_at_least:
        return Judgement(
            "bad",
            "caution",
            f"From a baseline of {baseline:g}% a gain of {gain:g} points is more than fine-tuning "
            "usually gives: try a stronger model (or reasoning, or retrieval) with your best "
            "prompt first, and fine-tune the approach that comes closest.",
            "model",
        )
    return Judgement("good")


def _judge_holdout(item: Item, size: float, situation: Situation) -> Judgement:
    if size == 0:
        return Judgement(
            "bad",
            item.severity,
            "With no holdout examples there is nothing to measure the tuned model on.",
        )
    baseline, gain = situation.number(BASELINE_ID), situation.number(GAIN_ID)
    if baseline is None or gain is None:
        return Judgement(
            "unsure",
            item.severity,
            f"Whether {size:,.0f} holdout examples are enough depends on the baseline pass rate "
            "and the smallest gain that matters: find out both.",
        )
    from checker.compare.power import holdout_power

    same_quality = situation.text(COST_MOTIVE) == "yes"
    power = holdout_power(
        size,
        baseline,
        gain,
        disagreement=situation.number(DISAGREEMENT),
        non_inferiority=same_quality,
    )
    if power.detectable <= gain and not power.beyond_possible:
        return Judgement("good")
    assumed = f"({power.assumptions()})"
    if same_quality:
        shows = (
            f"A holdout of {size:,.0f} examples can rule out a drop of about "
            f"{power.detectable:.1f} points at a {baseline:g}% baseline, not the {gain:g} points "
            f"you accept; about {power.needed:,} examples would {assumed}."
        )
    elif power.beyond_possible:
        shows = (
            f"A holdout of {size:,.0f} examples cannot reliably show even the largest gain a "
            f"{baseline:g}% baseline leaves possible ({power.possible:g} points); about "
            f"{power.needed:,} examples would show {gain:g} points {assumed}."
        )
    else:
        shows = (
            f"A holdout of {size:,.0f} examples can reliably show a gain of about "
            f"{power.detectable:.0f} points at a {baseline:g}% baseline, not the {gain:g} points "
            f"that matter to you; about {power.needed:,} examples would {assumed}."
        )
    return Judgement("bad", item.severity, shows)


_CREDIT = {"good": 1.0, "bad": 0.0}


def _band(score: int | None, criteria: Criteria) -> Band | None:
    if score is None:
        return None
    if score < criteria.scoring.question_ready_at:
        return "low"
    return "high" if score >= criteria.scoring.ready_at else "middle"


def _section(question: Question, judged: Mapping[str, Judgement], criteria: Criteria) -> Section:
    # A statement for another training method is not part of this team's question at all.
    items = [i for i in question.items if not (i.methods and judged[i.id].state == "n/a")]
    states = [judged[item.id].state for item in items]
    answered = sum(state != "unanswered" for state in states)
    left = sum(item.required and judged[item.id].state == "unanswered" for item in items)
    earned = possible = 0.0
    for item in items:
        state = judged[item.id].state
        if state == "n/a":
            continue
        possible += item.weight
        earned += item.weight * _CREDIT.get(state, criteria.scoring.unsure_credit)
    score = round(100 * earned / possible) if possible else 100
    shown = score if answered else None
    return Section(
        id=question.id,
        title=question.title,
        link=question.page,
        score=shown,
        answered=answered,
        total=len(items),
        left=left,
        complete=not left,
        band=_band(shown, criteria),
    )


def _flags(
    criteria: Criteria,
    judged: Mapping[str, Judgement],
    answers: Mapping[str, AnswerValue],
    wanted: Callable[[Judgement], bool],
) -> tuple[Flag, ...]:
    owner = {item.id: question.id for question in criteria.questions for item in question.items}
    return tuple(
        Flag(
            item.id,
            owner.get(item.id, "context"),
            item.statement,
            answers.get(item.id),
            item.advice,
            item.link,
            judged[item.id].detail,
            judged[item.id].route or item.route or "",
        )
        for item in criteria.items()
        if wanted(judged[item.id])
    )


def _verdict(
    score: int | None,
    sections: tuple[Section, ...],
    blockers: tuple[Flag, ...],
    open_blockers: tuple[Flag, ...],
    criteria: Criteria,
    held_back: bool = False,
) -> Verdict:
    """``held_back``: a number judged short, or answers that contradict each other."""
    rule = criteria.scoring
    if score is None:
        return "incomplete"
    if blockers or open_blockers or score < rule.almost_at:
        return "not-ready"
    if (
        held_back
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
    if item.context:
        return judgement.detail
    return f"{judgement.detail} {item.advice}" if judgement.detail else item.advice


def _step(item: Item, kind: StepKind, text: str, judgement: Judgement) -> Step:
    route = judgement.route or item.route or ""
    return Step(item.id, kind, text, item.link, route, judgement.detail)


def _next_steps(
    verdict: Verdict, situation: Situation, judged: Mapping[str, Judgement]
) -> tuple[Step, ...]:
    """Blockers, then what to find out or answer, then cautions, then what else was answered the
    wrong way, and last (when ready) the first run's steps for the method: each item once, and
    no advice dropped under a ready verdict."""
    criteria = situation.criteria
    steps: list[Step] = []
    for item in criteria.items():  # what the provider gate blocks comes first
        judgement = judged[item.id]
        if judgement.state == "bad" and judgement.severity == "blocker":
            steps.append(_step(item, "blocker", _step_text(item, judgement), judgement))
    items = criteria.scored_items() + criteria.context  # the team's own answers first
    unknown_order: tuple[Callable[[Judgement, Item], bool], ...] = (
        lambda j, it: j.state == "unsure" and j.severity == "blocker",
        lambda j, it: j.state == "unanswered" and it.required,
        lambda j, it: j.state == "unsure" and j.severity == "caution" and not it.context,
        lambda j, it: j.state == "unsure" and j.severity is None and not it.context,
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
            steps.append(_step(item, "unknown", text, judgement))
    for item in items:
        judgement = judged[item.id]
        if judgement.state == "bad" and judgement.severity == "caution":
            steps.append(_step(item, "caution", _step_text(item, judgement), judgement))
    if verdict != "incomplete":
        for item in items:
            judgement = judged[item.id]
            if judgement.state == "bad" and judgement.severity is None:
                steps.append(_step(item, "improve", item.advice, judgement))
    for item in criteria.context:  # what the team has not said about its context, last
        judgement = judged[item.id]
        if judgement.state == "unsure" and judgement.severity == "caution":
            steps.append(_step(item, "unknown", judgement.detail, judgement))
    if verdict == "ready":
        method = situation.method()
        steps += [
            Step(f"ready-{number}", "ready", step.text, step.link, "pilot")
            for number, step in enumerate(criteria.ready_steps, 1)
            if step.fits(method)
        ]
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
    required = sum(item.required and not item.methods for item in criteria.scored_items())
    essentials = ", ".join(f"`{item.id}`" for item in criteria.essentials())
    routes = ", ".join(f"`{route.id}`" for route in criteria.routes)
    return f"""\
Each statement is answered **yes**, **no** or **unsure**; a few are answered with a **number**, and
statements that only apply in some projects can be answered **n/a**. A statement you have not
answered is *unanswered*, which is not the same as unsure: unsure means you checked and do not
know. A few optional questions *about your project* (provider, model, training method, volume and
prompt sizes) earn no points but feed the checks below.

1. **Enough answers first.** {required} statements are marked *required* (every blocker and a few
   others; a statement for one training method only when you chose that method). Until all of
   them are answered, there is no verdict and no overall score: the result is **Not assessed
   yet**, with the number of statements left and the progress of each question.
2. **Points.** Each statement has a weight from 1 to 3. The good answer earns its full weight,
   unsure (or an unanswered optional statement) earns {unsure}% of it, the other answer earns
   nothing, and n/a is left out of the sum: it neither earns nor loses.
3. **Numbers are judged by the checker.** Training examples under the provider's minimum are a
   blocker, and fewer than {_floor(criteria)} a caution that keeps you at **almost** at best. The
   holdout must be large enough to detect the smallest gain that matters to you at your
   baseline's pass rate (80% power, a paired pass/fail test at 5%). Unless you give the share of
   test cases on which two models disagreed, it assumes their mistakes are independent, which
   usually asks for more items than needed; when cost is your reason, it checks instead that the
   holdout can rule out a drop larger than the one you accept (one-sided, non-inferiority), and
   it never reports a gain larger than your baseline leaves possible. A holdout too small is a
   blocker, and the checker says what size would do. A baseline under
   {rule.low_baseline_below:g}% wanting {rule.large_gain_at_least:g} points or more is a caution:
   try a stronger model first.
4. **Question scores.** Each of the {len(criteria.questions)} questions gets a score from 0 to 100:
   the points earned as a share of the points possible. **Overall score**: their average. A
   question's bar is red under {rule.question_ready_at}, amber below {rule.ready_at} and green
   from {rule.ready_at}.
5. **Blockers.** A blocker answered the wrong way means **not ready**, whatever the score. A
   blocker answered unsure also means **not ready yet**: find out, then answer again. The
   essentials are blockers: there is no **ready** without reviewed data you may train on, a
   written success target and a number per test case ({essentials}).
6. **Where the job runs.** From the provider facts and today's date: a provider or model that
   cannot take your job (shut down, closed to new jobs or to organisations that have not
   fine-tuned there, winding down, or closing to training within {rule.plan_days} days, too soon
   for a pilot and a full run) is a blocker, with the date and the source; a tuned model that
   would serve for less than about a year is a caution; a provider or model the checker does not
   know is something to find out.
7. **The motive meets the money.** When cost is your reason and you give requests per day and
   prompt sizes, the checker runs the cost calculator's model: if the tuned model never pays
   back at that volume, that is a blocker, with the volume at which it would.
8. **Every question counts.** **Ready** needs no blocker, nothing unsure on a blocker, no answers
   that contradict each other, an overall score of {rule.ready_at} or more,
   *and* at least {rule.question_ready_at} on every question, so a strong average cannot hide a
   missing measurement plan. **Almost**: no blocker and an overall score of {rule.almost_at} or
   more. **Not ready**: anything else.
9. **Contradictions.** Answers that cannot both be true (no holdout set, yet a holdout size) are
   reported on their own and keep the verdict short of ready until you reconcile them.
10. **One next move.** The result leads with a single move, one of {routes}: a blocker that
    stands comes first, then reconciling contradictions, then answering what is left; a ready
    team's move is a small pilot for its method, unless where the job runs or what it costs is
    still open.
11. **Next steps** are one list, each statement once: what blocks you, then what to find out or
    answer, then cautions, then other statements answered the wrong way (even when ready: no
    advice is dropped), and last, when ready, the steps of a first run for your method. The first
    {rule.steps_shown} are shown, the rest behind "more".

The criteria are versioned (this is version `{criteria.version}`), so saved answers can tell when
the questions changed; answers saved for an older version are carried over where they still match.
"""
