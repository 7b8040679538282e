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
import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from checker.errors import InputError
from checker.facts import (
    DEFAULT_PROVIDER,
    DEPLOYMENTS,
    PRICE_KEYS,
    Facts,
    Model,
    ModelPrice,
    load_facts,
)
from checker.textsafe import one_line

DEFAULT_DEPLOYMENT = "global"  # the one deployment type whose prices are the same in every region
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
class CostInputs:
    model: str
    requests_per_day: float
    prompt_tokens: float
    prompt_tokens_after: float
    output_tokens: float
    provider: str = DEFAULT_PROVIDER
    deployment: str = DEFAULT_DEPLOYMENT
    training_tokens: int | None = None
    """Tokens of the training file, one epoch (billing multiplies by epochs)."""
    epochs: int | None = None
    training_hours: float | None = None
    """Reinforcement fine-tuning is billed by training time instead of tokens."""
    hosting_hours_per_day: float = 24.0
    prices: Mapping[str, float] = field(default_factory=dict)
    """Overrides, by key of PRICE_KEYS, in US dollars."""


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


def number(value: Any, what: str, *, whole: bool = False, positive: bool = False) -> float:
    """``value`` as a finite number of 0 or more, or an InputError naming ``what``."""
    if isinstance(value, bool):
        raise InputError(f"{what}: {value!r} is not a number")
    try:
        result = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{what}: {one_line(str(value), 40)!r} is not a number") from None
    if not math.isfinite(result) or result < 0:
        raise InputError(f"{what}: {one_line(str(value), 40)} must be a number of 0 or more")
    if positive and result <= 0:
        raise InputError(f"{what}: must be more than 0")
    if whole and result != int(result):
        raise InputError(f"{what}: {one_line(str(value), 40)} must be a whole number")
    return result


def parse_price(text: str) -> tuple[str, float]:
    """``KEY=VALUE`` from the command line or the page."""
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep:
        raise InputError(f"--price {one_line(text, 60)!r}: expected KEY=VALUE")
    if key not in PRICE_KEYS:
        close = difflib.get_close_matches(key, PRICE_KEYS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; keys: {', '.join(PRICE_KEYS)}"
        raise InputError(f"--price: unknown price {one_line(key, 60)!r}{hint}")
    return key, number(value.strip(), f"--price {key}")


_REQUEST_FIELDS = {
    "training_tokens": "training tokens",
    "epochs": "epochs",
    "training_hours": "training hours",
    "requests_per_day": "requests per day",
    "prompt_tokens": "prompt tokens",
    "prompt_tokens_after": "prompt tokens after",
    "output_tokens": "output tokens",
    "hosting_hours_per_day": "hosting hours per day",
}


def request_inputs(request: Any) -> CostInputs:
    """CostInputs from the page's form (a JSON object whose numbers may arrive as text; empty
    fields are absent), with the same one-line errors as the command line."""
    if not isinstance(request, dict):
        raise InputError("the request must be a JSON object")

    def given(key: str) -> Any:
        value = request.get(key)
        return None if value is None or (isinstance(value, str) and not value.strip()) else value

    values: dict[str, Any] = {}
    for key, label in _REQUEST_FIELDS.items():
        value = given(key)
        if value is None:
            if key in ("requests_per_day", "prompt_tokens", "prompt_tokens_after", "output_tokens"):
                raise InputError(f"{label}: missing")
            continue
        whole = key in ("training_tokens", "epochs")
        number_ = number(value, label, whole=whole, positive=key == "epochs")
        values[key] = int(number_) if whole else number_
    raw_prices = request.get("prices") or {}
    if not isinstance(raw_prices, dict):
        raise InputError("prices must be an object of KEY: VALUE")
    prices = {}
    for key, value in raw_prices.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        name, amount = parse_price(f"{key}={value}")
        prices[name] = amount
    return CostInputs(
        model=str(given("model") or ""),
        provider=str(given("provider") or DEFAULT_PROVIDER),
        deployment=str(given("deployment") or DEFAULT_DEPLOYMENT),
        prices=prices,
        **values,
    )


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


def price_fields(facts: Facts, names: list[str]) -> dict[str, dict[str, Any]]:
    """``stated_prices`` for every provider/model/deployment the cost page offers, keyed
    ``"provider/model/deployment"``; the key ``""`` is for a model the provider does not have."""
    fields: dict[str, dict[str, Any]] = {
        "": {"values": {}, "note": "This provider does not offer that model."}
    }
    for provider in facts.providers:
        for name in names:
            try:
                model = facts.model(name, provider)
            except InputError:
                continue
            for deployment in DEPLOYMENTS:
                fields[f"{provider}/{name}/{deployment}"] = stated_prices(facts, model, deployment)
    return fields


def stated_prices(facts: Facts, model: Model, deployment: str) -> dict[str, Any]:
    """What the cost page shows beside its price fields for ``model`` and ``deployment``: the
    prices facts.toml states (as text, for the fields' placeholders) and where they come from."""
    entry = facts.prices_of(model, deployment)
    if entry is None:
        return {
            "values": {},
            "note": f"No price for {model.name} ({deployment} deployment) is stated here: enter "
            "each price from your provider's pricing page or your contract.",
        }
    note = f"Empty fields use the prices stated for {model.name} ({deployment} deployment): "
    note += price_origin(entry).removeprefix("facts.toml: ") + "."
    if entry.secondary:
        assert entry.confirm is not None
        note += (
            f" That source is a copy of the provider's price list ({entry.dated.source.url}), not"
            f" the provider's own page: confirm the prices on the {entry.confirm.title}"
            f" ({entry.confirm.url}) and type any that differ."
        )
    if entry.illustrative:
        note += " They are the provider's example, not its price list."
    return {"values": {k: f"{v:g}" for k, v in entry.values.items()}, "note": note}


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
        f"{_count(to_save)} requests per day",
    )


