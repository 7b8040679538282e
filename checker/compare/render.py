"""A Comparison as the reader sees it: its view (sentence, rows, notes, evidence, chart) and that
view as text, Markdown or JSON. The two models are called "baseline" and "fine-tuned" everywhere
a reader looks; ``candidate`` is only the name of the input column and of the JSON key."""

from __future__ import annotations

import json
import math

from checker.compare.comparison import Comparison, Estimate
from checker.view import Chart, LegendEntry, SvgElement, View, nice_step, svg_element
from checker.view import view_markdown as _view_markdown
from checker.view import view_text as _view_text

MODELS = ("Baseline", "Fine-tuned")


def _share(value: float, kind: str) -> str:
    return f"{value:.1%}" if kind == "pass/fail" else f"{value:.4g}"


def _signed(value: float, kind: str) -> str:
    """A difference: for pass rates in percentage points, not a percentage of something."""
    return f"{value * 100:+.1f} points" if kind == "pass/fail" else f"{value:+.4g}"


def _estimate(estimate: Estimate, kind: str, signed: bool = False) -> str:
    show = _signed if signed else _share
    return (
        f"{show(estimate.estimate, kind)}  "
        f"(95% interval {show(estimate.low, kind)} to {show(estimate.high, kind)})"
    )


def _p(value: float) -> str:
    return f"p = {value:.4f}" if value >= 0.0001 else "p < 0.0001"


def chance_in_words(p_value: float, alpha: float) -> str:
    """The p-value said plainly: how often equally good models would show a gap this large."""
    if p_value < 0.001:
        return (
            "Very unlikely: if both models were equally good, a gap this large would turn up "
            "less than once in 1,000 comparisons"
        )
    if p_value < alpha:
        return (
            "Unlikely: if both models were equally good, a gap this large would turn up about "
            f"once in {round(1 / p_value):,} comparisons"
        )
    return (
        "Quite possible: if both models were equally good, a gap this large would still turn "
        f"up in about {math.floor(100 * p_value + 0.5)} of 100 comparisons"
    )


def comparison_rows(result: Comparison) -> list[tuple[str, str]]:
    """(label, value) pairs shared by the text and Markdown views and the web page."""
    kind = result.kind
    mde = result.minimum_detectable_effect
    baseline, fine_tuned = MODELS
    rows = [
        (
            "Items",
            f"{result.items} ({kind}" + (f", metric {result.metric})" if result.metric else ")"),
        ),
        (baseline, _estimate(result.baseline, kind)),
        (fine_tuned, _estimate(result.candidate, kind)),
        ("Difference (fine-tuned - baseline)", _estimate(result.difference, kind, signed=True)),
    ]
    if result.counts:
        counts = result.counts
        rows.append(
            (
                "Agreement",
                f"both right {counts.both_right}, only baseline right {counts.only_baseline}, "
                f"only fine-tuned right {counts.only_candidate}, both wrong {counts.both_wrong}",
            )
        )
    p_value = result.test.p_value
    rows += [
        (
            "Chance",
            f"{chance_in_words(p_value, result.alpha)} ({_p(p_value)}, {result.test.name})",
        ),
        (
            "Smallest detectable difference",
            ("not estimable" if mde.value is None else _signed(mde.value, kind).lstrip("+"))
            + "  (80% power, two-sided alpha 0.05)",
        ),
    ]
    if result.verdict.startswith("no detectable") and mde.items_for_observed:
        rows.append(
            (
                "Items to detect this difference",
                f"about {mde.items_for_observed:,} (80% power, at the spread seen here)",
            )
        )
    rows += [
        ("Model intervals", result.baseline.method),
        ("Difference interval", result.difference.method),
    ]
    return rows


def verdict_sentence(result: Comparison) -> str:
    """The answer in one plain sentence, with both scores."""
    kind = result.kind
    fine_tuned, baseline = (_share(m.estimate, kind) for m in (result.candidate, result.baseline))
    scores = (
        f"{fine_tuned} against {baseline} on {result.items:,} items "
        f"({_signed(result.difference.estimate, kind)})"
    )
    if result.verdict == "better":
        return (
            f"The fine-tuned model is better than the baseline: {scores}, a gap unlikely to be "
            "chance."
        )
    if result.verdict == "worse":
        return (
            f"The fine-tuned model is worse than the baseline: {scores}, a gap unlikely to be "
            "chance."
        )
    return f"No detectable difference at this sample size: {scores}, a gap that could be chance."


# The chart's geometry, in SVG user units: row names on the left, value labels on the right so
# they never sit on an interval's end mark.
WIDTH, LEFT, RIGHT = 600, 100, 110
PLOT = WIDTH - LEFT - RIGHT
BAR_HEIGHT = 22
ROW_STEP = 36
MODELS_AXIS_Y = 84
DIFFERENCE_Y = 145
DIFFERENCE_AXIS_Y = 180
HEIGHT = 204


def _axis_range(low: float, high: float, ticks: int) -> tuple[float, float, float]:
    """A range from round numbers that holds [low, high] and includes zero, and its step."""
    low, high = min(low, 0.0), max(high, 0.0)
    step = nice_step(max(high - low, 1e-9) / ticks)
    return step * math.floor(low / step + 1e-9), step * math.ceil(high / step - 1e-9), step


def _tick_label(value: float, kind: str, signed: bool) -> str:
    value = round(value, 12) + 0.0  # no "-0"
    if signed and not value:
        return "0"
    if kind == "pass/fail":
        return f"{value * 100:+g} points" if signed else f"{value * 100:g}%"
    return f"{value:+g}" if signed else f"{value:g}"


