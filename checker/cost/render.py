"""The cost result in words: text and Markdown reports, JSON, the page's rows and price table, the
chart, and the two ways of saying how to give a missing input (command line, page)."""

from __future__ import annotations

import json
import math
from typing import Any

from checker.cost.inputs import FIELD, PRICE_LABELS, FieldError, MissingInput, field_label
from checker.cost.model import (
    DAYS_PER_MONTH,
    HORIZON_MONTHS,
    HOURS_PER_MONTH,
    CostResult,
    usd,
    whole_count,
)
from checker.cost.prices import GIVEN, PRICE_UNITS, PriceUsed
from checker.errors import InputError
from checker.textsafe import plural
from checker.view import SvgElement, nice_step, svg_element


def headline(result: CostResult) -> str:
    """One sentence: the answer."""
    replaces = (
        f" to replace prompted {result.baseline_model}"
        if result.baseline_model and result.baseline_model != result.model
        else ""
    )
    if result.pays_back:
        return f"Fine-tuning {result.model}{replaces} {result.verdict}."
    return f"Fine-tuning {result.model}{replaces} {result.verdict}: {result.reason}."


def _months(value: float) -> str:
    if value >= 1:
        return f"{value:.1f} months"
    days = max(1, math.ceil(value * DAYS_PER_MONTH))
    return f"{days} day{'s' if days > 1 else ''}"


def _hosting(result: CostResult) -> str:
    if result.deployment == "none":
        return f"none: no hourly fee is stated for a fine-tuned model at {result.provider_name}"
    return f"{usd(result.hosting_per_month)} ({result.deployment} deployment)"


def _training(result: CostResult) -> str:
    if result.billed_training_tokens is not None:
        epochs = plural(result.epochs or 0, "epoch") + (
            " (assumed)" if result.epochs_assumed else ""
        )
        return (
            f"{usd(result.training_cost)} a run for {result.billed_training_tokens:,} billed "
            f"tokens, {epochs}"
        )
    hours = result.inputs["training_hours"]
    grader = result.inputs["grader_input_tokens"] + result.inputs["grader_output_tokens"]
    with_grader = f" and {grader:,.0f} grader tokens" if grader else ""
    cap = f"; the job pauses at {usd(result.rft_pause_usd)}" if result.rft_pause_usd else ""
    return f"{usd(result.training_cost)} a run for {hours:g} hours{with_grader}{cap}"


def _flips(result: CostResult) -> list[tuple[str, str]]:
    """What would change the answer: the prompt size and the price change at which it flips."""
    rows = []
    prompt = result.prompt_tokens_after_to_flip
    if result.pays_back:
        if prompt is not None:
            said = f"it stops paying back above {math.floor(prompt):,} prompt tokens"
            rows.append(("Tuned prompt that flips it", said))
    elif result.saving_per_request >= 0 or prompt is not None:
        said = (
            f"it would pay back at {math.floor(prompt):,} prompt tokens or fewer"
            if prompt is not None
            else "no shorter prompt is enough"
        )
        rows.append(("Tuned prompt that flips it", said))
    change = result.base_price_change_to_flip
    if change is not None and change > -1:
        if result.pays_back:
            way, verb = ("fall" if change < 0 else "rise"), "it stops paying back if"
        else:
            way, verb = ("fell" if change < 0 else "rose"), "it would pay back if"
        said = f"{verb} the prompted model's token prices {way} by {abs(change):.0%}"
        rows.append(("Price change that flips it", said))
    return rows