def _usd(value: float) -> str:
    sign = "-" if value < 0 else ""
    amount = f"{abs(value):,.2f}" if abs(value) < 1e6 else f"{abs(value):,.0f}"
    return f"{sign}${amount}"


def _count(value: float) -> str:
    return f"{math.ceil(value):,}"


def headline(result: CostResult) -> str:
    """One sentence: the answer."""
    if result.pays_back:
        return f"Fine-tuning {result.model} {result.verdict}."
    return f"Fine-tuning {result.model} {result.verdict}: {result.reason}."


def _lines(result: CostResult) -> list[tuple[str, str]]:
    rows = []
    if result.billed_training_tokens is not None:
        epochs = f"{result.epochs} epochs{' (assumed)' if result.epochs_assumed else ''}"
        rows.append(
            ("Training (one-off)", f"{_usd(result.training_cost)} for "
             f"{result.billed_training_tokens:,} billed tokens, {epochs}")
        )  # fmt: skip
    else:
        hours = result.inputs["training_hours"]
        rows.append(("Training (one-off)", f"{_usd(result.training_cost)} for {hours:g} hours"))
    rows += [
        ("Hosting per month", f"{_usd(result.hosting_per_month)} ({result.deployment} deployment)"),
        ("Base model per month", _usd(result.before_per_month)),
        ("Fine-tuned per month", f"{_usd(result.after_per_month)} (inference "
         f"{_usd(result.inference_after_per_month)} + hosting {_usd(result.hosting_per_month)})"),
        ("Saving per month", _usd(result.saving_per_month)),
    ]  # fmt: skip
    months = result.break_even_months
    if months is not None:
        days = math.ceil(months * DAYS_PER_MONTH)
        when = f"{months:.1f} months" if months >= 1 else f"{days} day{'s' if days > 1 else ''}"
        rows.append(("Break-even", when))
    else:
        rows.append(("Break-even", "never at this volume"))
    if result.requests_per_day_to_save is not None:
        rows.append(
            ("Volume to save", f"more than {_count(result.requests_per_day_to_save)} requests/day")
        )
    if result.requests_per_day_to_repay_in_horizon is not None:
        rows.append(
            (f"Volume to repay in {HORIZON_MONTHS} months",
             f"{_count(result.requests_per_day_to_repay_in_horizon)} requests/day")
        )  # fmt: skip
    return rows


def _price_lines(result: CostResult) -> list[str]:
    """One line per price; the origin is said once when every price shares it."""
    origins = {(p.origin, p.illustrative) for p in result.prices}
    if len(origins) == 1:
        origin, illustrative = origins.pop()
        said = f"{origin}{', illustrative' if illustrative else ''}"
        return [f"{p.key} = {p.usd:g} ({PRICE_UNITS[p.key]})" for p in result.prices] + [
            f"all from {said}"
        ]
    return [
        f"{p.key} = {p.usd:g} ({PRICE_UNITS[p.key]}; {p.origin}"
        f"{', illustrative' if p.illustrative else ''})"
        for p in result.prices
    ]


def cost_text(result: CostResult) -> str:
    width = max(len(label) for label, _ in _lines(result))
    out = [headline(result), ""]
    out += [f"{label.ljust(width)}  {value}" for label, value in _lines(result)]
    out += ["", "Prices used:"] + [f"  {line}" for line in _price_lines(result)]
    out += [f"Note: {note}" for note in result.notes]
    out.append(f"A month is {HOURS_PER_MONTH:g} hours; amounts in US dollars.")
    return "\n".join(out) + "\n"