class _Scale:
    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high

    def __call__(self, value: float) -> float:
        return round(LEFT + (value - self.low) / (self.high - self.low or 1) * PLOT, 1)


def _interval(x: _Scale, estimate: Estimate, y: float) -> list[SvgElement]:
    whisker = "ftr-chart__whisker"
    return [
        svg_element("line", x1=x(estimate.low), x2=x(estimate.high), y1=y, y2=y, class_=whisker),
        *(
            svg_element("line", x1=x(end), x2=x(end), y1=y - 6, y2=y + 6, class_=whisker)
            for end in (estimate.low, estimate.high)
        ),
    ]


def _name_and_value(name: str, value: str, y: float) -> list[SvgElement]:
    """A row's name at the left edge and its value right of the plot, on one text baseline."""
    return [
        svg_element("text", name, x=0, y=y, class_="ftr-chart__label"),
        svg_element("text", value, x=WIDTH - RIGHT + 10, y=y, class_="ftr-chart__value"),
    ]


def _axis(x: _Scale, step: float, y: float, kind: str, signed: bool) -> list[SvgElement]:
    count = round((x.high - x.low) / step)
    values = [x.low + step * i for i in range(count + 1)]
    elements = [svg_element("line", x1=LEFT, x2=LEFT + PLOT, y1=y, y2=y, class_="ftr-chart__axis")]
    for index, value in enumerate(values):
        anchor = "start" if index == 0 else "end" if index == count else "middle"
        elements += [
            svg_element("line", x1=x(value), x2=x(value), y1=y, y2=y + 4, class_="ftr-chart__axis"),
            svg_element(
                "text",
                _tick_label(value, kind, signed),
                x=x(value),
                y=y + 16,
                text_anchor=anchor,
                class_="ftr-chart__tick",
            ),
        ]
    return elements


LEGEND = (
    LegendEntry(
        "bar: each model's score",
        (svg_element("rect", x=0, y=1, width=24, height=10, class_="ftr-chart__bar"),),
    ),
    LegendEntry(
        "line with end marks: its 95% interval",
        tuple(
            svg_element("line", x1=x1, x2=x2, y1=y1, y2=y2, class_="ftr-chart__whisker")
            for x1, x2, y1, y2 in ((2, 22, 6, 6), (2, 2, 1, 11), (22, 22, 1, 11))
        ),
    ),
    LegendEntry(
        "dot: the difference, fine-tuned minus baseline",
        (svg_element("circle", cx=12, cy=6, r=5, class_="ftr-chart__point"),),
    ),
    LegendEntry(
        "dashed line: no difference",
        (svg_element("line", x1=12, x2=12, y1=0, y2=12, class_="ftr-chart__zero"),),
    ),
)


def comparison_chart(result: Comparison) -> Chart:
    """Each model's score and interval on one axis from zero, and the difference on a second axis
    centred on zero; the ticks are round numbers."""
    kind = result.kind
    models = (result.baseline, result.candidate)
    if kind == "pass/fail":
        low, high, step = 0.0, 1.0, 0.2
    else:
        low, high, step = _axis_range(min(m.low for m in models), max(m.high for m in models), 5)
    x = _Scale(low, high)
    elements: list[SvgElement] = []
    for index, (name, estimate) in enumerate(zip(MODELS, models, strict=True)):
        y = 10 + index * ROW_STEP
        start, end = sorted((x(0.0), x(estimate.estimate)))
        bar = svg_element(
            "rect", x=start, y=y, width=round(end - start, 1), height=BAR_HEIGHT,
            class_="ftr-chart__bar",
        )  # fmt: skip
        elements += [
            *_name_and_value(name, _share(estimate.estimate, kind), y + 15),
            bar,
            *_interval(x, estimate, y + BAR_HEIGHT / 2),
        ]
    elements += _axis(x, step, MODELS_AXIS_Y, kind, signed=False)
    d = result.difference
    # A little room past the farthest end, so a dot or an end mark never sits on the frame.
    farthest = 1.05 * max(abs(d.low), abs(d.high), abs(d.estimate))
    _, reach, reach_step = _axis_range(0.0, farthest, 2)
    dx = _Scale(-reach, reach)
    y = DIFFERENCE_Y
    elements += [
        *_name_and_value("Difference", _signed(d.estimate, kind), y + 4),
        svg_element("line", x1=dx(0), x2=dx(0), y1=y - 20, y2=y + 30, class_="ftr-chart__zero"),
        *_interval(dx, d, y),
        svg_element("circle", cx=dx(d.estimate), cy=y, r=5, class_="ftr-chart__point"),
        *_axis(dx, reach_step, DIFFERENCE_AXIS_Y, kind, signed=True),
    ]
    title = (
        f"Baseline {_share(result.baseline.estimate, kind)}, fine-tuned "
        f"{_share(result.candidate.estimate, kind)}, difference "
        f"{_signed(d.estimate, kind)}; lines show 95% intervals"
    )
    return Chart(WIDTH, HEIGHT, title, tuple(elements), legend=LEGEND)


def comparison_view(result: Comparison) -> View:
    return View(
        code=result.verdict,
        verdict=verdict_sentence(result),
        rows=tuple(comparison_rows(result)),
        notes=result.notes,
        evidence=result.checklist_evidence(),
        chart=comparison_chart(result),
    )


def comparison_text(result: Comparison) -> str:
    return _view_text(comparison_view(result))


def comparison_markdown(result: Comparison) -> str:
    return _view_markdown(comparison_view(result), "Fine-tuned model against its baseline")


def comparison_json(result: Comparison) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
