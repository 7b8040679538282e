"""What fine-tuning costs, and whether it pays back.

Two options are compared month by month: keep the base model with the current prompt, or train a
fine-tuned model once and serve it with a shorter prompt at its own per-token prices, plus the
hourly fee of its deployment (Standard and Global deployments are billed every hour they exist,
used or not; a Developer deployment has no fee but is deleted after a day). The result says after
how many months the saving repays training, or that it never does, and at what request volume it
would. Prices come from facts.toml with their source and date; any of them can be overridden, and
a price facts.toml does not state must be given: nothing is guessed.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import asdict, dataclass
from typing import Any

from checker.cost.inputs import CostInputs, number
from checker.errors import InputError
from checker.facts import DEPLOYMENTS, PRICE_KEYS, Facts, Model, ModelPrice, load_facts
from checker.textsafe import one_line

HOURS_PER_MONTH = 730.0  # 365 days x 24 hours / 12, the month cloud price lists use
DAYS_PER_MONTH = HOURS_PER_MONTH / 24
DEFAULT_EPOCHS = 3
HORIZON_MONTHS = 24
MILLION = 1_000_000

PRICE_UNITS = {
    "training_per_million": "$ per million training tokens",
    "training_per_hour": "$ per hour of training (reinforcement fine-tuning)",
    "base_input_per_million": "$ per million input tokens, base model",
    "base_output_per_million": "$ per million output tokens, base model",
    "tuned_input_per_million": "$ per million input tokens, fine-tuned model",
    "tuned_output_per_million": "$ per million output tokens, fine-tuned model",
    "hosting_per_hour": "$ per hour the fine-tuned model is deployed",
}


@dataclass(frozen=True)
class PriceUsed:
    key: str
    usd: float
    origin: str  # "--price" or "facts.toml: <source>, checked <date>"
    illustrative: bool = False
    source_url: str | None = None
    secondary: bool = False
    """From a copy of the provider's price list kept by someone else (see ``confirm_url``)."""
    as_of: str | None = None
    """The day a secondary source captured the price."""
    confirm_url: str | None = None


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
    hosting_per_month: float
    inference_before_per_month: float
    inference_after_per_month: float
    before_per_month: float
    after_per_month: float
    saving_per_month: float
    saving_per_request: float
    pays_back: bool
    break_even_months: float | None
    requests_per_day_to_save: float | None
    """Volume above which the fine-tuned option costs less each month (None: no volume does)."""
    requests_per_day_to_repay_in_horizon: float | None
    verdict: str
    reason: str
    notes: list[str]
    cumulative_before: list[float]
    cumulative_after: list[float]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def find_model(facts: Facts, name: str, provider: str) -> Model:
    """The model, or an InputError that suggests the closest known name."""
    try:
        return facts.model(name, provider)
    except InputError:
        facts.provider(provider)  # an unknown provider is reported as such
        names = sorted(
            {n for m in facts.models_of(provider.strip().lower()) for n in (m.name, *m.aliases)}
        )
        close = difflib.get_close_matches(name.strip().lower(), names, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise InputError(
            f"unknown model {one_line(name, 60)!r} for provider {provider!r}; {hint}"
            f"known models: {', '.join(names)}"
        ) from None


def price_origin(entry: ModelPrice) -> str:
    """Where a stated price comes from, in words, with its dates."""
    if entry.secondary:
        return (
            f"facts.toml: {entry.dated.source.title}, a secondary source, prices as of "
            f"{entry.as_of}, checked {entry.dated.checked}"
        )
    return f"facts.toml: {entry.dated.source.title}, checked {entry.dated.checked}"


def secondary_note(entry: ModelPrice) -> str:
    assert entry.confirm is not None
    return (
        "the prices from facts.toml were not read on the provider's own pricing page but on "
        f"{entry.dated.source.title} ({entry.dated.source.url}), as of {entry.as_of}: confirm "
        f"them on the {entry.confirm.title} ({entry.confirm.url}); a price you give replaces "
        "the stated one"
    )


def _prices(facts: Facts, model: Model, inputs: CostInputs, needed: list[str]) -> list[PriceUsed]:
    entry = facts.prices_of(model, inputs.deployment)
    used: list[PriceUsed] = []
    missing: list[str] = []
    for key in needed:
        if key in inputs.prices:
            used.append(PriceUsed(key, float(inputs.prices[key]), "--price"))
        elif entry is not None and key in entry.values:
            used.append(
                PriceUsed(
                    key, entry.values[key], price_origin(entry), entry.illustrative,
                    source_url=entry.dated.source.url, secondary=entry.secondary,
                    as_of=str(entry.as_of) if entry.as_of else None,
                    confirm_url=entry.confirm.url if entry.confirm else None,
                )
            )  # fmt: skip
        else:
            missing.append(key)
    if missing:
        flags = " ".join(f"--price {key}=VALUE" for key in missing)
        stated = sorted({p.deployment for p in facts.prices_for(model) if p.deployment})
        where = f"{inputs.deployment} deployment"
        if entry is None and stated:
            where += (
                f"; facts.toml states prices for {' and '.join(stated)} only, as regional "
                "prices differ by region"
            )
        hint = ""
        hosting = facts.provider(model.provider).hosting
        if "hosting_per_hour" in missing and hosting and hosting.example_price:
            example = hosting.example_price
            hint = (
                f"; {example.dated.source.title} illustrates hosting with "
                f"${example.usd_per_hour:g}/hour (an example, checked {example.dated.checked})"
            )
        raise InputError(
            f"price not known for {model.provider}/{model.name} ({where}): "
            f"pass {flags} (US dollars){hint}"
        )
    return used


def estimate_cost(inputs: CostInputs, facts: Facts | None = None) -> CostResult:
    """Training, hosting and inference costs of both options, and the break-even point."""
    facts = facts or load_facts()
    model = find_model(facts, inputs.model, inputs.provider)
    provider = facts.provider(model.provider)
    if inputs.deployment not in DEPLOYMENTS:
        raise InputError(
            f"deployment {one_line(inputs.deployment, 40)!r} is not one of {', '.join(DEPLOYMENTS)}"
        )
    requests = number(inputs.requests_per_day, "requests per day")
    prompt = number(inputs.prompt_tokens, "prompt tokens")
    prompt_after = number(inputs.prompt_tokens_after, "prompt tokens after")
    output = number(inputs.output_tokens, "output tokens")
    hours = number(inputs.hosting_hours_per_day, "hosting hours per day")
    if hours > 24:
        raise InputError(f"hosting hours per day: {hours:g} is more than 24")
    for key, value in inputs.prices.items():
        if key not in PRICE_KEYS:
            raise InputError(f"--price: unknown price {one_line(key, 60)!r}")
        number(value, f"--price {key}")

    rft = model.methods == ("rft",)
    notes: list[str] = []
    needed = ["base_input_per_million", "base_output_per_million"]
    needed += ["tuned_input_per_million", "tuned_output_per_million"]
    developer = inputs.deployment == "developer"
    if not developer:
        needed.append("hosting_per_hour")
    billed: int | None = None
    epochs: int | None = None
    epochs_assumed = False
    if rft:
        if inputs.training_hours is None:
            raise InputError(
                f"{model.name} is trained by reinforcement fine-tuning, billed per hour of "
                "training: pass --training-hours N"
            )
        training_hours = number(inputs.training_hours, "training hours")
        needed.insert(0, "training_per_hour")
    else:
        if inputs.training_tokens is None:
            raise InputError("training size not known: pass --train FILE or --training-tokens N")
        tokens = int(number(inputs.training_tokens, "training tokens", whole=True))
        if inputs.epochs is None:
            epochs, epochs_assumed = DEFAULT_EPOCHS, True
            notes.append(
                f"{DEFAULT_EPOCHS} epochs assumed; give your job's number of epochs (--epochs N)"
            )
        else:
            epochs = int(number(inputs.epochs, "epochs", whole=True, positive=True))
        billed = tokens * epochs
        needed.insert(0, "training_per_million")
    prices = _prices(facts, model, inputs, needed)
    price = {p.key: p.usd for p in prices}
    if any(p.illustrative for p in prices):
        notes.append("a price marked illustrative is the provider's example, not its price list")
    stated = facts.prices_of(model, inputs.deployment)
    if stated is not None and stated.secondary and any(p.secondary for p in prices):
        notes.append(secondary_note(stated))

    if rft:
        training = training_hours * price["training_per_hour"]
    else:
        assert billed is not None
        training = billed * price["training_per_million"] / MILLION
    hosting = 0.0 if developer else price["hosting_per_hour"] * hours * DAYS_PER_MONTH
    if developer:
        lives = provider.hosting.developer_deployment_hours if provider.hosting else None
        life = f"deleted after {lives} hours" if lives else "short-lived"
        notes.append(f"a Developer deployment has no hourly fee but is {life}: for evaluation")
    per_request_before = (
        prompt * price["base_input_per_million"] + output * price["base_output_per_million"]
    ) / MILLION
    per_request_after = (
        prompt_after * price["tuned_input_per_million"] + output * price["tuned_output_per_million"]
    ) / MILLION
    monthly_requests = requests * DAYS_PER_MONTH
    inference_before = per_request_before * monthly_requests
    inference_after = per_request_after * monthly_requests
    before = inference_before
    after = inference_after + hosting
    saving = before - after
    per_request_saving = per_request_before - per_request_after

    to_save: float | None = None
    to_repay: float | None = None
    if per_request_saving > 0:
        to_save = hosting / (per_request_saving * DAYS_PER_MONTH)
        to_repay = (training / HORIZON_MONTHS + hosting) / (per_request_saving * DAYS_PER_MONTH)

    pays_back = saving > 0
    months = training / saving if pays_back else None
    verdict, reason = _verdict(months, per_request_saving, hosting, to_save)
    return CostResult(
        model=model.name,
        provider=model.provider,
        deployment=inputs.deployment,
        inputs={
            "requests_per_day": requests,
            "prompt_tokens": prompt,
            "prompt_tokens_after": prompt_after,
            "output_tokens": output,
            "hosting_hours_per_day": hours,
            "training_tokens": inputs.training_tokens,
            "training_hours": inputs.training_hours,
        },
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
        pays_back=pays_back,
        break_even_months=months,
        requests_per_day_to_save=to_save,
        requests_per_day_to_repay_in_horizon=to_repay,
        verdict=verdict,
        reason=reason,
        notes=notes,
        cumulative_before=[before * m for m in range(HORIZON_MONTHS + 1)],
        cumulative_after=[training + after * m for m in range(HORIZON_MONTHS + 1)],
    )


def _verdict(
    months: float | None, per_request: float, hosting: float, to_save: float | None
) -> tuple[str, str]:
    if months is not None:
        if months <= 1:
            return "pays back within the first month", "the monthly saving exceeds training"
        return f"pays back after {math.ceil(months)} months", f"{months:.1f} months of savings"
    if per_request <= 0:
        return (
            "does not pay back",
            "the fine-tuned model's token prices cost more per request than the shorter prompt "
            "saves, at any volume",
        )
    assert to_save is not None
    return (
        "does not pay back",
        "hosting alone costs more than the prompt tokens it saves; it would save money above "
        f"{whole_count(to_save)} requests per day",
    )


def whole_count(value: float) -> str:
    """A request volume in words: rounded up, with thousands separators."""
    return f"{math.ceil(value):,}"
