"""Text, Markdown and JSON views of a Comparison."""

from __future__ import annotations

import json
from typing import Any

from checker.compare.comparison import Comparison, Estimate

VERDICT_LINES = {
    "better": "The candidate is better than the baseline",
    "worse": "The candidate is worse than the baseline",
    "no detectable difference at this sample size": (
        "No detectable difference at this sample size"
    ),
}


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
    return f"{value:.4f}" if value >= 0.0001 else f"{value:.2e}"


def comparison_rows(result: Comparison) -> list[tuple[str, str]]:
    """(label, value) pairs shared by the text and Markdown views and the web page."""
    kind = result.kind
    mde = result.minimum_detectable_effect
    rows = [
        (
            "Items",
            f"{result.items} ({kind}" + (f", metric {result.metric})" if result.metric else ")"),
        ),
        ("Baseline", _estimate(result.baseline, kind)),
        ("Candidate", _estimate(result.candidate, kind)),
        ("Difference (candidate - baseline)", _estimate(result.difference, kind, signed=True)),
    ]
    if result.counts:
        counts = result.counts
        rows.append(
            (
                "Agreement",
                f"both right {counts.both_right}, only baseline right {counts.only_baseline}, "
                f"only candidate right {counts.only_candidate}, both wrong {counts.both_wrong}",
            )
        )
    rows += [
        ("Test", f"{result.test.name}: p = {_p(result.test.p_value)} (alpha {result.alpha})"),
        (
            "Smallest detectable difference",
            ("not estimable" if mde.value is None else _signed(mde.value, kind).lstrip("+"))
            + f"  (80% power, two-sided alpha 0.05; {mde.formula})",
        ),
        ("Model intervals", result.baseline.method),
        ("Difference interval", result.difference.method),
    ]
    return rows


def verdict_sentence(result: Comparison) -> str:
    return f"{VERDICT_LINES[result.verdict]}."


def _ticks(
    low: float, high: float, kind: str, count: int, signed: bool = False
) -> list[tuple[float, str]]:
    show = _signed if signed else _share
    steps = count - 1
    return [
        (value, show(value, kind))
        for value in (low + (high - low) * i / steps for i in range(count))
    ]


def chart_data(result: Comparison) -> dict[str, Any]:
    """What the page's chart draws: each model's estimate and interval on one axis, the difference
    on a second axis centred on zero, and every label already formatted."""
    kind = result.kind
    models = (result.baseline, result.candidate)
    if kind == "pass/fail":
        low, high = 0.0, 1.0
    else:
        low = min(0.0, *(m.low for m in models))
        high = max(*(m.high for m in models), low + 1e-9)
    d = result.difference
    reach = max(abs(d.low), abs(d.high), abs(d.estimate), 1e-9)

    def bar(name: str, estimate: Estimate, signed: bool = False) -> dict[str, Any]:
        show = _signed if signed else _share
        return {
            "name": name,
            "estimate": estimate.estimate,
            "low": estimate.low,
            "high": estimate.high,
            "label": show(estimate.estimate, kind),
            "interval": f"95% interval {show(estimate.low, kind)} to {show(estimate.high, kind)}",
        }

    return {
        "models": {
            "axis": [low, high],
            "ticks": _ticks(low, high, kind, 5),
            "bars": [bar("Baseline", result.baseline), bar("Fine-tuned", result.candidate)],
        },
        "difference": {
            "axis": [-reach, reach],
            "ticks": _ticks(-reach, reach, kind, 3, signed=True),
            "bar": bar("Difference", d, signed=True),
        },
        "legend": [
            ("bar", "bar: each model's score"),
            ("interval", "line with end marks: its 95% interval"),
            ("point", "dot: the difference, fine-tuned minus baseline"),
            ("zero", "dashed line: no difference"),
        ],
        "title": (
            f"Baseline {_share(result.baseline.estimate, kind)}, fine-tuned "
            f"{_share(result.candidate.estimate, kind)}, difference "
            f"{_signed(d.estimate, kind)}; lines show 95% intervals"
        ),
    }


def comparison_text(result: Comparison) -> str:
    lines = [f"Verdict: {verdict_sentence(result)}", ""]
    rows = comparison_rows(result)
    width = max(len(label) for label, _ in rows) + 1
    lines += [f"{label + ':':<{width}} {value}" for label, value in rows]
    if result.notes:
        lines += ["", *(f"Note: {note}" for note in result.notes)]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def comparison_markdown(result: Comparison) -> str:
    lines = [
        "## Fine-tuned model against its baseline",
        "",
        f"**Verdict: {verdict_sentence(result)}**",
        "",
        "| | |",
        "|---|---|",
    ]
    lines += [f"| {label} | {_cell(value)} |" for label, value in comparison_rows(result)]
    if result.notes:
        lines += ["", *(f"- {note}" for note in result.notes)]
    return "\n".join(lines)


def comparison_json(result: Comparison) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
