"""What the project's context means for the verdict: the provider gate and the cost motive.

The provider gate reads ``checker.lifecycle.notices`` (never dates itself): a provider or model
that cannot take the team's job is a blocker with the date and the source, a tuned model that
would serve for less than about a year is a caution, and context the checker does not know is
something to find out, never silence. When cost is the motive and the volume is given, the cost
model (the same function as the ``cost`` command) decides whether fine-tuning can pay back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from checker.errors import InputError
from checker.facts import Facts, Model
from checker.readiness.answers import AnswerValue
from checker.readiness.criteria import METHODS, Criteria

State = Literal["good", "bad", "unsure", "n/a", "unanswered"]

PROVIDER, MODEL, METHOD, BEFORE = "provider", "model", "method", "fine-tuned-here-before"
COST_MOTIVE = "cost-main-motive"
VOLUME = ("requests-per-day", "prompt-tokens-now", "prompt-tokens-after")
DISAGREEMENT = "disagreement-rate"
PROVIDER_ROUTE = "provider"


@dataclass(frozen=True)
class Judgement:
    """What one answer means: good, bad (at ``severity``), unsure, n/a or unanswered.
    ``detail`` says what is wrong in this case; ``route`` overrides the item's route."""

    state: State
    severity: str | None = None
    detail: str = ""
    route: str | None = None


@dataclass(frozen=True)
class Situation:
    """The answers and the world they are judged in: the facts and the day."""

    answers: Mapping[str, AnswerValue]
    criteria: Criteria
    facts: Facts
    today: dt.date

    def text(self, item_id: str) -> str | None:
        value = self.answers.get(item_id)
        return value if isinstance(value, str) and value != "unsure" else None

    def number(self, item_id: str) -> float | None:
        value = self.answers.get(item_id)
        return value if isinstance(value, float) else None

    def method(self) -> str | None:
        method = self.text(METHOD)
        return method if method in METHODS else None

    def provider_key(self) -> str | None:
        provider = self.text(PROVIDER)
        return provider if provider in self.facts.providers else None

    def model(self) -> Model | None:
        provider, name = self.provider_key(), self.text(MODEL)
        if provider is None or name is None:
            return None
        try:
            return self.facts.model(name, provider)
        except InputError:
            return None


def _find_out(text: str) -> Judgement:
    return Judgement("unsure", "caution", text, PROVIDER_ROUTE)


def _block(text: str) -> Judgement:
    return Judgement("bad", "blocker", text, PROVIDER_ROUTE)


def context_judgements(situation: Situation) -> dict[str, Judgement]:
    """Judgements of the context items the gate speaks through: provider, model, method and
    fine-tuned-here-before. Items not named here have nothing to say."""
    provider = situation.text(PROVIDER)
    if provider is None:
        return {
            PROVIDER: _find_out(
                "Find out which provider will train and serve the tuned model: the checker tests "
                "its dates and restrictions only once it knows."
            )
        }
    key = situation.provider_key()
    if key is None:
        return {
            PROVIDER: _find_out(
                "The checker has no facts about this provider: find out whether it takes "
                "fine-tuning jobs from your organisation and how long tuned models serve there."
            )
        }
    found: dict[str, Judgement] = {}
    short = situation.facts.provider(key).short_name
    model = situation.model()
    name = situation.text(MODEL)
    if name is None:
        found[MODEL] = _find_out(
            f"Find out which base model you will tune at {short}: its dates decide how long the "
            "tuned model can serve."
        )
    elif model is None:
        found[MODEL] = _find_out(
            f"The checker has no facts about {name} at {short}: find out whether it can be "
            "fine-tuned there with your method, and until when it serves."
        )
    else:
        method = situation.method()
        wanted = "sft" if method == "distillation" else method
        if wanted is not None and wanted not in model.methods:
            found[METHOD] = _block(
                f"{short} fine-tunes {model.name} with {', '.join(model.methods)} only, not "
                f"{method}: choose another model or method ({model.dated.source.title}, checked "
                f"{model.dated.checked})."
            )
    found.update(_lifecycle(situation, key, model))
    return found