def _lines(result: CostResult) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    if result.baseline_model and result.baseline_model != result.model:
        rows.append(("Replaces", f"prompted {result.baseline_model}"))
    training, *others = result.one_offs
    if result.inputs["training_runs"] == 1:
        rows.append(("Training (one-off)", _training(result)))
    else:
        rows.append((f"{training.label} (one-off)", f"{usd(training.usd)}: {_training(result)}"))
    for item in others:
        rows.append((f"{item.label} (one-off)", f"{usd(item.usd)}: {item.detail}"))
    if len(result.one_offs) > 1:
        rows.append(("One-off costs in all", usd(result.one_off_cost)))
    if not result.payback_applies:  # a test: its cost per day, no monthly comparison
        assert result.cost_per_test_day is not None
        rows.append(("Hosting", f"none: a {result.deployment} deployment has no hourly fee"))
        rows.append(("Cost per day of testing", usd(result.cost_per_test_day)))
        return rows
    rows += [
        ("Hosting per month", _hosting(result)),
        ("Prompted model per month", usd(result.before_per_month)),
        ("Fine-tuned per month", f"{usd(result.after_per_month)} (inference "
         f"{usd(result.inference_after_per_month)} + hosting {usd(result.hosting_per_month)})"),
        ("Saving per month", usd(result.saving_per_month)),
    ]  # fmt: skip
    horizon = f"{result.horizon_months:.1f} months"
    if result.horizon_cut:
        horizon += f": fine-tuned deployments stop serving on {result.serving_until}"
    rows.append(("Horizon", horizon if result.horizon_cut else f"{HORIZON_MONTHS} months"))
    months = result.break_even_months
    if months is None:
        rows.append(("Break-even", "never at this volume"))
    elif result.pays_back:
        rows.append(("Break-even", _months(months)))
    else:
        rows.append(("Break-even", f"{_months(months)}, beyond the horizon"))
    if result.retraining_cost is not None:
        rows.append(("Re-training on a successor", f"{usd(result.retraining_cost)} when the "
                     f"deployments retire on {result.serving_until}, at this model's prices "
                     "today (a successor's are not known)"))  # fmt: skip
    to_save, to_repay = result.requests_per_day_to_save, result.requests_per_day_to_repay_in_horizon
    if to_save is not None:
        at_any = to_save <= 0  # no fixed monthly cost: every request saves
        volume = "any volume" if at_any else f"more than {whole_count(to_save)} requests/day"
        rows.append(("Volume to save", volume))
    if to_repay is not None:
        rows.append(("Volume to repay in the horizon", f"{whole_count(to_repay)} requests/day"))
    return rows + _flips(result)


def _origin(price: PriceUsed) -> str:
    return "given by you" if price.origin == GIVEN else price.origin


def _price_lines(result: CostResult) -> list[str]:
    """One line per price, by its command-line key; the origin is said once when shared."""
    origins = {(p.origin, p.illustrative) for p in result.prices}
    owner = {
        p.key: f", {p.model}" if p.model and p.model != result.model else "" for p in result.prices
    }
    if len(origins) == 1:
        origin, illustrative = origins.pop()
        said = "all given by you" if origin == GIVEN else f"all from {origin}"
        said += ", illustrative" if illustrative else ""
        return [
            f"{p.key} = {p.usd:g} ({PRICE_UNITS[p.key]}{owner[p.key]})" for p in result.prices
        ] + [said]
    return [
        f"{p.key} = {p.usd:g} ({PRICE_UNITS[p.key]}{owner[p.key]}; {_origin(p)}"
        f"{', illustrative' if p.illustrative else ''})"
        for p in result.prices
    ]


def price_rows(result: CostResult) -> list[dict[str, Any]]:
    """The prices used, one dict each: what, amount, whose, source (title, url), dates."""
    rows = []
    for p in result.prices:
        what, _, unit = PRICE_LABELS[p.key].partition(", ")
        if p.origin == GIVEN:
            source, dates = "your figure", ""
        else:
            source = p.source_title or p.origin
            dates = f"checked {p.checked}"
            if p.as_of:
                dates = f"prices as of {p.as_of}, {dates}"
            if p.illustrative:
                dates += " (an example)"
        rows.append({
            "what": what, "amount": f"${p.usd:g} {unit}".strip(), "model": p.model,
            "source": source, "url": p.source_url, "confirm_url": p.confirm_url, "dates": dates,
        })  # fmt: skip
    return rows


