"""The cost result in words: text, Markdown, JSON, table rows and the chart."""

from __future__ import annotations

import json
import math
from typing import Any

from checker.cost.model import (
    DAYS_PER_MONTH,
    HORIZON_MONTHS,
    HOURS_PER_MONTH,
    PRICE_UNITS,
    CostResult,
    whole_count,
)
from checker.view import SvgElement, nice_step, svg_element


def _usd(value: float) -> str:
    sign = "-" if value < 0 else ""
    amount = f"{abs(value):,.2f}" if abs(value) < 1e6 else f"{abs(value):,.0f}"
    return f"{sign}${amount}"


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
            (
                "Volume to save",
                f"more than {whole_count(result.requests_per_day_to_save)} requests/day",
            )
        )
    if result.requests_per_day_to_repay_in_horizon is not None:
        rows.append(
            (f"Volume to repay in {HORIZON_MONTHS} months",
             f"{whole_count(result.requests_per_day_to_repay_in_horizon)} requests/day")
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
    step = nice_step(peak / 4)
    y_max = step * math.ceil(peak / step)

    def x(month: int) -> float:
        return round(left + plot_w * month / HORIZON_MONTHS, 1)

    def y(value: float) -> float:
        return round(top + plot_h * (1 - value / y_max), 1)

    def points(values: list[float]) -> str:
        return " ".join(f"{x(m)},{y(v)}" for m, v in enumerate(values))

    elements: list[SvgElement] = []

    def add(tag: str, text: str | None = None, **attrs: Any) -> None:
        elements.append(svg_element(tag, text, **attrs))

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


def _axis_usd(value: float) -> str:
    if value >= 1e6:
        return f"${value / 1e6:g}M"
    if value >= 1e3:
        return f"${value / 1e3:g}k"
    return f"${value:g}"