def cost_markdown(result: CostResult) -> str:
    out = [f"# Fine-tuning cost: {result.model} ({result.provider})", "", f"**{headline(result)}**"]
    out += ["", "| | |", "|---|---|"]
    out += [f"| {label} | {value} |" for label, value in _lines(result)]
    out += ["", "Prices used:", ""] + [f"- {line}" for line in _price_lines(result)]
    out += [""] + [f"- Note: {note}" for note in result.notes]
    out.append(f"\nA month is {HOURS_PER_MONTH:g} hours; amounts in US dollars.")
    return "\n".join(out) + "\n"


def cost_json(result: CostResult) -> str:
    data = result.to_dict()
    data["headline"] = headline(result)
    return json.dumps(data, indent=2, ensure_ascii=False)


def cost_chart(result: CostResult) -> dict[str, Any]:
    """Cumulative cost of both options over the horizon, as an SVG chart described by data:
    ``{"width", "height", "title", "elements": [{"tag", "attrs", "text"?}]}``. The page draws it
    with createElementNS and textContent; all text in it is ours (numbers and fixed labels)."""
    width, height = 640, 330
    left, right, top, bottom = 76, 16, 40, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(*result.cumulative_before, *result.cumulative_after, 1.0)
    step = _nice_step(peak / 4)
    y_max = step * math.ceil(peak / step)

    def x(month: int) -> float:
        return round(left + plot_w * month / HORIZON_MONTHS, 1)

    def y(value: float) -> float:
        return round(top + plot_h * (1 - value / y_max), 1)

    def points(values: list[float]) -> str:
        return " ".join(f"{x(m)},{y(v)}" for m, v in enumerate(values))

    elements: list[dict[str, Any]] = []

    def add(tag: str, text: str | None = None, **attrs: Any) -> None:
        item: dict[str, Any] = {
            "tag": tag,
            "attrs": {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()},
        }
        if text is not None:
            item["text"] = text
        elements.append(item)

    for i in range(round(y_max / step) + 1):
        value = step * i
        add("line", x1=left, x2=width - right, y1=y(value), y2=y(value), class_="ftr-chart__grid")
        add("text", _axis_usd(value), x=left - 6, y=y(value) + 4, text_anchor="end",
            class_="ftr-chart__label")  # fmt: skip
    for month in range(0, HORIZON_MONTHS + 1, 6):
        add("text", str(month), x=x(month), y=height - bottom + 18, text_anchor="middle",
            class_="ftr-chart__label")  # fmt: skip
    add("text", "months from now", x=left + plot_w / 2, y=height - 8, text_anchor="middle",
        class_="ftr-chart__label")  # fmt: skip
    add("text", "cumulative cost (US$)", x=8, y=top - 10, class_="ftr-chart__label")
    add("line", x1=left, x2=left, y1=top, y2=top + plot_h, class_="ftr-chart__axis")
    add("line", x1=left, x2=width - right, y1=top + plot_h, y2=top + plot_h,
        class_="ftr-chart__axis")  # fmt: skip
    add("polyline", points=points(result.cumulative_before), class_="ftr-chart__before")
    add("polyline", points=points(result.cumulative_after), class_="ftr-chart__after")
    legend_y = 14
    add("line", x1=200, x2=222, y1=legend_y - 4, y2=legend_y - 4, class_="ftr-chart__before")
    add("text", "base model, current prompt", x=228, y=legend_y, class_="ftr-chart__label")
    add("line", x1=410, x2=432, y1=legend_y - 4, y2=legend_y - 4, class_="ftr-chart__after")
    add("text", "fine-tuned model", x=438, y=legend_y, class_="ftr-chart__label")
    return {"width": width, "height": height, "title": _chart_title(result), "elements": elements}


def cost_rows(result: CostResult) -> list[list[str]]:
    """The report as (label, value) rows, for the page's table."""
    return [[label, value] for label, value in _lines(result)] + [
        ["Prices used", "; ".join(_price_lines(result))]
    ]


def _chart_title(result: CostResult) -> str:
    return (
        f"Cumulative cost over {HORIZON_MONTHS} months: base model "
        f"{_usd(result.cumulative_before[-1])}, fine-tuned {_usd(result.cumulative_after[-1])}"
    )


def _nice_step(raw: float) -> float:
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power


def _axis_usd(value: float) -> str:
    if value >= 1e6:
        return f"${value / 1e6:g}M"
    if value >= 1e3:
        return f"${value / 1e3:g}k"
    return f"${value:g}"