def price_table(result: CostResult) -> dict[str, Any]:
    """The prices used as the page shows them, narrow enough for a phone: ``rows`` of [price,
    amount] and each distinct ``source`` once (title, url, dates, confirm_url)."""
    rows, sources = [], []
    for row in price_rows(result):
        whose = "your figure" if row["source"] == "your figure" else row["model"]
        rows.append([f"{row['what']} ({whose})", row["amount"]])
        if row["source"] != "your figure":
            source = {k: row[k] for k in ("source", "url", "dates", "confirm_url")}
            if source not in sources:
                sources.append(source)
    return {"rows": rows, "sources": sources}


def cost_text(result: CostResult) -> str:
    width = max(len(label) for label, _ in _lines(result))
    out = [headline(result), ""]
    out += [f"{label.ljust(width)}  {value}" for label, value in _lines(result)]
    out += ["", "Prices used:"] + [f"  {line}" for line in _price_lines(result)]
    out += [f"  {line}" for line in _source_lines(result)]
    out += [f"Note: {note}" for note in result.notes]
    out.append(f"A month is {HOURS_PER_MONTH:g} hours; amounts in US dollars.")
    return "\n".join(out) + "\n"


def _source_lines(result: CostResult) -> list[str]:
    """Where to read the stated prices, and where to confirm them, once each."""
    lines = [f"source: {url}" for url in dict.fromkeys(p.source_url for p in result.prices) if url]
    confirm = dict.fromkeys(p.confirm_url for p in result.prices if p.confirm_url)
    return lines + [f"confirm them on: {url}" for url in confirm if url]


def cost_markdown(result: CostResult) -> str:
    out = [f"# Fine-tuning cost: {result.model} ({result.provider})", "", f"**{headline(result)}**"]
    out += ["", "| | |", "|---|---|"]
    out += [f"| {label} | {value} |" for label, value in _lines(result)]
    out += [
        "",
        "Prices used:",
        "",
        "| price | amount | model | source | dates |",
        "|---|---|---|---|---|",
    ]
    for row in price_rows(result):
        source = f"[{row['source']}]({row['url']})" if row["url"] else row["source"]
        out.append(
            f"| {row['what']} | {row['amount']} | {row['model']} | {source} | {row['dates']} |"
        )
    out += [""] + [f"- Note: {note}" for note in result.notes]
    out.append(f"\nA month is {HOURS_PER_MONTH:g} hours; amounts in US dollars.")
    return "\n".join(out) + "\n"


def cost_json(result: CostResult) -> str:
    data = result.to_dict()
    data["headline"] = headline(result)
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)


def cost_rows(result: CostResult) -> list[list[str]]:
    """The report as (label, value) rows, for the page's table."""
    return [[label, value] for label, value in _lines(result)]


def cli_message(error: InputError) -> str:
    """An error as the command line says it: how to give a missing input is an option."""
    if not isinstance(error, MissingInput):
        return str(error)
    flags = []
    for name in error.fields:
        if name.startswith("price:"):
            flags.append(f"--price {name.removeprefix('price:')}=VALUE")
        elif name == "training_tokens":
            flags.append("--train FILE or --training-tokens N")
        else:
            flags.append(f"{FIELD[name].option} N")
    dollars = " (US dollars)" if any(f.startswith("price:") for f in error.fields) else ""
    return f"{error.what}: pass {' '.join(flags)}{dollars}{error.after}"


def page_message(error: InputError) -> tuple[str, tuple[str, ...]]:
    """An error as the page says it, and the form fields it is about (fields' names, or
    ``price:KEY``), if any."""
    if isinstance(error, FieldError):
        return str(error), (error.field,)
    if not isinstance(error, MissingInput):
        return str(error), ()
    if len(error.fields) > 2:
        named = f"the {len(error.fields)} fields marked below"
    else:
        named = " and ".join(f"“{field_label(name)}”" for name in error.fields)
    if all(name.startswith("price:") for name in error.fields):
        text = f"{error.what}: type {named} under Prices, in US dollars{error.after}"
    else:
        text = f"{error.what}: fill in {named}{error.after}"
    return text, error.fields


