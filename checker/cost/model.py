"""What fine-tuning costs, and whether it pays back before the tuned model is gone.

Two options are compared month by month: keep calling a prompted model (the base model, or a
larger "teacher") with today's prompt, or train a fine-tuned model and serve it with a shorter
prompt at its own per-token prices, plus the hourly fee of its deployment where the provider
charges one (Azure's Standard and Global deployments, used or not). Cached prompt tokens and batch
traffic are billed at their own prices on either side. The one-off costs (training runs, grader
tokens, examples to write or review, evaluation runs, a teacher's outputs) are repaid by the
monthly saving, or not, within a horizon: 24 months, or fewer when the fine-tuned model's
deployments retire sooner (``checker.lifecycle``). A Developer deployment is a test, deleted after
a day: it gets a cost per day of testing, never a payback claim.

Prices come from facts.toml with their source and date; any of them can be replaced, and a price
facts.toml does not state must be given: nothing is guessed. Every input has a stated range
(``inputs.FIELDS``), so every figure is finite.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass
from typing import Any

from checker.cost.inputs import (
    DEFAULT_EPOCHS,
    FIELDS,
    CostInputs,
    FieldError,
    MissingInput,
    field_value,
)
from checker.cost.prices import PriceUsed, find_model, prices_used, secondary_note
from checker.errors import InputError
from checker.facts import DEPLOYMENTS, PRICE_KEYS, Dated, Facts, load_facts
from checker.lifecycle import months_until, notices, serving_until
from checker.textsafe import one_line

HOURS_PER_MONTH = 730.0  # 365 days x 24 hours / 12, the month cloud price lists use
DAYS_PER_MONTH = HOURS_PER_MONTH / 24
HORIZON_MONTHS = 24
MILLION = 1_000_000


@dataclass(frozen=True)
class OneOff:
    label: str
    usd: float
    detail: str


@dataclass(frozen=True)
class CostResult:
    model: str
    provider: str
    deployment: str
    inputs: dict[str, Any]
    prices: list[PriceUsed]
    billed_training_tokens: int | None
    epochs: int | None
    epochs_assumed: bool
    training_cost: float
    """One training run (with its grader tokens, for reinforcement fine-tuning)."""
    hosting_per_month: float
    inference_before_per_month: float
    inference_after_per_month: float
    before_per_month: float
    after_per_month: float
    saving_per_month: float
    saving_per_request: float
    pays_back: bool
    """The monthly saving repays the one-off costs within the horizon."""
    break_even_months: float | None
    requests_per_day_to_save: float | None
    """Volume above which the fine-tuned option costs less each month (None: no volume does)."""
    requests_per_day_to_repay_in_horizon: float | None
    verdict: str
    reason: str
    notes: list[str]
    cumulative_before: list[float]
    cumulative_after: list[float]
    baseline_model: str = ""
    provider_name: str = ""
    """The provider as people call it ("OpenAI"), for sentences; ``provider`` is its key."""
    """The prompted model the fine-tuned one replaces."""
    today: str = ""
    horizon_months: float = HORIZON_MONTHS
    horizon_cut: bool = False
    """True when the fine-tuned deployments retire before HORIZON_MONTHS."""
    serving_until: str | None = None
    months: tuple[float, ...] = ()
    """The months of the cumulative figures (0, 1, ..., and the horizon's end)."""
    one_off_cost: float = 0.0
    one_offs: tuple[OneOff, ...] = ()
    retraining_cost: float | None = None
    """Training again on a successor, when the horizon is cut by retirement."""
    payback_applies: bool = True
    """False for a Developer deployment: a test, not a service."""
    cost_per_test_day: float | None = None
    reinforcement: bool = False
    rft_pause_usd: float | None = None
    prompt_tokens_after_to_flip: float | None = None
    """The tuned prompt size at which the answer flips (None: no prompt size flips it)."""
    base_price_change_to_flip: float | None = None
    """The change of the prompted model's token prices (0.25 = 25% more) that flips the answer."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def usd(value: float) -> str:
    sign = "-" if value < 0 else ""
    amount = f"{abs(value):,.2f}" if abs(value) < 1e6 else f"{abs(value):,.0f}"
    return f"{sign}${amount}"


def whole_count(value: float) -> str:
    """A request volume in words: rounded up (past float noise), with thousands separators."""
    return f"{math.ceil(round(value, 6)):,}"


def _checked(inputs: CostInputs) -> dict[str, float]:
    """Every numeric input within its range (see inputs.FIELDS)."""
    values: dict[str, float] = {}
    for spec in FIELDS:
        raw = getattr(inputs, spec.name)
        if raw is not None:
            values[spec.name] = field_value(spec.name, raw)
        elif spec.required:
            raise MissingInput("a figure is missing", (spec.name,))
    for key, value in inputs.prices.items():
        if key not in PRICE_KEYS:
            raise InputError(f"unknown price {one_line(str(key), 60)!r}")
        field_value(f"price:{key}", value)
    for cached, prompt in (
        ("cached_prompt_tokens", "prompt_tokens"),
        ("cached_prompt_tokens_after", "prompt_tokens_after"),
    ):
        if values[cached] > values[prompt]:
            raise FieldError(
                f"{cached.replace('_', ' ')}: {values[cached]:g} is more than the "
                f"{values[prompt]:g} {prompt.replace('_', ' ')}",
                cached,
            )
    return values


@dataclass(frozen=True)
class _Side:
    """One option's tokens per request and the share of its traffic sent as batch jobs."""

    prefix: str  # "base" or "tuned"
    prompt: float
    cached: float
    output: float
    batch: float  # 0..1

    def needs(self) -> list[str]:
        keys = [f"{self.prefix}_input_per_million", f"{self.prefix}_output_per_million"]
        if self.cached > 0 and self.batch < 1:
            keys.append(f"{self.prefix}_cached_input_per_million")
        if self.batch > 0:
            keys += [
                f"{self.prefix}_batch_input_per_million",
                f"{self.prefix}_batch_output_per_million",
            ]
        return keys

    def per_request(self, price: dict[str, float]) -> float:
        """US dollars per request. Batch requests pay the batch prices for the whole prompt."""
        p = self.prefix
        cost = 0.0
        if self.batch < 1:
            standard = (self.prompt - self.cached) * price[f"{p}_input_per_million"]
            if self.cached > 0:
                standard += self.cached * price[f"{p}_cached_input_per_million"]
            standard += self.output * price[f"{p}_output_per_million"]
            cost += (1 - self.batch) * standard
        if self.batch > 0:
            batch = self.prompt * price[f"{p}_batch_input_per_million"]
            batch += self.output * price[f"{p}_batch_output_per_million"]
            cost += self.batch * batch
        return cost / MILLION

    def per_prompt_token(self, price: dict[str, float]) -> float:
        """What one more uncached prompt token costs per request."""
        p = self.prefix
        rate = 0.0
        if self.batch < 1:
            rate += (1 - self.batch) * price[f"{p}_input_per_million"]
        if self.batch > 0:
            rate += self.batch * price[f"{p}_batch_input_per_million"]
        return rate / MILLION


def estimate_cost(inputs: CostInputs, facts: Facts | None = None) -> CostResult:
    """Training, one-off, hosting and inference costs of both options, and the break-even point
    within the horizon."""
    facts = facts or load_facts()
    model = find_model(facts, inputs.model, inputs.provider)
    provider = facts.provider(model.provider)
    baseline = (
        find_model(facts, inputs.baseline_model, model.provider) if inputs.baseline_model else model
    )
    if inputs.deployment not in DEPLOYMENTS:
        raise InputError(
            f"deployment {one_line(inputs.deployment, 40)!r} is not one of {', '.join(DEPLOYMENTS)}"
        )
    v = _checked(inputs)
    today = inputs.today or dt.date.today()
    found = notices(model.provider, model.name, today=today, facts=facts)
    for notice in found:
        if notice.kind == "shut-down":
            raise InputError(notice.text)
    notes = [notice.text for notice in found]
    ends = serving_until(model)
    left = months_until(ends, today) if ends is not None else None
    horizon = min(float(HORIZON_MONTHS), left) if left is not None else float(HORIZON_MONTHS)
    cut = left is not None and left < HORIZON_MONTHS

    hosted = provider.hosting is not None and provider.hosting.billed_per_hour
    developer = hosted and inputs.deployment == "developer"
    deployment = inputs.deployment if hosted else "none"
    rft = model.methods == ("rft",)
    before_side = _Side(
        "base", v["prompt_tokens"], v["cached_prompt_tokens"], v["output_tokens"],
        v["batch_share"] / 100,
    )  # fmt: skip
    after_side = _Side(
        "tuned", v["prompt_tokens_after"], v["cached_prompt_tokens_after"], v["output_tokens"],
        v["batch_share_after"] / 100,
    )  # fmt: skip
    needed = before_side.needs() + after_side.needs()
    if hosted and not developer:
        needed.append("hosting_per_hour")
    grader_tokens = v["grader_input_tokens"] + v["grader_output_tokens"]
    billed: int | None = None
    epochs: int | None = None
    epochs_assumed = False
    if rft:
        if "training_hours" not in v:
            raise MissingInput(
                f"{model.name} is trained by reinforcement fine-tuning, billed per hour of "
                "training",
                ("training_hours",),
            )
        needed.insert(0, "training_per_hour")
        if grader_tokens > 0:
            needed += ["grader_input_per_million", "grader_output_per_million"]
    else:
        if "training_tokens" not in v:
            raise MissingInput("training size not known", ("training_tokens",))
        if "epochs" in v:
            epochs = int(v["epochs"])
            if inputs.epochs_rule:
                notes.append(inputs.epochs_rule)
        else:
            epochs, epochs_assumed = DEFAULT_EPOCHS, True
            notes.append(
                f"{DEFAULT_EPOCHS} epochs assumed; give the number of epochs your job uses"
            )
        billed = int(v["training_tokens"]) * epochs
        needed.insert(0, "training_per_million")
    prices = prices_used(facts, model, baseline, inputs, needed)
    price = {p.key: p.usd for p in prices}
    if any(p.illustrative for p in prices):
        notes.append("a price marked illustrative is the provider's example, not its price list")
    for owner in dict.fromkeys((model, baseline)):
        stated = facts.prices_of(owner, inputs.deployment)
        if stated is not None and stated.secondary and any(p.secondary for p in prices):
            notes.append(secondary_note(stated))
            break

    per_before = before_side.per_request(price)
    per_after = after_side.per_request(price)
    requests = v["requests_per_day"]
    hosting = price["hosting_per_hour"] * v["hosting_hours_per_day"] * DAYS_PER_MONTH if (
        hosted and not developer
    ) else 0.0  # fmt: skip
    if rft:
        grader = 0.0
        if grader_tokens > 0:
            grader = (
                v["grader_input_tokens"] * price["grader_input_per_million"]
                + v["grader_output_tokens"] * price["grader_output_per_million"]
            ) / MILLION
        training = v["training_hours"] * price["training_per_hour"] + grader
    else:
        assert billed is not None
        training = billed * price["training_per_million"] / MILLION
    one_offs = _one_offs(v, training, per_before, per_after, rft)
    one_off = sum(item.usd for item in one_offs)
    pause = provider.rft_pause if rft else None
    if pause is not None:
        notes.append(_pause_note(pause.usd, training, pause.dated))

    monthly_requests = requests * DAYS_PER_MONTH
    inference_before = per_before * monthly_requests
    inference_after = per_after * monthly_requests
    before, after = inference_before, inference_after + hosting
    saving = before - after
    per_request_saving = per_before - per_after

    months_at: list[float] = [float(m) for m in range(math.floor(horizon) + 1)]
    if horizon > months_at[-1]:
        months_at.append(round(horizon, 2))
    result: dict[str, Any] = dict(
        model=model.name,
        provider=model.provider,
        provider_name=facts.provider(model.provider).short_name,
        deployment=deployment,
        inputs={**v, "training_tokens": inputs.training_tokens, "epochs": inputs.epochs,
                "training_hours": inputs.training_hours},
        prices=prices,
        billed_training_tokens=billed,
        epochs=epochs,
        epochs_assumed=epochs_assumed,
        training_cost=training,
        hosting_per_month=hosting,
        inference_before_per_month=inference_before,
        inference_after_per_month=inference_after,
        before_per_month=before,
        after_per_month=after,
        saving_per_month=saving,
        saving_per_request=per_request_saving,
        notes=notes,
        cumulative_before=[before * m for m in months_at],
        cumulative_after=[one_off + after * m for m in months_at],
        baseline_model=baseline.name,
        today=str(today),
        horizon_months=horizon,
        horizon_cut=cut,
        serving_until=str(ends) if ends else None,
        months=tuple(months_at),
        one_off_cost=one_off,
        one_offs=tuple(one_offs),
        reinforcement=rft,
        rft_pause_usd=pause.usd if pause else None,
    )  # fmt: skip
    if developer:
        lives = provider.hosting.developer_deployment_hours if provider.hosting else None
        per_day = per_after * requests
        life = f"deleted after {lives} hours" if lives else "short-lived"
        result.update(
            pays_back=False, payback_applies=False, break_even_months=None,
            requests_per_day_to_save=None, requests_per_day_to_repay_in_horizon=None,
            cost_per_test_day=per_day, verdict="is a test on a Developer deployment, not a service",
            reason=f"such a deployment is {life}; a day of testing at {whole_count(requests)} "
            f"requests costs {usd(per_day)} after {usd(one_off)} of one-off costs; choose a Global "
            "or Standard deployment to judge payback",
        )  # fmt: skip
        return _finite(CostResult(**result))

    months = one_off / saving if saving > 0 else None
    pays_back = repaid_within(one_off, saving, horizon)
    to_save = to_repay = None
    if per_request_saving > 0:
        to_save = hosting / (per_request_saving * DAYS_PER_MONTH)
        to_repay = (one_off / horizon + hosting) / (per_request_saving * DAYS_PER_MONTH)
    verdict, reason = _verdict(
        months, pays_back, per_request_saving, to_save, rft=rft, cut=cut, horizon=horizon,
        ends=ends, model=model.name, one_off=one_off,
    )  # fmt: skip
    if cut and ends is not None:
        result["retraining_cost"] = one_offs[0].usd
    if monthly_requests > 0:
        needed_saving = (one_off / horizon + hosting) / monthly_requests
        slope = after_side.per_prompt_token(price)
        if slope > 0:
            flip = v["prompt_tokens_after"] + (per_request_saving - needed_saving) / slope
            floor = v["cached_prompt_tokens_after"]
            result["prompt_tokens_after_to_flip"] = flip if flip >= floor else None
        if per_before > 0:
            result["base_price_change_to_flip"] = (per_after + needed_saving) / per_before - 1
    result.update(
        pays_back=pays_back, break_even_months=months, requests_per_day_to_save=to_save,
        requests_per_day_to_repay_in_horizon=to_repay, verdict=verdict, reason=reason,
    )  # fmt: skip
    return _finite(CostResult(**result))


def repaid_within(one_off: float, saving: float, horizon: float) -> bool:
    """A monthly saving repays the one-off costs within the horizon (on its last day included);
    no saving repays anything, not even nothing."""
    return saving > 0 and one_off <= saving * horizon


def _one_offs(
    v: dict[str, float], training: float, per_before: float, per_after: float, rft: bool
) -> list[OneOff]:
    runs = int(v["training_runs"])
    what = "training and grading" if rft else "training"
    items = [OneOff(
        f"Training, {runs} run{'s' if runs > 1 else ''}", training * runs,
        f"{usd(training)} a run ({what})",
    )]  # fmt: skip
    examples, each = v["examples_to_label"], v["cost_per_example"]
    if examples and each:
        items.append(OneOff("Examples written or reviewed", examples * each,
                            f"{examples:,.0f} examples at {usd(each)} each"))  # fmt: skip
    runs_, size = v["evaluation_runs"], v["evaluation_examples"]
    if runs_ and size:
        items.append(OneOff(
            "Evaluation runs", runs_ * size * (per_before + per_after),
            f"{runs_:,.0f} runs of {size:,.0f} examples through both models",
        ))  # fmt: skip
    teacher = v["teacher_examples"]
    if teacher:
        items.append(OneOff("Teacher outputs (distillation)", teacher * per_before,
                            f"{teacher:,.0f} requests to the prompted model"))  # fmt: skip
    return items


def _pause_note(cap: float, run: float, dated: Dated) -> str:
    said = f"({dated.source.title}, checked {dated.checked})"
    if run > cap:
        return (
            f"a reinforcement job pauses once training and grading reach {usd(cap)} {said}: "
            f"this run ({usd(run)}) goes past it only if you resume the job"
        )
    return f"a reinforcement job pauses once training and grading reach {usd(cap)} {said}"


def _verdict(
    months: float | None, pays_back: bool, per_request: float, to_save: float | None, *,
    rft: bool, cut: bool, horizon: float, ends: dt.date | None, model: str, one_off: float,
) -> tuple[str, str]:  # fmt: skip
    on = " on inference" if rft else ""
    if months is not None and pays_back:
        repaid = f"{months:.1f} months of savings repay {usd(one_off)} of one-off costs"
        if months <= 1:
            return f"pays back{on} within the first month", repaid
        return f"pays back{on} after {math.ceil(months)} months", repaid
    if months is not None:
        would = f"the savings would repay the one-off costs after {months:.1f} months"
        if cut:
            return (
                f"does not pay back{on} before its deployments retire",
                f"{would}, but fine-tuned {model} deployments stop serving on {ends}, "
                f"{horizon:.1f} months from now",
            )
        return (
            f"does not pay back{on} within {HORIZON_MONTHS} months",
            f"{would}, beyond the {HORIZON_MONTHS} months this estimate covers",
        )
    if per_request == 0:
        why = (
            "reinforcement fine-tuning buys quality, not cheaper requests"
            if rft
            else "nothing repays the one-off costs"
        )
        return (
            f"does not pay back{on}",
            f"the fine-tuned model costs the same per request as the prompted one: {why}",
        )
    if per_request < 0:
        return (
            f"does not pay back{on}",
            "the fine-tuned model's token prices cost more per request than the shorter prompt "
            "saves, at any volume",
        )
    assert to_save is not None
    return (
        f"does not pay back{on}",
        "hosting alone costs more than the prompt tokens it saves; it would save money above "
        f"{whole_count(to_save)} requests per day",
    )


def _finite(result: CostResult) -> CostResult:
    """The result, or an InputError if a figure is not finite (the ranges should prevent it)."""

    def walk(value: Any) -> bool:
        if isinstance(value, float):
            return math.isfinite(value)
        if isinstance(value, dict):
            return all(walk(item) for item in value.values())
        if isinstance(value, list | tuple):
            return all(walk(item) for item in value)
        return True

    if not walk(result.to_dict()):
        raise InputError("the figures are too large to work out: check the numbers given")
    return result