def _lifecycle(situation: Situation, provider: str, model: Model | None) -> dict[str, Judgement]:
    from checker.lifecycle import notices

    found: dict[str, list[tuple[str, str]]] = {}  # item id -> [(severity, text)]
    plan = situation.criteria.scoring.plan_days
    for notice in notices(
        provider, model.name if model else None, today=situation.today, facts=situation.facts
    ):
        where = PROVIDER if notice.kind == "winding-down" or model is None else MODEL
        if notice.kind in ("shut-down", "training-closed", "winding-down"):
            found.setdefault(where, []).append(("blocker", f"{notice.text}."))
        elif notice.kind == "training-restricted":
            before = situation.text(BEFORE)
            if notice.who == "existing-customers" and before == "yes":
                continue
            if notice.who == "existing-customers" and before == "no":
                found.setdefault(BEFORE, []).append(
                    ("blocker", f"{notice.text}: your organisation has not fine-tuned there.")
                )
            else:
                found.setdefault(BEFORE, []).append(
                    ("open", f"{notice.text}: find out whether your organisation qualifies.")
                )
        elif notice.kind == "training-closing":
            soon = notice.date is not None and (notice.date - situation.today).days < plan
            severity = "blocker" if soon else "caution"
            ending = (
                f": too soon for a pilot and a full run (a plan takes about {plan} days)"
                if soon
                else ": plan the runs you need before then"
            )
            found.setdefault(where, []).append((severity, f"{notice.text}{ending}."))
        elif notice.kind == "serving-ending":
            found.setdefault(where, []).append(
                (
                    "caution",
                    f"{notice.text}: the tuned model would serve for under a year, so plan and "
                    "budget the re-training now.",
                )
            )
    judged: dict[str, Judgement] = {}
    for item_id, entries in found.items():
        text = " ".join(entry for _, entry in entries)
        severities = {severity for severity, _ in entries}
        if "blocker" in severities:
            judged[item_id] = _block(text)
        elif "open" in severities:
            judged[item_id] = Judgement("unsure", "blocker", text, PROVIDER_ROUTE)
        else:
            judged[item_id] = Judgement("bad", "caution", text, PROVIDER_ROUTE)
    return judged


def cost_judgement(situation: Situation) -> Judgement:
    """The cost motive (answered yes) against the money, when the volume is given."""
    from checker.cost import CostInputs, estimate_cost

    volume = [situation.number(item_id) for item_id in VOLUME]
    model = situation.model()
    if any(value is None for value in volume):
        return Judgement(
            "bad",
            "caution",
            "Give the requests per day and the prompt sizes (above the questions) so the checker "
            "can test whether fine-tuning saves money at your volume.",
        )
    if model is None:
        return Judgement(
            "bad",
            "caution",
            "Name a provider and model the checker knows so it can price both options at your "
            "volume; or run the cost calculator with your own prices.",
        )
    requests, now, after = (float(value or 0) for value in volume)
    try:
        result = estimate_cost(
            CostInputs(
                model=model.name,
                provider=model.provider,
                requests_per_day=requests,
                prompt_tokens=now,
                prompt_tokens_after=after,
                output_tokens=0,
                training_tokens=0,
                training_hours=0,
            ),
            situation.facts,
        )
    except InputError:
        return Judgement(
            "bad",
            "caution",
            f"The checker has no prices for {model.name} at {model.provider}: find out its token "
            "and hosting prices and run the cost calculator with them before counting on savings.",
        )
    if result.pays_back:
        return Judgement(
            "bad",
            "caution",
            f"At {requests:,.0f} requests a day the tuned model would save about "
            f"${result.saving_per_month:,.0f} a month before training (output tokens not "
            "counted).",
        )
    if result.requests_per_day_to_save is None:
        would = (
            "no volume would: the tuned model's token prices cost more than the shorter "
            "prompt saves"
        )
    else:
        would = (
            f"it would save money only above about {result.requests_per_day_to_save:,.0f} "
            "requests a day (more once output tokens are counted)"
        )
    return Judgement(
        "bad",
        "blocker",
        f"At {requests:,.0f} requests a day the tuned model would cost about "
        f"${result.after_per_month:,.0f} a month (hosting ${result.hosting_per_month:,.0f}) "
        f"against about ${result.before_per_month:,.0f} of prompt tokens today: it never pays "
        f"back; {would}.",
    )