def cost_chart(result: CostResult) -> dict[str, Any]:
    """Cumulative cost of both options over the horizon, as an SVG chart described by data:
    ``{"width", "height", "title", "elements": [{"tag", "attrs", "text"?}]}``. The page draws it
    with createElementNS and textContent; all text in it is ours (numbers and fixed labels).
    Drawn small (360 units wide) so its 12-unit labels stay readable on a 390-pixel phone."""
    if not result.payback_applies:
        title = "No chart: a Developer deployment is a test, priced per day of testing"
        return {"width": 360, "height": 0, "title": title, "elements": []}
    width, height = 360, 300
    left, right, top, bottom = 52, 12, 52, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    months = list(result.months) or [0.0, 1.0]
    span = months[-1] or 1.0
    peak = max(*result.cumulative_before, *result.cumulative_after, 1.0)
    step = nice_step(peak / 4)
    y_max = step * math.ceil(peak / step)

    def x(month: float) -> float:
        return round(left + plot_w * month / span, 1)

    def y(value: float) -> float:
        return round(top + plot_h * (1 - value / y_max), 1)

    def points(values: list[float]) -> str:
        return " ".join(f"{x(m)},{y(v)}" for m, v in zip(months, values, strict=True))

    elements: list[SvgElement] = []

    def add(tag: str, text: str | None = None, **attrs: Any) -> None:
        elements.append(svg_element(tag, text, **attrs))

    for i in range(round(y_max / step) + 1):
        value = step * i
        add("line", x1=left, x2=width - right, y1=y(value), y2=y(value), class_="ftr-chart__grid")
        add("text", _axis_usd(value), x=left - 6, y=y(value) + 4, text_anchor="end",
            class_="ftr-chart__label")  # fmt: skip
    tick = 6 if span >= 12 else 3 if span >= 6 else 1
    for month in range(0, math.floor(span) + 1, tick):
        add("text", str(month), x=x(month), y=height - bottom + 18, text_anchor="middle",
            class_="ftr-chart__label")  # fmt: skip
    add("text", "months from now", x=left + plot_w / 2, y=height - 4, text_anchor="middle",
        class_="ftr-chart__label")  # fmt: skip
    add("line", x1=left, x2=left, y1=top, y2=top + plot_h, class_="ftr-chart__axis")
    add("line", x1=left, x2=width - right, y1=top + plot_h, y2=top + plot_h,
        class_="ftr-chart__axis")  # fmt: skip
    add("polyline", points=points(result.cumulative_before), class_="ftr-chart__before")
    add("polyline", points=points(result.cumulative_after), class_="ftr-chart__after")
    for row, (css, label) in enumerate(
        (("ftr-chart__before", "prompted model, today's prompt"),
         ("ftr-chart__after", "fine-tuned model, with one-off costs"))
    ):  # fmt: skip
        base = 14 + 17 * row
        add("line", x1=8, x2=30, y1=base - 4, y2=base - 4, class_=css)
        add("text", label, x=36, y=base, class_="ftr-chart__label")
    return {"width": width, "height": height, "title": _chart_title(result), "elements": elements}


def _chart_title(result: CostResult) -> str:
    span = f"{result.horizon_months:.1f}" if result.horizon_cut else f"{HORIZON_MONTHS}"
    return (
        f"Cumulative cost over {span} months: prompted model "
        f"{usd(result.cumulative_before[-1])}, fine-tuned {usd(result.cumulative_after[-1])}"
    )


def _axis_usd(value: float) -> str:
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if value >= size:
            return f"${value / size:g}{suffix}"
    return f"${value:g}"
